// A produced CreateTime batch's maxTimestamp, set from its records when the header cannot be
// right. Kafka's LogValidator sets it from the records for every CreateTime batch (it reads them
// all) and rewrites the header when it differs. Some producers send a wrong one: Sarama 1.22
// writes max_timestamp = -1, which, stored as sent, makes ListOffsets by time answer -1 and hides
// the data's age from time retention and segment.ms.
//
// kt rewrites it only when the header contradicts itself: maxTimestamp below baseTimestamp, or -1
// with records present (a correct batch's maxTimestamp is at least its first record's timestamp,
// which producers write as baseTimestamp). Deviation from Kafka: a header maxTimestamp that is
// wrong but not below baseTimestamp is trusted and stored as sent.
import { setMaxTimestamp } from '../../storage/batch-header.js';
import type { ValidatedBatch } from './validate.js';

/** Whether this batch's header maxTimestamp cannot be right (false on the default path). */
export function maxTimestampNeedsRecompute(batch: ValidatedBatch): boolean {
  // A LogAppendTime batch's records all carry its maxTimestamp: there is nothing to recompute.
  if (batch.isLogAppendTime) return false;
  return batch.maxTimestamp < batch.baseTimestamp || (batch.maxTimestamp === -1 && batch.recordCount > 0);
}

/** Sets the batch's maxTimestamp, re-sealing the CRC, in `records` and in the descriptor, if it differs. */
export function sealMaxTimestamp(records: Buffer, batch: ValidatedBatch, maxTimestamp: number): void {
  if (batch.maxTimestamp === maxTimestamp) return;
  setMaxTimestamp(records, batch.position, batch.size, maxTimestamp);
  batch.maxTimestamp = maxTimestamp;
}
