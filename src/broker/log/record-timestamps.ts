// Record-level timestamp lookups inside one batch, for ListOffsets. Kafka answers a timestamp
// query with the first *record* whose timestamp is >= the target, and the max-timestamp query
// with the record holding the batch's maxTimestamp, so these walk the records of the one batch
// the index narrowed the search to. Uncompressed records are walked in place; compressed ones
// need the injected decompressor, and without it we answer at batch granularity (documented).
import { CompressionType } from '../../protocol/records/compression/compression-type.js';
import { readInt64Number } from '../../protocol/records/int64.js';
import { BASE_TIMESTAMP, RECORDS, RECORDS_COUNT, baseOffsetAt, compressionAt, isLogAppendTimeAt, lastOffsetAt, maxTimestampAt } from '../../storage/batch-header.js';

/** Turns a batch's compressed records area into the plain records (e.g. compression/index.ts `decompress`). */
export type RecordsDecompressor = (codec: CompressionType, data: Buffer) => Buffer;

export interface RecordTimestamp {
  offset: number;
  timestamp: number;
}

/** Zigzag varint/varlong reader over a records buffer; numbers stay exact up to 2^53. */
class VarintReader {
  constructor(
    private readonly buf: Buffer,
    public pos: number,
  ) {}

  readZigzag(): number {
    let value = 0;
    let multiplier = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.buf.length) throw new RangeError('varint runs past the records');
      const byte = this.buf[this.pos++]!;
      value += (byte & 0x7f) * multiplier;
      if ((byte & 0x80) === 0) {
        // zigzag: even -> n/2, odd -> -(n+1)/2 (arithmetic, since value may exceed 32 bits)
        return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
      }
      multiplier *= 128;
    }
    throw new RangeError('varint longer than 10 bytes');
  }
}

/**
 * Calls `visit(offset, timestamp)` for each record until it returns true; returns whether one did.
 * Throws RangeError on malformed record framing.
 */
function walkRecords(records: Buffer, count: number, baseOffset: number, baseTimestamp: number, visit: (offset: number, timestamp: number) => boolean): boolean {
  const reader = new VarintReader(records, 0);
  for (let i = 0; i < count; i++) {
    const length = reader.readZigzag();
    const start = reader.pos;
    if (length < 0 || start + length > records.length) throw new RangeError('record length out of bounds');
    reader.pos += 1; // attributes
    const timestampDelta = reader.readZigzag();
    const offsetDelta = reader.readZigzag();
    if (visit(baseOffset + offsetDelta, baseTimestamp + timestampDelta)) return true;
    reader.pos = start + length;
  }
  return false;
}

function plainRecords(batch: Buffer, decompress: RecordsDecompressor | undefined): Buffer | undefined {
  const codec = compressionAt(batch);
  if (codec === CompressionType.None) return batch.subarray(RECORDS);
  if (!decompress) return undefined;
  try {
    return decompress(codec, batch.subarray(RECORDS));
  } catch {
    return undefined;
  }
}

/**
 * First record of `batch` (whole batch bytes, baseOffset already assigned) with
 * timestamp >= target and offset >= minOffset. Without record access, answers
 * (max(baseOffset, minOffset), maxTimestamp) when the batch's maxTimestamp qualifies.
 */
export function firstRecordAtOrAfter(batch: Buffer, target: number, minOffset: number, decompress?: RecordsDecompressor): RecordTimestamp | null {
  const baseOffset = baseOffsetAt(batch);
  const lastOffset = lastOffsetAt(batch);
  const maxTimestamp = maxTimestampAt(batch);
  if (maxTimestamp < target || lastOffset < minOffset) return null;
  const batchLevel = { offset: Math.max(baseOffset, minOffset), timestamp: maxTimestamp };
  // LogAppendTime: every record carries the batch's maxTimestamp.
  if (isLogAppendTimeAt(batch)) return batchLevel;
  const records = plainRecords(batch, decompress);
  if (!records) return batchLevel;
  let found: RecordTimestamp | null = null;
  try {
    walkRecords(records, batch.readInt32BE(RECORDS_COUNT), baseOffset, readInt64Number(batch, BASE_TIMESTAMP), (offset, timestamp) => {
      if (timestamp < target || offset < minOffset) return false;
      found = { offset, timestamp };
      return true;
    });
  } catch {
    return batchLevel;
  }
  return found;
}

/**
 * Offset of the record holding the batch's maxTimestamp (Kafka's RecordBatch.offsetOfMaxTimestamp):
 * baseOffset for LogAppendTime batches, else the first record with that timestamp. Falls back to
 * baseOffset when the records cannot be read.
 */
export function offsetOfMaxTimestampInBatch(batch: Buffer, decompress?: RecordsDecompressor): number {
  const baseOffset = baseOffsetAt(batch);
  if (isLogAppendTimeAt(batch)) return baseOffset;
  const maxTimestamp = maxTimestampAt(batch);
  const records = plainRecords(batch, decompress);
  if (!records) return baseOffset;
  let found = baseOffset;
  try {
    walkRecords(records, batch.readInt32BE(RECORDS_COUNT), baseOffset, readInt64Number(batch, BASE_TIMESTAMP), (offset, timestamp) => {
      if (timestamp !== maxTimestamp) return false;
      found = offset;
      return true;
    });
  } catch {
    return baseOffset;
  }
  return found;
}
