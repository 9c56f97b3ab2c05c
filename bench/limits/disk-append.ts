// Limit: raw append of a byte volume to a file in the OS temp dir (the disk the broker's data
// dirs are on), with fs.writeSync of the chunk size a produce batch has. Page cache, no fsync,
// as the broker writes by default; the second figure adds one fsync at the end.
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mbPerSec } from '../lib/stats.js';

export interface DiskAppendLimit {
  noFsync: number;
  fsyncAtEnd: number;
}

export function diskAppendMbPerSec(bytes: number, chunkSize: number, timeoutMs = 300_000): DiskAppendLimit {
  const dir = mkdtempSync(join(tmpdir(), 'kt-bench-disk-'));
  try {
    const chunk = Buffer.alloc(chunkSize, 0x62);
    const once = (fsync: boolean, name: string): number => {
      const fd = openSync(join(dir, name), 'a');
      const start = performance.now();
      const deadline = start + timeoutMs;
      let written = 0;
      try {
        while (written < bytes && performance.now() < deadline) written += writeSync(fd, chunk);
        if (fsync) fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return mbPerSec(written, performance.now() - start);
    };
    const noFsync = once(false, 'append-1.log');
    const fsyncAtEnd = once(true, 'append-2.log');
    return { noFsync, fsyncAtEnd };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
