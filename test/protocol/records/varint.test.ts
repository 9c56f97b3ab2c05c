import { describe, expect, it } from 'vitest';
import { readVarint, readVarlong, sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from '../../../src/protocol/records/varint.js';

function encodeVarint(value: number): string {
  const buf = Buffer.alloc(5);
  const end = writeVarint(buf, value, 0);
  expect(end).toBe(sizeOfVarint(value));
  return buf.subarray(0, end).toString('hex');
}

function encodeVarlong(value: number): string {
  const buf = Buffer.alloc(10);
  const end = writeVarlong(buf, value, 0);
  expect(end).toBe(sizeOfVarlong(value));
  return buf.subarray(0, end).toString('hex');
}

describe('zigzag varints', () => {
  it('encodes varints as protobuf sint32 does', () => {
    expect(encodeVarint(0)).toBe('00');
    expect(encodeVarint(-1)).toBe('01');
    expect(encodeVarint(1)).toBe('02');
    expect(encodeVarint(-64)).toBe('7f');
    expect(encodeVarint(64)).toBe('8001');
    expect(encodeVarint(300)).toBe('d804');
    expect(encodeVarint(2147483647)).toBe('feffffff0f');
    expect(encodeVarint(-2147483648)).toBe('ffffffff0f');
  });

  it('encodes varlongs beyond 32 bits', () => {
    expect(encodeVarlong(-1)).toBe('01');
    expect(encodeVarlong(2 ** 31)).toBe('8080808010');
    expect(encodeVarlong(1_700_000_000_000)).toBe('80a0abfef962');
    expect(encodeVarlong(-(2 ** 52))).toBe('ffffffffffffff0f');
    expect(encodeVarlong(2 ** 52 - 1)).toBe('feffffffffffff0f');
  });

  it('reads back what it writes and advances the cursor', () => {
    const values = [0, 1, -1, 63, -64, 64, 8191, -8192, 2147483647, -2147483648];
    const buf = Buffer.alloc(values.length * 5);
    let pos = 0;
    for (const v of values) pos = writeVarint(buf, v, pos);
    const cursor = { pos: 0 };
    expect(values.map(() => readVarint(buf, cursor))).toEqual(values);
    expect(cursor.pos).toBe(pos);

    const longs = [0, -1, 1_700_000_000_000, -1_700_000_000_000, 2 ** 52 - 1, -(2 ** 52)];
    const lbuf = Buffer.alloc(longs.length * 10);
    pos = 0;
    for (const v of longs) pos = writeVarlong(lbuf, v, pos);
    const lcursor = { pos: 0 };
    expect(longs.map(() => readVarlong(lbuf, lcursor))).toEqual(longs);
    expect(lcursor.pos).toBe(pos);
  });

  it('rejects truncated and overlong varints', () => {
    expect(() => readVarint(Buffer.from('80', 'hex'), { pos: 0 })).toThrow(RangeError);
    expect(() => readVarint(Buffer.from('ffffffffff01', 'hex'), { pos: 0 })).toThrow(RangeError);
    expect(() => readVarlong(Buffer.from('ffffffffffffffffffff01', 'hex'), { pos: 0 })).toThrow(RangeError);
  });
});
