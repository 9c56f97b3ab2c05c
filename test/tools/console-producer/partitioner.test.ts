import { describe, expect, it } from 'vitest';
import { StickyPartitions, javaCompatiblePartitioner, murmur2, partitionForKey, toPositive } from '../../../src/tools/console-producer/partitioner.js';

describe('murmur2', () => {
  it('matches Kafka\'s Utils.murmur2 test vectors', () => {
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

describe('StickyPartitions', () => {
  it('sticks to one available partition until batch.size bytes went to it', () => {
    const values = [0.0, 0.99];
    const sticky = new StickyPartitions(100, () => values.shift() ?? 0);
    expect(sticky.next('t', [0, 1, 2], 3, 60)).toBe(0);
    expect(sticky.next('t', [0, 1, 2], 3, 60)).toBe(0);
    // 120 bytes >= 100: move to another partition (never the same one).
    expect(sticky.next('t', [0, 1, 2], 3, 10)).toBe(2);
  });

  it('uses any partition when none has a leader', () => {
    const sticky = new StickyPartitions(100, () => 0.5);
    expect(sticky.next('t', [], 4, 1)).toBe(2);
  });
});

describe('javaCompatiblePartitioner', () => {
  const partitionMetadata = Array.from({ length: 50 }, (_, partitionId) => ({ partitionId, leader: 1 }));
  const partition = javaCompatiblePartitioner(16384)();

  it('hashes keys and honours explicit partitions', () => {
    expect(partition({ topic: 't', partitionMetadata, message: { key: Buffer.from('foobar'), value: null } })).toBe(16);
    expect(partition({ topic: 't', partitionMetadata, message: { key: 'foobar', value: null } })).toBe(16);
    expect(partition({ topic: 't', partitionMetadata, message: { key: null, value: null, partition: 7 } })).toBe(7);
  });

  it('keeps keyless records together', () => {
    const first = partition({ topic: 'u', partitionMetadata, message: { key: null, value: Buffer.from('x') } });
    for (let i = 0; i < 10; i++) expect(partition({ topic: 'u', partitionMetadata, message: { key: null, value: Buffer.from('x') } })).toBe(first);
  });
});
