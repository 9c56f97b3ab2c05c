// `kt server start | head -1`: the broker outlives its console. Its stdout and stderr pipes are
// closed after the ready line, more log lines follow (topic creation), and it still serves.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { requireBuiltCli } from '../../helpers/kt-process.js';
import { startServerProcess, waitExit, type ServerProcess } from '../../helpers/server-process.js';
import { produceValues, readAll } from '../../helpers/kcat.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kt-console-'));
let server: ServerProcess | undefined;
afterAll(() => {
  server?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

it('keeps serving after its stdout and stderr pipes are closed', async () => {
  requireBuiltCli();
  server = await startServerProcess(['--override', 'listeners=PLAINTEXT://127.0.0.1:0', '--override', `log.dirs=${dataDir}`]);
  server.child.stdout!.destroy();
  server.child.stderr!.destroy();

  // Each auto-created topic logs a line to the closed stdout.
  for (const topic of ['after-1', 'after-2', 'after-3']) await produceValues(server.bootstrap, topic, [`${topic}-a`, `${topic}-b`]);
  for (const topic of ['after-1', 'after-2', 'after-3']) {
    expect(await readAll(server.bootstrap, topic)).toEqual([`0|${topic}-a`, `1|${topic}-b`]);
  }
  expect(server.child.exitCode).toBe(null);

  // The shutdown logs too, and still ends as a SIGTERM shutdown, not a crash.
  server.child.kill('SIGTERM');
  expect(await waitExit(server.child)).toBe(143);
});
