// Kafka's LogValidator.validateKey: a topic whose cleanup.policy has `compact` refuses records
// without a key (compaction keeps the latest record per key, so a keyless one has no meaning).
// Only compacted topics pay for reading the records.
import { decompress } from '../../protocol/records/compression/index.js';
import type { Cursor } from '../../protocol/records/varint.js';
import { RECORDS } from '../../storage/batch-header.js';
import { readRecordSummary, type RecordError } from './timestamp-bounds.js';
import { RecordsErrorCode, type RecordsError, type ValidatedBatch } from './validate.js';

export interface KeylessRejection extends RecordsError {
  recordErrors: RecordError[];
}

/**
 * Null when every record of `batches` has a key; else INVALID_RECORD with one error per keyless
 * record (batchIndex counts records across the request's batches, as Kafka's does within its one
 * batch) and Kafka's summary message, or CORRUPT_MESSAGE / INVALID_RECORD when records cannot be read.
 */
export function checkCompactedKeys(records: Buffer, batches: readonly ValidatedBatch[], topic: string, partition: number): KeylessRejection | RecordsError | null {
  const errors: RecordError[] = [];
  const message = `Compacted topic cannot accept message without key in topic partition ${topic}-${partition}.`;
  let index = 0;
  for (const batch of batches) {
    let body: Buffer;
    try {
      body = decompress(batch.compression, records.subarray(batch.position + RECORDS, batch.position + batch.size));
    } catch (err) {
      return { ok: false, kind: 'corrupt', errorCode: RecordsErrorCode.CORRUPT_MESSAGE, message: (err as Error).message };
    }
    const cursor: Cursor = { pos: 0 };
    for (let i = 0; i < batch.recordCount; i++, index++) {
      const record = readRecordSummary(body, cursor);
      if (record === null) return { ok: false, kind: 'invalid-record', errorCode: RecordsErrorCode.INVALID_RECORD, message: `Found invalid record structure at record ${i} of the batch` };
      if (!record.hasKey) errors.push({ batchIndex: index, message });
    }
  }
  if (errors.length === 0) return null;
  return { ok: false, kind: 'invalid-record', errorCode: RecordsErrorCode.INVALID_RECORD, message: invalidRecordsMessage(errors), recordErrors: errors };
}

/** Kafka's InvalidRecordException text for a batch rejected with per-record errors (LogValidator.processRecordErrors). */
export function invalidRecordsMessage(errors: readonly RecordError[]): string {
  const shown = errors.slice(0, 3).map((e) => `RecordError(batchIndex=${e.batchIndex}, message='${e.message}')`);
  return `One or more records have been rejected due to ${errors.length} record errors in total, and only showing the first three errors at most: [${shown.join(', ')}]`;
}
