import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../src/tools/console-producer/line-splitter.js';

function split(chunks: string[]): string[] {
  const s = new LineSplitter();
  const out: string[] = [];
  for (const c of chunks) s.push(Buffer.from(c), (l) => out.push(l.toString()));
  s.end((l) => out.push(l.toString()));
  return out;
}

describe('LineSplitter (BufferedReader.readLine)', () => {
  it('ends lines at \\n, \\r and \\r\\n', () => {
    expect(split(['a\nb\r\nc\rd'])).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps empty lines but adds none after a final terminator', () => {
    expect(split(['\n\nx\n'])).toEqual(['', '', 'x']);
    expect(split([''])).toEqual([]);
  });

  it('joins lines across chunks, including a \\r\\n split between them', () => {
    expect(split(['ab', 'c\r', '\nd', 'e\n'])).toEqual(['abc', 'de']);
    expect(split(['a\r', '\r', 'b'])).toEqual(['a', '', 'b']);
  });

  it('splits large inputs with many lines', () => {
    const lines = Array.from({ length: 10000 }, (_, i) => `line-${i}`);
    expect(split([lines.join('\n').slice(0, 30000), lines.join('\n').slice(30000)])).toEqual(lines);
  });
});
