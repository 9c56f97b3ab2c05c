// The batch-level facts DumpLogSegments prints (Kafka's RecordBatch accessors), read from a
// batch's bytes: record batch v2 (DefaultRecordBatch, layout and CRC check from
// src/storage/batch-header.ts; int64 fields read as exact longs, whatever the file holds) and the
// legacy v0/v1 message, which is its own "batch" (AbstractLegacyRecordBatch).
import {
  ATTRIBUTES,
  BASE_OFFSET,
  BASE_SEQUENCE,
  BASE_TIMESTAMP,
  BATCH_HEADER_SIZE,
  COMPRESSION_CODEC_MASK,
  CONTROL_FLAG_MASK,
  CRC,
  DELETE_HORIZON_FLAG_MASK,
  LAST_OFFSET_DELTA,
  LOG_OVERHEAD,
  MAX_TIMESTAMP,
  PARTITION_LEADER_EPOCH,
  PRODUCER_EPOCH,
  PRODUCER_ID,
  RECORDS_COUNT,
  TIMESTAMP_TYPE_MASK,
  TRANSACTIONAL_FLAG_MASK,
  isBatchCrcValid,
} from '../../storage/batch-header.js';
import { JavaException, javaCrc32, optionalLong } from './java.js';
import type { FileBatch } from './file-records.js';

const INT_MAX = 2147483647;
const NO_SEQUENCE = -1;
const COMPRESSION_NAMES = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

// Legacy message layout after the 12-byte log header.
export const LEGACY_CRC = LOG_OVERHEAD;
export const LEGACY_MAGIC = LOG_OVERHEAD + 4;
export const LEGACY_ATTRIBUTES = LOG_OVERHEAD + 5;
export const LEGACY_TIMESTAMP = LOG_OVERHEAD + 6;

/** Kafka's CompressionType.forId(...).name. */
export function compressionName(id: number): string {
  const name = COMPRESSION_NAMES[id];
  if (name === undefined) throw new JavaException('java.lang.IllegalArgumentException', `Unknown compression type id: ${id}`);
  return name;
}

/** DefaultRecordBatch.incrementSequence: sequences wrap at Integer.MAX_VALUE. */
export function incrementSequence(sequence: number, increment: number): number {
  if (sequence > INT_MAX - increment) return increment - (INT_MAX - sequence) - 1;
  return sequence + increment;
}

/** RecordBatch.lastOffset: base + lastOffsetDelta (v2), the message's own offset (v0/v1). */
export function lastOffsetOf(batch: FileBatch): bigint {
  const offset = batch.bytes.readBigInt64BE(BASE_OFFSET);
  return batch.magic >= 2 ? offset + BigInt(batch.bytes.readInt32BE(LAST_OFFSET_DELTA)) : offset;
}

/** TimestampType's toString for a batch: v2 and v1 carry it in attribute bit 3, v0 has none. */
export function timestampTypeOf(batch: FileBatch): string {
  if (batch.magic === 0) return 'NoTimestampType';
  const attributes = batch.magic >= 2 ? batch.bytes.readInt16BE(ATTRIBUTES) : batch.bytes.readInt8(LEGACY_ATTRIBUTES);
  return attributes & TIMESTAMP_TYPE_MASK ? 'LogAppendTime' : 'CreateTime';
}

/** The compression codec id of a batch (attribute bits 0-2 in every format). */
export function compressionIdOf(batch: FileBatch): number {
  return (batch.magic >= 2 ? batch.bytes.readInt16BE(ATTRIBUTES) : batch.bytes.readInt8(LEGACY_ATTRIBUTES)) & COMPRESSION_CODEC_MASK;
}

export function isControlBatch(batch: FileBatch): boolean {
  return batch.magic >= 2 && (batch.bytes.readInt16BE(ATTRIBUTES) & CONTROL_FLAG_MASK) !== 0;
}

/** RecordBatch.isValid: size and checksum (CRC-32C of v2, CRC32 of legacy messages). */
export function isValidBatch(batch: FileBatch): boolean {
  const { bytes, sizeInBytes } = batch;
  if (batch.magic >= 2) return sizeInBytes >= BATCH_HEADER_SIZE && isBatchCrcValid(bytes, 0, sizeInBytes);
  return sizeInBytes >= LOG_OVERHEAD + 14 && bytes.readUInt32BE(LEGACY_CRC) === javaCrc32(bytes.subarray(LEGACY_MAGIC, sizeInBytes));
}

/**
 * The batch line's first part: the v2 header fields, or `offset: <o>` for a legacy message. It
 * is printed before the rest is computed, as Kafka does (an unknown codec fails mid-line).
 */
export function batchLineStart(batch: FileBatch): string {
  const b = batch.bytes;
  if (batch.magic < 2) return `offset: ${lastOffsetOf(batch)}`;
  const attributes = b.readInt16BE(ATTRIBUTES);
  const lastOffsetDelta = b.readInt32BE(LAST_OFFSET_DELTA);
  const baseSequence = b.readInt32BE(BASE_SEQUENCE);
  const lastSequence = baseSequence === NO_SEQUENCE ? NO_SEQUENCE : incrementSequence(baseSequence, lastOffsetDelta);
  const deleteHorizon = attributes & DELETE_HORIZON_FLAG_MASK ? b.readBigInt64BE(BASE_TIMESTAMP) : null;
  return (
    `baseOffset: ${b.readBigInt64BE(BASE_OFFSET)} lastOffset: ${lastOffsetOf(batch)} count: ${b.readInt32BE(RECORDS_COUNT)}` +
    ` baseSequence: ${baseSequence} lastSequence: ${lastSequence}` +
    ` producerId: ${b.readBigInt64BE(PRODUCER_ID)} producerEpoch: ${b.readInt16BE(PRODUCER_EPOCH)}` +
    ` partitionLeaderEpoch: ${b.readInt32BE(PARTITION_LEADER_EPOCH)} isTransactional: ${(attributes & TRANSACTIONAL_FLAG_MASK) !== 0}` +
    ` isControl: ${(attributes & CONTROL_FLAG_MASK) !== 0} deleteHorizonMs: ${optionalLong(deleteHorizon)}`
  );
}

/** The rest of the batch line, from ` position:` on. `position` is the bytes before the batch. */
export function batchLineEnd(batch: FileBatch, position: number): string {
  return (
    ` position: ${position} ${timestampTypeOf(batch)}: ${maxTimestampOf(batch)} size: ${batch.sizeInBytes}` +
    ` magic: ${batch.magic} compresscodec: ${compressionName(compressionIdOf(batch))}` +
    ` crc: ${checksumOf(batch)} isvalid: ${isValidBatch(batch)}`
  );
}

/** RecordBatch.maxTimestamp: the v2 header field, a v1 message's timestamp, -1 for v0. */
function maxTimestampOf(batch: FileBatch): bigint {
  if (batch.magic >= 2) return batch.bytes.readBigInt64BE(MAX_TIMESTAMP);
  return batch.magic === 1 ? batch.bytes.readBigInt64BE(LEGACY_TIMESTAMP) : -1n;
}

function checksumOf(batch: FileBatch): number {
  return batch.bytes.readUInt32BE(batch.magic >= 2 ? CRC : LEGACY_CRC);
}
