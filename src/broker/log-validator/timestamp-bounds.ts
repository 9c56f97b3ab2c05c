// Produce-time record timestamp rules (Kafka's LogValidator.validateTimestamp), checked only
// when a topic config asks for it, so the default produce path never reads a record:
//   - CreateTime topic with message.timestamp.before.max.ms / after.max.ms set: every record with a
//     timestamp must lie within [now - before, now + after];
//   - a batch that claims LogAppendTime is refused when the topic is LogAppendTime, or when it
//     carries no timestamp (the only cases where Kafka's check reaches that branch).
// Any failing record rejects the whole batch with INVALID_TIMESTAMP and one error per record.
import { decompress } from '../../protocol/records/compression/index.js';
import { type Cursor, readVarint, readVarlong } from '../../protocol/records/varint.js';
import { RECORDS } from '../../storage/batch-header.js';
import { RecordsErrorCode, type RecordsError, type ValidatedBatch } from './validate.js';

export interface TimestampPolicy {
  /** message.timestamp.type=LogAppendTime. */
  logAppendTime: boolean;
  /** message.timestamp.before.max.ms; Infinity = no bound (Long.MAX_VALUE). */
  beforeMaxMs: number;
  /** message.timestamp.after.max.ms; Infinity = no bound. */
  afterMaxMs: number;
}

/** ProduceResponse's BatchIndexAndErrorMessage. */
export interface RecordError {
  batchIndex: number;
  message: string;
}

export interface TimestampRejection extends RecordsError {
  recordErrors: RecordError[];
}

/** Kafka's InvalidTimestampException message for a rejected batch. */
export const INVALID_TIMESTAMP_MESSAGE = 'One or more records have been rejected due to invalid timestamp';

/** Whether this batch needs its records read for the policy (false on the default path). */
export function needsTimestampCheck(policy: TimestampPolicy, batch: ValidatedBatch): boolean {
  if (batch.isLogAppendTime) return policy.logAppendTime || batch.maxTimestamp === -1;
  return !policy.logAppendTime && (Number.isFinite(policy.beforeMaxMs) || Number.isFinite(policy.afterMaxMs));
}

/**
 * Checks every record of one validated batch of `records`. Returns null when all pass, else the
 * rejection: INVALID_TIMESTAMP with per-record errors, or CORRUPT_MESSAGE / INVALID_RECORD when
 * the records cannot be read.
 */
export function checkRecordTimestamps(records: Buffer, batch: ValidatedBatch, policy: TimestampPolicy, now: number): TimestampRejection | RecordsError | null {
  const batchBytes = records.subarray(batch.position, batch.position + batch.size);
  let body: Buffer;
  try {
    body = decompress(batch.compression, batchBytes.subarray(RECORDS));
  } catch (err) {
    return { ok: false, kind: 'corrupt', errorCode: RecordsErrorCode.CORRUPT_MESSAGE, message: (err as Error).message };
  }
  const baseOffset = Number(batchBytes.readBigInt64BE(0));
  const errors: RecordError[] = [];
  const cursor: Cursor = { pos: 0 };
  for (let i = 0; i < batch.recordCount; i++) {
    const record = readRecordSummary(body, cursor);
    if (record === null) return invalidRecord(`Found invalid record structure at record ${i} of the batch`);
    const offset = baseOffset + record.offsetDelta;
    const timestamp = batch.isLogAppendTime ? batch.maxTimestamp : batch.baseTimestamp + record.timestampDelta;
    if (!policy.logAppendTime && timestamp !== -1) {
      const diff = now - timestamp;
      if (diff > policy.beforeMaxMs || -diff > policy.afterMaxMs) errors.push({ batchIndex: i, message: outOfRangeMessage(timestamp, offset, now, policy) });
    } else if (batch.isLogAppendTime) {
      const text = `DefaultRecord(offset=${offset}, timestamp=${timestamp}, key=${record.keySize} bytes, value=${record.valueSize} bytes)`;
      errors.push({ batchIndex: i, message: `Invalid timestamp type in message ${text}. Producer should not set timestamp type to LogAppendTime.` });
    }
  }
  if (cursor.pos !== body.length) return invalidRecord('Incorrect declared batch size, records still remaining in file');
  if (errors.length === 0) return null;
  return { ok: false, kind: 'invalid-timestamp', errorCode: RecordsErrorCode.INVALID_TIMESTAMP, message: INVALID_TIMESTAMP_MESSAGE, recordErrors: errors };
}

/** Kafka's record error text for a timestamp outside message.timestamp.before/after.max.ms. */
export function outOfRangeMessage(timestamp: number, offset: number, now: number, policy: TimestampPolicy): string {
  return `Timestamp ${timestamp} of message with offset ${offset} is out of range. The timestamp should be within [${javaLong(now, -policy.beforeMaxMs)}, ${javaLong(now, policy.afterMaxMs)}]`;
}

const LONG_MAX = 9223372036854775807n;

/** now ± a bound as Java computes it in 64 bits (an unbounded Long.MAX_VALUE wraps around). */
function javaLong(now: number, delta: number): string {
  const d = Number.isFinite(delta) ? BigInt(delta) : delta > 0 ? LONG_MAX : -LONG_MAX;
  return BigInt.asIntN(64, BigInt(now) + d).toString();
}

function invalidRecord(message: string): RecordsError {
  return { ok: false, kind: 'invalid-record', errorCode: RecordsErrorCode.INVALID_RECORD, message };
}

export interface RecordSummary {
  timestampDelta: number;
  offsetDelta: number;
  /** False for a null key. */
  hasKey: boolean;
  keySize: number;
  valueSize: number;
}

/** Reads the fields the produce checks need and moves past the record; null if malformed. */
export function readRecordSummary(body: Buffer, cursor: Cursor): RecordSummary | null {
  try {
    const length = readVarint(body, cursor);
    const end = cursor.pos + length;
    if (length < 1 || end > body.length) return null;
    cursor.pos++; // attributes
    const timestampDelta = readVarlong(body, cursor);
    const offsetDelta = readVarint(body, cursor);
    const keyLength = readVarint(body, cursor);
    if (keyLength < -1 || cursor.pos + keyLength > end) return null;
    cursor.pos += Math.max(keyLength, 0);
    const valueLength = readVarint(body, cursor);
    if (valueLength < -1 || cursor.pos + valueLength > end) return null;
    cursor.pos = end;
    return { timestampDelta, offsetDelta, hasKey: keyLength >= 0, keySize: Math.max(keyLength, 0), valueSize: Math.max(valueLength, 0) };
  } catch {
    return null;
  }
}
