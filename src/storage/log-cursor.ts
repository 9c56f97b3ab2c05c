// The .log walk (log-walk.ts) with synchronous positional reads, over a file descriptor (kt
// dump-log) or a read function (the broker's segments, whose descriptors may be closed and
// reopened between two reads: fetch lookups, recovery, the log end offset).
import { baseOffsetAt, lastOffsetAt, maxTimestampAt } from './batch-header.js';
import { readFully } from './file-io.js';
import { LogWalk, WALK_BATCH, WALK_READ, type LogWalkOptions, type ShortRead, type WalkEnd } from './log-walk.js';

/** preads up to `length` bytes at `position` into `buf` at `offset`; fewer only at end of file. */
export type PositionalRead = (buf: Buffer, offset: number, length: number, position: number) => number;

export class BatchCursor {
  private readonly walk: LogWalk;
  private readonly read: PositionalRead;

  /**
   * @param source an open descriptor, or a function reading the file.
   * @param from file position of the first batch.
   * @param to end of the range to walk (a segment's size); no batch past it is read.
   */
  constructor(
    source: number | PositionalRead,
    from: number,
    to: number,
    opts: LogWalkOptions = {},
  ) {
    this.walk = new LogWalk(from, to, opts);
    this.read = typeof source === 'number' ? (buf, offset, length, position) => readFully(source, buf, offset, length, position) : source;
  }

  /** Moves to the next batch; false when the range ends or the bytes are not a sane batch (see `ended`). */
  next(): boolean {
    const walk = this.walk;
    for (;;) {
      const step = walk.advance();
      if (step !== WALK_READ) return step === WALK_BATCH;
      walk.supply(this.read(walk.buf, 0, walk.readLength, walk.readPosition));
    }
  }

  /** File position of the current batch (where the walk stopped, once it ended). */
  get position(): number {
    return this.walk.position;
  }

  /** Total size of the current batch (batchLength + 12). */
  get size(): number {
    return this.walk.size;
  }

  get magic(): number {
    return this.walk.magic;
  }

  get ended(): WalkEnd | null {
    return this.walk.ended;
  }

  get shortRead(): ShortRead | null {
    return this.walk.shortRead;
  }

  get badBatchLength(): number {
    return this.walk.badBatchLength;
  }

  get baseOffset(): number {
    return baseOffsetAt(this.walk.buf, this.walk.at);
  }

  get lastOffset(): number {
    return lastOffsetAt(this.walk.buf, this.walk.at);
  }

  get maxTimestamp(): number {
    return maxTimestampAt(this.walk.buf, this.walk.at);
  }

  /** The current whole batch (whole-batch mode only); a view valid until the walk moves on. */
  batchBytes(): Buffer {
    return this.walk.buf.subarray(this.walk.at, this.walk.at + this.walk.size);
  }

  /** What was loaded of the current batch (its header, or all of it); a view valid until the walk moves on. */
  loadedBytes(): Buffer {
    return this.walk.buf.subarray(this.walk.at, this.walk.at + this.walk.loaded);
  }
}
