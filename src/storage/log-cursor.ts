// The .log walk (log-walk.ts) over a file descriptor with synchronous positional reads: the
// broker's segments (fetch lookups, recovery, the log end offset) and kt dump-log.
import { baseOffsetAt, lastOffsetAt, maxTimestampAt } from './batch-header.js';
import { readFully } from './file-io.js';
import { LogWalk, WALK_BATCH, WALK_READ, type LogWalkOptions, type ShortRead, type WalkEnd } from './log-walk.js';

export class BatchCursor {
  private readonly walk: LogWalk;

  /**
   * @param from file position of the first batch.
   * @param to end of the range to walk (a segment's size); no batch past it is read.
   */
  constructor(
    private readonly fd: number,
    from: number,
    to: number,
    opts: LogWalkOptions = {},
  ) {
    this.walk = new LogWalk(from, to, opts);
  }

  /** Moves to the next batch; false when the range ends or the bytes are not a sane batch (see `ended`). */
  next(): boolean {
    const walk = this.walk;
    for (;;) {
      const step = walk.advance();
      if (step !== WALK_READ) return step === WALK_BATCH;
      walk.supply(readFully(this.fd, walk.buf, 0, walk.readLength, walk.readPosition));
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
