// Produce v0-v2's message sets (magic 0 and 1): Kafka 3.9's checks (codes and texts) and the one
// v2 batch each becomes.
import { describe, expect, it } from 'vitest';
import { upConvertLegacyRecords, type LegacyProduceResult } from '../../../src/broker/log-validator/legacy-records.js';
import type { TopicRecordRules } from '../../../src/broker/log-validator/topic-rules.js';
import { CompressionType, compressLegacy } from '../../../src/protocol/records/compression/index.js';
import { encodeLegacyMessageSet, writeLegacyMessage, type LegacyMessageFields } from '../../../src/protocol/records/legacy-message.js';
import { decodeRecordBatches } from '../../../src/protocol/records/record-batch.js';

const T = 1_700_000_000_000;
const NOW = T + 1000;
const rules = (r: Partial<TopicRecordRules> = {}): TopicRecordRules => ({
  timestamps: { logAppendTime: false, beforeMaxMs: Infinity, afterMaxMs: Infinity },
  codec: null,
  maxMessageBytes: 1_000_000,
  ...r,
});
const convert = (records: Buffer, r: Partial<TopicRecordRules> = {}) => upConvertLegacyRecords(records, { rules: rules(r), now: NOW, topic: 't', partition: 0 });

function message(fields: Partial<LegacyMessageFields>): Buffer {
  const m: LegacyMessageFields = { offset: 0, magic: 1, attributes: 0, timestamp: T, key: Buffer.from('k'), value: Buffer.from('v'), ...fields };
  const buf = Buffer.alloc(12 + (m.magic ? 22 : 14) + (m.key?.length ?? 0) + (m.value?.length ?? 0));
  writeLegacyMessage(buf, 0, m);
  return buf;
}

function wrapper(magic: 0 | 1, codec: CompressionType, inner: Buffer, fields: Partial<LegacyMessageFields> = {}): Buffer {
  return message({ magic, attributes: codec, key: null, value: compressLegacy(codec, inner, magic), offset: 1, ...fields });
}

function converted(result: LegacyProduceResult) {
  if (!result.ok || result.records === null) throw new Error(`not converted: ${JSON.stringify(result)}`);
  expect(result.batches).toHaveLength(1);
  const [batch] = decodeRecordBatches(result.records);
  return batch!;
}

const keysValuesTimes = (batch: ReturnType<typeof converted>) => batch.records.map((r) => [r.offset, r.timestamp, r.key?.toString() ?? null, r.value?.toString() ?? null, r.headers.length]);

describe('up-conversion to one v2 batch', () => {
  it('turns magic 0 messages into one uncompressed batch with NO_TIMESTAMP (-1) and no producer', () => {
    const set = encodeLegacyMessageSet(
      [
        { offset: 0, timestamp: -1, key: Buffer.from('a'), value: Buffer.from('1') },
        { offset: 1, timestamp: -1, key: null, value: Buffer.from('2') },
      ],
      { magic: 0, codec: CompressionType.None, logAppendTime: null },
    );
    const batch = converted(convert(set));
    expect(batch).toMatchObject({ baseOffset: 0, magic: 2, compression: CompressionType.None, timestampType: 0, baseTimestamp: -1, maxTimestamp: -1, producerId: -1, producerEpoch: -1, baseSequence: -1, recordCount: 2, lastOffsetDelta: 1, isTransactional: false });
    expect(keysValuesTimes(batch)).toEqual([
      [0, -1, 'a', '1', 0],
      [1, -1, null, '2', 0],
    ]);
  });

  it('turns a magic 1 gzip wrapper into one gzip batch keeping the create times', () => {
    const inner = encodeLegacyMessageSet(
      [
        { offset: 0, timestamp: T + 7, key: Buffer.from('x'), value: Buffer.from('1') },
        { offset: 1, timestamp: T + 3, key: Buffer.from('y'), value: null },
      ],
      { magic: 1, codec: CompressionType.None, logAppendTime: null },
    );
    const batch = converted(convert(wrapper(1, CompressionType.Gzip, inner)));
    expect(batch).toMatchObject({ compression: CompressionType.Gzip, baseTimestamp: T + 7, maxTimestamp: T + 7, recordCount: 2 });
    expect(keysValuesTimes(batch)).toEqual([
      [0, T + 7, 'x', '1', 0],
      [1, T + 3, 'y', null, 0],
    ]);
  });

  it('takes the timestamp of a LogAppendTime wrapper for its inner messages', () => {
    const inner = encodeLegacyMessageSet([{ offset: 0, timestamp: T, key: Buffer.from('k'), value: Buffer.from('v') }], { magic: 1, codec: CompressionType.None, logAppendTime: null });
    const batch = converted(convert(wrapper(1, CompressionType.Snappy, inner, { offset: 0, attributes: CompressionType.Snappy | 0x08, timestamp: T + 500 })));
    expect(batch).toMatchObject({ compression: CompressionType.Snappy, timestampType: 0, maxTimestamp: T + 500 });
    expect(batch.records[0]!.timestamp).toBe(T + 500);
  });

  it("reads magic 0 lz4 with the broken header checksum, and applies the topic's compression.type", () => {
    const inner = encodeLegacyMessageSet([{ offset: 0, timestamp: -1, key: Buffer.from('k'), value: Buffer.from('v') }], { magic: 0, codec: CompressionType.None, logAppendTime: null });
    const lz4 = wrapper(0, CompressionType.Lz4, inner, { offset: 0 });
    expect(converted(convert(lz4)).compression).toBe(CompressionType.Lz4);
    expect(converted(convert(lz4, { codec: CompressionType.Zstd, compressionLevel: 3 })).compression).toBe(CompressionType.Zstd);
    expect(converted(convert(lz4, { codec: CompressionType.None })).compression).toBe(CompressionType.None);
    expect(converted(convert(message({ magic: 0 }), { codec: CompressionType.Gzip, compressionLevel: -1 })).compression).toBe(CompressionType.Gzip);
  });

  it('drops a trailing partial message (Kafka trims it) and appends nothing when no message is whole', () => {
    const two = Buffer.concat([message({ value: Buffer.from('1') }), message({ offset: 1, value: Buffer.from('2') })]);
    expect(converted(convert(two.subarray(0, two.length - 3))).records.map((r) => r.value!.toString())).toEqual(['1']);
    expect(convert(two.subarray(0, 20))).toEqual({ ok: true, records: null });
  });
});

describe("Kafka's checks", () => {
  const error = (result: LegacyProduceResult) => {
    expect(result.ok).toBe(false);
    return result as Extract<LegacyProduceResult, { ok: false }>;
  };

  it('refuses bad framing, magics and CRCs with CORRUPT_MESSAGE', () => {
    const m = message({});
    const small = Buffer.from(m);
    small.writeInt32BE(13, 8);
    expect(error(convert(small))).toMatchObject({ errorCode: 2, message: 'Record size 13 is less than the minimum record overhead (14)' });
    const magic5 = Buffer.concat([m, Buffer.from(m)]);
    magic5[m.length + 16] = 5;
    expect(error(convert(magic5))).toMatchObject({ errorCode: 2, message: 'Invalid magic found in record: 5' });
    const badCrc = Buffer.from(m);
    badCrc[badCrc.length - 1] ^= 1;
    expect(error(convert(badCrc))).toMatchObject({ errorCode: 2, message: `Record is corrupt (stored crc = ${m.readUInt32BE(12)}) in topic partition t-0.` });
    const inner = Buffer.from(encodeLegacyMessageSet([{ offset: 0, timestamp: T, key: null, value: Buffer.from('v') }], { magic: 1, codec: CompressionType.None, logAppendTime: null }));
    const stored = inner.readUInt32BE(12);
    inner[inner.length - 1] ^= 1;
    expect(error(convert(wrapper(1, CompressionType.Gzip, inner, { offset: 0 })))).toMatchObject({ errorCode: 2, message: expect.stringMatching(new RegExp(`^Record is corrupt \\(stored crc = ${stored}, computed crc = \\d+\\)$`)) });
  });

  it('refuses an entry or the converted batch above max.message.bytes', () => {
    const m = message({ value: Buffer.alloc(100) });
    expect(error(convert(m, { maxMessageBytes: m.length - 1 }))).toMatchObject({
      errorCode: 10,
      message: `The record batch size in the append to t-0 is ${m.length} bytes which exceeds the maximum configured value of ${m.length - 1}.`,
    });
    // Ten 135-byte messages fit one by one, but not as one v2 batch of 1,161 bytes (61 + 10 x 110).
    const ten = Buffer.concat(Array.from({ length: 10 }, (_, i) => message({ offset: i, value: Buffer.alloc(100) })));
    expect(error(convert(ten, { maxMessageBytes: 1000 }))).toMatchObject({
      errorCode: 10,
      message: 'Message batch size is 1161 bytes in append to partition t-0 which exceeds the maximum configured size of 1000.',
    });
  });

  it('answers INVALID_RECORD for mixed magics, several wrappers, nested compression, zstd and empty wrappers', () => {
    expect(error(convert(Buffer.concat([message({ magic: 0 }), message({ magic: 1 })])))).toMatchObject({
      errorCode: 87,
      message: "Batch magic 1 is not the same as the first batch's magic byte 0 in topic partition t-0",
    });
    const inner = encodeLegacyMessageSet([{ offset: 0, timestamp: T, key: null, value: Buffer.from('v') }], { magic: 1, codec: CompressionType.None, logAppendTime: null });
    const w = wrapper(1, CompressionType.Gzip, inner, { offset: 0 });
    expect(error(convert(Buffer.concat([message({}), w])))).toMatchObject({ errorCode: 87, message: 'Compressed outer record has more than one batch' });
    expect(error(convert(wrapper(1, CompressionType.Gzip, w, { offset: 0 })))).toMatchObject({ errorCode: 87, message: 'Inner messages must not be compressed' });
    expect(error(convert(message({ attributes: 4, key: null })))).toMatchObject({ errorCode: 87, message: 'Invalid wrapper compressionType found in legacy deep record iterator 1' });
    expect(error(convert(message({ attributes: 1, key: null, value: null })))).toMatchObject({ errorCode: 87, message: 'Found invalid compressed record set with null value (magic = 1)' });
  });

  it('reports an inner magic that differs from the wrapper as a record error', () => {
    const inner = Buffer.concat([message({ offset: 0, magic: 1, timestamp: T }), message({ offset: 1, magic: 0, key: null })]);
    const crc = inner.readUInt32BE(36 + 12);
    const result = error(convert(wrapper(1, CompressionType.Gzip, inner, { offset: 1 })));
    const recordMessage = `Record LegacyRecordBatch(offset=1, Record(magic=0, attributes=0, compression=NONE, crc=${crc}, key=0 bytes, value=1 bytes))'s magic does not match outer magic 1 in topic partition t-0`;
    expect(result).toMatchObject({
      errorCode: 87,
      message: `One or more records have been rejected due to 1 record errors in total, and only showing the first three errors at most: [RecordError(batchIndex=1, message='${recordMessage}')]`,
      recordErrors: [{ batchIndex: 1, message: recordMessage }],
    });
  });

  it('refuses keyless messages on compacted topics: every inner one, or the first uncompressed one', () => {
    const text = 'Compacted topic cannot accept message without key in topic partition t-0.';
    const inner = encodeLegacyMessageSet(
      [0, 1, 2].map((i) => ({ offset: i, timestamp: T, key: i === 1 ? Buffer.from('k') : null, value: Buffer.from('v') })),
      { magic: 1, codec: CompressionType.None, logAppendTime: null },
    );
    expect(error(convert(wrapper(1, CompressionType.Gzip, inner, { offset: 2 }), { compacted: true }))).toMatchObject({
      errorCode: 87,
      recordErrors: [
        { batchIndex: 0, message: text },
        { batchIndex: 2, message: text },
      ],
    });
    // Uncompressed messages are one batch each: the first failing one stops the request, index 0.
    const loose = Buffer.concat([message({ offset: 0 }), message({ offset: 1, key: null }), message({ offset: 2, key: null })]);
    expect(error(convert(loose, { compacted: true }))).toMatchObject({ errorCode: 87, recordErrors: [{ batchIndex: 0, message: text }] });
  });

  it('applies message.timestamp bounds and refuses LogAppendTime messages where Kafka does', () => {
    const old = message({ timestamp: NOW - 5000 });
    // An unbounded side is Long.MAX_VALUE, and Java's now + Long.MAX_VALUE wraps around in the text.
    expect(error(convert(old, { timestamps: { logAppendTime: false, beforeMaxMs: 1000, afterMaxMs: Infinity } }))).toMatchObject({
      errorCode: 32,
      message: 'One or more records have been rejected due to invalid timestamp',
      recordErrors: [{ batchIndex: 0, message: `Timestamp ${NOW - 5000} of message with offset 0 is out of range. The timestamp should be within [${NOW - 1000}, -9223370336854774809]` }],
    });
    // Magic 0 has no timestamp: never out of range.
    expect(convert(message({ magic: 0 }), { timestamps: { logAppendTime: false, beforeMaxMs: 0, afterMaxMs: 0 } }).ok).toBe(true);
    // A producer's LogAppendTime message on a LogAppendTime topic.
    const lat = message({ attributes: 0x08 });
    const crc = lat.readUInt32BE(12);
    expect(error(convert(lat, { timestamps: { logAppendTime: true, beforeMaxMs: Infinity, afterMaxMs: Infinity } }))).toMatchObject({
      errorCode: 32,
      recordErrors: [
        {
          batchIndex: 0,
          message: `Invalid timestamp type in message LegacyRecordBatch(offset=0, Record(magic=1, attributes=8, compression=NONE, crc=${crc}, LogAppendTime=${T}, key=1 bytes, value=1 bytes)). Producer should not set timestamp type to LogAppendTime.`,
        },
      ],
    });
    // On a CreateTime topic it is only checked against the bounds.
    expect(convert(lat).ok).toBe(true);
  });
});

describe('decompression bound', () => {
  it('a wrapper whose messages would expand past socket.request.max.bytes answers MESSAGE_TOO_LARGE', () => {
    for (const codec of [CompressionType.Gzip, CompressionType.Snappy, CompressionType.Lz4]) {
      for (const magic of [0, 1] as const) {
        const inner = encodeLegacyMessageSet([{ offset: 0, timestamp: magic ? T : -1, key: Buffer.from('k'), value: Buffer.alloc(100_000) }], { magic, codec: CompressionType.None, logAppendTime: null });
        const set = wrapper(magic, codec, inner, magic === 0 ? { offset: 0 } : {});
        expect(convert(set, { maxUncompressedBytes: 50_000 })).toEqual({
          ok: false,
          kind: 'too-large',
          errorCode: 10,
          message: 'The records of the batch in the append to t-0 decompress to more than 50000 bytes, the most the broker holds for one request (socket.request.max.bytes).',
        });
        expect(converted(convert(set, { maxUncompressedBytes: inner.length })).records).toHaveLength(1);
      }
    }
  });
});

describe('a wrapper the codec cannot decode', () => {
  // Kafka 3.9: DeepRecordsIterator wraps the stream's IOException in a KafkaException (lz4's flag
  // checks throw a RuntimeException as it is), no ApiException: UNKNOWN_SERVER_ERROR, as for a v2 batch.
  const inner = encodeLegacyMessageSet([{ offset: 0, timestamp: T, key: Buffer.from('k'), value: Buffer.from('v') }], { magic: 1, codec: CompressionType.None, logAppendTime: null });
  const cases: Array<[string, CompressionType, 0 | 1, Buffer, string]> = [
    ['gzip, not gzip at all', CompressionType.Gzip, 1, Buffer.from('not gzip'), 'Gzip decompress failed: Not in GZIP format'],
    ['snappy, a corrupt raw block', CompressionType.Snappy, 1, Buffer.from([0x7f, 0x00, 0x01]), 'Snappy decompress failed: snappy: corrupt input (header mismatch; expected 127 decompressed bytes but got 1)'],
    ['lz4, linked blocks', CompressionType.Lz4, 1, Buffer.from('04224d1840408a1e00000000', 'hex'), 'Lz4 decompress failed: Dependent block stream is unsupported'],
    ['lz4 magic 0, cut short', CompressionType.Lz4, 0, compressLegacy(CompressionType.Lz4, inner, 0).subarray(0, 12), 'Lz4 decompress failed: Stream ended prematurely'],
  ];
  for (const [name, codec, magic, value, cause] of cases) {
    it(`answers UNKNOWN_SERVER_ERROR with the log start offset: ${name}`, () => {
      const set = message({ magic, attributes: codec, key: null, value, offset: magic === 0 ? 0 : 1 });
      expect(convert(set)).toEqual({ ok: false, kind: 'server-error', errorCode: -1, message: `Failed to decompress record stream: ${cause}`, withLogStartOffset: true });
    });
  }
});
