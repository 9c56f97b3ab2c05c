// Appends key-less, header-less records straight into one preallocated v2 batch buffer: no
// record objects, no second pass. The perf tools send millions of such records; the general
// encoder (src/protocol/records/record-batch.ts) would allocate per record.
import { CompressionType } from '../protocol/records/compression/compression-type.js';
import { compress } from '../protocol/records/compression/index.js';
import { sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from '../protocol/records/varint.js';
import { COMPRESSION_CODEC_MASK, RECORDS, writeBatchHeader } from '../storage/batch-header.js';

/** Upper bound of a record's framing around its value: length, attributes, deltas, null key, headers. */
const MAX_RECORD_OVERHEAD = 5 + 1 + 10 + 5 + 1 + 5 + 1;

export class BatchBuilder {
  private readonly buf: Buffer;
  private pos = RECORDS;
  private baseTimestamp = -1;
  private maxTimestamp = -1;
  count = 0;
  /** Send time of each record (ms, fractional), for the latency the perf tools report. */
  readonly sendTimes: Float64Array;
  /** Value size of each record. */
  readonly valueSizes: Int32Array;
  /** When the first record was appended: linger.ms counts from here. */
  createdAt = 0;

  constructor(
    public partition: number,
    capacity: number,
    private readonly maxRecords: number,
  ) {
    this.buf = Buffer.allocUnsafe(Math.max(capacity, RECORDS + MAX_RECORD_OVERHEAD));
    this.sendTimes = new Float64Array(maxRecords);
    this.valueSizes = new Int32Array(maxRecords);
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
  }

  /** Whether a value of `length` bytes still fits (an empty batch takes any one record). */
  fits(length: number): boolean {
    if (this.count === 0) return true;
    return this.count < this.maxRecords && this.pos + MAX_RECORD_OVERHEAD + length <= this.buf.length;
  }

  /** Room for a record this large at all (a record bigger than the buffer gets a batch of its own). */
  static capacityFor(length: number, batchSize: number): number {
    return Math.max(batchSize, RECORDS + MAX_RECORD_OVERHEAD + length);
  }

  append(value: Buffer, timestamp: number, sendTime: number): void {
    if (this.count === 0) {
      this.baseTimestamp = timestamp;
      this.createdAt = sendTime;
    }
    if (timestamp > this.maxTimestamp) this.maxTimestamp = timestamp;
    const timestampDelta = timestamp - this.baseTimestamp;
    const offsetDelta = this.count;
    const bodySize = 1 + sizeOfVarlong(timestampDelta) + sizeOfVarint(offsetDelta) + 1 + sizeOfVarint(value.length) + value.length + 1;
    const buf = this.buf;
    let pos = writeVarint(buf, bodySize, this.pos);
    buf[pos++] = 0; // attributes
    pos = writeVarlong(buf, timestampDelta, pos);
    pos = writeVarint(buf, offsetDelta, pos);
    buf[pos++] = 1; // key: varint -1 (null)
    pos = writeVarint(buf, value.length, pos);
    pos += value.copy(buf, pos);
    buf[pos++] = 0; // no headers
    this.pos = pos;
    this.sendTimes[this.count] = sendTime;
    this.valueSizes[this.count++] = value.length;
  }

  /** Bytes reserved for this batch (counted against buffer.memory). */
  get capacity(): number {
    return this.buf.length;
  }

  /** Bytes the records take so far (uncompressed). */
  get sizeInBytes(): number {
    return this.pos;
  }

  /** The finished batch: header filled in, records compressed when asked, CRC computed. */
  build(compression: CompressionType): Buffer {
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
      attributes: compression & COMPRESSION_CODEC_MASK,
      lastOffsetDelta: this.count - 1,
      baseTimestamp: this.baseTimestamp,
      maxTimestamp: this.maxTimestamp,
      producerId: -1,
      producerEpoch: -1,
      baseSequence: -1,
      recordCount: this.count,
    });
    return batch;
  }
}
