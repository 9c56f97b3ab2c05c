// Segment `.log` descriptors, opened lazily and bounded. Kafka keeps every segment's file open
// for the log's life, so a broker needs `ulimit -n` above its segment count (and runs into
// "Too many open files" past it). kt opens a segment's `.log` when it is first read, appended to
// or fsynced, keeps it open while it is used, and once more than `capacity` are open closes the
// least recently used one that no operation holds; a later use reopens it by path. The active
// segments of busy partitions therefore stay open (every append touches them) and idle ones cost
// nothing.
//
// Pinning: every use of a descriptor holds a pin for its duration, synchronous (a read, an
// append, a recovery scan) or asynchronous (an fsync on the thread pool). A pinned descriptor is
// never evicted, and close() of a pinned file only marks it: the descriptor is closed when the
// last pin goes, so no operation ever finds its descriptor closed under it or reused for another
// file.
//
// The budget is per process (the limit is), so the broker's logs share one pool
// (sharedDescriptorPool); tests may hand a LogManager a small one.
import fs from 'node:fs';

/** errno codes of a process (EMFILE) or system (ENFILE) out of file descriptors. */
export function isOutOfDescriptors(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'EMFILE' || code === 'ENFILE';
}

/** Idle descriptors closed at once when an open fails for want of descriptors, before retrying. */
const EVICT_ON_SHORTAGE = 8;
/** The pool never goes below this, whatever the limit. */
export const MIN_POOL_CAPACITY = 16;
/** Assumed soft RLIMIT_NOFILE where /proc/self/limits cannot be read (Node has no getrlimit). */
export const DEFAULT_OPEN_FILE_LIMIT = 1024;

/**
 * Background fsync jobs (one log's rolled segments, or one writeback) running at once. Each
 * holds descriptors while it runs (its pinned `.log` files, its index files, the directory), so
 * a produce request that rolls a thousand partitions must not start a thousand of them.
 */
export const BACKGROUND_JOBS = 4;

export class DescriptorPool {
  /** Open files, least recently used first: a Set keeps insertion order and use() re-inserts. */
  private readonly lru = new Set<PooledFile>();
  /** The last file added to or moved to the end of `lru`. */
  private mostRecent: PooledFile | null = null;
  private backgroundRunning = 0;
  private readonly backgroundWaiting: Array<() => void> = [];
  /** Descriptors opened and evicted so far (tests and diagnostics). */
  opened = 0;
  evicted = 0;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error(`descriptor pool capacity must be at least 1, got ${capacity}`);
  }

  get openCount(): number {
    return this.lru.size;
  }

  /** A file opened on demand with `flags` (read-write by default). */
  file(path: string, flags: number = fs.constants.O_RDWR): PooledFile {
    return new PooledFile(this, path, flags);
  }

  /**
   * Runs `open`, an operation that opens a descriptor. If it fails because the process (or the
   * system) is out of descriptors, closes some idle pooled ones and tries again, until nothing
   * idle is left to close; then the EMFILE/ENFILE error is thrown.
   */
  retrying<T>(open: () => T): T {
    for (;;) {
      try {
        return open();
      } catch (err) {
        if (!isOutOfDescriptors(err) || this.evictIdle(EVICT_ON_SHORTAGE) === 0) throw err;
      }
    }
  }

  /** Runs `job` once fewer than BACKGROUND_JOBS background jobs are running (FIFO). */
  async inBackground<T>(job: () => Promise<T>): Promise<T> {
    while (this.backgroundRunning >= BACKGROUND_JOBS) await new Promise<void>((resolve) => this.backgroundWaiting.push(resolve));
    this.backgroundRunning++;
    try {
      return await job();
    } finally {
      this.backgroundRunning--;
      this.backgroundWaiting.shift()?.();
    }
  }

  /** retrying() for an asynchronous open. */
  async retryingAsync<T>(open: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await open();
      } catch (err) {
        if (!isOutOfDescriptors(err) || this.evictIdle(EVICT_ON_SHORTAGE) === 0) throw err;
      }
    }
  }

  /** Closes up to `count` descriptors no operation holds, least recently used first; returns how many. */
  evictIdle(count: number): number {
    let closed = 0;
    for (const file of this.lru) {
      if (closed >= count) break;
      if (file.evict()) closed++;
    }
    return closed;
  }

  /** @internal PooledFile opening its descriptor: room is made first, then the file joins the LRU. */
  open(file: PooledFile, path: string, flags: number): number {
    if (this.lru.size >= this.capacity) this.evictIdle(this.lru.size - this.capacity + 1);
    const fd = this.retrying(() => fs.openSync(path, flags));
    this.adopted(file);
    return fd;
  }

  /** @internal A descriptor opened elsewhere now belongs to `file`. */
  adopted(file: PooledFile): void {
    if (this.lru.size >= this.capacity) this.evictIdle(this.lru.size - this.capacity + 1);
    this.opened++;
    this.lru.add(file);
    this.mostRecent = file;
  }

  /** @internal Marks `file` most recently used (free when it already is: a busy partition). */
  touch(file: PooledFile): void {
    if (this.mostRecent === file) return;
    this.lru.delete(file);
    this.lru.add(file);
    this.mostRecent = file;
  }

  /** @internal `file` closed its descriptor. */
  closed(file: PooledFile, byEviction: boolean): void {
    this.lru.delete(file);
    if (this.mostRecent === file) this.mostRecent = null;
    if (byEviction) this.evicted++;
  }
}

export class PooledFile {
  private fd = -1;
  private pins = 0;
  /** close() was called: the descriptor goes with the last pin and the file is not used again. */
  private retired = false;

  constructor(
    private readonly pool: DescriptorPool,
    private currentPath: string,
    private readonly flags: number,
  ) {}

  /** Where the file is now (renames, e.g. to `.deleted`, are reported through renamed()). */
  get path(): string {
    return this.currentPath;
  }

  get isOpen(): boolean {
    return this.fd >= 0;
  }

  /** Takes over a descriptor of this file that the caller opened (a segment just created). */
  adopt(fd: number): void {
    if (this.fd >= 0 || this.retired) {
      fs.closeSync(fd);
      throw new Error(`${this.currentPath} already has a descriptor`);
    }
    this.fd = fd;
    this.pool.adopted(this);
  }

  /** Runs `fn` with the descriptor open and pinned (opened, possibly evicting others, if needed). */
  use<T>(fn: (fd: number) => T): T {
    const fd = this.pin();
    try {
      return fn(fd);
    } finally {
      this.unpin();
    }
  }

  /** use() for asynchronous work (an fsync on the thread pool): pinned until the promise settles. */
  async useAsync<T>(fn: (fd: number) => Promise<T>): Promise<T> {
    const fd = this.pin();
    try {
      return await fn(fd);
    } finally {
      this.unpin();
    }
  }

  /** The file's status: through the descriptor when open, else by path (no descriptor opened). */
  stat(): fs.Stats {
    return this.fd >= 0 ? fs.fstatSync(this.fd) : fs.statSync(this.currentPath);
  }

  /** The file was renamed to `path`; an open descriptor stays valid, a reopen uses the new name. */
  renamed(path: string): void {
    this.currentPath = path;
  }

  /** Closes the descriptor now, or when the last operation holding it finishes; no use after this. */
  close(): void {
    this.retired = true;
    if (this.pins === 0) this.closeDescriptor(false);
  }

  /** @internal Closes an idle descriptor for the pool; false when pinned or not open. */
  evict(): boolean {
    if (this.pins > 0 || this.fd < 0) return false;
    this.closeDescriptor(true);
    return true;
  }

  /**
   * The descriptor, open and pinned until the matching unpin() (in a `finally`). use() is the
   * safe form; the hot paths (append, read) call these directly to spare a closure per call.
   */
  pin(): number {
    if (this.retired) throw new Error(`${this.currentPath} is closed`);
    this.pins++;
    try {
      if (this.fd < 0) this.fd = this.pool.open(this, this.currentPath, this.flags);
      else this.pool.touch(this);
    } catch (err) {
      this.pins--;
      throw err;
    }
    return this.fd;
  }

  unpin(): void {
    if (--this.pins === 0 && this.retired) this.closeDescriptor(false);
  }

  private closeDescriptor(byEviction: boolean): void {
    if (this.fd < 0) return;
    const fd = this.fd;
    this.fd = -1;
    this.pool.closed(this, byEviction);
    try {
      fs.closeSync(fd);
    } catch {
      // EIO/EINTR from close: the descriptor is released either way on Linux.
    }
  }
}

/**
 * The process's soft RLIMIT_NOFILE from /proc/self/limits (Linux), or null where it cannot be
 * read. Node raises its soft limit to the hard limit at start-up, so this is the real budget.
 */
export function openFileLimit(limitsText?: string): number | null {
  let text = limitsText;
  if (text === undefined) {
    try {
      text = fs.readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return null;
    }
  }
  const line = text.split('\n').find((l) => l.startsWith('Max open files'));
  const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
  if (soft === undefined || !/^\d+$/.test(soft)) return null;
  return Number(soft);
}

/**
 * How many segment descriptors the pool keeps open for a process limit of `limit`: half of it,
 * the other half staying free for client connections, index and checkpoint writes, fsyncs of
 * index files, the log cleaner and Node itself; at least MIN_POOL_CAPACITY.
 */
export function poolCapacityFor(limit: number | null): number {
  return Math.max(MIN_POOL_CAPACITY, Math.floor((limit ?? DEFAULT_OPEN_FILE_LIMIT) / 2));
}

let shared: DescriptorPool | undefined;

/** The process-wide pool every LogManager uses unless given its own; sized from the limit on first use. */
export function sharedDescriptorPool(): DescriptorPool {
  shared ??= new DescriptorPool(poolCapacityFor(openFileLimit()));
  return shared;
}
