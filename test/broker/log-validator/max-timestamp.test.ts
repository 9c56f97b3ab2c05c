import { describe, expect, it } from 'vitest';
import { maxTimestampNeedsRecompute, sealMaxTimestamp } from '../../../src/broker/log-validator/max-timestamp.js';
import { validateProducedRecords, type ValidatedBatch } from '../../../src/broker/log-validator/validate.js';
import { encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { TimestampType, isBatchCrcValid, setMaxTimestamp } from '../../../src/storage/batch-header.js';

function validated(batch: Buffer): ValidatedBatch {
  const result = validateProducedRecords(batch, { maxMessageBytes: 1 << 20 });
  if (!result.ok) throw new Error(result.message);
  return result.batches[0]!;
}

const record = (timestamp: number) => ({ timestamp, key: null, value: Buffer.from('v') });

describe('maxTimestampNeedsRecompute', () => {
  const header = (baseTimestamp: number, maxTimestamp: number, isLogAppendTime = false) => ({ ...validated(encodeRecordBatch({ records: [record(1)] })), baseTimestamp, maxTimestamp, isLogAppendTime });

  it('only when the header contradicts itself, never for LogAppendTime batches', () => {
    expect(maxTimestampNeedsRecompute(header(100, 105))).toBe(false);
    expect(maxTimestampNeedsRecompute(header(100, 100))).toBe(false);
    expect(maxTimestampNeedsRecompute(header(100, 99))).toBe(true);
    expect(maxTimestampNeedsRecompute(header(100, -1))).toBe(true);
    expect(maxTimestampNeedsRecompute(header(-1, -1))).toBe(true);
    expect(maxTimestampNeedsRecompute(header(100, -1, true))).toBe(false);
  });
});

describe('sealMaxTimestamp', () => {
  it('writes the given maxTimestamp, re-seals the CRC and updates the descriptor', () => {
    const bytes = encodeRecordBatch({ records: [record(10), record(30), record(20)] });
    setMaxTimestamp(bytes, 0, bytes.length, -1);
    const batch = validated(bytes);
    sealMaxTimestamp(bytes, batch, 30);
    expect(bytes.readBigInt64BE(35)).toBe(30n);
    expect(isBatchCrcValid(bytes, 0, bytes.length)).toBe(true);
    expect(batch.maxTimestamp).toBe(30);
  });

  it('leaves a batch whose header already says so byte for byte as it is', () => {
    const bytes = encodeRecordBatch({ records: [record(-1), record(-1)], timestampType: TimestampType.CreateTime });
    const before = Buffer.from(bytes);
    sealMaxTimestamp(bytes, validated(bytes), -1);
    expect(bytes).toEqual(before);
  });
});
