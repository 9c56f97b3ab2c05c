// What scripts rely on, in every tool: a closed pipe ends the tool quietly with exit 0, errors
// are one line, unreachable clusters fail fast and say why, removed options get one hint line,
// --version works; and on a terminal only, colors and progress (pipes get Kafka's bytes).
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../src/index.js';
import { kt, requireBuiltCli } from '../helpers/kt-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let broker: StartedBroker;

/**
 * Runs a bash command line asynchronously (the broker runs in this process: a synchronous spawn
 * would stop it from answering).
 */
function bash(command: string, env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { cwd: ROOT, env: { ...process.env, DEBUG: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs `kt <args> | <reader>`; returns kt's own exit status (PIPESTATUS) and both streams. */
async function pipeline(args: string, reader: string): Promise<{ ktStatus: number; stdout: string; stderr: string }> {
  const r = await bash(`node bin/run.js ${args} | ${reader}; exit \${PIPESTATUS[0]}`);
  return { ktStatus: r.status!, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  requireBuiltCli();
  broker = await startBroker({ port: 0 });
  // Enough topics and groups that the output is longer than the pipe reader wants.
  for (let i = 0; i < 40; i++) {
    expect((await kt(['topics', '--bootstrap-server', broker.bootstrap, '--create', '--topic', `t${String(i).padStart(2, '0')}`, '--partitions', '4'])).code).toBe(0);
  }
  for (let i = 0; i < 5; i++) {
    await kt(['console-consumer', '--bootstrap-server', broker.bootstrap, '--topic', 't00', '--group', `g${i}`, '--timeout-ms', '500']);
  }
}, 180_000);

afterAll(async () => {
  await broker?.close();
});

describe('a reader that goes away (EPIPE)', () => {
  const b = () => `--bootstrap-server ${broker.bootstrap}`;
  it.each([
    ['topics --list', 'head -1', '__consumer_offsets\n'],
    ['topics --describe', 'head -1', undefined],
    ['log-dirs --describe', 'head -1', 'Querying brokers for log directories information\n'],
    ['configs --describe --entity-type topics', 'head -1', undefined],
    ['consumer-groups --list', 'head -c1', 'g'],
    ['get-offsets', 'head -1', undefined],
    ['broker-api-versions', 'head -1', undefined],
    ['topics --list --json', 'head -1', '{\n'],
  ])('kt %s | %s: exit 0, nothing on stderr', async (args, reader, expected) => {
    const [tool, ...rest] = args.split(' ');
    const r = await pipeline(`${tool} ${b()} ${rest.join(' ')}`, reader);
    expect(r.stderr).toBe('');
    expect(r.ktStatus).toBe(0);
    if (expected !== undefined) expect(r.stdout).toBe(expected);
  });
});

describe('unreachable clusters', () => {
  let silent: Server;
  let silentPort: number;
  beforeAll(async () => {
    // Accepts connections and never answers: a request timeout.
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as { port: number }).port;
  });
  afterAll(() => silent.close());

  it('a refused connection fails at once, naming host:port', async () => {
    const started = Date.now();
    const r = await kt(['topics', '--bootstrap-server', '127.0.0.1:1', '--list']);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.code).toBe(1);
    expect(r.stdout.toString()).toBe('Error while executing topic command : Connection to node -1 (127.0.0.1:1) could not be established. Node may not be available.\n');
  });

  it('a host that cannot be resolved says so, at once', async () => {
    const started = Date.now();
    const r = await kt(['get-offsets', '--bootstrap-server', 'no-such-host.invalid:9092']);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("Error occurred: Couldn't resolve server no-such-host.invalid:9092 from bootstrap.servers as DNS resolution failed for no-such-host.invalid\n");
  });

  it('a timeout names the timeout: its config key and milliseconds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kt-timeout-'));
    writeFileSync(join(dir, 'admin.properties'), 'default.api.timeout.ms=800\n');
    const r = await kt(['topics', '--bootstrap-server', `127.0.0.1:${silentPort}`, '--list', '--command-config', join(dir, 'admin.properties')]);
    expect(r.code).toBe(1);
    expect(r.stdout.toString()).toBe(
      `Error while executing topic command : Timed out after 800 ms (default.api.timeout.ms) waiting for node -1 (127.0.0.1:${silentPort}) to answer: is it a Kafka listener?\n`,
    );
  });

  it('errors are one line; --verbose adds the stack trace', async () => {
    const plain = await kt(['log-dirs', '--bootstrap-server', '127.0.0.1:1', '--describe']);
    expect(plain.stderr).toBe('Connection to node -1 (127.0.0.1:1) could not be established. Node may not be available.\n');
    const verbose = await kt(['log-dirs', '--bootstrap-server', '127.0.0.1:1', '--describe', '--verbose']);
    expect(verbose.stderr).toMatch(/^ClusterUnreachableError: Connection to node -1 .*\n {4}at /);
  });
});

describe('--zookeeper and --broker-list', () => {
  const zk = 'kt has no ZooKeeper mode (neither has Kafka 4): use --bootstrap-server <host:port> to reach the cluster.';
  const bl = 'kt has no --broker-list here (Kafka 4 removed it): use --bootstrap-server <host:port> to reach the cluster.';
  it.each([
    ['topics', 'zookeeper is not a recognized option'],
    ['consumer-groups', 'zookeeper is not a recognized option'],
    ['get-offsets', 'Error occurred: zookeeper is not a recognized option'],
    ['log-dirs', 'zookeeper is not a recognized option'],
    ['console-producer', 'zookeeper is not a recognized option'],
    ['consumer-perf-test', 'zookeeper is not a recognized option'],
  ])('%s --zookeeper: the tool\'s error line then the hint, no option table', async (tool, first) => {
    const r = await kt([tool, '--zookeeper', 'localhost:2181']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${first}\n${zk}\n`);
  });
  it.each([
    ['topics', 'broker-list is not a recognized option'],
    ['console-producer', 'broker-list is not a recognized option'],
    ['console-consumer', 'broker-list is not a recognized option'],
    ['delete-records', 'broker-list is not a recognized option'],
  ])('%s --broker-list: one line and the hint (no 148-line table)', async (tool, first) => {
    const r = await kt([tool, '--broker-list', 'localhost:9092']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${first}\n${bl}\n`);
  });
  it('configs keeps its own --zookeeper answers (Kafka\'s tool defines the option)', async () => {
    const r = await kt(['configs', '--zookeeper', 'x', '--describe', '--entity-type', 'topics']);
    expect(r.stderr).toBe('Invalid entity type topics, the entity type must be one of users, brokers with a --zookeeper argument\n');
  });
});

describe('--version', () => {
  it.each(['topics', 'consumer-groups', 'configs', 'get-offsets', 'log-dirs', 'broker-api-versions', 'delete-records', 'producer-perf-test', 'consumer-perf-test', 'e2e-latency', 'dump-log', 'console-producer', 'console-consumer', 'server start', 'server stop'])(
    'kt %s --version',
    async (tool) => {
      const r = await kt([...tool.split(' '), '--version']);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout.toString()).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
    },
  );
});

describe('terminal only', () => {
  it('FORCE_COLOR colors ERROR lines; NO_COLOR and pipes get the plain bytes', async () => {
    const args = ['dump-log', '--files', '/nonexistent/00000000000000000000.log'];
    const plain = await kt(args);
    const forced = await kt(args, { env: { FORCE_COLOR: '1' } });
    const none = await kt(args, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(plain.stderr).not.toContain('\u001b[');
    expect(none.stderr).toBe(plain.stderr);
    expect(plain.stdout.toString()).toBe(forced.stdout.toString());
    // A WARN/ERROR-less first line stays plain; the exception line is red.
    expect(forced.stderr).toContain('\u001b[31m');
    expect(forced.stderr.replace(/\u001b\[\d+m/g, '')).toBe(plain.stderr);
  });

  it('on a pseudo-terminal (script), stdout bytes are Kafka\'s and the spinner never shows for a fast command', async () => {
    const r = await bash(`script -qfec 'node bin/run.js topics --bootstrap-server ${broker.bootstrap} --list --exclude-internal' /dev/null`);
    expect(r.status).toBe(0);
    const lines = r.stdout.replace(/\r\n/g, '\n').split('\n');
    expect(lines.slice(0, 2)).toEqual(['t00', 't01']);
    expect(r.stdout).not.toContain('Connecting');
  });

  it('a spinner shows on a terminal while connecting, and is gone before the error line', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const dir = mkdtempSync(join(tmpdir(), 'kt-spinner-'));
    writeFileSync(join(dir, 'admin.properties'), 'default.api.timeout.ms=1000\n');
    const args = `topics --bootstrap-server 127.0.0.1:${port} --list --command-config ${join(dir, 'admin.properties')}`;
    try {
      // `script` opens a terminal of 0 columns: give it a width, as a real terminal has; CI (set by .ci/run) keeps spinners off, as ora does.
      const tty = await bash(`script -qfec 'stty cols 100; env -u CI node bin/run.js ${args}' /dev/null`);
      expect(tty.stdout).toContain(`Connecting to 127.0.0.1:${port}`);
      const error = `Error while executing topic command : Timed out after 1000 ms (default.api.timeout.ms) waiting for node -1 (127.0.0.1:${port}) to answer: is it a Kafka listener?`;
      // The spinner's line is cleared (ESC [0K) right before the error is written.
      expect(tty.stdout).toMatch(new RegExp(`Connecting to 127\\.0\\.0\\.1:${port}\u001b\\[1G\u001b\\[0K(\u001b\\[\\?25h)?${error.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      const piped = await bash(`node bin/run.js ${args} 2>&1 | cat`);
      expect(piped.stdout).toBe(`${error}\n`);
    } finally {
      silent.close();
    }
  });

  it('the broker colors its ready line only on a terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kt-color-'));
    const script = `timeout 6 node bin/run.js server start --override log.dirs=${dir} --override listeners=PLAINTEXT://127.0.0.1:0 || true`;
    const tty = spawnSync('script', ['-qfec', script, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    expect(tty.stdout).toMatch(/\u001b\[32m\[[^\]]+\] INFO \[KafkaRaftServer nodeId=\d+\] Kafka Server started, listening on PLAINTEXT:\/\/127\.0\.0\.1:\d+ \(kafka\.server\.KafkaRaftServer\)\u001b\[39m/);
    const dir2 = mkdtempSync(join(tmpdir(), 'kt-color-'));
    const piped = spawnSync('bash', ['-c', `timeout 6 node bin/run.js server start --override log.dirs=${dir2} --override listeners=PLAINTEXT://127.0.0.1:0 | cat`], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    expect(piped.stdout).toMatch(/\] INFO \[KafkaRaftServer nodeId=\d+\] Kafka Server started/);
    expect(piped.stdout).not.toContain('\u001b[');
  }, 60_000);
});
