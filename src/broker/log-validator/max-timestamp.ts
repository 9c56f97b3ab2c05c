// A produced CreateTime batch's maxTimestamp, recomputed from its records when the header cannot
// be right. Kafka's LogValidator recomputes it for every CreateTime batch (it reads the records
// of every produce anyway) and rewrites the header when it differs. Some producers send a wrong
// one: Sarama 1.22 writes max_timestamp = -1, which, stored as is, makes ListOffsets by time
// answer -1 and hides the data's age from time retention and segment.ms.
//
// kt keeps the default produce path free of record reads, so it recomputes only when the header
// contradicts itself: maxTimestamp below baseTimestamp, or -1 with records present (a correct
// batch's maxTimestamp is at least its first record's timestamp, which producers write as
// baseTimestamp). Deviation from Kafka: a header maxTimestamp that is wrong but not below
// baseTimestamp is trusted and stored as sent.
import { decompress } from '../../protocol/records/compression/index.js';
import type { Cursor } from '../../protocol/records/varint.js';
import { RECORDS, setMaxTimestamp } from '../../storage/batch-header.js';
import { readRecordSummary } from './timestamp-bounds.js';
import { RecordsErrorCode, type RecordsError, type ValidatedBatch } from './validate.js';

/** Whether this batch's header maxTimestamp cannot be right (false on the default path). */
export function maxTimestampNeedsRecompute(batch: ValidatedBatch): boolean {
  // A LogAppendTime batch's records all carry its maxTimestamp: there is nothing to recompute.
  if (batch.isLogAppendTime) return false;
  return batch.maxTimestamp < batch.baseTimestamp || (batch.maxTimestamp === -1 && batch.recordCount > 0);
}

/**
 * Sets the batch's maxTimestamp to its largest record timestamp (-1 when no record has one),
 * re-sealing the CRC, in `records` and in the descriptor. Null on success, else CORRUPT_MESSAGE
 * (records that cannot be decompressed) or INVALID_RECORD (records that cannot be read), as
 * Kafka answers when it reads them.
 */
export function recomputeMaxTimestamp(records: Buffer, batch: ValidatedBatch): RecordsError | null {
  let body: Buffer;
  try {
    body = decompress(batch.compression, records.subarray(batch.position + RECORDS, batch.position + batch.size));
  } catch (err) {
    return { ok: false, kind: 'corrupt', errorCode: RecordsErrorCode.CORRUPT_MESSAGE, message: (err as Error).message };
  }
  let maxTimestamp = -1;
  const cursor: Cursor = { pos: 0 };
  for (let i = 0; i < batch.recordCount; i++) {
    const record = readRecordSummary(body, cursor);
    if (record === null) return invalidRecord(`Found invalid record structure at record ${i} of the batch`);
    const timestamp = batch.baseTimestamp + record.timestampDelta;
    if (timestamp > maxTimestamp) maxTimestamp = timestamp;
  }
  if (cursor.pos !== body.length) return invalidRecord('Incorrect declared batch size, records still remaining in file');
  if (maxTimestamp !== batch.maxTimestamp) {
    setMaxTimestamp(records, batch.position, batch.size, maxTimestamp);
    batch.maxTimestamp = maxTimestamp;
  }
  return null;
}

function invalidRecord(message: string): RecordsError {
  return { ok: false, kind: 'invalid-record', errorCode: RecordsErrorCode.INVALID_RECORD, message };
}
