import { describe, expect, it } from 'vitest';
import {
  assignOffsets,
  computeBatchCrc,
  isBatchCrcValid,
  lastOffsetAt,
  readBatchHeader,
  sealBatch,
  setLogAppendTime,
  setMaxTimestamp,
  writeBatchHeader,
} from '../../src/storage/batch-header.js';
import { crc32c } from '../../src/storage/crc32c.js';
import { rawBatch } from '../helpers/raw-batch.js';

describe('batch header reads', () => {
  it('reads every field as stored', () => {
    const batch = rawBatch({ baseOffset: 2n ** 40n, partitionLeaderEpoch: 4, attributes: 0x13, producerId: 4000n, producerEpoch: 3, baseSequence: 17 });
    expect(readBatchHeader(batch)).toEqual({
      baseOffset: 2 ** 40,
      partitionLeaderEpoch: 4,
      magic: 2,
      crc: crc32c(batch.subarray(21)),
      attributes: 0x13,
      lastOffsetDelta: 2,
      baseTimestamp: 1_700_000_000_000,
      maxTimestamp: 1_700_000_000_005,
      producerId: 4000,
      producerEpoch: 3,
      baseSequence: 17,
      recordCount: 3,
    });
    expect(lastOffsetAt(batch)).toBe(2 ** 40 + 2);
  });

  it('writes a header that reads back, sealed', () => {
    const batch = Buffer.alloc(61 + 4, 0x5a);
    const fields = {
      baseOffset: 12,
      partitionLeaderEpoch: -1,
      attributes: 0x08,
      lastOffsetDelta: 0,
      baseTimestamp: 5,
      maxTimestamp: 9,
      producerId: -1,
      producerEpoch: -1,
      baseSequence: -1,
      recordCount: 1,
    };
    writeBatchHeader(batch, fields);
    expect(batch.readInt32BE(8)).toBe(batch.length - 12);
    expect(readBatchHeader(batch)).toEqual({ ...fields, magic: 2, crc: crc32c(batch.subarray(21)) });
    expect(isBatchCrcValid(batch, 0, batch.length)).toBe(true);
  });
});

describe('CRC-32C check and seal', () => {
  it('covers attributes through the end of the batch, at any position in a buffer', () => {
    const records = Buffer.concat([Buffer.alloc(7), rawBatch()]);
    expect(computeBatchCrc(records, 7, 71)).toBe(crc32c(records.subarray(7 + 21)));
    expect(isBatchCrcValid(records, 7, 71)).toBe(true);
    records[7 + 65] ^= 0xff;
    expect(isBatchCrcValid(records, 7, 71)).toBe(false);
    sealBatch(records, 7, 71);
    expect(isBatchCrcValid(records, 7, 71)).toBe(true);
  });
});

describe('assignOffsets', () => {
  it('patches exactly baseOffset and partitionLeaderEpoch of every batch', () => {
    const records = Buffer.concat([rawBatch(), rawBatch({ lastOffsetDelta: 0, recordsCount: 1 })]);
    const before = Buffer.from(records);
    const next = assignOffsets(records, [{ position: 0, lastOffsetDelta: 2 }, { position: 71, lastOffsetDelta: 0 }], 2 ** 40 + 5, 7);
    expect(next).toBe(2 ** 40 + 9);
    expect(records.readBigInt64BE(0)).toBe(2n ** 40n + 5n);
    expect(records.readInt32BE(12)).toBe(7);
    expect(records.readBigInt64BE(71)).toBe(2n ** 40n + 8n);
    expect(records.readInt32BE(71 + 12)).toBe(7);
    const changed: number[] = [];
    for (let i = 0; i < records.length; i++) if (records[i] !== before[i]) changed.push(i);
    const patchable = (p: number) => [p, p + 1, p + 2, p + 3, p + 4, p + 5, p + 6, p + 7, p + 12, p + 13, p + 14, p + 15];
    for (const i of changed) expect([...patchable(0), ...patchable(71)]).toContain(i);
    // The CRC does not cover the patched fields.
    expect(isBatchCrcValid(records, 0, 71) && isBatchCrcValid(records, 71, 71)).toBe(true);
  });
});

describe('timestamp patches', () => {
  it('setMaxTimestamp changes only maxTimestamp and the CRC', () => {
    const batch = rawBatch({ maxTimestamp: -1n });
    const before = Buffer.from(batch);
    setMaxTimestamp(batch, 0, batch.length, 1_700_000_000_009);
    expect(batch.readBigInt64BE(35)).toBe(1_700_000_000_009n);
    expect(isBatchCrcValid(batch, 0, batch.length)).toBe(true);
    const changed: number[] = [];
    for (let i = 0; i < batch.length; i++) if (batch[i] !== before[i]) changed.push(i);
    const crcOrMax = (i: number) => (i >= 17 && i < 21) || (i >= 35 && i < 43);
    expect(changed.filter((i) => !crcOrMax(i))).toEqual([]);
  });

  it('setLogAppendTime sets the timestamp-type bit and maxTimestamp, leaves baseTimestamp, re-seals', () => {
    const batch = rawBatch({ attributes: 0x01 });
    setLogAppendTime(batch, 0, batch.length, 1_800_000_000_123);
    expect(batch.readInt16BE(21)).toBe(0x09);
    expect(batch.readBigInt64BE(35)).toBe(1_800_000_000_123n);
    expect(batch.readBigInt64BE(27)).toBe(1_700_000_000_000n);
    expect(isBatchCrcValid(batch, 0, batch.length)).toBe(true);
  });
});
