// Walks the record batches of a .log file by their headers without decoding records.
// It reads the file in chunks and walks batches in memory, re-reading only when the next header
// (or, in whole-batch mode, the next batch) is not inside the current chunk, so a walk over
// small batches costs one read per chunk and a walk over large batches one small read per hop.
import { BATCH_HEADER_SIZE, BATCH_LENGTH, LOG_OVERHEAD, MIN_BATCH_LENGTH, baseOffsetAt, lastOffsetAt, maxTimestampAt } from '../../storage/batch-header.js';
import { readFully } from '../../storage/file-io.js';

/** Why a walk ended: the range was exhausted, or the bytes stop looking like batches. */
export type CursorEnd = 'end' | 'torn' | 'bad-length';

const HEADER_CHUNK = 16 * 1024;
const WHOLE_BATCH_CHUNK = 1024 * 1024;

export class BatchCursor {
  /** Chunk holding the current batch's header (whole batch in whole-batch mode) at `at`. */
  buf: Buffer;
  at = 0;
  /** File position and total size (batchLength + 12) of the current batch. */
  position: number;
  size = 0;
  ended: CursorEnd | null = null;

  private chunkStart = 0;
  private chunkLength = 0;
  private started = false;

  /**
   * @param to end of the readable range (the segment's size); bytes past it are never read.
   * @param wholeBatches keep each whole batch in `buf` (for CRC checks), not just its header.
   */
  constructor(
    private readonly fd: number,
    from: number,
    private readonly to: number,
    private readonly wholeBatches = false,
  ) {
    this.position = from;
    const chunk = wholeBatches ? WHOLE_BATCH_CHUNK : HEADER_CHUNK;
    this.buf = Buffer.allocUnsafe(Math.max(BATCH_HEADER_SIZE, Math.min(chunk, to - from)));
  }

  /** Moves to the next batch; false when the range ends or the bytes are not a sane batch. */
  next(): boolean {
    if (this.ended !== null) return false;
    if (this.started) this.position += this.size;
    this.started = true;
    const remaining = this.to - this.position;
    if (remaining <= 0) return this.stop('end');
    if (remaining < BATCH_HEADER_SIZE || !this.ensure(BATCH_HEADER_SIZE)) return this.stop('torn');
    const batchLength = this.buf.readInt32BE(this.at + BATCH_LENGTH);
    if (batchLength < MIN_BATCH_LENGTH) return this.stop('bad-length');
    const size = batchLength + LOG_OVERHEAD;
    if (size > remaining) return this.stop('torn');
    if (this.wholeBatches && !this.ensure(size)) return this.stop('torn');
    this.size = size;
    return true;
  }

  get baseOffset(): number {
    return baseOffsetAt(this.buf, this.at);
  }

  get lastOffset(): number {
    return lastOffsetAt(this.buf, this.at);
  }

  get maxTimestamp(): number {
    return maxTimestampAt(this.buf, this.at);
  }

  /** The current whole batch (whole-batch mode only); a view into the cursor's chunk. */
  batchBytes(): Buffer {
    return this.buf.subarray(this.at, this.at + this.size);
  }

  private stop(reason: CursorEnd): false {
    this.ended = reason;
    this.size = 0;
    return false;
  }

  /** Makes [position, position + length) available in `buf`; false if the file is shorter. */
  private ensure(length: number): boolean {
    const offsetInChunk = this.position - this.chunkStart;
    if (offsetInChunk >= 0 && offsetInChunk + length <= this.chunkLength) {
      this.at = offsetInChunk;
      return true;
    }
    const want = Math.min(Math.max(length, this.buf.length), this.to - this.position);
    if (want > this.buf.length) this.buf = Buffer.allocUnsafe(want);
    const got = readFully(this.fd, this.buf, 0, want, this.position);
    this.chunkStart = this.position;
    this.chunkLength = got;
    this.at = 0;
    return got >= length;
  }
}
