// Errors the log raises toward the request handlers, carrying the Kafka error code to answer with.

/** RECORD_LIST_TOO_LARGE (18): one append is larger than segment.bytes, so no segment can hold it. */
export class RecordListTooLargeError extends Error {
  readonly errorCode = 18;
  constructor(size: number, segmentBytes: number, topicPartition: string) {
    super(`Message batch size is ${size} bytes in append to partition ${topicPartition}, which exceeds the maximum configured segment size of ${segmentBytes}.`);
    this.name = 'RecordListTooLargeError';
  }
}

/** KAFKA_STORAGE_ERROR (56): an I/O failure while writing or reading the log. */
export class KafkaStorageError extends Error {
  readonly errorCode = 56;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KafkaStorageError';
  }
}

/** OFFSET_OUT_OF_RANGE (1): e.g. raising the log start offset past the high watermark. */
export class OffsetOutOfRangeError extends Error {
  readonly errorCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'OffsetOutOfRangeError';
  }
}
