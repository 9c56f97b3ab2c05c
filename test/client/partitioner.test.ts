import { describe, expect, it } from 'vitest';
import { StickyPartitioner, murmur2, partitionForKey, toPositive } from '../../src/client/partitioner.js';

describe('murmur2', () => {
  it("matches Kafka's Utils.murmur2 test vectors", () => {
    const vectors: Array<[string, number]> = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
      ['', 275646681],
    ];
    for (const [input, hash] of vectors) expect(murmur2(Buffer.from(input))).toBe(hash);
  });

  it('places keys like the Java client', () => {
    expect(toPositive(-790332482)).toBe(1357151166);
    expect(partitionForKey(Buffer.from('foobar'), 50)).toBe(16);
  });
});

describe('StickyPartitioner', () => {
  it('sticks to one partition until batch.size bytes went to it, then moves to another', () => {
    const values = [0.0, 0.99];
    const sticky = new StickyPartitioner(3, 100, () => values.shift() ?? 0);
    expect(sticky.partition()).toBe(0);
    sticky.appended(60);
    expect(sticky.partition()).toBe(0);
    sticky.appended(60);
    // 120 bytes >= 100: another partition, never the same one (0 + 1 + floor(0.99 * 2)).
    expect(sticky.partition()).toBe(2);
  });

  it('stays on the only partition there is', () => {
    const sticky = new StickyPartitioner(1, 10);
    sticky.appended(100);
    expect(sticky.partition()).toBe(0);
  });
});
