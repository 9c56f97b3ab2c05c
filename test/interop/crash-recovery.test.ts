// kill -9 of the broker while kcat produces: after restart the log recovers, every offset
// below the high watermark is readable, and what is served is an exact prefix of what was sent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/run.js';
import { startServerProcess, waitExit, type ServerProcess } from '../helpers/server-process.js';

const KCAT = '/usr/bin/kcat';
const dataDir = mkdtempSync(join(tmpdir(), 'kt-crash-'));
let server: ServerProcess | undefined;

afterAll(() => {
  server?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('crash recovery', () => {
  it('recovers a log after kill -9 during produce', async () => {
    const args = ['--override', 'listeners=PLAINTEXT://127.0.0.1:0', '--override', `log.dirs=${dataDir}`, '--override', 'log.segment.bytes=1048576'];
    server = await startServerProcess(args);
    const bootstrap = server.bootstrap;
    await run(KCAT, ['-b', bootstrap, '-P', '-t', 'crash'], { input: 'seed\n' });

    // Produce continuously until the broker dies under it.
    const producer = spawn(KCAT, ['-b', bootstrap, '-P', '-t', 'crash', '-X', 'linger.ms=5', '-X', 'message.send.max.retries=0'], { stdio: ['pipe', 'ignore', 'ignore'] });
    producer.stdin.on('error', () => {});
    let i = 0;
    const feed = setInterval(() => {
      const lines: string[] = [];
      for (let k = 0; k < 2000; k++) lines.push(`value-${i++}-${'x'.repeat(100)}`);
      producer.stdin.write(lines.join('\n') + '\n');
    }, 5);
    await new Promise((r) => setTimeout(r, 1500));
    server.child.kill('SIGKILL');
    await waitExit(server.child);
    clearInterval(feed);
    producer.kill('SIGKILL');

    server = await startServerProcess(args);
    const consumed = await run(KCAT, ['-b', server.bootstrap, '-C', '-t', 'crash', '-e', '-o', 'beginning', '-f', '%o|%s\n'], { timeoutMs: 60_000 });
    expect(consumed.code).toBe(0);
    const rows = consumed.stdout.toString().trimEnd().split('\n');
    expect(rows[0]).toBe('0|seed');
    // Dense offsets, and values are exactly value-0, value-1, ... with nothing corrupt.
    for (let r = 1; r < rows.length; r++) {
      expect(rows[r]).toBe(`${r}|value-${r - 1}-${'x'.repeat(100)}`);
    }
    expect(rows.length).toBeGreaterThan(1000);

    const offsets = await run(KCAT, ['-b', server.bootstrap, '-Q', '-t', 'crash:0:-1']);
    expect(offsets.stdout.toString()).toBe(`crash [0] offset ${rows.length}\n`);
  }, 120_000);
});
