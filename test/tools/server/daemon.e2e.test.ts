// `kt server start -daemon` and `kt server stop`, as kafka-server-start.sh -daemon and Kafka 4's
// kafka-server-stop.sh. The CLI runs from a private copy of bin/run.js, a separate "install", so
// that `kt server stop` only sees the brokers this test starts (not those of tests running beside it).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { requireBuiltCli } from '../../helpers/kt-process.js';
import { produceValues, readAll } from '../../helpers/kcat.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'kt-daemon-'));
const install = join(scratch, 'install');
mkdirSync(join(install, 'bin'), { recursive: true });
copyFileSync(join(ROOT, 'bin', 'run.js'), join(install, 'bin', 'run.js'));
symlinkSync(join(ROOT, 'dist'), join(install, 'dist'));
symlinkSync(join(ROOT, 'oclif.manifest.json'), join(install, 'oclif.manifest.json')); // bin/run.js finds the tools in it

afterAll(async () => {
  // Whatever a failed assertion left running.
  await ktCopy(['server', 'stop'], { SIGNAL: 'KILL' });
  rmSync(scratch, { recursive: true, force: true });
});

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function ktCopy(args: string[], env: Record<string, string> = {}): Promise<Result> {
  const fullEnv: Record<string, string | undefined> = { ...process.env, ...env };
  if (!('LOG_DIR' in env)) delete fullEnv.LOG_DIR;
  const child = spawn(process.execPath, [join(install, 'bin', 'run.js'), ...args], { cwd: scratch, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Reads the daemon's console file until its ready line is there; returns the bootstrap address. */
async function readyIn(outFile: string): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const m = existsSync(outFile) ? /Kafka Server started, listening on PLAINTEXT:\/\/(\S+) \(kafka\.server\.KafkaRaftServer\)\n/.exec(readFileSync(outFile, 'utf8')) : null;
    if (m) return m[1]!;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ready line in ${outFile}: ${existsSync(outFile) ? readFileSync(outFile, 'utf8') : '(missing)'}`);
}

const brokerArgs = (nodeId: number, logDir: string) => [
  '--override', 'listeners=PLAINTEXT://127.0.0.1:0',
  '--override', `node.id=${nodeId}`,
  '--override', `log.dirs=${logDir}`,
];

it('starts detached brokers, stops them by node id or all, and says when there is nothing to stop', async () => {
  requireBuiltCli();
  const dir1 = join(scratch, 'data-1');
  const dir2 = join(scratch, 'data-2');
  const logDir = join(scratch, 'logs');

  // -daemon returns at once, silently; the console output is in the first log dir without $LOG_DIR.
  const started1 = await ktCopy(['server', 'start', '-daemon', ...brokerArgs(1, dir1)]);
  expect(started1).toEqual({ code: 0, stdout: '', stderr: '' });
  const started2 = await ktCopy(['server', 'start', '-daemon', ...brokerArgs(2, dir2)], { LOG_DIR: logDir });
  expect(started2).toEqual({ code: 0, stdout: '', stderr: '' });
  const bootstrap1 = await readyIn(join(dir1, 'kafkaServer.out'));
  const bootstrap2 = await readyIn(join(logDir, 'kafkaServer.out'));
  expect(existsSync(join(dir2, 'kafkaServer.out'))).toBe(false);
  await produceValues(bootstrap1, 'one', ['a', 'b']);
  await produceValues(bootstrap2, 'two', ['c']);

  // Only node 2 stops, cleanly; node 1 goes on serving.
  expect(await ktCopy(['server', 'stop', '--node-id=2'])).toEqual({ code: 0, stdout: '', stderr: '' });
  expect(existsSync(join(dir2, '.kafka_cleanshutdown'))).toBe(true);
  expect(readFileSync(join(logDir, 'kafkaServer.out'), 'utf8')).toMatch(/INFO \[KafkaRaftServer nodeId=2\] Kafka Server shut down \(kafka\.Kafka\)\n$/);
  expect(await readAll(bootstrap1, 'one')).toEqual(['0|a', '1|b']);

  // No broker has these process roles; node-id wins over process-role, as the script says.
  expect(await ktCopy(['server', 'stop', '--process-role=controller'])).toEqual({ code: 0, stdout: '', stderr: '' });
  expect(await ktCopy(['server', 'stop', '--process-role=broker', '--node-id=7'])).toEqual({
    code: 0,
    stdout: 'When both node-id and process-role are provided, the value for node-id will take precedence\n',
    stderr: '',
  });
  expect(existsSync(join(dir1, '.kafka_cleanshutdown'))).toBe(false);
  await produceValues(bootstrap1, 'one', ['d']);

  // Unfiltered: every broker of this install; the command returns once they have exited.
  expect(await ktCopy(['server', 'stop'])).toEqual({ code: 0, stdout: '', stderr: '' });
  expect(existsSync(join(dir1, '.kafka_cleanshutdown'))).toBe(true);
  expect(readFileSync(join(dir1, 'kafkaServer.out'), 'utf8')).toMatch(/INFO \[KafkaRaftServer nodeId=1\] Kafka Server shut down \(kafka\.Kafka\)\n$/);

  expect(await ktCopy(['server', 'stop'])).toEqual({ code: 1, stdout: 'No kafka server to stop\n', stderr: '' });
});

it('-daemon fails in the foreground, with one line, when the console file cannot be written', async () => {
  const r = await ktCopy(['server', 'start', '-daemon', '--override', 'log.dirs=/proc/kt-daemon']);
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('');
  expect(r.stdout).toMatch(
    /^\[[^\]]+\] ERROR Exiting Kafka due to fatal exception during startup\. Cannot open the console output file \/proc\/kt-daemon\/kafkaServer\.out: ENOENT: no such file or directory, mkdir '\/proc\/kt-daemon' \(kafka\.Kafka\)\n$/,
  );
});
