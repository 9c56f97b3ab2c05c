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
