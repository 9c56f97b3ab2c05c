// Byte layout of the record batch v2 header (see Kafka's DefaultRecordBatch).
// Everything that touches batches as opaque bytes (produce validation, offset assignment,
// log recovery, fetch slicing) reads and patches the header through these constants, so
// the hot path never decodes records.

export const BASE_OFFSET = 0; // int64
export const BATCH_LENGTH = 8; // int32: bytes after this field
export const PARTITION_LEADER_EPOCH = 12; // int32
export const MAGIC = 16; // int8
export const CRC = 17; // uint32, CRC-32C over ATTRIBUTES..end
export const ATTRIBUTES = 21; // int16
export const LAST_OFFSET_DELTA = 23; // int32
export const BASE_TIMESTAMP = 27; // int64
export const MAX_TIMESTAMP = 35; // int64
export const PRODUCER_ID = 43; // int64
export const PRODUCER_EPOCH = 51; // int16
export const BASE_SEQUENCE = 53; // int32
export const RECORDS_COUNT = 57; // int32
export const RECORDS = 61;

/** Size of the fixed v2 header; also the smallest valid batch. */
export const BATCH_HEADER_SIZE = 61;
/** baseOffset + batchLength: the part of a batch before the length-counted body. */
export const LOG_OVERHEAD = 12;
/** Magic is at byte 16 in every message format, so it can be read before anything else. */
export const HEADER_SIZE_UP_TO_MAGIC = 17;

export const COMPRESSION_CODEC_MASK = 0x07;
export const TIMESTAMP_TYPE_MASK = 0x08;
export const TRANSACTIONAL_FLAG_MASK = 0x10;
export const CONTROL_FLAG_MASK = 0x20;
export const DELETE_HORIZON_FLAG_MASK = 0x40;

export enum CompressionType {
  None = 0,
  Gzip = 1,
  Snappy = 2,
  Lz4 = 3,
  Zstd = 4,
}

export enum TimestampType {
  CreateTime = 0,
  LogAppendTime = 1,
}

/** Total size in bytes of the batch starting at `pos` (batchLength + 12). */
export function batchSizeAt(buf: Buffer, pos: number): number {
  return buf.readInt32BE(pos + BATCH_LENGTH) + LOG_OVERHEAD;
}
