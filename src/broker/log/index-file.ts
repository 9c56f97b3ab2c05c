// Shared mechanics of the sparse .index and .timeindex files (their byte format is
// src/storage/index-formats.ts).
//
// Kafka pre-allocates these files to segment.index.bytes and memory-maps them, then trims the
// zero tail on roll and close. We keep the entries in memory (typed arrays) and write the new
// ones to the file when the segment is flushed, rolled or closed, as the page cache would write
// an mmapped index back: the file holds exactly the entries, in Kafka's byte format, so no
// trimming step exists and kafka-dump-log.sh reads it as is. No descriptor is held between
// writes, so thousands of partitions cost one descriptor each (their .log), not three. An index
// behind its log after a crash is harmless: recovery rebuilds the entries past the recovery
// point (keeping the ones below it), and the recovery point only moves once they were written.
// The entries are loaded lazily: a segment that is never looked up never reads its index.
// Each open goes through the descriptor pool's retry: out of descriptors, it closes idle segment
// descriptors and tries again (descriptor-pool.ts).
import fs from 'node:fs';
import { fsyncPath, writeFully } from '../../storage/file-io.js';
import type { DescriptorPool } from './descriptor-pool.js';

export type IndexLoadResult = 'ok' | 'missing' | 'corrupt';

const EMPTY = Buffer.alloc(0);

export abstract class IndexFile {
  protected count = 0;
  /** Entries [0, persisted) are in the file. */
  private persisted = 0;
  private loaded = false;
  /** The file's content is unknown (startEmpty): the next write of entries truncates it first. */
  private rewriteOnPersist = false;

  protected constructor(
    readonly path: string,
    readonly baseOffset: number,
    private readonly entrySize: number,
    private readonly pool: DescriptorPool | undefined,
  ) {}

  /** Runs an operation that opens the file, retried after freeing pooled descriptors on EMFILE. */
  private io<T>(op: () => T): T {
    return this.pool ? this.pool.retrying(op) : op();
  }

  get entries(): number {
    return this.count;
  }

  get isLoaded(): boolean {
    return this.loaded;
  }

  isFull(maxIndexBytes: number): boolean {
    return this.count >= Math.floor(maxIndexBytes / this.entrySize);
  }

  /** Reads and sanity-checks the file. On failure the in-memory index is left empty. */
  load(logSize: number): IndexLoadResult {
    let bytes: Buffer;
    try {
      bytes = this.io(() => fs.readFileSync(this.path));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw err;
    }
    this.clearEntries();
    this.count = 0;
    if (bytes.length % this.entrySize !== 0 || !this.decode(bytes, bytes.length / this.entrySize, logSize)) {
      this.clearEntries();
      this.count = 0;
      this.persisted = 0;
      return 'corrupt';
    }
    this.persisted = this.count;
    this.loaded = true;
    return 'ok';
  }

  /**
   * Treats the index as empty without reading the file (its segment's .log is empty); the first
   * entries written replace whatever the file held.
   */
  startEmpty(): void {
    this.clearEntries();
    this.count = 0;
    this.persisted = 0;
    this.loaded = true;
    this.rewriteOnPersist = true;
  }

  /** Empties the index and its file (before a rebuild). */
  reset(): void {
    this.clearEntries();
    this.count = 0;
    this.persisted = 0;
    this.loaded = true;
    this.io(() => fs.writeFileSync(this.path, EMPTY));
  }

  /** Keeps the first `keep` entries, in memory and in the file (recovery resumes after them). */
  truncateEntries(keep: number): void {
    if (keep >= this.count) return;
    this.count = keep;
    if (this.persisted > keep) {
      this.persisted = keep;
      fs.truncateSync(this.path, keep * this.entrySize);
    }
  }

  /** Marks a brand-new segment's index as loaded and creates its (empty) file. */
  create(): void {
    this.io(() => fs.writeFileSync(this.path, EMPTY));
    this.loaded = true;
  }

  /** Writes the entries added since the last call, with one write. */
  persist(): void {
    const pending = this.count - this.persisted;
    if (pending === 0) return;
    const bytes = Buffer.allocUnsafe(pending * this.entrySize);
    for (let i = 0; i < pending; i++) this.encode(this.persisted + i, bytes, i);
    const truncate = this.rewriteOnPersist ? fs.constants.O_TRUNC : 0;
    const fd = this.io(() => fs.openSync(this.path, fs.constants.O_WRONLY | fs.constants.O_CREAT | truncate, 0o644));
    try {
      // A failed write (a full disk) leaves `persisted` where it was: the next persist rewrites
      // the same range, so a short write in the file is overwritten, never followed.
      writeFully(fd, bytes, this.persisted * this.entrySize);
    } finally {
      fs.closeSync(fd);
    }
    this.rewriteOnPersist = false;
    this.persisted = this.count;
  }

  /** Writes pending entries and fsyncs the file. */
  flush(): void {
    this.persist();
    this.io(() => fsyncPath(this.path));
  }

  protected abstract clearEntries(): void;
  /** Writes entry i into `out` at `slot`, in the file format (src/storage/index-formats.ts). */
  protected abstract encode(i: number, out: Buffer, slot: number): void;
  /** Decodes `n` entries into memory (setting count); false if they fail the sanity checks. */
  protected abstract decode(bytes: Buffer, n: number, logSize: number): boolean;
}

export function grownInt32(arr: Int32Array<ArrayBuffer>, needed: number): Int32Array<ArrayBuffer> {
  if (needed <= arr.length) return arr;
  const next = new Int32Array(Math.max(needed, arr.length * 2, 16));
  next.set(arr);
  return next;
}

export function grownFloat64(arr: Float64Array<ArrayBuffer>, needed: number): Float64Array<ArrayBuffer> {
  if (needed <= arr.length) return arr;
  const next = new Float64Array(Math.max(needed, arr.length * 2, 16));
  next.set(arr);
  return next;
}
