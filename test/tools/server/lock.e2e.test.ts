// Two `kt server start` processes on one log dir: the second exits 1 with Kafka's LogManager
// message, leaves the dir as it found it, and the first goes on serving the same data.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { kt, requireBuiltCli } from '../../helpers/kt-process.js';
import { startServerProcess, waitExit, type ServerProcess } from '../../helpers/server-process.js';
import { produceValues, readAll } from '../../helpers/kcat.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kt-lock-e2e-'));
let first: ServerProcess | undefined;
afterAll(() => {
  first?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

it('a second broker on a used log dir exits 1 and the first keeps serving', async () => {
  requireBuiltCli();
  const args = ['--override', 'listeners=PLAINTEXT://127.0.0.1:0', '--override', `log.dirs=${dataDir}`];
  first = await startServerProcess(args);
  await produceValues(first.bootstrap, 'orders', ['o1', 'o2', 'o3']);
  // The first broker's own writeback (every second) adds recovery-point-offset-checkpoint once the
  // appends are fsynced: wait for it, so the listing below only changes if the second broker writes.
  await until(() => existsSync(join(dataDir, 'recovery-point-offset-checkpoint')));
  const before = readdirSync(dataDir).sort();

  const second = await kt(['server', 'start', ...args]);
  expect(second.code).toBe(1);
  expect(second.stderr).toBe('');
  const lines = second.stdout.toString().split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    new RegExp(
      `^\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}\\] ERROR Exiting Kafka due to fatal exception during startup\\. ` +
        `Failed to acquire lock on file \\.lock in ${dataDir}\\. A Kafka instance in another process or thread is using this directory\\. \\(kafka\\.Kafka\\)$`,
    ),
  );

  expect(readdirSync(dataDir).sort()).toEqual(before);
  await produceValues(first.bootstrap, 'orders', ['o4']);
  expect(await readAll(first.bootstrap, 'orders')).toEqual(['0|o1', '1|o2', '2|o3', '3|o4']);

  first.child.kill('SIGTERM');
  expect(await waitExit(first.child)).toBe(143);
  first = await startServerProcess(args);
  expect(await readAll(first.bootstrap, 'orders')).toEqual(['0|o1', '1|o2', '2|o3', '3|o4']);
});

async function until(condition: () => boolean, attempts = 200): Promise<void> {
  for (let i = 0; i < attempts && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!condition()) throw new Error('condition not reached');
}
