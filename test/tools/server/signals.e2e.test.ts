// SIGTERM the moment the ready line appears, and SIGTERM twice: either way the broker shuts down
// cleanly (exit 143, clean-shutdown marker written), as Kafka's shutdown hook does. Tools that stop
// a broker as soon as it is ready (the bench, scripts) rely on it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { requireBuiltCli } from '../../helpers/kt-process.js';
import { waitExit } from '../../helpers/server-process.js';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'run.js');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Starts a broker and sends `signals` SIGTERMs in the same tick as its ready line arrives. */
async function terminateAtReady(signals: number): Promise<{ code: number | null; marker: boolean; output: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kt-signals-'));
  dirs.push(dataDir);
  const child = spawn(process.execPath, [BIN, 'server', 'start', '--override', 'listeners=PLAINTEXT://127.0.0.1:0', '--override', `log.dirs=${dataDir}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let sent = false;
  child.stdout!.on('data', (d: Buffer) => {
    output += d.toString();
    if (!sent && output.includes('Kafka Server started')) {
      sent = true;
      for (let i = 0; i < signals; i++) child.kill('SIGTERM');
    }
  });
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const code = await waitExit(child);
  return { code, marker: existsSync(join(dataDir, '.kafka_cleanshutdown')), output };
}

it('a SIGTERM at the ready line shuts down cleanly', async () => {
  requireBuiltCli();
  const r = await terminateAtReady(1);
  expect(r.code, r.output).toBe(143);
  expect(r.marker).toBe(true);
  expect(r.output).toMatch(/INFO Received SIGTERM, shutting down \(kafka\.Kafka\)\n.*Kafka Server shut down \(kafka\.Kafka\)\n$/);
});

it('a second SIGTERM during the shutdown is ignored, not a kill', async () => {
  requireBuiltCli();
  const r = await terminateAtReady(3);
  expect(r.code, r.output).toBe(143);
  expect(r.marker).toBe(true);
  expect(r.output.match(/Received SIGTERM/g)).toHaveLength(1);
});
