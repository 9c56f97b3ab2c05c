import { describe, expect, it } from 'vitest';
import { CompressionType } from '../../../src/protocol/records/compression/compression-type.js';
import { crc32c } from '../../../src/storage/crc32c.js';
import { decodeRecordBatches, encodeRecordBatch, RecordBatchDecodeError, type KafkaRecord } from '../../../src/protocol/records/record-batch.js';
import { setLogAppendTime, validateProducedRecords } from '../../../src/broker/log-validator/validate.js';
import { TimestampType, assignOffsets } from '../../../src/storage/batch-header.js';

const T0 = 1_700_000_000_000;
const records: KafkaRecord[] = [
  { timestamp: T0, key: Buffer.from('k1'), value: Buffer.from('v1'), headers: [{ key: 'h', value: Buffer.from('x') }] },
  { timestamp: T0 - 5, key: null, value: Buffer.from('second'), headers: [] },
  { timestamp: T0 + 2 ** 33, key: Buffer.from('k3'), value: null, headers: [{ key: 'ü', value: null }, { key: 'h', value: Buffer.alloc(0) }] },
  { timestamp: T0 + 7, key: Buffer.alloc(0), value: Buffer.alloc(3000, 'abc') },
];

function plain(recs: Array<{ key: Buffer | null; value: Buffer | null; headers: Array<{ key: string; value: Buffer | null }> }>) {
  return recs.map((r) => ({
    key: r.key?.toString('hex') ?? null,
    value: r.value?.toString('hex') ?? null,
    headers: r.headers.map((h) => [h.key, h.value?.toString('hex') ?? null]),
  }));
}

describe('record batch round trip', () => {
  for (const compression of [CompressionType.None, CompressionType.Gzip, CompressionType.Snappy, CompressionType.Lz4, CompressionType.Zstd]) {
    it(`${CompressionType[compression]}`, () => {
      const batch = encodeRecordBatch({ baseOffset: 1000, records, compression, producerId: 42, producerEpoch: 3, baseSequence: 9, isTransactional: true, partitionLeaderEpoch: 5 });
      expect(batch.readInt32BE(8)).toBe(batch.length - 12);
      expect(batch.readUInt32BE(17)).toBe(crc32c(batch.subarray(21)));
      const [decoded, ...rest] = decodeRecordBatches(batch);
      expect(rest).toEqual([]);
      expect(decoded).toMatchObject({
        baseOffset: 1000,
        lastOffset: 1003,
        sizeInBytes: batch.length,
        partitionLeaderEpoch: 5,
        magic: 2,
        attributes: compression | 0x10,
        compression,
        timestampType: TimestampType.CreateTime,
        isTransactional: true,
        isControl: false,
        lastOffsetDelta: 3,
        baseTimestamp: T0,
        maxTimestamp: T0 + 2 ** 33,
        producerId: 42,
        producerEpoch: 3,
        baseSequence: 9,
        recordCount: 4,
      });
      expect(decoded!.records.map((r) => [r.offset, r.offsetDelta, r.timestamp])).toEqual([
        [1000, 0, T0],
        [1001, 1, T0 - 5],
        [1002, 2, T0 + 2 ** 33],
        [1003, 3, T0 + 7],
      ]);
      expect(plain(decoded!.records)).toEqual(plain(records.map((r) => ({ ...r, headers: r.headers ?? [] }))));
      // What the encoder writes passes the produce validator (sent as a producer would, at offset 0).
      const sent = encodeRecordBatch({ records, compression });
      expect(validateProducedRecords(sent, { maxMessageBytes: 1 << 20 }).ok).toBe(true);
    });
  }

  it('writes the exact bytes of a small uncompressed batch', () => {
    const batch = encodeRecordBatch({ records: [{ timestamp: 1, key: null, value: Buffer.from('a'), headers: [] }] });
    expect(batch.toString('hex')).toBe(
      '0000000000000000' + '00000039' + 'ffffffff' + '02' + batch.subarray(17, 21).toString('hex') + '0000' + '00000000' +
        '0000000000000001' + '0000000000000001' + 'ffffffffffffffff' + 'ffff' + 'ffffffff' + '00000001' +
        '0e' + '00' + '00' + '00' + '01' + '02' + '61' + '00' // length 7, attributes, tsDelta 0, offsetDelta 0, null key, value 'a', no headers,
    );
  });

  it('keeps explicit offset deltas (as after compaction) and encodes an empty batch', () => {
    const batch = encodeRecordBatch({ baseOffset: 10, records: [{ offsetDelta: 2, timestamp: 5, key: null, value: null }, { offsetDelta: 7, timestamp: 6, key: null, value: null }] });
    const [decoded] = decodeRecordBatches(batch);
    expect(decoded!.lastOffsetDelta).toBe(7);
    expect(decoded!.records.map((r) => r.offset)).toEqual([12, 17]);
    const empty = encodeRecordBatch({ records: [] });
    expect(empty.length).toBe(61);
    expect(decodeRecordBatches(empty)[0]).toMatchObject({ recordCount: 0, baseTimestamp: -1, maxTimestamp: -1, records: [] });
  });

  it('resolves every record timestamp to maxTimestamp for LogAppendTime batches', () => {
    const sent = encodeRecordBatch({ records, compression: CompressionType.Lz4 });
    const validated = validateProducedRecords(sent, { maxMessageBytes: 1 << 20 });
    if (!validated.ok) throw new Error(validated.message);
    assignOffsets(sent, validated.batches, 77, 2);
    setLogAppendTime(sent, validated.batches, 1_800_000_000_000);
    const [decoded] = decodeRecordBatches(sent);
    expect(decoded!.timestampType).toBe(TimestampType.LogAppendTime);
    expect(decoded!.records.map((r) => r.timestamp)).toEqual([1_800_000_000_000, 1_800_000_000_000, 1_800_000_000_000, 1_800_000_000_000]);
    expect(decoded!.records.map((r) => r.offset)).toEqual([77, 78, 79, 80]);
    expect(decoded!.partitionLeaderEpoch).toBe(2);
  });

  it('ignores a trailing partial batch and decodes batches end to end', () => {
    const a = encodeRecordBatch({ baseOffset: 0, records: records.slice(0, 2) });
    const b = encodeRecordBatch({ baseOffset: 2, records: records.slice(2), compression: CompressionType.Gzip });
    const log = Buffer.concat([a, b]);
    expect(decodeRecordBatches(log).map((x) => x.baseOffset)).toEqual([0, 2]);
    expect(decodeRecordBatches(log.subarray(0, a.length + b.length - 1)).map((x) => x.baseOffset)).toEqual([0]);
    expect(decodeRecordBatches(log.subarray(0, a.length + 5)).map((x) => x.baseOffset)).toEqual([0]);
  });

  it('throws RecordBatchDecodeError on a bad CRC unless verification is off, and on a wrong magic', () => {
    const batch = encodeRecordBatch({ records: records.slice(0, 1) });
    batch[batch.length - 1] ^= 1;
    expect(() => decodeRecordBatches(batch)).toThrow(RecordBatchDecodeError);
    expect(decodeRecordBatches(batch, { verifyCrc: false })).toHaveLength(1);
    const old = encodeRecordBatch({ records: records.slice(0, 1) });
    old[16] = 1;
    expect(() => decodeRecordBatches(old)).toThrow(/magic 1/);
  });
});
