// Limit: raw Node TCP over loopback. A sink server in its own process (as the broker is) reads
// and discards; this process writes `bytes` in 1 MiB buffers. MB/s is measured at the sink.
import { connect } from 'node:net';
import { join } from 'node:path';
import { killGroup, spawnGroup } from '../lib/processes.js';
import { mbPerSec } from '../lib/stats.js';

const CHUNK = 1024 * 1024;

export async function loopbackMbPerSec(bytes: number, timeoutMs = 120_000): Promise<number> {
  const sink = spawnGroup(process.execPath, [join(import.meta.dirname, 'loopback-sink.js')]);
  try {
    const lines = readLines(sink.stdout!);
    const port = Number(await withTimeout(lines.next(), timeoutMs));
    const buf = Buffer.alloc(CHUNK, 0x61);
    const socket = connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const deadline = performance.now() + timeoutMs;
    for (let sent = 0; sent < bytes && performance.now() < deadline; sent += CHUNK) {
      if (!socket.write(buf)) await new Promise((resolve) => socket.once('drain', resolve));
    }
    socket.end();
    const result = JSON.parse(await withTimeout(lines.next(), timeoutMs)) as { bytes: number; ms: number };
    socket.destroy();
    return mbPerSec(result.bytes, result.ms);
  } finally {
    killGroup(sink);
  }
}

/** Lines of a stream, one promise per line, in order. */
export function readLines(stream: NodeJS.ReadableStream): { next(): Promise<string> } {
  const ready: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  let partial = '';
  stream.on('data', (d: Buffer) => {
    partial += d.toString();
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      const w = waiting.shift();
      if (w) w(line);
      else ready.push(line);
    }
  });
  return {
    next: () => (ready.length > 0 ? Promise.resolve(ready.shift()!) : new Promise((resolve) => waiting.push(resolve))),
  };
}

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`loopback sink: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
