// Per-record errors (ProduceResponse's record_errors) and how Kafka's LogValidator turns them into
// the partition's answer (processRecordErrors): the whole batch is refused, with INVALID_TIMESTAMP
// when any record's timestamp is at fault, else INVALID_RECORD and a summary of the first three.
// Kafka reports the partition's log start offset with them (RecordValidationException).
import { RecordsErrorCode, type RecordsError } from './validate.js';

/** ProduceResponse's BatchIndexAndErrorMessage. */
export interface RecordError {
  batchIndex: number;
  message: string;
}

/** A record error with the code it stands for. */
export interface TypedRecordError extends RecordError {
  code: typeof RecordsErrorCode.INVALID_RECORD | typeof RecordsErrorCode.INVALID_TIMESTAMP;
}

/** A batch refused for its records' errors. */
export interface RecordsRejection extends RecordsError {
  recordErrors: RecordError[];
}

/** Kafka's InvalidTimestampException message for a rejected batch. */
export const INVALID_TIMESTAMP_MESSAGE = 'One or more records have been rejected due to invalid timestamp';

/** LogValidator.processRecordErrors for a non-empty list. */
export function rejectRecords(errors: readonly TypedRecordError[]): RecordsRejection {
  const recordErrors = errors.map(({ batchIndex, message }) => ({ batchIndex, message }));
  if (errors.some((e) => e.code === RecordsErrorCode.INVALID_TIMESTAMP)) {
    return { ok: false, kind: 'invalid-timestamp', errorCode: RecordsErrorCode.INVALID_TIMESTAMP, message: INVALID_TIMESTAMP_MESSAGE, recordErrors };
  }
  return { ok: false, kind: 'invalid-record', errorCode: RecordsErrorCode.INVALID_RECORD, message: invalidRecordsMessage(recordErrors), recordErrors };
}

/** Kafka's InvalidRecordException text for a batch rejected with per-record errors. */
export function invalidRecordsMessage(errors: readonly RecordError[]): string {
  const shown = errors.slice(0, 3).map((e) => `RecordError(batchIndex=${e.batchIndex}, message='${e.message}')`);
  return `One or more records have been rejected due to ${errors.length} record errors in total, and only showing the first three errors at most: [${shown.join(', ')}]`;
}
