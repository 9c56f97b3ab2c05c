// Reading and rewriting the records of one v2 batch for the cleaner: header facts, the
// (decompressed) records, a walk reading only offset, key and null-ness of the value (all the
// offset map and the retention decision need), and the two batch shapes the
// cleaner writes besides the original bytes: a batch of retained records (Kafka's
// buildRetainedRecordsInto) and an empty batch header (DefaultRecordBatch.writeEmptyHeader).
import type { CompressionType } from '../../../protocol/records/compression/compression-type.js';
import { compressAsync, decompressAsync } from '../../../protocol/records/compression/index.js';
import { readRecord, sizeRecord, writeRecord, type DecodedRecord, type SizedRecord } from '../../../protocol/records/record.js';
import { readVarint, readVarlong, type Cursor } from '../../../protocol/records/varint.js';
import {
  BATCH_HEADER_SIZE,
  COMPRESSION_CODEC_MASK,
  CONTROL_FLAG_MASK,
  DELETE_HORIZON_FLAG_MASK,
  RECORDS,
  TIMESTAMP_TYPE_MASK,
  TRANSACTIONAL_FLAG_MASK,
  readBatchHeader,
  writeBatchHeader,
  type BatchHeader,
} from '../../../storage/batch-header.js';

export interface BatchFacts {
  /** Every header field as stored. */
  header: BatchHeader;
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
  const header = readBatchHeader(batch);
  const { attributes, baseOffset, baseTimestamp } = header;
  return {
    header,
    baseOffset,
    lastOffset: baseOffset + header.lastOffsetDelta,
    attributes,
    codec: (attributes & COMPRESSION_CODEC_MASK) as CompressionType,
    isLogAppendTime: (attributes & TIMESTAMP_TYPE_MASK) !== 0,
    isControl: (attributes & CONTROL_FLAG_MASK) !== 0,
    isTransactional: (attributes & TRANSACTIONAL_FLAG_MASK) !== 0,
    deleteHorizonMs: (attributes & DELETE_HORIZON_FLAG_MASK) !== 0 ? baseTimestamp : null,
    baseTimestamp,
    maxTimestamp: header.maxTimestamp,
    producerId: header.producerId,
    recordCount: header.recordCount,
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
 * A batch of `retained` records in place of the batch `facts` describes, as Kafka's cleaner builds it: same base
 * offset, last offset delta (kept so producer sequence numbers stay meaningful), leader epoch,
 * producer fields, codec and timestamp type. With a delete horizon (>= 0) the horizon becomes the
 * base timestamp and attribute bit 6 is set; otherwise the first retained record's timestamp is
 * the base. maxTimestamp is the retained records' largest (the append time for LogAppendTime).
 */
export async function buildRetainedBatch(facts: BatchFacts, retained: DecodedRecord[], deleteHorizonMs: number): Promise<Buffer> {
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
  body.copy(batch, RECORDS);
  // Offsets, leader epoch and producer fields stay the original's.
  writeBatchHeader(batch, {
    ...facts.header,
    attributes: hasHorizon ? facts.attributes | DELETE_HORIZON_FLAG_MASK : facts.attributes & ~DELETE_HORIZON_FLAG_MASK,
    baseTimestamp,
    maxTimestamp,
    recordCount: retained.length,
  });
  return batch;
}

/**
 * Kafka's writeEmptyHeader: a record-less batch keeping the original's offsets, producer fields
 * and flags, uncompressed, with its maxTimestamp as both timestamps.
 */
export function buildEmptyBatch(facts: BatchFacts): Buffer {
  const batch = Buffer.allocUnsafe(BATCH_HEADER_SIZE);
  writeBatchHeader(batch, {
    ...facts.header,
    attributes: facts.attributes & (TIMESTAMP_TYPE_MASK | TRANSACTIONAL_FLAG_MASK | CONTROL_FLAG_MASK),
    baseTimestamp: facts.maxTimestamp,
    recordCount: 0,
  });
  return batch;
}
