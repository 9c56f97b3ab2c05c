import { describe, expect, it } from 'vitest';
import { javaStringHashCode, offsetsPartitionFor } from '../../../src/broker/groups/partition-for.js';

describe('__consumer_offsets partition of a group', () => {
  it('hashes like Java String.hashCode, over UTF-16 code units with 32-bit wrap-around', () => {
    expect(javaStringHashCode('')).toBe(0);
    expect(javaStringHashCode('hello')).toBe(99162322);
    expect(javaStringHashCode('é')).toBe(233);
    expect(javaStringHashCode('😀')).toBe(0xd83d * 31 + 0xde00);
    expect(javaStringHashCode('polygenelubricants')).toBe(-2147483648);
    expect(javaStringHashCode('my-group')).toBe(-1906497762);
  });

  it('is abs(hash) % partitions, with Integer.MIN_VALUE mapping to 0 as Kafka’s Utils.abs does', () => {
    expect(offsetsPartitionFor('hello', 50)).toBe(99162322 % 50);
    expect(offsetsPartitionFor('polygenelubricants', 50)).toBe(0);
    expect(offsetsPartitionFor('my-group', 50)).toBe(12);
  });
});
