import { describe, expect, it } from 'vitest';
import { crc32c } from '../../../src/storage/crc32c.js';
import {
  setLogAppendTime,
  validateProducedRecords,
  type RecordsError,
  type RecordsValidation,
  type ValidatedRecords,
} from '../../../src/broker/log-validator/validate.js';
import { rawBatch } from '../../helpers/raw-batch.js';

const opts = { maxMessageBytes: 1_048_588 };

function expectOk(result: RecordsValidation): ValidatedRecords {
  if (!result.ok) throw new Error(`expected ok, got ${result.message}`);
  return result;
}

function expectError(result: RecordsValidation): RecordsError {
  if (result.ok) throw new Error('expected an error');
  return result;
}

describe('validateProducedRecords', () => {
  it('accepts a well-formed batch and reports its header facts', () => {
    const batch = rawBatch({ attributes: 0x13, producerId: 4000n, producerEpoch: 3, baseSequence: 17 });
    const result = expectOk(validateProducedRecords(batch, opts));
    expect(result.batches).toEqual([
      {
        position: 0,
        size: 71,
        lastOffsetDelta: 2,
        recordCount: 3,
        baseTimestamp: 1_700_000_000_000,
        maxTimestamp: 1_700_000_000_005,
        compression: 3,
        isLogAppendTime: false,
        isTransactional: true,
        isControl: false,
        producerId: 4000,
        producerEpoch: 3,
        baseSequence: 17,
      },
    ]);
    expect(result.recordCount).toBe(3);
    expect(result.offsetCount).toBe(3);
    expect(result.maxTimestamp).toBe(1_700_000_000_005);
    expect(result.shallowOffsetDeltaOfMaxTimestamp).toBe(2);
  });

  it('walks several batches when allowed and tracks the max timestamp batch', () => {
    const records = Buffer.concat([
      rawBatch({ maxTimestamp: 10n }),
      rawBatch({ maxTimestamp: 30n, lastOffsetDelta: 0, recordsCount: 1 }),
      rawBatch({ maxTimestamp: 30n }),
    ]);
    const result = expectOk(validateProducedRecords(records, { ...opts, allowMultipleBatches: true }));
    expect(result.batches.map((b) => b.position)).toEqual([0, 71, 142]);
    expect(result.recordCount).toBe(7);
    expect(result.maxTimestamp).toBe(30);
    expect(result.shallowOffsetDeltaOfMaxTimestamp).toBe(3);
  });

  it('refuses a second batch by default (INVALID_RECORD)', () => {
    const error = expectError(validateProducedRecords(Buffer.concat([rawBatch(), rawBatch()]), opts));
    expect(error.errorCode).toBe(87);
  });

  it('answers CORRUPT_MESSAGE for a bad CRC', () => {
    const batch = rawBatch();
    batch[65] ^= 0xff;
    const error = expectError(validateProducedRecords(batch, opts));
    expect(error).toMatchObject({ kind: 'corrupt', errorCode: 2 });
  });

  it('answers CORRUPT_MESSAGE for a truncated batch, a short tail and a tiny batchLength', () => {
    const batch = rawBatch();
    expect(expectError(validateProducedRecords(batch.subarray(0, 70), opts)).errorCode).toBe(2);
    expect(expectError(validateProducedRecords(batch.subarray(0, 11), opts)).errorCode).toBe(2);
    const tooShort = Buffer.from(batch);
    tooShort.writeInt32BE(48, 8);
    expect(expectError(validateProducedRecords(tooShort, opts)).errorCode).toBe(2);
  });

  it('answers INVALID_RECORD for magic 0 and 1 (Produce v3+), CORRUPT_MESSAGE for a magic outside 0..2', () => {
    const v3 = { ...opts, produceVersion: 3 };
    const onlyV2 = { kind: 'invalid-record', errorCode: 87, message: 'Produce requests with version 3 are only allowed to contain record batches with magic version 2' };
    expect(expectError(validateProducedRecords(rawBatch({ magic: 1 }), v3))).toMatchObject(onlyV2);
    expect(expectError(validateProducedRecords(rawBatch({ magic: 0 }), v3))).toMatchObject(onlyV2);
    // A v0 message is shorter than a v2 header: the magic is read first, as Kafka does.
    const v0Message = Buffer.from('00000000000000000000000e' + 'a0a0a0a0' + '0000' + 'ffffffff' + 'ffffffff', 'hex');
    expect(expectError(validateProducedRecords(v0Message, v3))).toMatchObject(onlyV2);
    // After a v2 batch, a legacy message is a second batch.
    expect(expectError(validateProducedRecords(Buffer.concat([rawBatch(), v0Message]), v3))).toMatchObject({ errorCode: 87, message: 'Produce requests are only allowed to contain exactly one record batch per partition' });
    expect(expectError(validateProducedRecords(rawBatch({ magic: 3 }), opts))).toMatchObject({ kind: 'corrupt', errorCode: 2, message: 'Invalid magic found in record: 3' });
    expect(expectError(validateProducedRecords(rawBatch({ magic: -1 }), opts))).toMatchObject({ kind: 'corrupt', errorCode: 2, message: 'Invalid magic found in record: -1' });
  });

  it('answers MESSAGE_TOO_LARGE above max.message.bytes and accepts exactly the limit', () => {
    const batch = rawBatch();
    expect(expectError(validateProducedRecords(batch, { maxMessageBytes: 70 }))).toMatchObject({ kind: 'too-large', errorCode: 10 });
    expect(validateProducedRecords(batch, { maxMessageBytes: 71 }).ok).toBe(true);
  });

  it('answers INVALID_RECORD for empty records, zero count, inconsistent count, control batch, missing sequence', () => {
    expect(expectError(validateProducedRecords(Buffer.alloc(0), opts)).errorCode).toBe(87);
    expect(expectError(validateProducedRecords(rawBatch({ recordsCount: 0, lastOffsetDelta: -1 }), opts)).errorCode).toBe(87);
    expect(expectError(validateProducedRecords(rawBatch({ recordsCount: 2 }), opts)).errorCode).toBe(87);
    expect(expectError(validateProducedRecords(rawBatch({ attributes: 0x30 }), opts)).errorCode).toBe(87);
    expect(expectError(validateProducedRecords(rawBatch({ producerId: 1n, baseSequence: -1 }), opts)).errorCode).toBe(87);
  });

  it('refuses zstd on produce < v7 and unknown codec ids', () => {
    const zstd = rawBatch({ attributes: 4 });
    expect(expectError(validateProducedRecords(zstd, { ...opts, produceVersion: 6 })).errorCode).toBe(76);
    expect(validateProducedRecords(zstd, { ...opts, produceVersion: 7 }).ok).toBe(true);
    expect(expectError(validateProducedRecords(rawBatch({ attributes: 5 }), opts)).errorCode).toBe(2);
  });
});

describe('setLogAppendTime', () => {
  it('sets the timestamp-type bit and maxTimestamp and keeps the CRC valid', () => {
    const records = rawBatch({ attributes: 0x01 });
    const result = expectOk(validateProducedRecords(records, opts));
    setLogAppendTime(records, result.batches, 1_800_000_000_123);
    expect(records.readInt16BE(21)).toBe(0x09);
    expect(records.readBigInt64BE(35)).toBe(1_800_000_000_123n);
    expect(records.readBigInt64BE(27)).toBe(1_700_000_000_000n);
    expect(records.readUInt32BE(17)).toBe(crc32c(records.subarray(21)));
    expect(result.batches[0]).toMatchObject({ maxTimestamp: 1_800_000_000_123, isLogAppendTime: true });
    expect(validateProducedRecords(records, opts).ok).toBe(true);
  });
});
