// Records read straight out of fetched batch bytes. One RecordView object is reused for every
// record handed out (a flyweight): key, value and headers stay where they are in the fetch
// response (or the decompressed batch) and are described by offsets, so a caller that copies
// bytes into its own output buffer allocates nothing per record. Control batches are skipped and,
// under read_committed, aborted transactional batches too (the fetch response's aborted list).
import type { FetchResponseAbortedTransaction } from '../protocol/generated/types.js';
import { AbortedBatches } from './aborted-batches.js';
import { CompressionType } from '../protocol/records/compression/compression-type.js';
import { decompress } from '../protocol/records/compression/index.js';
import { type Cursor, readVarint, readVarlong } from '../protocol/records/varint.js';
import {
  ATTRIBUTES,
  BASE_TIMESTAMP,
  BATCH_HEADER_SIZE,
  COMPRESSION_CODEC_MASK,
  CONTROL_FLAG_MASK,
  CURRENT_MAGIC,
  LOG_OVERHEAD,
  MAGIC,
  RECORDS,
  RECORDS_COUNT,
  TIMESTAMP_TYPE_MASK,
  baseOffsetAt,
  batchSizeAt,
  lastOffsetAt,
} from '../storage/batch-header.js';

export type TimestampTypeName = 'CreateTime' | 'LogAppendTime' | 'NoTimestampType';

/** One record, valid only until the next one is read: copy what must outlive the callback. */
export class RecordView {
  topic = '';
  partition = 0;
  offset = 0;
  timestamp = 0;
  timestampType: TimestampTypeName = 'CreateTime';
  /** The bytes key, value and headers live in. */
  data: Buffer = Buffer.alloc(0);
  keyStart = 0;
  /** -1: null key. */
  keyLength = -1;
  valueStart = 0;
  /** -1: null value. */
  valueLength = -1;
  headersStart = 0;
  headerCount = 0;

  key(): Buffer | null {
    return this.keyLength < 0 ? null : this.data.subarray(this.keyStart, this.keyStart + this.keyLength);
  }

  value(): Buffer | null {
    return this.valueLength < 0 ? null : this.data.subarray(this.valueStart, this.valueStart + this.valueLength);
  }

  /** Headers in record order; values are views into the record bytes. */
  headers(): Array<[string, Buffer | null]> {
    const out: Array<[string, Buffer | null]> = [];
    const cursor: Cursor = { pos: this.headersStart };
    const data = this.data;
    for (let i = 0; i < this.headerCount; i++) {
      const keyLength = readVarint(data, cursor);
      const key = data.toString('utf8', cursor.pos, cursor.pos + keyLength);
      cursor.pos += keyLength;
      const valueLength = readVarint(data, cursor);
      if (valueLength < 0) out.push([key, null]);
      else {
        out.push([key, data.subarray(cursor.pos, cursor.pos + valueLength)]);
        cursor.pos += valueLength;
      }
    }
    return out;
  }
}

/** Fetched bytes of one partition, read record by record from `position` on. */
export class PartitionRecords {
  /** Next batch in `records`. */
  private batchPos = 0;
  /** Current batch: records left, where they are, and the header fields they need. */
  private left = 0;
  private batchData: Buffer = Buffer.alloc(0);
  private readonly cursor: Cursor = { pos: 0 };
  private baseOffset = 0;
  private batchLastOffset = -1;
  private baseTimestamp = 0;
  private timestampType: TimestampTypeName = 'CreateTime';
  /** read_committed: the fetch response's aborted transactions, followed batch by batch. */
  private readonly abortedBatches: AbortedBatches | null;

  constructor(
    readonly topic: string,
    readonly partition: number,
    private readonly records: Buffer,
    /** Records below it are not handed out (a fetch returns whole batches). */
    public position: number,
    /** read_committed: the fetch response's aborted transactions (null: read_uncommitted). */
    aborted: readonly FetchResponseAbortedTransaction[] | null,
  ) {
    this.abortedBatches = aborted !== null && aborted.length > 0 ? new AbortedBatches(aborted) : null;
  }

  /**
   * Fills `view` with the next record at or after `position`; false when the bytes are used up.
   * `position` moves past the record, and past control or aborted batches as they are skipped.
   */
  next(view: RecordView): boolean {
    for (;;) {
      while (this.left > 0) {
        this.left--;
        if (this.readRecord(view)) return true;
      }
      if (this.batchLastOffset >= this.position) this.position = this.batchLastOffset + 1;
      if (!this.openBatch()) return false;
    }
  }

  private readRecord(view: RecordView): boolean {
    const data = this.batchData;
    const cursor = this.cursor;
    const length = readVarint(data, cursor);
    const end = cursor.pos + length;
    cursor.pos++; // attributes
    const timestampDelta = readVarlong(data, cursor);
    const offset = this.baseOffset + readVarint(data, cursor);
    if (offset < this.position) {
      cursor.pos = end;
      return false;
    }
    const keyLength = readVarint(data, cursor);
    view.keyStart = cursor.pos;
    view.keyLength = keyLength;
    if (keyLength > 0) cursor.pos += keyLength;
    const valueLength = readVarint(data, cursor);
    view.valueStart = cursor.pos;
    view.valueLength = valueLength;
    if (valueLength > 0) cursor.pos += valueLength;
    view.headerCount = readVarint(data, cursor);
    view.headersStart = cursor.pos;
    cursor.pos = end;
    view.data = data;
    view.topic = this.topic;
    view.partition = this.partition;
    view.offset = offset;
    view.timestamp = this.timestampType === 'LogAppendTime' ? this.baseTimestamp : this.baseTimestamp + timestampDelta;
    view.timestampType = this.timestampType;
    this.position = offset + 1;
    return true;
  }

  /** Positions on the next batch with records to hand out; false at the end of the bytes. */
  private openBatch(): boolean {
    const buf = this.records;
    while (buf.length - this.batchPos >= LOG_OVERHEAD) {
      const pos = this.batchPos;
      const size = batchSizeAt(buf, pos);
      if (size < BATCH_HEADER_SIZE || size > buf.length - pos) return false; // a partial batch at the end
      this.batchPos += size;
      const lastOffset = lastOffsetAt(buf, pos);
      if (lastOffset < this.position || buf.readInt8(pos + MAGIC) !== CURRENT_MAGIC) continue;
      this.batchLastOffset = lastOffset;
      const attributes = buf.readInt16BE(pos + ATTRIBUTES);
      if (this.abortedBatches?.skip(buf, pos, attributes, lastOffset) === true) {
        this.position = lastOffset + 1;
        continue;
      }
      if ((attributes & CONTROL_FLAG_MASK) !== 0) {
        this.position = lastOffset + 1;
        continue;
      }
      const compression = (attributes & COMPRESSION_CODEC_MASK) as CompressionType;
      if (compression === CompressionType.None) {
        this.batchData = buf;
        this.cursor.pos = pos + RECORDS;
      } else {
        this.batchData = decompress(compression, buf.subarray(pos + RECORDS, pos + size));
        this.cursor.pos = 0;
      }
      this.left = buf.readInt32BE(pos + RECORDS_COUNT);
      this.baseOffset = baseOffsetAt(buf, pos);
      this.baseTimestamp = Number(buf.readBigInt64BE(pos + BASE_TIMESTAMP));
      this.timestampType = (attributes & TIMESTAMP_TYPE_MASK) !== 0 ? 'LogAppendTime' : 'CreateTime';
      return true;
    }
    return false;
  }
}
