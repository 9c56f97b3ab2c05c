import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../src/protocol/errors.js';
import { Reader, Writer, ZERO_COPY_THRESHOLD } from '../../src/protocol/primitives.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
function written(f: (w: Writer) => void): string {
  const w = new Writer();
  f(w);
  return w.toBuffer().toString('hex');
}

describe('Writer and Reader', () => {
  it('fixed-width numbers are big-endian two\'s complement', () => {
    const out = written((w) => {
      w.int8(-2);
      w.bool(true);
      w.int16(-2);
      w.uint16(65535);
      w.int32(-2);
      w.uint32(0xfffffffe);
      w.int64(-2n);
      w.float64(1.5);
    });
    expect(out).toBe('fe' + '01' + 'fffe' + 'ffff' + 'fffffffe' + 'fffffffe' + 'fffffffffffffffe' + '3ff8000000000000');
    const r = new Reader(Buffer.from(out, 'hex'));
    expect([r.int8(), r.bool(), r.int16(), r.uint16(), r.int32(), r.uint32(), r.int64(), r.float64()]).toEqual([-2, true, -2, 65535, -2, 0xfffffffe, -2n, 1.5]);
    expect(r.remaining()).toBe(0);
  });

  it('reads any non-zero bool byte as true', () => {
    expect(new Reader(hex('02')).bool()).toBe(true);
  });

  it.each([
    [0, '00'],
    [1, '01'],
    [127, '7f'],
    [128, '8001'],
    [300, 'ac02'],
    [16384, '808001'],
    [0xffffffff, 'ffffffff0f'],
  ])('unsigned varint %i = %s', (value, bytes) => {
    expect(written((w) => w.uvarint(value))).toBe(bytes);
    expect(new Reader(hex(bytes)).uvarint()).toBe(value);
  });

  it.each([
    [0, '00'],
    [-1, '01'],
    [1, '02'],
    [-64, '7f'],
    [64, '8001'],
    [2147483647, 'feffffff0f'],
    [-2147483648, 'ffffffff0f'],
  ])('zigzag varint %i = %s', (value, bytes) => {
    expect(written((w) => w.varint(value))).toBe(bytes);
    expect(new Reader(hex(bytes)).varint()).toBe(value);
  });

  it.each([
    [0n, '00'],
    [-1n, '01'],
    [1n, '02'],
    [9223372036854775807n, 'feffffffffffffffff01'],
    [-9223372036854775808n, 'ffffffffffffffffff01'],
  ])('zigzag varlong %s', (value, bytes) => {
    expect(written((w) => w.varlong(value))).toBe(bytes);
    expect(new Reader(hex(bytes)).varlong()).toBe(value);
  });

  it('rejects varints longer than their width', () => {
    expect(() => new Reader(hex('ffffffffff01')).uvarint()).toThrow(ProtocolError);
    expect(() => new Reader(hex('ffffffff1f')).uvarint()).toThrow(ProtocolError); // 35 bits
    expect(() => new Reader(hex('80')).uvarint()).toThrow(/truncated/);
    expect(() => new Reader(hex('ffffffffffffffffffff01')).varlong()).toThrow(ProtocolError);
  });

  it('strings: int16 length or compact uvarint length+1, null as -1 / 0', () => {
    expect(written((w) => w.nullableString('hé'))).toBe('0003' + '68c3a9');
    expect(written((w) => w.nullableString(null))).toBe('ffff');
    expect(written((w) => w.compactNullableString('hé'))).toBe('04' + '68c3a9');
    expect(written((w) => w.compactNullableString(null))).toBe('00');
    expect(written((w) => w.compactNullableString(''))).toBe('01');
    const long = 'x'.repeat(200); // length prefix takes two varint bytes
    expect(written((w) => w.compactNullableString(long))).toBe('c901' + '78'.repeat(200));
    expect(new Reader(hex('c901' + '78'.repeat(200))).compactNullableString()).toBe(long);
    expect(new Reader(hex('0003 68c3a9')).nullableString()).toBe('hé');
    expect(new Reader(hex('ffff')).nullableString()).toBeNull();
    expect(new Reader(hex('00')).compactNullableString()).toBeNull();
  });

  it('rejects strings longer than 0x7fff bytes', () => {
    expect(() => written((w) => w.nullableString('x'.repeat(0x8000)))).toThrow(ProtocolError);
    expect(() => written((w) => w.compactNullableString('x'.repeat(0x8000)))).toThrow(ProtocolError);
    const compact = Buffer.concat([hex('818002'), Buffer.alloc(0x8000, 0x78)]); // length 0x8000
    expect(() => new Reader(compact).compactNullableString()).toThrow(/exceeds 32767/);
    expect(() => new Reader(hex('fffe')).nullableString()).toThrow(/negative/);
  });

  it('bytes are views of the input', () => {
    const buf = hex('00000003 010203 04 040506');
    const r = new Reader(buf);
    const a = r.nullableBytes()!;
    const b = r.compactNullableBytes()!;
    expect([a.toString('hex'), b.toString('hex')]).toEqual(['010203', '040506']);
    expect(a.buffer).toBe(buf.buffer);
    expect(new Reader(hex('ffffffff')).nullableBytes()).toBeNull();
    expect(new Reader(hex('00')).compactNullableBytes()).toBeNull();
  });

  it('uuids are 16 bytes, shown as 22-character base64url', () => {
    const bytes = '0123456789abcdeffedcba9876543210';
    const text = hex(bytes).toString('base64url');
    expect(text).toHaveLength(22);
    expect(written((w) => w.uuid(text))).toBe(bytes);
    expect(new Reader(hex(bytes)).uuid()).toBe(text);
    expect(written((w) => w.uuid('AAAAAAAAAAAAAAAAAAAAAA'))).toBe('00'.repeat(16));
    expect(() => written((w) => w.uuid('not-a-uuid'))).toThrow(ProtocolError);
  });

  it('array lengths: -1 is null, counts larger than the bytes left are rejected', () => {
    expect(new Reader(hex('ffffffff')).arrayLength()).toBe(-1);
    expect(new Reader(hex('00')).compactArrayLength()).toBe(-1);
    expect(new Reader(hex('00000002 0000')).arrayLength()).toBe(2);
    expect(() => new Reader(hex('00000003 0000')).arrayLength()).toThrow(/exceeds/);
    expect(() => new Reader(hex('7fffffff')).arrayLength()).toThrow(ProtocolError);
    expect(() => new Reader(hex('04 0000')).compactArrayLength()).toThrow(ProtocolError);
    expect(() => new Reader(hex('fffffffe')).arrayLength()).toThrow(/negative/);
  });

  it('truncation is a ProtocolError, never a RangeError', () => {
    for (const read of [(r: Reader) => r.int8(), (r: Reader) => r.int16(), (r: Reader) => r.int32(), (r: Reader) => r.int64(), (r: Reader) => r.uuid()]) {
      expect(() => read(new Reader(hex('')))).toThrow(ProtocolError);
    }
    expect(() => new Reader(hex('0005 6162')).nullableString()).toThrow(ProtocolError);
    expect(() => new Reader(hex('00000005 6162')).nullableBytes()).toThrow(ProtocolError);
    // A reader limited to a window does not read past its end.
    expect(() => new Reader(hex('00000001'), 0, 2).int32()).toThrow(ProtocolError);
  });
});

describe('Writer chunking', () => {
  it('grows across buffers without losing or reordering bytes', () => {
    const w = new Writer(8);
    for (let i = 0; i < 1000; i++) {
      w.int32(i);
      w.compactNullableString(`s${i}`);
    }
    const r = new Reader(w.toBuffer());
    for (let i = 0; i < 1000; i++) {
      expect(r.int32()).toBe(i);
      expect(r.compactNullableString()).toBe(`s${i}`);
    }
    expect(r.remaining()).toBe(0);
  });

  it('keeps large values by reference and copies small ones', () => {
    const big = Buffer.alloc(ZERO_COPY_THRESHOLD, 7);
    const small = Buffer.alloc(ZERO_COPY_THRESHOLD - 1, 8);
    const w = new Writer();
    const size = w.reserveInt32();
    w.nullableBytes(big);
    w.nullableBytes(small);
    w.int8(1);
    w.fillInt32(size, w.length - 4);
    const chunks = w.finish();
    expect(chunks[1]).toBe(big); // after the size and big's length
    expect(chunks.filter((c) => c === small || c.buffer === small.buffer)).toHaveLength(0);
    const all = Buffer.concat(chunks);
    expect(all.readInt32BE(0)).toBe(4 + big.length + 4 + small.length + 1);
    expect(all.length).toBe(4 + all.readInt32BE(0));
  });

  it('fills a reserved slot even after the writer moved to a new buffer', () => {
    const w = new Writer(8);
    const slot = w.reserveInt32();
    for (let i = 0; i < 100; i++) w.int64(BigInt(i));
    w.fillInt32(slot, 12345);
    const out = w.toBuffer();
    expect(out.readInt32BE(0)).toBe(12345);
    expect(out.readBigInt64BE(4 + 99 * 8)).toBe(99n);
  });
});
