// The record batch v2 header (Kafka's DefaultRecordBatch): its byte layout, field reads, the
// CRC-32C check and seal, and the in-place patches the broker makes (offsets and leader epoch,
// max timestamp, LogAppendTime). Everything that handles batches as opaque bytes (produce
// validation, the log and its recovery, fetch slicing, the cleaner, kt dump-log, the lean
// producer) goes through this file, so the hot path never decodes records and the CRC is
// computed in one place.
import type { CompressionType } from '../protocol/records/compression/compression-type.js';
import { readInt64Number, writeInt64Number } from '../protocol/records/int64.js';
import { crc32c } from './crc32c.js';

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
/** Smallest legal v2 batchLength: the header minus baseOffset and batchLength. */
export const MIN_BATCH_LENGTH = BATCH_HEADER_SIZE - LOG_OVERHEAD;
/** Magic is at byte 16 in every message format, so it can be read before anything else. */
export const HEADER_SIZE_UP_TO_MAGIC = 17;
/** The only format kt writes (Kafka's RecordBatch.CURRENT_MAGIC_VALUE). */
export const CURRENT_MAGIC = 2;

export const COMPRESSION_CODEC_MASK = 0x07;
export const TIMESTAMP_TYPE_MASK = 0x08;
export const TRANSACTIONAL_FLAG_MASK = 0x10;
export const CONTROL_FLAG_MASK = 0x20;
export const DELETE_HORIZON_FLAG_MASK = 0x40;

export enum TimestampType {
  CreateTime = 0,
  LogAppendTime = 1,
}

/** Total size in bytes of the batch starting at `at` (batchLength + 12). */
export function batchSizeAt(buf: Buffer, at = 0): number {
  return buf.readInt32BE(at + BATCH_LENGTH) + LOG_OVERHEAD;
}

export function baseOffsetAt(buf: Buffer, at = 0): number {
  return readInt64Number(buf, at + BASE_OFFSET);
}

/** baseOffset + lastOffsetDelta. */
export function lastOffsetAt(buf: Buffer, at = 0): number {
  return readInt64Number(buf, at + BASE_OFFSET) + buf.readInt32BE(at + LAST_OFFSET_DELTA);
}

export function maxTimestampAt(buf: Buffer, at = 0): number {
  return readInt64Number(buf, at + MAX_TIMESTAMP);
}

export function compressionAt(buf: Buffer, at = 0): CompressionType {
  return (buf.readInt16BE(at + ATTRIBUTES) & COMPRESSION_CODEC_MASK) as CompressionType;
}

export function isLogAppendTimeAt(buf: Buffer, at = 0): boolean {
  return (buf.readInt16BE(at + ATTRIBUTES) & TIMESTAMP_TYPE_MASK) !== 0;
}

/** The header fields a writer chooses: batchLength follows from the buffer, magic is 2, crc is sealed. */
export interface BatchHeaderFields {
  baseOffset: number;
  partitionLeaderEpoch: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  /** recordsCount. */
  recordCount: number;
}

/** Every header field; int64 fields as exact numbers (they stay far below 2^53). */
export interface BatchHeader extends BatchHeaderFields {
  magic: number;
  /** The stored CRC (compare with computeBatchCrc). */
  crc: number;
}

/** Reads the whole 61-byte header at `at` (the caller has checked it is there). */
export function readBatchHeader(buf: Buffer, at = 0): BatchHeader {
  return {
    baseOffset: readInt64Number(buf, at + BASE_OFFSET),
    partitionLeaderEpoch: buf.readInt32BE(at + PARTITION_LEADER_EPOCH),
    magic: buf.readInt8(at + MAGIC),
    crc: buf.readUInt32BE(at + CRC),
    attributes: buf.readInt16BE(at + ATTRIBUTES),
    lastOffsetDelta: buf.readInt32BE(at + LAST_OFFSET_DELTA),
    baseTimestamp: readInt64Number(buf, at + BASE_TIMESTAMP),
    maxTimestamp: readInt64Number(buf, at + MAX_TIMESTAMP),
    producerId: readInt64Number(buf, at + PRODUCER_ID),
    producerEpoch: buf.readInt16BE(at + PRODUCER_EPOCH),
    baseSequence: buf.readInt32BE(at + BASE_SEQUENCE),
    recordCount: buf.readInt32BE(at + RECORDS_COUNT),
  };
}

/**
 * Writes the v2 header of `batch` (the whole buffer is one batch; its records area must already
 * be in place at RECORDS) and seals its CRC.
 */
export function writeBatchHeader(batch: Buffer, fields: BatchHeaderFields): void {
  writeInt64Number(batch, fields.baseOffset, BASE_OFFSET);
  batch.writeInt32BE(batch.length - LOG_OVERHEAD, BATCH_LENGTH);
  batch.writeInt32BE(fields.partitionLeaderEpoch, PARTITION_LEADER_EPOCH);
  batch.writeInt8(CURRENT_MAGIC, MAGIC);
  batch.writeInt16BE(fields.attributes, ATTRIBUTES);
  batch.writeInt32BE(fields.lastOffsetDelta, LAST_OFFSET_DELTA);
  writeInt64Number(batch, fields.baseTimestamp, BASE_TIMESTAMP);
  writeInt64Number(batch, fields.maxTimestamp, MAX_TIMESTAMP);
  writeInt64Number(batch, fields.producerId, PRODUCER_ID);
  batch.writeInt16BE(fields.producerEpoch, PRODUCER_EPOCH);
  batch.writeInt32BE(fields.baseSequence, BASE_SEQUENCE);
  batch.writeInt32BE(fields.recordCount, RECORDS_COUNT);
  sealBatch(batch, 0, batch.length);
}

// ---------------------------------------------------------------- CRC-32C

/** The CRC-32C the batch of `size` bytes at `at` should carry: attributes through the end. */
export function computeBatchCrc(buf: Buffer, at: number, size: number): number {
  return crc32c(buf.subarray(at + ATTRIBUTES, at + size));
}

/** Kafka's isValid checksum half: the stored CRC matches the bytes. */
export function isBatchCrcValid(buf: Buffer, at: number, size: number): boolean {
  return buf.readUInt32BE(at + CRC) === computeBatchCrc(buf, at, size);
}

/** Stores the CRC of the batch of `size` bytes at `at` (after any change to a covered field). */
export function sealBatch(buf: Buffer, at: number, size: number): void {
  buf.writeUInt32BE(computeBatchCrc(buf, at, size), at + CRC);
}

// ---------------------------------------------------------------- broker patches

/**
 * Stamps baseOffset (consecutive from firstOffset) and partitionLeaderEpoch into each batch, in
 * place. Both fields lie before the CRC-covered range, so the CRC stays valid.
 * Returns the next offset after the last assigned one (the new log end offset).
 */
export function assignOffsets(records: Buffer, batches: ReadonlyArray<{ position: number; lastOffsetDelta: number }>, firstOffset: number, leaderEpoch: number): number {
  let nextOffset = firstOffset;
  for (const batch of batches) {
    writeInt64Number(records, nextOffset, batch.position + BASE_OFFSET);
    records.writeInt32BE(leaderEpoch, batch.position + PARTITION_LEADER_EPOCH);
    nextOffset += batch.lastOffsetDelta + 1;
  }
  return nextOffset;
}

/** Sets the batch's maxTimestamp and re-seals its CRC (the field is CRC-covered). */
export function setMaxTimestamp(buf: Buffer, at: number, size: number, maxTimestamp: number): void {
  writeInt64Number(buf, maxTimestamp, at + MAX_TIMESTAMP);
  sealBatch(buf, at, size);
}

/**
 * Kafka's setMaxTimestamp(CREATE_TIME, maxTimestamp): clears the timestamp-type bit, sets
 * maxTimestamp and re-seals the CRC.
 */
export function setCreateTimeMaxTimestamp(buf: Buffer, at: number, size: number, maxTimestamp: number): void {
  buf.writeInt16BE(buf.readInt16BE(at + ATTRIBUTES) & ~TIMESTAMP_TYPE_MASK, at + ATTRIBUTES);
  setMaxTimestamp(buf, at, size, maxTimestamp);
}

/**
 * Kafka's setMaxTimestamp(LOG_APPEND_TIME, now): sets the timestamp-type bit and maxTimestamp and
 * re-seals the CRC. baseTimestamp is left alone, as in Kafka; readers take every record's
 * timestamp from maxTimestamp.
 */
export function setLogAppendTime(buf: Buffer, at: number, size: number, nowMs: number): void {
  buf.writeInt16BE(buf.readInt16BE(at + ATTRIBUTES) | TIMESTAMP_TYPE_MASK, at + ATTRIBUTES);
  setMaxTimestamp(buf, at, size, nowMs);
}
