// Kafka's FileRecords, read-only: the batches of a .log file (or a slice of it), walked with
// storage's .log walk under Kafka's FileLogInputStream rules (FILE_RECORDS_FRAMING: any message
// format; a torn tail ends the walk; a size below the v0 message overhead is corruption), with
// the failures turned into the Java exceptions the tool prints. The file is read in 1 MiB chunks
// (16 KiB for headers only), so a segment of any size is dumped in bounded memory.
import { closeSync, fstatSync } from 'node:fs';
import { readFully } from '../../storage/file-io.js';
import { BatchCursor } from '../../storage/log-cursor.js';
import { FILE_RECORDS_FRAMING, batchLoadLength, type ShortRead } from '../../storage/log-walk.js';
import { JavaException, javaIoException, openForReading } from './java.js';

const INT_MAX = 2147483647;

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
    const length = batchLoadLength(batch.sizeInBytes, batch.magic, true);
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
  private readonly cursor: BatchCursor;

  constructor(
    private readonly handle: FileHandle,
    position: number,
    end: number,
    headersOnly: boolean,
  ) {
    this.cursor = new BatchCursor(handle.fd, position, end, { framing: FILE_RECORDS_FRAMING, wholeBatches: !headersOnly });
  }

  next(): FileBatch | null {
    const cursor = this.cursor;
    let found: boolean;
    try {
      found = cursor.next();
    } catch (e) {
      throw javaIoException(e, this.handle.path);
    }
    if (found) return { position: cursor.position, sizeInBytes: cursor.size, magic: cursor.magic, bytes: cursor.loadedBytes() };
    if (cursor.shortRead !== null) throw shortReadError(cursor.shortRead, this.handle.path);
    if (cursor.ended === 'bad-length') {
      throw new JavaException(
        'org.apache.kafka.common.errors.CorruptRecordException',
        `Found record size ${cursor.badBatchLength} smaller than minimum record overhead (${FILE_RECORDS_FRAMING.minBatchLength}) in file ${this.handle.path}.`,
      );
    }
    return null;
  }
}

/** Fills `buf` from `position` until it is full or the file ends; returns the bytes read. */
function readAt(handle: FileHandle, buf: Buffer, position: number): number {
  try {
    return readFully(handle.fd, buf, 0, buf.length, position);
  } catch (e) {
    throw javaIoException(e, handle.path);
  }
}

/** The EOFException Kafka's reads of the log header or the batch raise when the file ends early. */
function shortReadError(short: ShortRead, path: string): JavaException {
  return eofError(short.stage === 'header' ? 'log header' : 'record batch header', path, short.wanted, short.got, short.position);
}

/** Utils.readFullyOrFail's message. */
function eofError(what: string, path: string, expected: number, got: number, position: number): JavaException {
  return new JavaException(
    'java.io.EOFException',
    `Failed to read \`${what}\` from file channel \`${path}\`. Expected to read ${expected} bytes, but reached end of file after reading ${got} bytes. Started read from position ${position}.`,
  );
}
