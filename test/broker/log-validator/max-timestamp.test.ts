import { describe, expect, it } from 'vitest';
import { sealCreateTimeMaxTimestamp } from '../../../src/broker/log-validator/max-timestamp.js';
import { validateProducedRecords, type ValidatedBatch } from '../../../src/broker/log-validator/validate.js';
import { encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { TimestampType, isBatchCrcValid, isLogAppendTimeAt, setMaxTimestamp } from '../../../src/storage/batch-header.js';

function validated(batch: Buffer): ValidatedBatch {
  const result = validateProducedRecords(batch, { maxMessageBytes: 1 << 20 });
  if (!result.ok) throw new Error(result.message);
  return result.batches[0]!;
}

const record = (timestamp: number) => ({ timestamp, key: null, value: Buffer.from('v') });

describe('sealCreateTimeMaxTimestamp', () => {
  it('writes the given maxTimestamp, re-seals the CRC and updates the descriptor', () => {
    const bytes = encodeRecordBatch({ records: [record(10), record(30), record(20)] });
    setMaxTimestamp(bytes, 0, bytes.length, -1);
    const batch = validated(bytes);
    sealCreateTimeMaxTimestamp(bytes, batch, 30);
    expect(bytes.readBigInt64BE(35)).toBe(30n);
    expect(isBatchCrcValid(bytes, 0, bytes.length)).toBe(true);
    expect(batch.maxTimestamp).toBe(30);
  });

  it('leaves a batch whose header already says so byte for byte as it is', () => {
    const bytes = encodeRecordBatch({ records: [record(-1), record(-1)], timestampType: TimestampType.CreateTime });
    const before = Buffer.from(bytes);
    sealCreateTimeMaxTimestamp(bytes, validated(bytes), -1);
    expect(bytes).toEqual(before);
  });

  it('turns a batch that claimed LogAppendTime into CreateTime, as Kafka does on a CreateTime topic', () => {
    const bytes = encodeRecordBatch({ records: [record(50), record(50)], timestampType: TimestampType.LogAppendTime });
    const batch = validated(bytes);
    sealCreateTimeMaxTimestamp(bytes, batch, 50);
    expect(isLogAppendTimeAt(bytes)).toBe(false);
    expect(bytes.readBigInt64BE(35)).toBe(50n);
    expect(isBatchCrcValid(bytes, 0, bytes.length)).toBe(true);
    expect(batch).toMatchObject({ isLogAppendTime: false, maxTimestamp: 50 });
  });
});
