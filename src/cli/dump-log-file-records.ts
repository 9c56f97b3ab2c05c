// Kafka's FileRecords and FileLogInputStream, read-only: the batches of a .log file (or a slice
// of it) found by walking their 12-byte log headers, with Kafka's stopping rules (a torn tail
// ends the walk; a size below the v0 message overhead is corruption). The file is read in 1 MiB
// chunks, so a segment of any size is dumped in bounded memory.
import { closeSync, fstatSync, readSync } from 'node:fs';
import { JavaException, javaIoException, openForReading } from './dump-log-java.js';

export const LOG_OVERHEAD = 12;
/** baseOffset + length + partitionLeaderEpoch + magic: what Kafka reads before picking a batch class. */
export const HEADER_SIZE_UP_TO_MAGIC = 17;
/** The smallest legacy (v0) message; Kafka's lower bound for any batch size. */
const RECORD_OVERHEAD_V0 = 14;
/** The v2 batch header, which Kafka loads whole even for a batch that claims to be smaller. */
export const V2_HEADER_SIZE = 61;
const INT_MAX = 2147483647;
const CHUNK = 1024 * 1024;
const HEADERS_CHUNK = 16 * 1024;

/** One batch of a file: its absolute position, total size (length + 12), magic and bytes. */
export interface FileBatch {
  readonly position: number;
  readonly sizeInBytes: number;
  readonly magic: number;
  /**
   * The whole batch (for a v2 batch smaller than its header, the 61 bytes Kafka reads), or only
   * its header in a headers-only walk. A view that is valid until the walk moves on.
   */
  readonly bytes: Buffer;
}

class FileHandle {
  refs = 1;
  constructor(
    readonly fd: number,
    readonly path: string,
  ) {}
}

export class FileRecords {
  private constructor(
    private readonly handle: FileHandle,
    /** Absolute position where this view starts. */
    readonly start: number,
    /** Kafka's `end`: Integer.MAX_VALUE for a whole file, the slice end for a slice. */
    private readonly end: number,
    readonly sizeInBytes: number,
    private readonly isSlice: boolean,
  ) {}

  /** FileRecords.open(file, false); `path` is the File as Kafka prints it. */
  static open(path: string): FileRecords {
    const fd = openForReading(path);
    let size: number;
    try {
      size = fstatSync(fd).size;
    } catch (e) {
      closeSync(fd);
      throw javaIoException(e, path);
    }
    if (size > INT_MAX) {
      closeSync(fd);
      throw new JavaException('org.apache.kafka.common.KafkaException', `The size of segment ${path} (${size}) is larger than the maximum allowed segment size of ${INT_MAX}`);
    }
    return new FileRecords(new FileHandle(fd, path), 0, INT_MAX, size, false);
  }

  /** FileRecords.slice, with its argument checks and messages. */
  slice(position: number, size: number): FileRecords {
    const current = this.sizeInBytes;
    if (position < 0) throw new JavaException('java.lang.IllegalArgumentException', `Invalid position: ${position} in read from ${this}`);
    if (position > current - this.start) throw new JavaException('java.lang.IllegalArgumentException', `Slice from position ${position} exceeds end position of ${this}`);
    if (size < 0) throw new JavaException('java.lang.IllegalArgumentException', `Invalid size: ${size} in read from ${this}`);
    let end = this.start + position + size;
    if (end > INT_MAX || end > this.start + current) end = this.start + current;
    const startPosition = this.start + position;
    this.handle.refs++;
    return new FileRecords(this.handle, startPosition, end, end - startPosition, true);
  }

  toString(): string {
    return `FileRecords(size=${this.sizeInBytes}, file=${this.handle.path}, start=${this.start}, end=${this.end})`;
  }

  /** The batches of this view, in file order. */
  batches(headersOnly = false): BatchWalker {
    return new BatchWalker(this.handle, this.start, this.isSlice ? this.end : this.sizeInBytes, headersOnly);
  }

  /** The whole batch a headers-only walk found. */
  loadBatch(batch: FileBatch): FileBatch {
    const length = batch.magic >= 2 ? Math.max(batch.sizeInBytes, V2_HEADER_SIZE) : batch.sizeInBytes;
    const bytes = Buffer.allocUnsafe(length);
    const got = readAt(this.handle, bytes, batch.position);
    if (got < length) throw eofError('record batch', this.handle.path, length, got, batch.position);
    return { ...batch, bytes };
  }

  close(): void {
    if (--this.handle.refs === 0) closeSync(this.handle.fd);
  }
}

/**
 * FileLogInputStream: `next()` gives the batch at the walk's position, or null at the end. In
 * headers-only mode a batch's `bytes` are just its header (what offsets and sizes need).
 */
export class BatchWalker {
  private chunk: Buffer = Buffer.alloc(0);
  private chunkStart = 0;
  private backing: Buffer | undefined;

  constructor(
    private readonly handle: FileHandle,
    private position: number,
    private readonly end: number,
    private readonly headersOnly: boolean,
  ) {}

  next(): FileBatch | null {
    if (this.position >= this.end - HEADER_SIZE_UP_TO_MAGIC) return null;
    const header = this.read(this.position, HEADER_SIZE_UP_TO_MAGIC, 'log header');
    const size = header.readInt32BE(8);
    if (size < RECORD_OVERHEAD_V0) {
      throw new JavaException(
        'org.apache.kafka.common.errors.CorruptRecordException',
        `Found record size ${size} smaller than minimum record overhead (${RECORD_OVERHEAD_V0}) in file ${this.handle.path}.`,
      );
    }
    if (this.position > this.end - LOG_OVERHEAD - size) return null;
    const magic = header.readInt8(16);
    const sizeInBytes = size + LOG_OVERHEAD;
    const whole = magic >= 2 ? Math.max(sizeInBytes, V2_HEADER_SIZE) : sizeInBytes;
    const wanted = this.headersOnly ? Math.min(whole, V2_HEADER_SIZE) : whole;
    const batch: FileBatch = { position: this.position, sizeInBytes, magic, bytes: this.read(this.position, wanted, 'record batch header') };
    this.position += sizeInBytes;
    return batch;
  }

  /** `length` bytes at `position`, from the current chunk when they are in it. */
  private read(position: number, length: number, what: string): Buffer {
    const inChunk = position - this.chunkStart;
    if (inChunk >= 0 && inChunk + length <= this.chunk.length) return this.chunk.subarray(inChunk, inChunk + length);
    const chunkSize = this.headersOnly ? HEADERS_CHUNK : CHUNK;
    const buf = length > chunkSize ? Buffer.allocUnsafe(length) : (this.backing ??= Buffer.allocUnsafe(chunkSize));
    const got = readAt(this.handle, buf, position);
    this.chunk = buf.subarray(0, got);
    this.chunkStart = position;
    if (got < length) throw eofError(what, this.handle.path, length, got, position);
    return this.chunk.subarray(0, length);
  }
}

/** Fills `buf` from `position` until it is full or the file ends; returns the bytes read. */
function readAt(handle: FileHandle, buf: Buffer, position: number): number {
  let got = 0;
  try {
    while (got < buf.length) {
      const n = readSync(handle.fd, buf, got, buf.length - got, position + got);
      if (n === 0) break;
      got += n;
    }
  } catch (e) {
    throw javaIoException(e, handle.path);
  }
  return got;
}

/** Utils.readFullyOrFail's message. */
function eofError(what: string, path: string, expected: number, got: number, position: number): JavaException {
  return new JavaException(
    'java.io.EOFException',
    `Failed to read \`${what}\` from file channel \`${path}\`. Expected to read ${expected} bytes, but reached end of file after reading ${got} bytes. Started read from position ${position}.`,
  );
}
