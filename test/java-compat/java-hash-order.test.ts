import { describe, expect, it } from 'vitest';
import { capacityAfterPuts, capacityOfCopy, describeTopicsOrder, iterationOrder, javaStringHash } from '../../src/java-compat/java-hash-order.js';

describe('javaStringHash', () => {
  it('equals Java String.hashCode', () => {
    expect(javaStringHash('')).toBe(0);
    expect(javaStringHash('a')).toBe(97);
    expect(javaStringHash('hello')).toBe(99162322);
    // Overflows wrap to negative 32-bit values.
    expect(javaStringHash('polygenelubricants')).toBe(-2147483648);
    expect(javaStringHash('Aa')).toBe(javaStringHash('BB'));
  });
});

describe('HashMap sizing', () => {
  it('follows tableSizeFor and the 0.75 load factor', () => {
    expect(capacityAfterPuts(1, 1)).toBe(2);
    expect(capacityAfterPuts(2, 2)).toBe(4);
    expect(capacityAfterPuts(3, 3)).toBe(4);
    expect(capacityAfterPuts(4, 4)).toBe(8);
    expect(capacityAfterPuts(7, 7)).toBe(16);
    expect(capacityAfterPuts(16, 5)).toBe(16);
    expect(capacityOfCopy(3)).toBe(8);
    expect(capacityOfCopy(12)).toBe(32);
  });
});

describe('iterationOrder', () => {
  it('visits buckets in index order and keeps insertion order inside a bucket', () => {
    // 'a' = 97 -> bucket 1 of 4, 'b' = 98 -> bucket 2, 'd' = 100 -> bucket 0.
    expect(iterationOrder(['a', 'b', 'd'], 4)).toEqual(['d', 'a', 'b']);
    // "Aa" and "BB" collide: insertion order decides.
    expect(iterationOrder(['BB', 'Aa'], 16)).toEqual(['BB', 'Aa']);
    expect(iterationOrder(['Aa', 'BB'], 16)).toEqual(['Aa', 'BB']);
  });

  it('orders describe output like the Admin client result map', () => {
    expect(describeTopicsOrder(['only'])).toEqual(['only']);
    // "t1".."t3" hash to 3645..3647: buckets 1..3 of 4, sorted order survives.
    expect(describeTopicsOrder(['t1', 't2', 't3'])).toEqual(['t1', 't2', 't3']);
    // 'a', 'b', 'd' land in buckets 1, 2 and 0 of the 4-bucket result map.
    expect(describeTopicsOrder(['a', 'b', 'd'])).toEqual(['d', 'a', 'b']);
  });
});
