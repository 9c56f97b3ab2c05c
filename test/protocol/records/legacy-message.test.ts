// Message formats v0/v1 (magic 0 and 1): exact bytes against an independent writer (kafka-python
// 2.0.2's LegacyRecordBatchBuilder produced the reference hex below), wrappers, and the lz4
// header-checksum quirk of magic 0.
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { CompressionType, compressLegacy, decompress } from '../../../src/protocol/records/compression/index.js';
import { xxhash32 } from '../../../src/protocol/records/compression/xxhash32.js';
import { LegacyRecordError, encodeLegacyMessageSet, readLegacyMessage, readWrapper, writeLegacyMessage } from '../../../src/protocol/records/legacy-message.js';

const T = 1_700_000_000_000;
const records = [
  { offset: 0, timestamp: T, key: Buffer.from('k1'), value: Buffer.from('v1') },
  { offset: 1, timestamp: T + 5, key: null, value: Buffer.from('value-2') },
];
// LegacyRecordBatchBuilder(magic, compression_type=0).append(0, T, b'k1', b'v1').append(1, T + 5, None, b'value-2')
const KAFKA_PYTHON_V0 =
  '00000000000000000000001257e7496e0000000000026b3100000002763100000000000000010000001501d4f5140000ffffffff0000000776616c75652d32';
const KAFKA_PYTHON_V1 =
  '00000000000000000000001aa5da6a6201000000018bcfe56800000000026b3100000002763100000000000000010000001d9456eae401000000018bcfe56805ffffffff0000000776616c75652d32';

describe('legacy messages', () => {
  it('writes magic 0 and magic 1 messages byte for byte as kafka-python does, CRC-32 included', () => {
    expect(encodeLegacyMessageSet(records, { magic: 0, codec: CompressionType.None, logAppendTime: null }).toString('hex')).toBe(KAFKA_PYTHON_V0);
    expect(encodeLegacyMessageSet(records, { magic: 1, codec: CompressionType.None, logAppendTime: null }).toString('hex')).toBe(KAFKA_PYTHON_V1);
    // The CRC is Java's CRC32 (zlib's) over magic..end of each message.
    const v1 = Buffer.from(KAFKA_PYTHON_V1, 'hex');
    expect(v1.readUInt32BE(12)).toBe(crc32(v1.subarray(16, 12 + 26)));
  });

  it('reads back offsets, timestamps, keys and values (magic 0 has no timestamp)', () => {
    const v0 = Buffer.from(KAFKA_PYTHON_V0, 'hex');
    expect(readLegacyMessage(v0, 0, 30)).toMatchObject({ offset: 0, size: 30, crc: 0x57e7496e, magic: 0, attributes: 0, timestamp: -1, key: Buffer.from('k1'), value: Buffer.from('v1') });
    const v1 = Buffer.from(KAFKA_PYTHON_V1, 'hex');
    expect(readLegacyMessage(v1, 38, 41)).toMatchObject({ offset: 1, magic: 1, timestamp: T + 5, key: null, value: Buffer.from('value-2') });
    // Lengths that overrun the message are refused.
    const bad = Buffer.from(v1.subarray(0, 38));
    bad.writeInt32BE(100, 30);
    expect(readLegacyMessage(bad, 0, 38)).toBeNull();
  });

  it('stamps LogAppendTime on every magic 1 message with the timestamp-type attribute', () => {
    const set = encodeLegacyMessageSet(records, { magic: 1, codec: CompressionType.None, logAppendTime: T + 99 });
    expect(readLegacyMessage(set, 0, 38)).toMatchObject({ attributes: 0x08, timestamp: T + 99 });
    expect(readLegacyMessage(set, 38, 41)).toMatchObject({ attributes: 0x08, timestamp: T + 99 });
  });

  it('wraps magic 1 records in one compressed message: last offset outside, relative offsets inside', () => {
    const recs = [
      { offset: 10, timestamp: T + 2, key: null, value: Buffer.from('a') },
      { offset: 12, timestamp: T + 1, key: null, value: Buffer.from('b') },
    ];
    const wrapper = encodeLegacyMessageSet(recs, { magic: 1, codec: CompressionType.Gzip, logAppendTime: null });
    const outer = readLegacyMessage(wrapper, 0, wrapper.length)!;
    // Offset 12 (the last record), gzip, CreateTime, the largest timestamp, null key.
    expect(outer).toMatchObject({ offset: 12, magic: 1, attributes: 1, timestamp: T + 2, key: null });
    expect(wrapper.readUInt32BE(12)).toBe(crc32(wrapper.subarray(16)));
    const plain = decompress(CompressionType.Gzip, outer.value!);
    // Inner offsets relative to the first record: 0 and 2 (a compaction gap is kept).
    expect(plain.toString('hex')).toBe(
      encodeLegacyMessageSet(
        recs.map((r) => ({ ...r, offset: r.offset - 10 })),
        { magic: 1, codec: CompressionType.None, logAppendTime: null },
      ).toString('hex'),
    );
    expect(readWrapper(outer).map((m) => [m.offset, m.timestamp, m.value!.toString()])).toEqual([
      [10, T + 2, 'a'],
      [12, T + 1, 'b'],
    ]);
  });

  it('keeps absolute inner offsets for magic 0 wrappers', () => {
    const wrapper = encodeLegacyMessageSet(records.map((r) => ({ ...r, offset: r.offset + 7 })), { magic: 0, codec: CompressionType.Snappy, logAppendTime: null });
    const outer = readLegacyMessage(wrapper, 0, wrapper.length)!;
    expect(outer).toMatchObject({ offset: 8, magic: 0, attributes: 2, timestamp: -1 });
    expect(readWrapper(outer).map((m) => m.offset)).toEqual([7, 8]);
  });

  it('gives a LogAppendTime wrapper timestamp to its magic 1 inner messages', () => {
    const wrapper = encodeLegacyMessageSet(records, { magic: 1, codec: CompressionType.Gzip, logAppendTime: T + 50 });
    const outer = readLegacyMessage(wrapper, 0, wrapper.length)!;
    expect(outer).toMatchObject({ attributes: 0x09, timestamp: T + 50 });
    expect(readWrapper(outer).map((m) => [m.attributes, m.timestamp])).toEqual([
      [0x08, T + 50],
      [0x08, T + 50],
    ]);
  });

  it("refuses what Kafka's deep iterator refuses, with its texts", () => {
    const message = (fields: Partial<Parameters<typeof writeLegacyMessage>[2]>) => {
      const m = { offset: 0, magic: 1 as const, attributes: 1, timestamp: T, key: null, value: null, ...fields };
      const buf = Buffer.alloc(12 + 22 + (m.value?.length ?? 0));
      writeLegacyMessage(buf, 0, m);
      return readLegacyMessage(buf, 0, buf.length)!;
    };
    const error = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(LegacyRecordError);
        return { code: (e as LegacyRecordError).code, message: (e as Error).message };
      }
      throw new Error('no error');
    };
    expect(error(() => readWrapper(message({})))).toEqual({ code: ErrorCode.INVALID_RECORD, message: 'Found invalid compressed record set with null value (magic = 1)' });
    expect(error(() => readWrapper(message({ attributes: 4, value: Buffer.from('x') })))).toEqual({ code: ErrorCode.INVALID_RECORD, message: 'Invalid wrapper compressionType found in legacy deep record iterator 1' });
    expect(error(() => readWrapper(message({ value: compressLegacy(CompressionType.Gzip, Buffer.alloc(0), 1) })))).toEqual({
      code: ErrorCode.INVALID_RECORD,
      message: 'Found invalid compressed record set with no inner records',
    });
    const tiny = Buffer.from('0000000000000000' + '0000000d' + '00'.repeat(13), 'hex');
    expect(error(() => readWrapper(message({ value: compressLegacy(CompressionType.Gzip, tiny, 1) })))).toEqual({
      code: ErrorCode.CORRUPT_MESSAGE,
      message: 'Record size is less than the minimum record overhead (14)',
    });
    const inner = encodeLegacyMessageSet(records, { magic: 1, codec: CompressionType.None, logAppendTime: null });
    // A wrapper offset of 0 (some librdkafka versions) takes the inner offsets as they are.
    expect(readWrapper(message({ offset: 0, value: compressLegacy(CompressionType.Gzip, inner, 1) })).map((m) => m.offset)).toEqual([0, 1]);
    const shifted = encodeLegacyMessageSet(records.map((r) => ({ ...r, offset: r.offset + 5 })), { magic: 1, codec: CompressionType.None, logAppendTime: null });
    expect(error(() => readWrapper(message({ offset: 3, value: compressLegacy(CompressionType.Gzip, shifted, 1) })))).toEqual({
      code: ErrorCode.INVALID_RECORD,
      message: "Found invalid wrapper offset in compressed v1 message set, wrapper offset '3' is less than the last inner message offset '6' and it is not zero.",
    });
  });
});

describe('lz4 in message format v0', () => {
  const data = Buffer.from('the same words, the same words, the same words'.repeat(20));

  it("writes Kafka's broken frame-header checksum for magic 0 (over the magic too) and a correct one for magic 1", () => {
    const v0 = compressLegacy(CompressionType.Lz4, data, 0);
    const v1 = compressLegacy(CompressionType.Lz4, data, 1);
    expect(v0.subarray(0, 6).toString('hex')).toBe('04224d186040');
    expect(v0[6]).toBe((xxhash32(v0.subarray(0, 6), 0) >>> 8) & 0xff);
    expect(v1[6]).toBe((xxhash32(v1.subarray(4, 6), 0) >>> 8) & 0xff);
    expect(v0[6]).not.toBe(v1[6]);
    expect(v0.subarray(7)).toEqual(v1.subarray(7));
  });

  it('reads magic 0 frames whatever their header checksum says; magic 1 frames must be right', () => {
    const v0 = compressLegacy(CompressionType.Lz4, data, 0);
    expect(decompress(CompressionType.Lz4, v0, undefined, 0)).toEqual(data);
    expect(() => decompress(CompressionType.Lz4, v0, undefined, 1)).toThrow('Lz4 decompress failed: Stream frame descriptor corrupted');
    expect(() => decompress(CompressionType.Lz4, v0)).toThrow('Lz4 decompress failed: Stream frame descriptor corrupted');
    const v1 = compressLegacy(CompressionType.Lz4, data, 1);
    expect(decompress(CompressionType.Lz4, v1, undefined, 0)).toEqual(data);
    expect(decompress(CompressionType.Lz4, v1, undefined, 1)).toEqual(data);
  });
});
