// `kt server start` with configs Kafka refuses: one line, exit 1, the log dir never created. And a
// typo'd key is reported, while a listener of any name mapped to PLAINTEXT is served and named.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { kt, requireBuiltCli } from '../../helpers/kt-process.js';
import { startServerProcess, waitExit, type ServerProcess } from '../../helpers/server-process.js';
import { produceValues, readAll } from '../../helpers/kcat.js';

const scratch = mkdtempSync(join(tmpdir(), 'kt-start-config-'));
let server: ServerProcess | undefined;
afterAll(() => {
  server?.child.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
});

const TIMESTAMP = String.raw`\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function refused(overrides: string[], message: string): Promise<void> {
  requireBuiltCli();
  const logDir = join(scratch, `never-${overrides.length}-${message.length}`);
  const r = await kt(['server', 'start', ...overrides.flatMap((o) => ['--override', o]), '--override', `log.dirs=${logDir}`]);
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('');
  expect(r.stdout.toString()).toMatch(new RegExp(`^${TIMESTAMP} ERROR Exiting Kafka due to fatal exception during startup\\. ${escape(message)} \\(kafka\\.Kafka\\)\\n$`));
  expect(existsSync(logDir)).toBe(false);
}

it('refuses a value of the wrong type or out of range', async () => {
  await refused(['num.partitions=abc'], 'Invalid value abc for configuration num.partitions: Not a number of type INT');
  await refused(['log.segment.bytes=10'], 'Invalid value 10 for configuration log.segment.bytes: Value must be at least 14');
});

it('refuses TLS and SASL listeners instead of serving plaintext on them', async () => {
  await refused(
    ['listeners=SASL_SSL://127.0.0.1:0'],
    'Listener SASL_SSL (SASL_SSL://127.0.0.1:0) uses security protocol SASL_SSL, which kt does not serve yet: only PLAINTEXT listeners can be started',
  );
  await refused(
    ['listeners=PLAINTEXT://127.0.0.1:0,SSL://127.0.0.1:0'],
    'Listener SSL (SSL://127.0.0.1:0) uses security protocol SSL, which kt does not serve yet: only PLAINTEXT listeners can be started',
  );
  await refused(['listeners=CLIENT://127.0.0.1:0'], "Error creating broker listeners from 'CLIENT://127.0.0.1:0': No security protocol defined for listener CLIENT");
});

it('warns about an unknown key and names its listener in the ready line', async () => {
  requireBuiltCli();
  const logDir = join(scratch, 'served');
  server = await startServerProcess([
    '--override', 'listener=PLAINTEXT://:9999',
    '--override', 'listeners=CLIENT://127.0.0.1:0',
    '--override', 'listener.security.protocol.map=CLIENT:PLAINTEXT',
    '--override', `log.dirs=${logDir}`,
  ]);
  expect(server.output()).toMatch(new RegExp(`^${TIMESTAMP} WARN The configuration 'listener' was supplied but isn't a known config\\. \\(kafka\\.server\\.KafkaConfig\\)$`, 'm'));
  expect(server.readyLine).toMatch(new RegExp(`^${TIMESTAMP} INFO \\[KafkaRaftServer nodeId=1\\] Kafka Server started, listening on CLIENT://127\\.0\\.0\\.1:\\d+ \\(kafka\\.server\\.KafkaRaftServer\\)$`));
  await produceValues(server.bootstrap, 'named', ['x', 'y']);
  expect(await readAll(server.bootstrap, 'named')).toEqual(['0|x', '1|y']);
  server.child.kill('SIGTERM');
  expect(await waitExit(server.child)).toBe(143);
});
