// Produce-side topic configs at the wire level: message.timestamp.before/after.max.ms (and the
// deprecated difference.max.ms fallback), LogAppendTime misuse, compression.type recompression,
// max.message.bytes after recompression, and an append larger than segment.bytes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { CompressionType } from '../../../src/protocol/records/compression/compression-type.js';
import { crc32c } from '../../../src/storage/crc32c.js';
import { decodeRecordBatches, encodeRecordBatch, type KafkaRecord } from '../../../src/protocol/records/record-batch.js';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { RECORDS, TimestampType } from '../../../src/storage/batch-header.js';
import { RawClient } from '../../helpers/raw-client.js';
import { createTopic, produceTo, fetchStored } from '../../helpers/one-partition.js';

let broker: StartedBroker;
let client: RawClient;

beforeAll(async () => {
  broker = await startBroker({ port: 0 });
  client = await RawClient.connect(broker.port);
});
afterAll(async () => {
  client?.close();
  await broker?.close();
});

const HOUR = 3_600_000;
const LONG_MAX_PLUS_ONE = 9_223_372_036_854_775_808n;

const rec = (value: string, timestamp: number, key: string | null = null): KafkaRecord => ({ timestamp, key: key === null ? null : Buffer.from(key), value: Buffer.from(value), headers: [] });

/** Parses "... within [lower, upper]" into bigints. */
function bounds(message: string): [bigint, bigint] {
  const m = /The timestamp should be within \[(-?\d+), (-?\d+)\]$/.exec(message);
  if (!m) throw new Error(`no bounds in: ${message}`);
  return [BigInt(m[1]!), BigInt(m[2]!)];
}

describe('message.timestamp.before.max.ms / after.max.ms', () => {
  it('rejects the whole batch with INVALID_TIMESTAMP and one error per record too old', async () => {
    await createTopic(client, 'ts-before', { 'message.timestamp.before.max.ms': '60000' });
    const now = Date.now();
    const r = await produceTo(client, 'ts-before', encodeRecordBatch({ records: [rec('ok', now), rec('old', now - HOUR), rec('older', now - 2 * HOUR)] }));
    expect(r).toMatchObject({
      errorCode: ErrorCode.INVALID_TIMESTAMP,
      errorMessage: 'One or more records have been rejected due to invalid timestamp',
      baseOffset: -1n,
      logStartOffset: 0n,
    });
    expect(r.recordErrors.map((e) => e.batchIndex)).toEqual([1, 2]);
    expect(r.recordErrors[0]!.batchIndexErrorMessage).toMatch(new RegExp(`^Timestamp ${now - HOUR} of message with offset 1 is out of range\\. The timestamp should be within \\[\\d+, -\\d+\\]$`));
    expect(r.recordErrors[1]!.batchIndexErrorMessage).toMatch(new RegExp(`^Timestamp ${now - 2 * HOUR} of message with offset 2 is out of range\\.`));
    const [lower, upper] = bounds(r.recordErrors[0]!.batchIndexErrorMessage!);
    // lower = broker now - 60000; upper = now + Long.MAX_VALUE, wrapped in 64 bits as Java does.
    expect(Number(lower) + 60_000).toBeGreaterThanOrEqual(now);
    expect(Number(lower) + 60_000).toBeLessThan(now + 5000);
    expect(upper).toBe(lower + 60_000n + 9_223_372_036_854_775_807n - 2n * LONG_MAX_PLUS_ONE);

    // Nothing was appended; records within the bound (or without a timestamp) are accepted.
    expect(await produceTo(client, 'ts-before', encodeRecordBatch({ records: [rec('fresh', Date.now() - 1000), rec('untimed', -1)] }))).toMatchObject({ errorCode: 0, baseOffset: 0n });
  });

  it('rejects records too far in the future, inside compressed batches too', async () => {
    await createTopic(client, 'ts-after', { 'message.timestamp.after.max.ms': '1000' });
    const future = Date.now() + HOUR;
    const r = await produceTo(client, 'ts-after', encodeRecordBatch({ records: [rec('a', future)], compression: CompressionType.Gzip }));
    expect(r.errorCode).toBe(ErrorCode.INVALID_TIMESTAMP);
    expect(r.recordErrors).toHaveLength(1);
    expect(r.recordErrors[0]!.batchIndexErrorMessage).toMatch(new RegExp(`^Timestamp ${future} of message with offset 0 is out of range\\.`));
    const [lower, upper] = bounds(r.recordErrors[0]!.batchIndexErrorMessage!);
    expect(upper - lower).toBe(1000n + 9_223_372_036_854_775_807n);
    // An hour in the past is fine: only the future is bounded.
    expect((await produceTo(client, 'ts-after', encodeRecordBatch({ records: [rec('b', Date.now() - HOUR)] }))).errorCode).toBe(0);
  });

  it('falls back to message.timestamp.difference.max.ms when before/after are left unset', async () => {
    await createTopic(client, 'ts-diff', { 'message.timestamp.difference.max.ms': '60000' });
    const now = Date.now();
    expect((await produceTo(client, 'ts-diff', encodeRecordBatch({ records: [rec('old', now - HOUR)] }))).errorCode).toBe(ErrorCode.INVALID_TIMESTAMP);
    expect((await produceTo(client, 'ts-diff', encodeRecordBatch({ records: [rec('new', now + HOUR)] }))).errorCode).toBe(ErrorCode.INVALID_TIMESTAMP);
    expect((await produceTo(client, 'ts-diff', encodeRecordBatch({ records: [rec('now', now)] }))).errorCode).toBe(0);
  });

  it('answers INVALID_RECORD when the records cannot be read, UNKNOWN_SERVER_ERROR when they cannot be decompressed', async () => {
    await createTopic(client, 'ts-bad', { 'message.timestamp.after.max.ms': '1000' });
    const broken = Buffer.from(encodeRecordBatch({ records: [rec('a', 1)] }));
    broken.writeUInt8(0x7e, RECORDS); // record length 63: runs past the batch
    broken.writeUInt32BE(crc32c(broken.subarray(21)), 17);
    expect((await produceTo(client, 'ts-bad', broken)).errorCode).toBe(ErrorCode.INVALID_RECORD);

    const gzip = Buffer.from(encodeRecordBatch({ records: [rec('a', 1)], compression: CompressionType.Gzip }));
    gzip.fill(0x55, RECORDS + 10);
    gzip.writeUInt32BE(crc32c(gzip.subarray(21)), 17);
    // Kafka: the codec's IOException wrapped in a KafkaException, which is no ApiException.
    expect(await produceTo(client, 'ts-bad', gzip)).toMatchObject({ errorCode: ErrorCode.UNKNOWN_SERVER_ERROR, errorMessage: null, logStartOffset: 0n });
  });

  it('does not look at record timestamps by default', async () => {
    await createTopic(client, 'ts-default', {});
    expect((await produceTo(client, 'ts-default', encodeRecordBatch({ records: [rec('ancient', 1000), rec('far', Date.now() + 100 * 365 * 24 * HOUR)] }))).errorCode).toBe(0);
  });
});

describe('LogAppendTime batches from a producer', () => {
  it('are refused on a LogAppendTime topic, with Kafka\'s per-record message', async () => {
    await createTopic(client, 'lat-topic', { 'message.timestamp.type': 'LogAppendTime' });
    const r = await produceTo(client, 'lat-topic', encodeRecordBatch({ records: [rec('x', 1234, 'k1')], timestampType: TimestampType.LogAppendTime }));
    expect(r.errorCode).toBe(ErrorCode.INVALID_TIMESTAMP);
    expect(r.recordErrors).toEqual([
      { batchIndex: 0, batchIndexErrorMessage: 'Invalid timestamp type in message DefaultRecord(offset=0, timestamp=1234, key=2 bytes, value=1 bytes). Producer should not set timestamp type to LogAppendTime.' },
    ]);
  });

  it('are accepted on a CreateTime topic when they carry a timestamp, and stored as CreateTime (Kafka\'s setMaxTimestamp)', async () => {
    await createTopic(client, 'lat-on-create', {});
    expect((await produceTo(client, 'lat-on-create', encodeRecordBatch({ records: [rec('x', 1234)], timestampType: TimestampType.LogAppendTime }))).errorCode).toBe(0);
    const [stored] = decodeRecordBatches(await fetchStored(client, 'lat-on-create'));
    expect(stored).toMatchObject({ timestampType: TimestampType.CreateTime, maxTimestamp: 1234 });
  });
});

describe('compression.type', () => {
  it('recompresses a batch with the topic codec; records and dense offsets round-trip', async () => {
    await createTopic(client, 'comp-gzip', { 'compression.type': 'gzip' });
    const t = 1_700_000_000_000;
    const first = [rec('a', t, 'k0'), { ...rec('b', t - 5, 'k1'), headers: [{ key: 'h', value: Buffer.from('hv') }, { key: 'n', value: null }] }, rec('c', t + 7)];
    expect(await produceTo(client, 'comp-gzip', encodeRecordBatch({ records: first }))).toMatchObject({ errorCode: 0, baseOffset: 0n });
    // A snappy batch with sparse offset deltas (0, 5) becomes a gzip batch with offsets 3, 4.
    const second = encodeRecordBatch({ records: [{ ...rec('d', t), offsetDelta: 0 }, { ...rec('e', t), offsetDelta: 5 }], compression: CompressionType.Snappy });
    const fixed = Buffer.from(second);
    fixed.writeInt32BE(1, 23); // lastOffsetDelta = count - 1, as validation requires
    fixed.writeUInt32BE(crc32c(fixed.subarray(21)), 17);
    expect(await produceTo(client, 'comp-gzip', fixed)).toMatchObject({ errorCode: 0, baseOffset: 3n });

    const batches = decodeRecordBatches(await fetchStored(client, 'comp-gzip'));
    expect(batches.map((b) => [b.baseOffset, b.lastOffset, b.compression])).toEqual([
      [0, 2, CompressionType.Gzip],
      [3, 4, CompressionType.Gzip],
    ]);
    const records = batches.flatMap((b) => b.records);
    expect(records.map((r) => r.offset)).toEqual([0, 1, 2, 3, 4]);
    expect(records.map((r) => r.value!.toString())).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(records.map((r) => r.key?.toString() ?? null)).toEqual(['k0', 'k1', null, null, null]);
    expect(records.map((r) => r.timestamp)).toEqual([t, t - 5, t + 7, t, t]);
    expect(records[1]!.headers).toEqual([{ key: 'h', value: Buffer.from('hv') }, { key: 'n', value: null }]);
    expect(batches[0]!.maxTimestamp).toBe(t + 7);
    expect(batches[0]!.baseTimestamp).toBe(t);
  });

  it('keeps the producer id, epoch, sequence and transactional flag', async () => {
    await createTopic(client, 'comp-idem', { 'compression.type': 'lz4' });
    expect((await produceTo(client, 'comp-idem', encodeRecordBatch({ records: [rec('a', 1), rec('b', 2)], producerId: 42, producerEpoch: 3, baseSequence: 7 }))).errorCode).toBe(0);
    const [b] = decodeRecordBatches(await fetchStored(client, 'comp-idem'));
    expect(b).toMatchObject({ compression: CompressionType.Lz4, producerId: 42, producerEpoch: 3, baseSequence: 7, isTransactional: false });
    expect(b!.records.map((r) => r.value!.toString())).toEqual(['a', 'b']);
  });

  it('uncompressed decompresses; the same codec is stored as sent', async () => {
    await createTopic(client, 'comp-none', { 'compression.type': 'uncompressed' });
    const zstdBatch = encodeRecordBatch({ records: [rec('z', 1)], compression: CompressionType.Zstd });
    expect((await produceTo(client, 'comp-none', zstdBatch)).errorCode).toBe(0);
    const plain = encodeRecordBatch({ records: [rec('p', 2)] });
    expect((await produceTo(client, 'comp-none', plain)).errorCode).toBe(0);
    const stored = await fetchStored(client, 'comp-none');
    const batches = decodeRecordBatches(stored);
    expect(batches.map((b) => b.compression)).toEqual([CompressionType.None, CompressionType.None]);
    // The second batch went in untouched (only baseOffset and leader epoch patched).
    expect(stored.subarray(stored.length - plain.length + 16)).toEqual(plain.subarray(16));
  });

  it('uses compression.gzip.level (the gzip header XFL byte: 4 = fastest, 2 = best)', async () => {
    const value = 'kt '.repeat(200);
    for (const [level, xfl] of [['1', 4], ['9', 2]] as const) {
      const topic = `comp-gzip-${level}`;
      await createTopic(client, topic, { 'compression.type': 'gzip', 'compression.gzip.level': level });
      expect((await produceTo(client, topic, encodeRecordBatch({ records: [rec(value, 1)] }))).errorCode).toBe(0);
      const stored = await fetchStored(client, topic);
      expect(stored.readUInt16BE(RECORDS)).toBe(0x1f8b);
      expect(stored[RECORDS + 8]).toBe(xfl);
    }
  });

  it('stamps LogAppendTime on the rebuilt batch', async () => {
    await createTopic(client, 'comp-lat', { 'compression.type': 'snappy', 'message.timestamp.type': 'LogAppendTime' });
    const r = await produceTo(client, 'comp-lat', encodeRecordBatch({ records: [rec('a', 10), rec('b', 20)] }));
    expect(r.errorCode).toBe(0);
    const [b] = decodeRecordBatches(await fetchStored(client, 'comp-lat'));
    expect(b).toMatchObject({ compression: CompressionType.Snappy, timestampType: TimestampType.LogAppendTime, baseTimestamp: 10 });
    expect(BigInt(b!.maxTimestamp)).toBe(r.logAppendTimeMs);
  });

  it('checks max.message.bytes again on the rebuilt batch', async () => {
    await createTopic(client, 'comp-grow', { 'compression.type': 'uncompressed', 'max.message.bytes': '300' });
    const r = await produceTo(client, 'comp-grow', encodeRecordBatch({ records: [rec('x'.repeat(2000), 1)], compression: CompressionType.Gzip }));
    expect(r.errorCode).toBe(ErrorCode.MESSAGE_TOO_LARGE);
    expect(r.errorMessage).toMatch(/^Message batch size is \d+ bytes in append to partition comp-grow-0 which exceeds the maximum configured size of 300\.$/);
  });
});

describe('segment.bytes', () => {
  it('answers RECORD_LIST_TOO_LARGE for an append larger than a segment (the connection stays up)', async () => {
    await createTopic(client, 'seg-small', { 'segment.bytes': '100' });
    const r = await produceTo(client, 'seg-small', encodeRecordBatch({ records: [rec('y'.repeat(200), 1)] }));
    expect(r.errorCode).toBe(ErrorCode.RECORD_LIST_TOO_LARGE);
    expect((await produceTo(client, 'seg-small', encodeRecordBatch({ records: [rec('s', 1)] }))).errorCode).toBe(0);
  });
});

describe('cleanup.policy=compact refuses records without a key', () => {
  it('answers INVALID_RECORD with one error per keyless record and stores nothing', async () => {
    await createTopic(client, 'compacted-keys', { 'cleanup.policy': 'compact' });
    const now = Date.now();
    const r = await produceTo(client, 'compacted-keys', encodeRecordBatch({ records: [rec('a', now, 'k'), rec('b', now), rec('c', now)], compression: CompressionType.Lz4 }));
    const perRecord = 'Compacted topic cannot accept message without key in topic partition compacted-keys-0.';
    expect(r).toMatchObject({
      errorCode: ErrorCode.INVALID_RECORD,
      errorMessage:
        'One or more records have been rejected due to 2 record errors in total, and only showing the first three errors at most: ' +
        `[RecordError(batchIndex=1, message='${perRecord}'), RecordError(batchIndex=2, message='${perRecord}')]`,
      baseOffset: -1n,
    });
    expect(r.recordErrors).toEqual([
      { batchIndex: 1, batchIndexErrorMessage: perRecord },
      { batchIndex: 2, batchIndexErrorMessage: perRecord },
    ]);
    expect((await fetchStored(client, 'compacted-keys')).length).toBe(0);
    const ok = await produceTo(client, 'compacted-keys', encodeRecordBatch({ records: [rec('a', now, 'k1'), rec('b', now, 'k2')] }));
    expect(ok).toMatchObject({ errorCode: 0, baseOffset: 0n });
  });

  it('accepts keyless records on a delete-policy topic', async () => {
    await createTopic(client, 'delete-keys', { 'cleanup.policy': 'delete' });
    expect(await produceTo(client, 'delete-keys', encodeRecordBatch({ records: [rec('b', Date.now())] }))).toMatchObject({ errorCode: 0, baseOffset: 0n });
  });
});
