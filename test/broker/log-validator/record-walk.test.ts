// The record pass every produced batch gets (topic-rules.ts over record-walk.ts): Kafka's framing
// errors and texts for uncompressed records (read in place, DefaultRecord.readFrom(ByteBuffer))
// and decompressed ones (read isolated, readFrom(InputStream)), the per-record rules gathered in
// the same walk, inner offsets, the max timestamp and the decompression bound.
import { describe, expect, it } from 'vitest';
import { applyTopicRules, type TopicRecordRules, type TopicRulesResult } from '../../../src/broker/log-validator/topic-rules.js';
import { validateProducedRecords } from '../../../src/broker/log-validator/validate.js';
import { CompressionType, compress } from '../../../src/protocol/records/compression/index.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { isBatchCrcValid, isLogAppendTimeAt, TimestampType } from '../../../src/storage/batch-header.js';
import { crc32c } from '../../../src/storage/crc32c.js';
import { rawBatch } from '../../helpers/raw-batch.js';
import { zigzagVarint as varint } from '../../helpers/zigzag-varint.js';

const T0 = 1_700_000_000_000;
const DEFAULTS: TopicRecordRules = { timestamps: { logAppendTime: false, beforeMaxMs: Infinity, afterMaxMs: Infinity }, codec: null, maxMessageBytes: 1 << 20 };

/** A key or value: its length, then that many 'a's (none for a negative length, null being -1). */
const bytes = (n: number | null) => (n === null ? varint(-1) : [...varint(n), ...Buffer.alloc(Math.max(n, 0), 0x61)]);

interface RecordFields {
  offsetDelta: number;
  timestampDelta?: number;
  /** Key length (-1 = null); the key is that many 'a's. */
  key?: number | null;
  value?: number | null;
  /** Raw bytes for the headers part (count and headers); default no header. */
  headers?: number[];
  /** The length prefix, when it should lie. */
  length?: number;
}

/** One record's bytes, length prefix included. */
function record(f: RecordFields): number[] {
  const body = [0, ...varint(f.timestampDelta ?? 0), ...varint(f.offsetDelta), ...bytes(f.key === undefined ? null : f.key), ...bytes(f.value === undefined ? 1 : f.value), ...(f.headers ?? varint(0))];
  return [...varint(f.length ?? body.length), ...body];
}

/** A batch around `body` (records as plain bytes), compressed with `codec`, header counts given. */
function batch(body: number[], count: number, opts: { codec?: CompressionType; lastOffsetDelta?: number; maxTimestamp?: number; attributes?: number; baseOffset?: bigint } = {}): Buffer {
  const codec = opts.codec ?? CompressionType.None;
  return rawBatch({
    baseOffset: opts.baseOffset,
    attributes: (opts.attributes ?? 0) | codec,
    body: compress(codec, Buffer.from(body)),
    lastOffsetDelta: opts.lastOffsetDelta ?? count - 1,
    recordsCount: count,
    baseTimestamp: BigInt(T0),
    maxTimestamp: BigInt(opts.maxTimestamp ?? T0),
  });
}

function apply(records: Buffer, rules: Partial<TopicRecordRules> = {}, now = T0): TopicRulesResult {
  const validated = validateProducedRecords(records, { maxMessageBytes: 1 << 20 });
  if (!validated.ok) throw new Error(`header refused: ${validated.message}`);
  return applyTopicRules(records, validated.batches, { ...DEFAULTS, ...rules }, now, 't', 0);
}

const invalid = (message: string) => ({ ok: false, kind: 'invalid-record', errorCode: 87, message, withLogStartOffset: true });
const two = [...record({ offsetDelta: 0 }), ...record({ offsetDelta: 1 })];

describe('uncompressed records, read in place (DefaultRecord.readFrom(ByteBuffer))', () => {
  it('accepts well-formed records and leaves the batch byte for byte as sent', () => {
    const sent = batch(two, 2);
    const kept = Buffer.from(sent);
    expect(apply(sent)).toMatchObject({ ok: true, records: sent });
    expect(sent).toEqual(kept);
  });

  it('refuses a record length past the batch, a short count and trailing bytes', () => {
    const tooLong = [...record({ offsetDelta: 0, length: 40 }), ...record({ offsetDelta: 1 })];
    expect(apply(batch(tooLong, 2))).toEqual(invalid('Invalid record size: expected 40 bytes in record payload, but instead the buffer has only 15 remaining bytes.'));
    expect(apply(batch(two, 3))).toEqual(invalid('Incorrect declared batch size, premature EOF reached'));
    expect(apply(batch([...two, 0], 2))).toEqual(invalid('Incorrect declared batch size, records still remaining in file'));
  });

  it('refuses key, value and header lengths that do not fit, with Kafka\'s texts', () => {
    expect(apply(batch([...varint(7), 0, 0, 0, ...varint(100), 0x61, 0x61, 0x61], 1))).toEqual(invalid('Found invalid record structure'));
    expect(apply(batch(record({ offsetDelta: 0, headers: varint(-1) }), 1))).toEqual(invalid('Found invalid number of record headers -1'));
    expect(apply(batch(record({ offsetDelta: 0, headers: varint(50) }), 1))).toEqual(invalid('Found invalid number of record headers. 50 is larger than the remaining size of the buffer'));
    expect(apply(batch(record({ offsetDelta: 0, headers: [...varint(1), ...varint(-2), ...varint(-1)] }), 1))).toEqual(invalid('Invalid negative header key size -2'));
    expect(apply(batch(record({ offsetDelta: 0, headers: [...varint(1), ...varint(1), 0x68, ...varint(9)] }), 1))).toEqual(invalid('Found invalid record structure'));
  });

  it('reads fields past a record\'s length, then refuses the record for it, as Kafka does', () => {
    const short = [...record({ offsetDelta: 0, key: 2, length: 3 }), ...record({ offsetDelta: 1 })];
    expect(apply(batch(short, 2))).toEqual(invalid('Invalid record size: expected to read 3 bytes in record payload, but instead read 9'));
    const negative = [...record({ offsetDelta: 0, length: -3 })];
    expect(apply(batch(negative, 1))).toEqual(invalid('Invalid record size: expected to read -3 bytes in record payload, but instead read 7'));
  });

  it('takes any negative key or value length as null (Utils.readBytes)', () => {
    expect(apply(batch([...record({ offsetDelta: 0, key: -5, value: -7 })], 1)).ok).toBe(true);
  });

  it('reads varints with Java\'s semantics: an over-long record length escapes as UNKNOWN_SERVER_ERROR, bits past 32 are dropped', () => {
    expect(apply(batch([0xff, 0xff, 0xff, 0xff, 0xff, 0, 0], 1))).toEqual({
      ok: false,
      kind: 'server-error',
      errorCode: -1,
      message: 'Varint is too long, the most significant bit in the 5th byte is set, converted value: ffffffff',
      withLogStartOffset: true,
    });
    const overlongTimestamp = [...varint(15), 0, ...Array(10).fill(0xff), ...varint(0), ...varint(-1), ...varint(-1), ...varint(0)];
    expect(apply(batch(overlongTimestamp, 1))).toEqual(invalid('Found invalid record structure'));
    // Length 7 (zigzag 14) spelled over 5 bytes, the fifth carrying only bit 32: Java keeps the low 32 bits.
    const body = record({ offsetDelta: 0 }).slice(1);
    expect(body.length).toBe(7);
    expect(apply(batch([0x8e, 0x80, 0x80, 0x80, 0x10, ...body], 1)).ok).toBe(true);
  });
});

describe('compressed records, read isolated after decompression (readFrom(InputStream))', () => {
  it('refuses a record whose length disagrees with its fields (Kafka\'s skip-key/value iterator would store it)', () => {
    const lying = [...record({ offsetDelta: 0, length: 8 }), 0x00, ...record({ offsetDelta: 1 })];
    expect(apply(batch(lying, 2, { codec: CompressionType.Gzip }))).toEqual(invalid('Invalid record size: expected to read 8 bytes in record payload, but instead read 7'));
  });

  it('refuses lengths past the data, negative or over-long lengths, short counts and trailing bytes', () => {
    const gz = { codec: CompressionType.Gzip };
    expect(apply(batch(record({ offsetDelta: 0, length: 40 }), 1, gz))).toEqual(invalid('Invalid record size: expected 40 bytes in record payload, but the record payload reached EOF.'));
    expect(apply(batch(record({ offsetDelta: 0, length: -3 }), 1, gz))).toEqual(invalid('Incorrect declared batch size, premature EOF reached'));
    expect(apply(batch([0xff, 0xff, 0xff, 0xff, 0xff, 0, 0], 1, gz))).toEqual(invalid('Incorrect declared batch size, premature EOF reached'));
    expect(apply(batch(two, 3, gz))).toEqual(invalid('Incorrect declared batch size, premature EOF reached'));
    expect(apply(batch([...two, 0], 2, gz))).toEqual(invalid('Incorrect declared batch size, records still remaining in file'));
    // A key running past its record (into the next one) is caught inside the record.
    expect(apply(batch([...record({ offsetDelta: 0, key: 3, length: 7 }).slice(0, 8), ...record({ offsetDelta: 1 })], 2, gz))).toEqual(invalid('Found invalid record structure'));
  });

  it('answers UNKNOWN_SERVER_ERROR for data the codec cannot decode, MESSAGE_TOO_LARGE past the bound', () => {
    const garbage = rawBatch({ attributes: CompressionType.Zstd, body: Buffer.from('not zstd'), lastOffsetDelta: 0, recordsCount: 1 });
    expect(apply(garbage)).toEqual({ ok: false, kind: 'server-error', errorCode: -1, message: 'Failed to decompress record stream: Zstd decompress failed: Unknown frame descriptor', withLogStartOffset: true });
    const big = encodeRecordBatch({ records: [{ timestamp: T0, key: null, value: Buffer.alloc(10_000) }], compression: CompressionType.Lz4 });
    expect(apply(big, { maxUncompressedBytes: 10_000 })).toEqual({
      ok: false,
      kind: 'too-large',
      errorCode: 10,
      message: 'The records of the batch in the append to t-0 decompress to more than 10000 bytes, the most the broker holds for one request (socket.request.max.bytes).',
    });
    expect(apply(big, { maxUncompressedBytes: 10_020 }).ok).toBe(true);
  });
});

describe('inner offsets', () => {
  const sparse = [...record({ offsetDelta: 0 }), ...record({ offsetDelta: 2 })];

  it('a compressed batch kept as it is with offsets not 0..n-1 fails as in Kafka (UNKNOWN_SERVER_ERROR)', () => {
    const fails = { ok: false, kind: 'server-error', errorCode: -1, message: 'key is skipped in PartialDefaultRecord', withLogStartOffset: true };
    expect(apply(batch(sparse, 2, { codec: CompressionType.Snappy }))).toEqual(fails);
    // record offsets count from the baseOffset as sent
    expect(apply(batch(two, 2, { codec: CompressionType.Snappy, baseOffset: 5n }))).toEqual(fails);
  });

  it('is rebuilt with dense offsets when compression.type changes the codec; uncompressed batches are not checked', () => {
    const rebuilt = apply(batch(sparse, 2, { codec: CompressionType.Snappy }), { codec: CompressionType.Lz4 });
    if (!rebuilt.ok) throw new Error(rebuilt.message);
    const [decoded] = decodeRecordBatches(rebuilt.records);
    expect(decoded!.compression).toBe(CompressionType.Lz4);
    expect(decoded!.records.map((r) => r.offsetDelta)).toEqual([0, 1]);
    const plain = batch(sparse, 2);
    expect(apply(plain)).toMatchObject({ ok: true, records: plain });
    expect(decodeRecordBatches(plain)[0]!.records.map((r) => r.offsetDelta)).toEqual([0, 2]);
  });
});

describe('per-record rules in the same walk', () => {
  it('collects key and timestamp errors together, INVALID_TIMESTAMP winning (processRecordErrors)', () => {
    const records = [...record({ offsetDelta: 0 }), ...record({ offsetDelta: 1, key: 1, timestampDelta: -7_200_000 })];
    const result = apply(batch(records, 2), { compacted: true, timestamps: { logAppendTime: false, beforeMaxMs: 3_600_000, afterMaxMs: Infinity } });
    expect(result).toMatchObject({ ok: false, errorCode: 32, message: 'One or more records have been rejected due to invalid timestamp' });
    expect('recordErrors' in result && result.recordErrors.map((e) => e.batchIndex)).toEqual([0, 1]);
    expect('recordErrors' in result && result.recordErrors[0]!.message).toBe('Compacted topic cannot accept message without key in topic partition t-0.');
  });

  it('prints a compressed batch\'s record as Kafka\'s skip-key/value iterator does (PartialDefaultRecord, null as -1)', () => {
    const lat = encodeRecordBatch({ records: [{ timestamp: T0, key: null, value: Buffer.from('x') }], compression: CompressionType.Gzip, timestampType: TimestampType.LogAppendTime });
    const result = apply(lat, { timestamps: { logAppendTime: true, beforeMaxMs: Infinity, afterMaxMs: Infinity } });
    expect('recordErrors' in result && result.recordErrors).toEqual([
      { batchIndex: 0, message: `Invalid timestamp type in message PartialDefaultRecord(offset=0, timestamp=${T0}, key=-1 bytes, value=1 bytes). Producer should not set timestamp type to LogAppendTime.` },
    ]);
  });
});

describe('maxTimestamp from the records', () => {
  it('is written when the header has another one, the CRC re-sealed', () => {
    const records = [...record({ offsetDelta: 0, timestampDelta: 5 }), ...record({ offsetDelta: 1, timestampDelta: 3 })];
    for (const codec of [CompressionType.None, CompressionType.Zstd]) {
      const sent = batch(records, 2, { codec, maxTimestamp: T0 + 1 });
      const result = apply(sent);
      expect(result).toMatchObject({ ok: true, batches: [{ maxTimestamp: T0 + 5 }] });
      expect(sent.readBigInt64BE(35)).toBe(BigInt(T0 + 5));
      expect(isBatchCrcValid(sent, 0, sent.length)).toBe(true);
    }
  });

  it('is the builder\'s in a batch rebuilt by compression.type, from the records as read (a LogAppendTime batch\'s: its time)', () => {
    const sent = encodeRecordBatch({ records: [{ timestamp: T0, key: null, value: null }, { timestamp: T0, key: null, value: null }], timestampType: TimestampType.LogAppendTime });
    sent.writeBigInt64BE(BigInt(T0 + 9), 35); // the claimed append time
    sent.writeUInt32BE(crc32c(sent.subarray(21)), 17);
    const result = apply(sent, { codec: CompressionType.Gzip });
    if (!result.ok) throw new Error(result.message);
    const [rebuilt] = decodeRecordBatches(result.records);
    expect(rebuilt).toMatchObject({ compression: CompressionType.Gzip, timestampType: TimestampType.CreateTime, maxTimestamp: T0 + 9 });
    expect(rebuilt!.records.map((r) => r.timestamp)).toEqual([T0 + 9, T0 + 9]);
  });

  it('makes a batch that claimed LogAppendTime CreateTime on a CreateTime topic', () => {
    const sent = encodeRecordBatch({ records: [{ timestamp: T0, key: null, value: null }], timestampType: TimestampType.LogAppendTime });
    expect(apply(sent)).toMatchObject({ ok: true, batches: [{ isLogAppendTime: false, maxTimestamp: T0 }] });
    expect(isLogAppendTimeAt(sent)).toBe(false);
    expect(isBatchCrcValid(sent, 0, sent.length)).toBe(true);
  });
});
