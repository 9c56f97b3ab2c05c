// Pre-generated record files for kcat -P -l: one record per line, each exactly `size` bytes.
// Records are slices of text made of words from a small vocabulary, so lz4 finds something to
// compress (as in log-like data) without the data being trivially repetitive.
import { closeSync, openSync, writeSync } from 'node:fs';

const WORDS = 'kafka broker topic partition offset record batch fetch produce consumer group leader epoch segment index append flush latency'.split(' ');

function sourceText(bytes: number): string {
  let seed = 12345;
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    seed = (seed * 1103515245 + 12345) >>> 0; // deterministic LCG: same file every run
    const word = WORDS[seed % WORDS.length]!;
    parts.push(word, seed % 7 === 0 ? '=' + (seed % 100000).toString(36) + ' ' : ' ');
    length += word.length + 8;
  }
  return parts.join('');
}

/** Writes `count` records of `size` bytes, newline-separated, to `path`. */
export function writePayloadFile(path: string, count: number, size: number): void {
  const slicer = recordSlicer(size);
  const fd = openSync(path, 'w');
  try {
    const perChunk = Math.max(1, Math.floor((4 * 1024 * 1024) / (size + 1)));
    for (let written = 0; written < count; ) {
      const n = Math.min(perChunk, count - written);
      const lines: string[] = new Array(n);
      for (let i = 0; i < n; i++) lines[i] = slicer();
      writeSync(fd, lines.join('\n') + '\n');
      written += n;
    }
  } finally {
    closeSync(fd);
  }
}

/** The records of a payload file, in order: each call returns the next `size`-byte record. */
export function recordSlicer(size: number): () => string {
  const source = sourceText(4 * 1024 * 1024);
  const maxStart = source.length - size;
  let start = 0;
  return () => {
    start = (start + 7919) % maxStart;
    return source.slice(start, start + size);
  };
}
