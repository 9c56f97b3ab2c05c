// Errors the log raises toward the request handlers, carrying the Kafka error code to answer with.
import { ErrorCode, KafkaError } from '../../protocol/errors.js';

/** RECORD_LIST_TOO_LARGE (18): one append is larger than segment.bytes, so no segment can hold it. */
export class RecordListTooLargeError extends KafkaError {
  constructor(size: number, segmentBytes: number, topicPartition: string) {
    super(ErrorCode.RECORD_LIST_TOO_LARGE, `Message batch size is ${size} bytes in append to partition ${topicPartition}, which exceeds the maximum configured segment size of ${segmentBytes}.`);
    this.name = 'RecordListTooLargeError';
  }
}

/** KAFKA_STORAGE_ERROR (56): an I/O failure while writing or reading the log. */
export class KafkaStorageError extends KafkaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.KAFKA_STORAGE_ERROR, message, options);
    this.name = 'KafkaStorageError';
  }
}

/** OFFSET_OUT_OF_RANGE (1): e.g. raising the log start offset past the high watermark. */
export class OffsetOutOfRangeError extends KafkaError {
  constructor(message: string) {
    super(ErrorCode.OFFSET_OUT_OF_RANGE, message);
    this.name = 'OffsetOutOfRangeError';
  }
}

/**
 * errno codes of a resource running out rather than of a failing disk: no space (ENOSPC, EDQUOT)
 * or no descriptors (EMFILE, ENFILE). The operation that met one was undone, and the same
 * operation succeeds once the resource is back.
 */
export function isResourceExhausted(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'EMFILE' || code === 'ENFILE';
}

/**
 * An error of the operating system (an errno code: ENOSPC, EMFILE, EIO, ...), a KafkaStorageError,
 * or an error caused by one. Node's own errors (ERR_OUT_OF_RANGE, ...) and plain bugs are not.
 */
export function isIoError(err: unknown): boolean {
  if (err instanceof KafkaStorageError) return true;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string' && /^E[A-Z0-9]+$/.test(code)) return true;
  return err instanceof Error && err.cause !== undefined && isIoError(err.cause);
}

/**
 * Kafka's maybeHandleIOException: an I/O failure becomes a KafkaStorageError carrying Kafka's
 * message for the operation (e.g. "Error while appending records to t-0 in dir /data") and the
 * OS error as its cause. Anything else (a KafkaError, a bug) is returned unchanged, to be thrown
 * as it is: a bug is answered UNKNOWN_SERVER_ERROR and logged with its stack, not taken for a
 * disk error.
 */
export function storageError(message: string, err: unknown): unknown {
  if (err instanceof KafkaError && !(err instanceof KafkaStorageError)) return err;
  return isIoError(err) ? new KafkaStorageError(message, { cause: err }) : err;
}

/** The OS error behind a storage error, for log lines ("ENOSPC: no space left on device, write"). */
export function causeText(err: unknown): string {
  const cause = err instanceof KafkaError && err.cause !== undefined ? err.cause : err;
  return cause instanceof Error ? cause.message : String(cause);
}
