import { describe, expect, it } from 'vitest';
import { rangeAssign } from '../../src/client/range-assignor.js';

describe('rangeAssign', () => {
  it("gives contiguous ranges in member-id order, extras to the first members (Kafka's RangeAssignor)", () => {
    expect(Object.fromEntries(rangeAssign(['c', 'a', 'b'], 7))).toEqual({ a: [0, 1, 2], b: [3, 4], c: [5, 6] });
    expect(Object.fromEntries(rangeAssign(['m'], 3))).toEqual({ m: [0, 1, 2] });
    expect(Object.fromEntries(rangeAssign(['a', 'b', 'c'], 2))).toEqual({ a: [0], b: [1], c: [] });
  });
});
