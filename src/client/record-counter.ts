// Counts records and sums key+value sizes in fetched record batches without building record
// objects: batch headers give offsets and counts, records are skipped by their length prefix,
// and only compressed batches are decompressed (their sizes are inside the compressed bytes).
import { CompressionType } from '../protocol/records/compression/compression-type.js';
import { decompress } from '../protocol/records/compression/index.js';
import { type Cursor, readVarint, readVarlong } from '../protocol/records/varint.js';
import type { FetchResponseAbortedTransaction } from '../protocol/generated/types.js';
import { AbortedBatches } from './aborted-batches.js';
import {
  ATTRIBUTES,
  BATCH_HEADER_SIZE,
  COMPRESSION_CODEC_MASK,
  CONTROL_FLAG_MASK,
  CURRENT_MAGIC,
  LOG_OVERHEAD,
  MAGIC,
  RECORDS,
  RECORDS_COUNT,
  baseOffsetAt,
  batchSizeAt,
  lastOffsetAt,
} from '../storage/batch-header.js';

export interface CountResult {
  /** Records counted (offset >= fromOffset, at most maxRecords). */
  records: number;
  /** Sum of key and value lengths of those records (null counts 0). */
  bytes: number;
  /** The offset after the last record counted, or `fromOffset` when none was. */
  nextOffset: number;
}

/** The offset after the last complete batch in `buf` (control batches included), or `fallback`. */
export function nextOffsetAfter(buf: Buffer, fallback: number): number {
  let next = fallback;
  let pos = 0;
  while (buf.length - pos >= LOG_OVERHEAD) {
    const size = batchSizeAt(buf, pos);
    if (size < BATCH_HEADER_SIZE || size > buf.length - pos) break;
    next = Math.max(next, lastOffsetAt(buf, pos) + 1);
    pos += size;
  }
  return next;
}

/**
 * Counts the data records of every complete v2 batch in `buf` from `fromOffset` on, stopping
 * after `maxRecords`. Control batches are skipped, as a consumer never returns them; with
 * `aborted` (a read_committed fetch's aborted transactions) so are the aborted batches.
 */
export function countRecords(buf: Buffer, fromOffset: number, maxRecords: number, aborted?: readonly FetchResponseAbortedTransaction[] | null): CountResult {
  const result: CountResult = { records: 0, bytes: 0, nextOffset: fromOffset };
  const cursor: Cursor = { pos: 0 };
  const abortedBatches = aborted !== undefined && aborted !== null && aborted.length > 0 ? new AbortedBatches(aborted) : undefined;
  let pos = 0;
  while (buf.length - pos >= LOG_OVERHEAD && result.records < maxRecords) {
    const size = batchSizeAt(buf, pos);
    if (size < BATCH_HEADER_SIZE || size > buf.length - pos) break;
    const baseOffset = baseOffsetAt(buf, pos);
    const lastOffset = lastOffsetAt(buf, pos);
    const attributes = buf.readInt16BE(pos + ATTRIBUTES);
    if (buf.readInt8(pos + MAGIC) !== CURRENT_MAGIC) {
      pos += size;
      continue;
    }
    // Batches before fromOffset still move the aborted-transaction state along.
    const abortedBatch = abortedBatches?.skip(buf, pos, attributes, lastOffset) === true;
    if (lastOffset < result.nextOffset) {
      pos += size;
      continue;
    }
    if ((attributes & CONTROL_FLAG_MASK) !== 0 || abortedBatch) {
      result.nextOffset = lastOffset + 1;
      pos += size;
      continue;
    }
    const count = buf.readInt32BE(pos + RECORDS_COUNT);
    const compression = (attributes & COMPRESSION_CODEC_MASK) as CompressionType;
    let records: Buffer;
    if (compression === CompressionType.None) {
      records = buf;
      cursor.pos = pos + RECORDS;
    } else {
      records = decompress(compression, buf.subarray(pos + RECORDS, pos + size));
      cursor.pos = 0;
    }
    const whole = baseOffset >= result.nextOffset && result.records + count <= maxRecords;
    for (let i = 0; i < count; i++) {
      const length = readVarint(records, cursor);
      const end = cursor.pos + length;
      cursor.pos++; // attributes
      readVarlong(records, cursor); // timestamp delta
      const offset = baseOffset + readVarint(records, cursor);
      if (whole || (offset >= result.nextOffset && result.records < maxRecords)) {
        const keyLength = readVarint(records, cursor);
        if (keyLength > 0) cursor.pos += keyLength;
        const valueLength = readVarint(records, cursor);
        result.bytes += (keyLength > 0 ? keyLength : 0) + (valueLength > 0 ? valueLength : 0);
        result.records++;
        result.nextOffset = offset + 1;
      }
      cursor.pos = end;
    }
    if (whole) result.nextOffset = lastOffset + 1;
    pos += size;
  }
  return result;
}
