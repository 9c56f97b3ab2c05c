// A CreateTime topic's batch carries the largest of its records' timestamps as maxTimestamp:
// Kafka's LogValidator sets it from the records it reads (setMaxTimestamp(CREATE_TIME, max) on
// every batch it keeps), whatever the producer wrote. Some producers write a wrong one (Sarama
// 1.22 writes -1), which, stored as sent, would make ListOffsets by time answer -1 and hide the
// data's age from time retention and segment.ms. A batch that claimed LogAppendTime becomes
// CreateTime, its maxTimestamp kept (its records all read as that time).
// The header is rewritten, and the CRC re-sealed, only when it differs: most batches are left
// byte for byte as sent.
import { setCreateTimeMaxTimestamp } from '../../storage/batch-header.js';
import type { ValidatedBatch } from './validate.js';

/** Sets the batch's maxTimestamp and CreateTime in `records` and in the descriptor, if they differ. */
export function sealCreateTimeMaxTimestamp(records: Buffer, batch: ValidatedBatch, maxTimestamp: number): void {
  if (!batch.isLogAppendTime && batch.maxTimestamp === maxTimestamp) return;
  setCreateTimeMaxTimestamp(records, batch.position, batch.size, maxTimestamp);
  batch.maxTimestamp = maxTimestamp;
  batch.isLogAppendTime = false;
}
