// A file redirected to kt console-producer's stdin is read into one reused buffer: lines that
// straddle reads (including a "\r\n" split between two reads) must arrive whole and in order.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker } from '../../../src/index.js';
import { kt, requireBuiltCli } from '../../helpers/kt-process.js';

const BIN = fileURLToPath(new URL('../../../bin/run.js', import.meta.url));
let broker: { bootstrap: string; close(): Promise<void> };

beforeAll(async () => {
  requireBuiltCli();
  broker = await startBroker({ port: 0 });
});

afterAll(async () => {
  await broker?.close();
});

function produceFromFile(file: string, topic: string): Promise<{ code: number | null; stderr: string }> {
  const fd = openSync(file, 'r');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'console-producer', '--bootstrap-server', broker.bootstrap, '--topic', topic], { stdio: [fd, 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => {
      closeSync(fd);
      resolve({ code, stderr });
    });
  });
}

describe('console producer reading a file', () => {
  it('sends every line of a file larger than one read, whole and in order', async () => {
    // Lines of 1 to 97 bytes, some ending in \r\n, about 3 reads of 256 KiB.
    const lines = Array.from({ length: 16_000 }, (_, i) => `${i}:${'x'.repeat(i % 97)}`);
    const text = lines.map((l, i) => l + (i % 3 === 0 ? '\r\n' : '\n')).join('');
    const file = join(mkdtempSync(join(tmpdir(), 'kt-file-input-')), 'lines.txt');
    writeFileSync(file, text);
    await kt(['topics', '--bootstrap-server', broker.bootstrap, '--create', '--topic', 'from-file']);
    expect(await produceFromFile(file, 'from-file')).toEqual({ code: 0, stderr: '' });
    const r = await kt(['console-consumer', '--bootstrap-server', broker.bootstrap, '--topic', 'from-file', '--partition', '0', '--offset', 'earliest', '--max-messages', String(lines.length)], { timeoutMs: 60_000 });
    expect(r.stdout.toString()).toBe(lines.map((l) => `${l}\n`).join(''));
  }, 90_000);
});
