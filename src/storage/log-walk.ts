// The walk over a .log file: finding its batches one after the other by their 12-byte log
// headers (baseOffset, batchLength), with the rules for where a walk stops. This is the only
// implementation of that walk; it does no I/O itself. It says which bytes it needs next, a
// synchronous adapter (log-cursor.ts: the broker's segments, kt dump-log) or an asynchronous one
// (log-cursor-async.ts: the log cleaner) reads them, and the walk goes on; .log bytes already in
// memory (a fetch's read) are walked with LogWalk.overBuffer. It reads the file in chunks and
// walks batches in memory, reading again only when the next header (or, in whole-batch
// mode, the next batch) is not inside the current chunk, so a walk over small batches costs one
// read per chunk and a walk over large batches one small read per hop.
//
// Stopping rules, in the order Kafka's FileLogInputStream applies them (one set of rules, two
// parameter sets below):
//   no bytes left in the range                                      -> 'end'
//   fewer bytes left than `minRemaining`                            -> 'torn'
//   batchLength below `minBatchLength`                              -> 'bad-length'
//   the batch runs past the range end                               -> 'torn'
//   the file holds fewer bytes than the range promised (short read) -> 'torn', with `shortRead`
import { BATCH_HEADER_SIZE, BATCH_LENGTH, CURRENT_MAGIC, HEADER_SIZE_UP_TO_MAGIC, LOG_OVERHEAD, MAGIC, MIN_BATCH_LENGTH } from './batch-header.js';

export type WalkEnd = 'end' | 'torn' | 'bad-length';

export interface LogFraming {
  /** A walk position with fewer bytes than this left before the range end is a torn tail. */
  readonly minRemaining: number;
  /** The smallest legal batchLength. */
  readonly minBatchLength: number;
}

/**
 * kt's own segments, which hold only v2 batches: anything shorter than a v2 header is a torn
 * tail, and a batchLength below the v2 header's is impossible. Recovery truncates there.
 */
export const V2_LOG_FRAMING: LogFraming = { minRemaining: BATCH_HEADER_SIZE, minBatchLength: MIN_BATCH_LENGTH };

/**
 * Kafka's FileLogInputStream, which reads any message format (kt dump-log): the walk ends
 * unless more than the 17 bytes up to the magic are left, and a batchLength below the smallest
 * legacy (v0) message, 14, is corruption.
 */
export const FILE_RECORDS_FRAMING: LogFraming = { minRemaining: HEADER_SIZE_UP_TO_MAGIC + 1, minBatchLength: 14 };

/** What advance() asks of its adapter. */
export const WALK_BATCH = 0; // a batch is loaded: read it through the walk's fields
export const WALK_ENDED = 1; // the walk is over (see `ended`)
export const WALK_READ = 2; // read `readLength` bytes at `readPosition` into `buf` from 0, then supply(got)

export interface LogWalkOptions {
  framing?: LogFraming;
  /** Load each whole batch (CRC checks, copies), not only its header. */
  wholeBatches?: boolean;
  /** Bytes per read (default 16 KiB for headers, 1 MiB for whole batches). */
  chunkSize?: number;
  /** Read every chunk into a new buffer, so the batches handed out stay valid after the walk moves on. */
  freshChunks?: boolean;
}

/** The read that came back short: the file ended before `wanted` bytes at `position`. */
export interface ShortRead {
  /** 'header' while framing the batch, 'batch' while loading it. */
  stage: 'header' | 'batch';
  position: number;
  wanted: number;
  got: number;
}

const HEADER_CHUNK = 16 * 1024;
const WHOLE_BATCH_CHUNK = 1024 * 1024;
const EMPTY = Buffer.alloc(0);

// Where advance() resumes: at the next batch, framing the current one, loading it, or never.
const NEXT = 0;
const FRAME = 1;
const LOAD = 2;
const DONE = 3;

/**
 * Bytes loaded for a batch of `size` with `magic`: all of it, or its header. Kafka loads a whole
 * v2 header even for a v2 batch that claims to be shorter; kt's own batches never are.
 */
export function batchLoadLength(size: number, magic: number, wholeBatch: boolean): number {
  const full = magic >= CURRENT_MAGIC ? Math.max(size, BATCH_HEADER_SIZE) : size;
  return wholeBatch ? full : Math.min(full, BATCH_HEADER_SIZE);
}

export class LogWalk {
  /** File position and total size (batchLength + 12) of the current batch (size 0 before the first). */
  position: number;
  size = 0;
  /** The chunk holding the current batch's loaded bytes at `at`; `loaded` of them (batchLoadLength). */
  buf: Buffer = EMPTY;
  at = 0;
  loaded = 0;
  ended: WalkEnd | null = null;
  /** Set when a 'torn' end came from a short read. */
  shortRead: ShortRead | null = null;
  /** The batchLength that ended the walk with 'bad-length'. */
  badBatchLength = 0;
  /** The read a WALK_READ step asks for. */
  readPosition = 0;
  readLength = 0;

  private readonly minRemaining: number;
  private readonly minBatchLength: number;
  private readonly wholeBatches: boolean;
  private readonly chunkSize: number;
  private readonly freshChunks: boolean;
  private stage = NEXT;
  private chunkStart = 0;
  private chunkLength = 0;
  /** False for a walk over a buffer (overBuffer), which never reads. */
  private readable = true;

  /** Walks the batches in [from, to) of a file; bytes past `to` are read only to load a v2 header Kafka's way. */
  constructor(
    from: number,
    private readonly to: number,
    opts: LogWalkOptions = {},
  ) {
    this.position = from;
    const framing = opts.framing ?? V2_LOG_FRAMING;
    this.minRemaining = framing.minRemaining;
    this.minBatchLength = framing.minBatchLength;
    this.wholeBatches = opts.wholeBatches ?? false;
    this.chunkSize = opts.chunkSize ?? (this.wholeBatches ? WHOLE_BATCH_CHUNK : HEADER_CHUNK);
    this.freshChunks = opts.freshChunks ?? false;
  }

  /**
   * A walk over .log bytes already in memory (the first `length` bytes of `buf`, e.g. what a fetch
   * read from a segment): it never asks for a read.
   */
  static overBuffer(buf: Buffer, length: number, opts: LogWalkOptions = {}): LogWalk {
    const walk = new LogWalk(0, length, opts);
    walk.buf = buf;
    walk.chunkLength = length;
    walk.readable = false;
    return walk;
  }

  /** Moves the walk on: WALK_BATCH, WALK_ENDED, or WALK_READ (do the read, supply(), call again). */
  advance(): number {
    // One straight path with the fields read once: a fetch walks thousands of small batches per
    // megabyte through it. `entered` is where a previous call stopped for a read.
    const entered = this.stage;
    let position = this.position;
    if (entered === NEXT) {
      position += this.size;
      this.position = position;
      const remaining = this.to - position;
      if (remaining <= 0) return this.stop('end');
      if (remaining < this.minRemaining) return this.stop('torn');
    } else if (entered === DONE) {
      return WALK_ENDED;
    }
    const buf = this.buf;
    const at = position - this.chunkStart;
    if (entered !== LOAD) {
      if (at < 0 || at + HEADER_SIZE_UP_TO_MAGIC > this.chunkLength) return this.missing(FRAME, HEADER_SIZE_UP_TO_MAGIC);
      const batchLength = int32At(buf, at + BATCH_LENGTH);
      if (batchLength < this.minBatchLength) {
        this.badBatchLength = batchLength;
        return this.stop('bad-length');
      }
      const size = batchLength + LOG_OVERHEAD;
      if (size > this.to - position) return this.stop('torn');
      this.size = size;
      // The magic matters only for a batch shorter than a v2 header (batchLoadLength).
      this.loaded = size >= BATCH_HEADER_SIZE ? (this.wholeBatches ? size : BATCH_HEADER_SIZE) : batchLoadLength(size, int8At(buf, at + MAGIC), this.wholeBatches);
    }
    if (at < 0 || at + this.loaded > this.chunkLength) return this.missing(LOAD, this.loaded);
    this.at = at;
    if (entered !== NEXT) this.stage = NEXT;
    return WALK_BATCH;
  }

  /** The current batch's magic (from its loaded bytes). */
  get magic(): number {
    return int8At(this.buf, this.at + MAGIC);
  }

  /** The adapter read `got` bytes into `buf` from 0 for the last WALK_READ. */
  supply(got: number): void {
    this.chunkStart = this.readPosition;
    this.chunkLength = got;
  }

  private stop(reason: WalkEnd): number {
    this.ended = reason;
    // The position stays at the batch that ended the walk.
    this.size = 0;
    this.stage = DONE;
    return WALK_ENDED;
  }

  /**
   * The chunk lacks `length` bytes at the position for `stage`: asks for the read (WALK_READ), or
   * ends the walk torn when a read there already came back short (the file ended) or the walk
   * cannot read (over a buffer).
   */
  private missing(stage: number, length: number): number {
    const fileEnded = this.chunkStart === this.position && this.chunkLength < this.readLength;
    if (fileEnded || !this.readable) {
      const got = Math.max(0, this.chunkStart + this.chunkLength - this.position);
      this.shortRead = { stage: stage === FRAME ? 'header' : 'batch', position: this.position, wanted: length, got };
      return this.stop('torn');
    }
    // A chunk, but never beyond the range unless the load itself reaches past it.
    const want = Math.min(Math.max(length, this.chunkSize), Math.max(this.to - this.position, length));
    if (this.freshChunks || want > this.buf.length) this.buf = Buffer.allocUnsafe(want);
    this.readPosition = this.position;
    this.readLength = want;
    this.stage = stage;
    return WALK_READ;
  }
}

// Buffer.readInt32BE / readInt8 check their arguments on every call, which costs more than the
// rest of a batch's step; the walk has already checked the bytes are in the chunk.
function int32At(buf: Buffer, at: number): number {
  return (buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!;
}

function int8At(buf: Buffer, at: number): number {
  return (buf[at]! << 24) >> 24;
}
