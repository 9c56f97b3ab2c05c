// Reading and rewriting the records of one v2 batch for the cleaner: header facts, the
// (decompressed) records, a walk reading only offset, key and null-ness of the value (all the
// offset map and the retention decision need), and the two batch shapes the
// cleaner writes besides the original bytes: a batch of retained records (Kafka's
// buildRetainedRecordsInto) and an empty batch header (DefaultRecordBatch.writeEmptyHeader).
import {
  ATTRIBUTES,
  BASE_OFFSET,
  BASE_SEQUENCE,
  BASE_TIMESTAMP,
  BATCH_HEADER_SIZE,
  BATCH_LENGTH,
  COMPRESSION_CODEC_MASK,
  CONTROL_FLAG_MASK,
  CRC,
  CompressionType,
  DELETE_HORIZON_FLAG_MASK,
  LAST_OFFSET_DELTA,
  LOG_OVERHEAD,
  MAGIC,
  MAX_TIMESTAMP,
  PARTITION_LEADER_EPOCH,
  PRODUCER_EPOCH,
  PRODUCER_ID,
  RECORDS,
  RECORDS_COUNT,
  TIMESTAMP_TYPE_MASK,
  TRANSACTIONAL_FLAG_MASK,
} from '../../../protocol/records/batch-header.js';
import { compressAsync, decompressAsync } from '../../../protocol/records/compression/index.js';
import { crc32c } from '../../../protocol/records/crc32c.js';
import { readInt64Number, writeInt64Number } from '../../../protocol/records/int64.js';
import { readRecord, sizeRecord, writeRecord, type DecodedRecord, type SizedRecord } from '../../../protocol/records/record.js';
import { readVarint, readVarlong, type Cursor } from '../../../protocol/records/varint.js';

export interface BatchFacts {
  baseOffset: number;
  lastOffset: number;
  attributes: number;
  codec: CompressionType;
  isLogAppendTime: boolean;
  isControl: boolean;
  isTransactional: boolean;
  /** The batch's delete horizon (KIP-534: stored in baseTimestamp with attribute bit 6), or null. */
  deleteHorizonMs: number | null;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  recordCount: number;
}

export function batchFacts(batch: Buffer): BatchFacts {
  const attributes = batch.readInt16BE(ATTRIBUTES);
  const baseOffset = readInt64Number(batch, BASE_OFFSET);
  const baseTimestamp = readInt64Number(batch, BASE_TIMESTAMP);
  return {
    baseOffset,
    lastOffset: baseOffset + batch.readInt32BE(LAST_OFFSET_DELTA),
    attributes,
    codec: (attributes & COMPRESSION_CODEC_MASK) as CompressionType,
    isLogAppendTime: (attributes & TIMESTAMP_TYPE_MASK) !== 0,
    isControl: (attributes & CONTROL_FLAG_MASK) !== 0,
    isTransactional: (attributes & TRANSACTIONAL_FLAG_MASK) !== 0,
    deleteHorizonMs: (attributes & DELETE_HORIZON_FLAG_MASK) !== 0 ? baseTimestamp : null,
    baseTimestamp,
    maxTimestamp: readInt64Number(batch, MAX_TIMESTAMP),
    producerId: readInt64Number(batch, PRODUCER_ID),
    recordCount: batch.readInt32BE(RECORDS_COUNT),
  };
}

/** The records area, decompressed (gzip and lz4 off the main thread). */
export function recordsArea(batch: Buffer, facts: BatchFacts): Promise<Buffer> {
  return decompressAsync(facts.codec, batch.subarray(RECORDS));
}

/** Where a record starts in the records area, and the fields the cleaner decides on. */
export interface RecordRef {
  offset: number;
  /** A view into the records area; null for a keyless record. */
  key: Buffer | null;
  isTombstone: boolean;
  /** Position of the record's length prefix in the records area. */
  start: number;
}

/**
 * Walks the records reading only offset, key and whether the value is null; calls `visit`
 * for each, stopping (and returning false) as soon as it returns false.
 */
export function scanRecords(records: Buffer, facts: BatchFacts, visit: (record: RecordRef) => boolean): boolean {
  const cursor: Cursor = { pos: 0 };
  for (let i = 0; i < facts.recordCount; i++) {
    const start = cursor.pos;
    const length = readVarint(records, cursor);
    const end = cursor.pos + length;
    if (length < 1 || end > records.length) throw new RangeError(`Record length ${length} does not fit in the batch at offset ${facts.baseOffset}`);
    cursor.pos++; // attributes
    readVarlong(records, cursor); // timestampDelta
    const offset = facts.baseOffset + readVarint(records, cursor);
    const keyLength = readVarint(records, cursor);
    const key = keyLength < 0 ? null : records.subarray(cursor.pos, cursor.pos + keyLength);
    if (keyLength > 0) cursor.pos += keyLength;
    const isTombstone = readVarint(records, cursor) < 0;
    if (!visit({ offset, key, isTombstone, start })) return false;
    cursor.pos = end;
  }
  return true;
}

/** The whole record (timestamp, value, headers) starting at `start`. */
export function decodeRecordAt(records: Buffer, start: number, facts: BatchFacts): DecodedRecord {
  // Under a delete horizon, baseTimestamp holds the horizon and the deltas are relative to it.
  const logAppendTime = facts.isLogAppendTime ? facts.maxTimestamp : null;
  return readRecord(records, { pos: start }, facts.baseOffset, facts.baseTimestamp, logAppendTime);
}

/**
 * A batch of `retained` records in place of `original`, as Kafka's cleaner builds it: same base
 * offset, last offset delta (kept so producer sequence numbers stay meaningful), leader epoch,
 * producer fields, codec and timestamp type. With a delete horizon (>= 0) the horizon becomes the
 * base timestamp and attribute bit 6 is set; otherwise the first retained record's timestamp is
 * the base. maxTimestamp is the retained records' largest (the append time for LogAppendTime).
 */
export async function buildRetainedBatch(original: Buffer, facts: BatchFacts, retained: DecodedRecord[], deleteHorizonMs: number): Promise<Buffer> {
  const hasHorizon = deleteHorizonMs >= 0;
  const baseTimestamp = hasHorizon ? deleteHorizonMs : retained[0]!.timestamp;
  let maxTimestamp = -1;
  let plainSize = 0;
  const sized: SizedRecord[] = new Array(retained.length);
  for (let i = 0; i < retained.length; i++) {
    const r = retained[i]!;
    sized[i] = sizeRecord(r, r.timestamp - baseTimestamp, r.offset - facts.baseOffset);
    plainSize += sized[i]!.totalSize;
    if (r.timestamp > maxTimestamp) maxTimestamp = r.timestamp;
  }
  if (facts.isLogAppendTime) maxTimestamp = facts.maxTimestamp;
  const plain = Buffer.allocUnsafe(plainSize);
  let pos = 0;
  for (const s of sized) pos = writeRecord(plain, s, pos);
  const body = await compressAsync(facts.codec, plain);

  const batch = Buffer.allocUnsafe(BATCH_HEADER_SIZE + body.length);
  original.copy(batch, 0, 0, BATCH_HEADER_SIZE); // offsets, epoch, magic, producer fields
  body.copy(batch, RECORDS);
  batch.writeInt32BE(batch.length - LOG_OVERHEAD, BATCH_LENGTH);
  const attributes = hasHorizon ? facts.attributes | DELETE_HORIZON_FLAG_MASK : facts.attributes & ~DELETE_HORIZON_FLAG_MASK;
  batch.writeInt16BE(attributes, ATTRIBUTES);
  writeInt64Number(batch, baseTimestamp, BASE_TIMESTAMP);
  writeInt64Number(batch, maxTimestamp, MAX_TIMESTAMP);
  batch.writeInt32BE(retained.length, RECORDS_COUNT);
  batch.writeUInt32BE(crc32c(batch.subarray(ATTRIBUTES)), CRC);
  return batch;
}

/**
 * Kafka's writeEmptyHeader: a record-less batch keeping the original's offsets, producer fields
 * and flags, uncompressed, with its maxTimestamp as both timestamps.
 */
export function buildEmptyBatch(original: Buffer, facts: BatchFacts): Buffer {
  const batch = Buffer.allocUnsafe(BATCH_HEADER_SIZE);
  writeInt64Number(batch, facts.baseOffset, BASE_OFFSET);
  batch.writeInt32BE(BATCH_HEADER_SIZE - LOG_OVERHEAD, BATCH_LENGTH);
  batch.writeInt32BE(original.readInt32BE(PARTITION_LEADER_EPOCH), PARTITION_LEADER_EPOCH);
  batch.writeInt8(2, MAGIC);
  const attributes = facts.attributes & (TIMESTAMP_TYPE_MASK | TRANSACTIONAL_FLAG_MASK | CONTROL_FLAG_MASK);
  batch.writeInt16BE(attributes, ATTRIBUTES);
  batch.writeInt32BE(facts.lastOffset - facts.baseOffset, LAST_OFFSET_DELTA);
  writeInt64Number(batch, facts.maxTimestamp, BASE_TIMESTAMP);
  writeInt64Number(batch, facts.maxTimestamp, MAX_TIMESTAMP);
  original.copy(batch, PRODUCER_ID, PRODUCER_ID, PRODUCER_EPOCH + 2);
  batch.writeInt32BE(original.readInt32BE(BASE_SEQUENCE), BASE_SEQUENCE);
  batch.writeInt32BE(0, RECORDS_COUNT);
  batch.writeUInt32BE(crc32c(batch.subarray(ATTRIBUTES)), CRC);
  return batch;
}
