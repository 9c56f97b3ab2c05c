// Appends records straight into one preallocated v2 batch buffer: no record objects, no second
// pass. The perf tools send millions of key-less records through append(); the console tools
// send keys and headers through appendRecord(). Producer id, epoch and base sequence are written
// when the batch is built, so an idempotent producer numbers batches in the order they leave.
import { CompressionType } from '../protocol/records/compression/compression-type.js';
import { compress } from '../protocol/records/compression/index.js';
import { readVarint, readVarlong, sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong, type Cursor } from '../protocol/records/varint.js';
import { COMPRESSION_CODEC_MASK, RECORDS, TRANSACTIONAL_FLAG_MASK, writeBatchHeader } from '../storage/batch-header.js';

/** Kafka's DefaultRecord.MAX_RECORD_OVERHEAD: length, attributes, timestamp and offset deltas at their widest. */
const MAX_RECORD_OVERHEAD = 21;
/** Kafka's DefaultRecordBatch.RECORD_BATCH_OVERHEAD. */
export const RECORD_BATCH_OVERHEAD = RECORDS;

/** A record header as Kafka keeps it: a string key and a nullable value, in order. */
export type RecordHeader = readonly [key: string, value: Buffer | null];

/** Called once per record with its outcome; offset is -1 when unknown (acks=0). */
export type DeliveryCallback = (error: Error | undefined, partition: number, offset: number, timestamp: number) => void;

/** Bytes of the header section of a record (count and each header). */
export function headersSize(headers: readonly RecordHeader[] | undefined): number {
  if (headers === undefined || headers.length === 0) return 1;
  let size = sizeOfVarint(headers.length);
  for (const [key, value] of headers) {
    const keyLength = Buffer.byteLength(key);
    size += sizeOfVarint(keyLength) + keyLength + (value === null ? 1 : sizeOfVarint(value.length) + value.length);
  }
  return size;
}

/**
 * DefaultRecord.recordSizeUpperBound: the most bytes a record can take in a batch. The producer
 * checks it before appending and against max.request.size (with RECORD_BATCH_OVERHEAD added).
 */
export function recordSizeUpperBound(keyLength: number, valueLength: number, headerBytes: number): number {
  const key = keyLength < 0 ? 1 : sizeOfVarint(keyLength) + keyLength;
  const value = valueLength < 0 ? 1 : sizeOfVarint(valueLength) + valueLength;
  return MAX_RECORD_OVERHEAD + key + value + headerBytes;
}

export class BatchBuilder {
  private readonly buf: Buffer;
  private pos = RECORDS;
  private baseTimestamp = -1;
  private maxTimestamp = -1;
  count = 0;
  /**
   * Per record, only when the builder tracks records (the perf tools' AckListener): its send
   * time (for latency) and value size. Otherwise empty: readRecords() finds what a failure
   * report or a delivery callback needs in the bytes themselves.
   */
  readonly sendTimes: Float64Array;
  readonly valueSizes: Int32Array;
  /** Per-record delivery callbacks, only for callers that asked for them. */
  callbacks: Array<DeliveryCallback | undefined> | undefined;
  /** When the first record was appended: linger.ms and delivery.timeout.ms count from here. */
  createdAt = 0;
  /** Delivery state, kept by the producer. */
  attempts = 0;
  baseSequence = -1;
  /** The bytes sent, kept for retries. */
  built: Buffer | undefined;

  constructor(
    public partition: number,
    capacity: number,
    private readonly maxRecords: number,
    private readonly trackRecords = true,
  ) {
    this.buf = Buffer.allocUnsafe(Math.max(capacity, RECORDS + MAX_RECORD_OVERHEAD));
    this.sendTimes = new Float64Array(trackRecords ? maxRecords : 0);
    this.valueSizes = new Int32Array(trackRecords ? maxRecords : 0);
  }

  /**
   * Makes an acknowledged builder a new empty batch for `partition`, keeping its buffer: reused
   * memory is already paged in, while a fresh megabyte page-faults on every 4 KiB written.
   */
  reuse(partition: number): void {
    this.partition = partition;
    this.pos = RECORDS;
    this.baseTimestamp = -1;
    this.maxTimestamp = -1;
    this.count = 0;
    this.createdAt = 0;
    this.callbacks = undefined;
    this.attempts = 0;
    this.baseSequence = -1;
    this.built = undefined;
  }

  /** Whether a value of `length` bytes (key-less, header-less) still fits; an empty batch takes any record. */
  fits(length: number): boolean {
    return this.hasRoomFor(MAX_RECORD_OVERHEAD + 2 + length);
  }

  /** Whether a record of at most `sizeUpperBound` bytes still fits. */
  hasRoomFor(sizeUpperBound: number): boolean {
    if (this.count === 0) return true;
    return this.count < this.maxRecords && this.pos + sizeUpperBound <= this.buf.length;
  }

  /** Room for a record this large at all (a record bigger than batch.size gets a batch of its own). */
  static capacityFor(length: number, batchSize: number): number {
    return Math.max(batchSize, RECORDS + MAX_RECORD_OVERHEAD + 2 + length);
  }

  /** Capacity for a record of `sizeUpperBound` bytes. */
  static capacityForRecord(sizeUpperBound: number, batchSize: number): number {
    return Math.max(batchSize, RECORDS + sizeUpperBound);
  }

  append(value: Buffer, timestamp: number, sendTime: number): void {
    this.appendSlice(value, 0, value.length, timestamp, sendTime);
  }

  /** A key-less, header-less record whose value is `source[start, end)`: no slice object needed. */
  appendSlice(source: Buffer, start: number, end: number, timestamp: number, sendTime: number): void {
    if (this.count === 0) {
      this.baseTimestamp = timestamp;
      this.createdAt = sendTime;
    }
    if (timestamp > this.maxTimestamp) this.maxTimestamp = timestamp;
    const length = end - start;
    const timestampDelta = timestamp - this.baseTimestamp;
    const offsetDelta = this.count;
    const bodySize = 1 + sizeOfVarlong(timestampDelta) + sizeOfVarint(offsetDelta) + 1 + sizeOfVarint(length) + length + 1;
    const buf = this.buf;
    let pos = writeVarint(buf, bodySize, this.pos);
    buf[pos++] = 0; // attributes
    pos = writeVarlong(buf, timestampDelta, pos);
    pos = writeVarint(buf, offsetDelta, pos);
    buf[pos++] = 1; // key: varint -1 (null)
    pos = writeVarint(buf, length, pos);
    // TypedArray#set of a plain Uint8Array view: cheaper than Buffer#copy with a range (which
    // checks its arguments and builds a view anyway) or a Buffer subarray (a slower subclass).
    buf.set(new Uint8Array(source.buffer, source.byteOffset + start, length), pos);
    pos += length;
    buf[pos++] = 0; // no headers
    this.pos = pos;
    if (this.trackRecords) {
      this.sendTimes[this.count] = sendTime;
      this.valueSizes[this.count] = length;
    }
    this.count++;
  }

  /** A general record: nullable key and value, ordered headers. Returns its index in the batch. */
  appendRecord(key: Buffer | null, value: Buffer | null, headers: readonly RecordHeader[] | undefined, timestamp: number, now: number): number {
    if (this.count === 0) {
      this.baseTimestamp = timestamp;
      this.createdAt = now;
    }
    if (timestamp > this.maxTimestamp) this.maxTimestamp = timestamp;
    const timestampDelta = timestamp - this.baseTimestamp;
    const offsetDelta = this.count;
    const keySize = key === null ? 1 : sizeOfVarint(key.length) + key.length;
    const valueSize = value === null ? 1 : sizeOfVarint(value.length) + value.length;
    const bodySize = 1 + sizeOfVarlong(timestampDelta) + sizeOfVarint(offsetDelta) + keySize + valueSize + headersSize(headers);
    const buf = this.buf;
    let pos = writeVarint(buf, bodySize, this.pos);
    buf[pos++] = 0; // attributes
    pos = writeVarlong(buf, timestampDelta, pos);
    pos = writeVarint(buf, offsetDelta, pos);
    pos = writeBytes(buf, key, pos);
    pos = writeBytes(buf, value, pos);
    if (headers === undefined || headers.length === 0) {
      buf[pos++] = 0;
    } else {
      pos = writeVarint(buf, headers.length, pos);
      for (const [headerKey, headerValue] of headers) {
        pos = writeVarint(buf, Buffer.byteLength(headerKey), pos);
        pos += buf.write(headerKey, pos);
        pos = writeBytes(buf, headerValue, pos);
      }
    }
    this.pos = pos;
    const index = this.count++;
    if (this.trackRecords) {
      this.sendTimes[index] = timestamp;
      this.valueSizes[index] = value === null ? -1 : value.length;
    }
    return index;
  }

  /** Walks the appended records: key and value sizes (-1: null) and timestamp of each, in order. */
  readRecords(visit: (index: number, keySize: number, valueSize: number, timestamp: number) => void): void {
    const buf = this.buf;
    const cursor: Cursor = { pos: RECORDS };
    for (let i = 0; i < this.count; i++) {
      const length = readVarint(buf, cursor);
      const end = cursor.pos + length;
      cursor.pos++; // attributes
      const timestamp = this.baseTimestamp + readVarlong(buf, cursor);
      readVarint(buf, cursor); // offset delta
      const keySize = readVarint(buf, cursor);
      if (keySize > 0) cursor.pos += keySize;
      const valueSize = readVarint(buf, cursor);
      visit(i, keySize, valueSize, timestamp);
      cursor.pos = end;
    }
  }

  /** Bytes reserved for this batch (counted against buffer.memory). */
  get capacity(): number {
    return this.buf.length;
  }

  /** Bytes the records take so far (uncompressed). */
  get sizeInBytes(): number {
    return this.pos;
  }

  /** The finished batch: header filled in, records compressed when asked, CRC computed; `transactional` sets the batch's transactional flag. */
  build(compression: CompressionType, producerId = -1, producerEpoch = -1, baseSequence = -1, transactional = false): Buffer {
    let batch: Buffer;
    if (compression === CompressionType.None) {
      batch = this.buf.subarray(0, this.pos);
    } else {
      const compressed = compress(compression, this.buf.subarray(RECORDS, this.pos));
      batch = Buffer.allocUnsafe(RECORDS + compressed.length);
      compressed.copy(batch, RECORDS);
    }
    writeBatchHeader(batch, {
      baseOffset: 0,
      partitionLeaderEpoch: -1,
      attributes: (compression & COMPRESSION_CODEC_MASK) | (transactional ? TRANSACTIONAL_FLAG_MASK : 0),
      lastOffsetDelta: this.count - 1,
      baseTimestamp: this.baseTimestamp,
      maxTimestamp: this.maxTimestamp,
      producerId,
      producerEpoch,
      baseSequence,
      recordCount: this.count,
    });
    return batch;
  }
}

function writeBytes(buf: Buffer, bytes: Buffer | null, pos: number): number {
  if (bytes === null) {
    buf[pos] = 1; // varint -1
    return pos + 1;
  }
  pos = writeVarint(buf, bytes.length, pos);
  return pos + bytes.copy(buf, pos);
}
