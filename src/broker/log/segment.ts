// One log segment: `<base>.log` plus its sparse `<base>.index` and `<base>.timeindex`, and
// `<base>.txnindex` once an ABORT marker lands in it (Kafka's LogSegment). Batches are stored exactly as appended; the segment never decodes records.
// The `.log` descriptor comes from the descriptor pool (descriptor-pool.ts): opened on first use,
// closed when idle and the pool is full, pinned while any read, write or fsync uses it.
import fs from 'node:fs';
import { promisify } from 'node:util';
import { BATCH_HEADER_SIZE, CURRENT_MAGIC, LAST_OFFSET_DELTA, MAGIC, isBatchCrcValid, maxTimestampAt } from '../../storage/batch-header.js';
import { readFully, writeFully } from '../../storage/file-io.js';
import { DELETED_SUFFIX, INDEX_SUFFIX, LOG_SUFFIX, TIME_INDEX_SUFFIX, TXN_INDEX_SUFFIX, segmentFile } from '../../storage/file-names.js';
import { BatchCursor } from '../../storage/log-cursor.js';
import { maxSegmentMs, type LogConfig } from './config.js';
import { KafkaStorageError, isResourceExhausted } from './errors.js';
import type { DescriptorPool, PooledFile } from './descriptor-pool.js';
import { OffsetIndex } from './offset-index.js';
import { TimeIndex, type TimestampOffset } from './time-index.js';
import { TransactionIndex } from './txn-index.js';

const INT32_MAX = 0x7fffffff;
const fsyncAsync = promisify(fs.fsync);

/** An fsync of the `.log` itself failed: the kernel may have dropped the unwritten pages. */
export class LogFsyncError extends Error {
  constructor(path: string, cause: unknown) {
    super(`fsync of ${path} failed: ${(cause as Error).message}`, { cause });
    this.name = 'LogFsyncError';
  }
}

/** What an append changed, so a failure after it (an fsync) can take it back (LogSegment.undo). */
export interface AppendMark {
  readonly size: number;
  readonly bytesSinceLastIndexEntry: number;
  readonly maxTimestampAndOffset: TimestampOffset | null;
  readonly rollingBasedTimestamp: number | null;
  readonly offsetIndexEntries: number;
  readonly timeIndexEntries: number;
}

export interface SegmentRecovery {
  /** Bytes cut off the end of the .log because they were not valid batches. */
  truncatedBytes: number;
  /** Offset after the last valid batch (the base offset for an empty segment). */
  nextOffset: number;
  /** Why the scan stopped before the end of the file, or null. */
  problem: string | null;
}

/** Where a segment recovery starts scanning, and what it knows about the bytes before. */
interface RecoveryStart {
  position: number;
  nextOffset: number;
  maxTimestamp: number;
  offsetOfMaxTimestamp: number;
}

export interface BatchLocation {
  position: number;
  size: number;
  baseOffset: number;
  lastOffset: number;
}

export interface RollCheck {
  config: LogConfig;
  messagesSize: number;
  maxTimestampInMessages: number;
  lastOffsetInMessages: number;
  now: number;
}

export class LogSegment {
  readonly logPath: string;
  readonly offsetIndex: OffsetIndex;
  readonly timeIndex: TimeIndex;
  /** Aborted transactions whose ABORT marker is in this segment (the file exists only once one is). */
  readonly txnIndex: TransactionIndex;
  private readonly file: PooledFile;
  private _size: number;
  /** A failed write could not be cut off the file: done before the next write, and at close. */
  private tornTail = false;
  private bytesSinceLastIndexEntry = 0;
  /** Only the active segment keeps its index files open for writing. */
  takingAppends = false;
  /** Largest timestamp in the segment and the last offset of its batch; null until known. */
  private maxTimestampAndOffset: TimestampOffset | null = null;
  /** maxTimestamp of the first append (segment.ms is measured from it); null until loaded. */
  private rollingBasedTimestamp: number | null = null;
  /** '.deleted' once markDeleted() renamed the files. */
  private deletedSuffix = '';

  private constructor(
    dir: string,
    readonly baseOffset: number,
    pool: DescriptorPool,
    size: number,
    /** Clock time this object was made; segment.ms counts from it when batches carry no timestamp. */
    readonly created: number,
    /** This segment's random share of segment.jitter.ms. */
    readonly rollJitterMs: number,
  ) {
    this.logPath = segmentFile(dir, baseOffset, LOG_SUFFIX);
    this.offsetIndex = new OffsetIndex(segmentFile(dir, baseOffset, INDEX_SUFFIX), baseOffset, pool);
    this.timeIndex = new TimeIndex(segmentFile(dir, baseOffset, TIME_INDEX_SUFFIX), baseOffset, pool);
    this.txnIndex = new TransactionIndex(segmentFile(dir, baseOffset, TXN_INDEX_SUFFIX));
    this.file = pool.file(this.logPath);
    this._size = size;
  }

  /**
   * Creates a new empty segment (all three files). `keepOpen` hands the `.log` descriptor to the
   * pool (a roll: appends follow at once); otherwise it is closed (a new partition costs no
   * descriptor until used). If any file cannot be created, the files this call created are
   * removed again: an empty `.log` left past the log end would become the active segment at the
   * next start and move the log end offset back.
   */
  static create(dir: string, baseOffset: number, created: number, rollJitterMs: number, pool: DescriptorPool, opts: { keepOpen?: boolean } = {}): LogSegment {
    const path = segmentFile(dir, baseOffset, LOG_SUFFIX);
    let createdFile = true;
    let fd: number;
    try {
      fd = pool.retrying(() => fs.openSync(path, fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o644));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // An empty file of that name (a roll that failed after creating it) is taken over.
      createdFile = false;
      fd = pool.retrying(() => fs.openSync(path, fs.constants.O_RDWR));
    }
    try {
      if (fs.fstatSync(fd).size !== 0) throw new KafkaStorageError(`Cannot create segment ${path}: the file already holds data`);
      const segment = new LogSegment(dir, baseOffset, pool, 0, created, rollJitterMs);
      segment.offsetIndex.create();
      segment.timeIndex.create();
      segment.maxTimestampAndOffset = { timestamp: -1, offset: baseOffset };
      if (opts.keepOpen) segment.file.adopt(fd);
      else fs.closeSync(fd);
      return segment;
    } catch (err) {
      fs.closeSync(fd);
      if (createdFile) {
        for (const suffix of [LOG_SUFFIX, INDEX_SUFFIX, TIME_INDEX_SUFFIX]) fs.rmSync(segmentFile(dir, baseOffset, suffix), { force: true });
      }
      throw err;
    }
  }

  /**
   * An existing segment: its size from the file's status, no descriptor until first use; the
   * indexes load lazily (or are rebuilt) on first use.
   */
  static open(dir: string, baseOffset: number, created: number, rollJitterMs: number, pool: DescriptorPool): LogSegment {
    const size = fs.statSync(segmentFile(dir, baseOffset, LOG_SUFFIX)).size;
    return new LogSegment(dir, baseOffset, pool, size, created, rollJitterMs);
  }

  /** Whether the `.log` descriptor is open now (tests). */
  get hasOpenDescriptor(): boolean {
    return this.file.isOpen;
  }

  get size(): number {
    return this._size;
  }

  indexFilesExist(): boolean {
    // An empty segment needs no index (see ensureIndexes); its files are written on close.
    if (this._size === 0) return true;
    return fs.existsSync(this.offsetIndex.path) && fs.existsSync(this.timeIndex.path);
  }

  /**
   * Loads both indexes if they are not in memory yet. A missing or insane index file makes the
   * segment recover (validate the .log and rebuild both indexes); the result is returned then.
   */
  ensureIndexes(indexIntervalBytes: number): SegmentRecovery | null {
    if (this.offsetIndex.isLoaded && this.timeIndex.isLoaded) return null;
    // An empty .log has no index entries: nothing to read (thousands of idle partitions start
    // without opening their index files). Whatever the files hold is replaced on first write.
    if (this._size === 0) {
      this.offsetIndex.startEmpty();
      this.timeIndex.startEmpty();
      return null;
    }
    if (this.offsetIndex.load(this._size) === 'ok' && this.timeIndex.load(this._size) === 'ok') return null;
    return this.recover(indexIntervalBytes, this.baseOffset);
  }

  /** Largest timestamp so far and the last offset of its batch ((-1, base) when none). */
  maxTimestampSoFar(indexIntervalBytes: number): TimestampOffset {
    if (this.maxTimestampAndOffset === null) {
      this.ensureIndexes(indexIntervalBytes);
      // A normally closed or rolled segment's last time-index entry holds its largest timestamp.
      this.maxTimestampAndOffset ??= this.timeIndex.lastEntry();
    }
    return this.maxTimestampAndOffset;
  }

  /** Kafka's LogSegment.shouldRoll. */
  shouldRoll(check: RollCheck): boolean {
    const { config } = check;
    const reachedRollMs = this.timeWaitedForRoll(check.now, check.maxTimestampInMessages) > maxSegmentMs(config) - this.rollJitterMs;
    return (
      this._size > config.segmentBytes - check.messagesSize ||
      (this._size > 0 && reachedRollMs) ||
      this.offsetIndex.isFull(config.segmentIndexBytes) ||
      this.timeIndex.isFull(config.segmentIndexBytes) ||
      check.lastOffsetInMessages - this.baseOffset > INT32_MAX
    );
  }

  /**
   * segment.ms is measured between the first append's max timestamp and the new batches' max
   * timestamp; when the segment's batches carry no timestamp, between creation and now.
   */
  timeWaitedForRoll(now: number, messageTimestamp: number): number {
    const first = this.firstBatchTimestamp();
    return first >= 0 ? messageTimestamp - first : now - this.created;
  }

  private firstBatchTimestamp(): number {
    if (this.rollingBasedTimestamp === null) {
      if (this._size < BATCH_HEADER_SIZE) return -1;
      const header = Buffer.allocUnsafe(BATCH_HEADER_SIZE);
      if (this.readInto(header, 0, 0, BATCH_HEADER_SIZE) < BATCH_HEADER_SIZE) return -1;
      this.rollingBasedTimestamp = maxTimestampAt(header);
    }
    return this.rollingBasedTimestamp;
  }

  /**
   * Writes `records` (offsets already patched) at the end of the .log with one write, then adds
   * a sparse index entry as Kafka does: when more than index.interval.bytes were appended since
   * the last entry, the entry maps this append's last offset to this append's start position.
   */
  append(records: Buffer, lastOffset: number, maxTimestamp: number, offsetOfMaxTimestamp: number, indexIntervalBytes: number): void {
    const physicalPosition = this._size;
    const fd = this.file.pin();
    try {
      this.cutTornTail(fd);
      writeFully(fd, records, physicalPosition);
    } catch (err) {
      // Do not leave a torn tail behind the in-memory end (a full disk writes part of a batch).
      this.tornTail = true;
      this.cutTornTail(fd);
      throw err;
    } finally {
      this.file.unpin();
    }
    if (physicalPosition === 0) this.rollingBasedTimestamp = maxTimestamp;
    this._size += records.length;
    const soFar = this.maxTimestampAndOffset ?? this.timeIndex.lastEntry();
    this.maxTimestampAndOffset = maxTimestamp > soFar.timestamp ? { timestamp: maxTimestamp, offset: offsetOfMaxTimestamp } : soFar;
    if (this.bytesSinceLastIndexEntry > indexIntervalBytes) {
      // Entries reach the index files on flush, roll or close (see index-file.ts).
      this.offsetIndex.add(lastOffset, physicalPosition);
      this.timeIndex.maybeAdd(this.maxTimestampAndOffset.timestamp, this.maxTimestampAndOffset.offset);
      this.bytesSinceLastIndexEntry = 0;
    }
    this.bytesSinceLastIndexEntry += records.length;
  }

  /** Cuts the file back to the in-memory size after a failed write; it stays marked if that fails too. */
  private cutTornTail(fd: number): void {
    if (!this.tornTail) return;
    try {
      fs.ftruncateSync(fd, this._size);
      this.tornTail = false;
    } catch {
      // Tried again before the next write and at close; reads never go past the in-memory size.
    }
  }

  /** The state before an append, for undo(). */
  mark(): AppendMark {
    return {
      size: this._size,
      bytesSinceLastIndexEntry: this.bytesSinceLastIndexEntry,
      maxTimestampAndOffset: this.maxTimestampAndOffset,
      rollingBasedTimestamp: this.rollingBasedTimestamp,
      offsetIndexEntries: this.offsetIndex.entries,
      timeIndexEntries: this.timeIndex.entries,
    };
  }

  /**
   * Takes back everything appended since `mark` (the append was refused after it was written,
   * e.g. its fsync failed): the file is cut back, index entries added since are dropped (from
   * their files too).
   */
  undo(mark: AppendMark): void {
    if (this._size === mark.size) return;
    this._size = mark.size;
    this.tornTail = true;
    this.file.use((fd) => this.cutTornTail(fd));
    this.bytesSinceLastIndexEntry = mark.bytesSinceLastIndexEntry;
    this.maxTimestampAndOffset = mark.maxTimestampAndOffset;
    this.rollingBasedTimestamp = mark.rollingBasedTimestamp;
    this.offsetIndex.truncateEntries(mark.offsetIndexEntries);
    this.timeIndex.truncateEntries(mark.timeIndexEntries);
  }

  /**
   * A cursor over this segment's batches from `position` to its end. Each read goes through the
   * pool, so the cursor stays valid if the descriptor is closed and reopened between reads.
   */
  cursor(position: number, wholeBatches = false): BatchCursor {
    return new BatchCursor((buf, offset, length, at) => this.readInto(buf, offset, at, length), position, this._size, { wholeBatches });
  }

  /**
   * The batch holding `offset`, or the first batch after it when it falls in a gap; null when the
   * segment has no batch ending at or after `offset`. Scans forward from the offset index entry.
   */
  locate(offset: number, indexIntervalBytes: number, fromPosition = 0): BatchLocation | null {
    this.ensureIndexes(indexIntervalBytes);
    const cursor = this.cursor(Math.max(this.offsetIndex.lookup(offset).position, fromPosition));
    while (cursor.next()) {
      const lastOffset = cursor.lastOffset;
      if (lastOffset >= offset) return { position: cursor.position, size: cursor.size, baseOffset: cursor.baseOffset, lastOffset };
    }
    return null;
  }

  /**
   * The offset after the last batch, walking only from the last offset-index entry; null when the
   * bytes there do not end in whole, sane batch headers (the segment then needs recovery).
   */
  readNextOffset(indexIntervalBytes: number): number | null {
    this.ensureIndexes(indexIntervalBytes);
    const cursor = this.cursor(this.offsetIndex.lastEntry().position);
    let next = this.baseOffset;
    while (cursor.next()) next = cursor.lastOffset + 1;
    return cursor.ended === 'end' ? next : null;
  }

  /** preads `length` bytes at `position` into `buf` at `offset`. */
  readInto(buf: Buffer, offset: number, position: number, length: number): number {
    const fd = this.file.pin();
    try {
      return readFully(fd, buf, offset, length, position);
    } finally {
      this.file.unpin();
    }
  }

  /**
   * Kafka's LogSegment.recover: validates every batch (sizes, magic 2, CRC-32C, offsets growing
   * and within 32 bits of the base), truncates the .log at the first invalid byte and rebuilds
   * both indexes with the same rule the appends use.
   * @param minOffset smallest base offset the first batch may have.
   * @param durableBelow the recovery point when it falls inside this segment: offsets below it
   *   were fsynced together with their index entries, so the scan may start at the last index
   *   entry below it instead of at 0 (Kafka re-scans the whole segment; with large segments and
   *   a background flush that moves the recovery point, this keeps a restart after kill -9 short).
   */
  recover(indexIntervalBytes: number, minOffset: number, durableBelow = this.baseOffset): SegmentRecovery {
    return this.file.use((fd) => this.recoverWith(fd, indexIntervalBytes, minOffset, durableBelow));
  }

  private recoverWith(fd: number, indexIntervalBytes: number, minOffset: number, durableBelow: number): SegmentRecovery {
    const fileSize = fs.fstatSync(fd).size;
    const start = this.durablePrefix(durableBelow, fileSize) ?? this.emptyPrefix(minOffset);
    let maxTimestamp = start.maxTimestamp;
    let offsetOfMaxTimestamp = start.offsetOfMaxTimestamp;
    let validBytes = start.position;
    let lastIndexEntry = start.position;
    let nextOffset = start.nextOffset;
    let problem: string | null = null;
    const cursor = new BatchCursor(fd, start.position, fileSize, { wholeBatches: true });
    while (cursor.next()) {
      problem = this.checkBatch(cursor, nextOffset);
      if (problem !== null) break;
      const lastOffset = cursor.lastOffset;
      const batchMaxTimestamp = cursor.maxTimestamp;
      if (batchMaxTimestamp > maxTimestamp) {
        maxTimestamp = batchMaxTimestamp;
        offsetOfMaxTimestamp = lastOffset;
      }
      if (validBytes - lastIndexEntry > indexIntervalBytes) {
        this.offsetIndex.add(lastOffset, validBytes);
        this.timeIndex.maybeAdd(maxTimestamp, offsetOfMaxTimestamp);
        lastIndexEntry = validBytes;
      }
      validBytes += cursor.size;
      nextOffset = lastOffset + 1;
    }
    if (problem === null && cursor.ended !== 'end') problem = `${cursor.ended === 'torn' ? 'incomplete' : 'impossible batchLength in'} batch at position ${cursor.position}`;
    if (validBytes === 0) nextOffset = this.baseOffset;
    const truncatedBytes = fileSize - validBytes;
    if (truncatedBytes > 0) fs.ftruncateSync(fd, validBytes);
    this._size = validBytes;
    this.tornTail = false;
    // A normally closed segment always ends its time index with its largest timestamp.
    this.timeIndex.maybeAdd(maxTimestamp, offsetOfMaxTimestamp);
    this.persistRebuiltIndexes();
    this.maxTimestampAndOffset = { timestamp: maxTimestamp, offset: offsetOfMaxTimestamp };
    this.rollingBasedTimestamp = null;
    this.bytesSinceLastIndexEntry = 0;
    return { truncatedBytes, nextOffset, problem };
  }

  /**
   * Writes the rebuilt index entries. On a full disk (or no descriptor) they stay in memory and
   * reach the file at the next flush, roll or close: start-up must not fail for want of a few
   * index bytes, and the recovery point only moves once the entries are written.
   */
  private persistRebuiltIndexes(): void {
    try {
      this.offsetIndex.persist();
      this.timeIndex.persist();
    } catch (err) {
      if (!isResourceExhausted(err)) throw err;
    }
  }

  /** Recovery from the start: both indexes emptied. */
  private emptyPrefix(minOffset: number): RecoveryStart {
    this.offsetIndex.reset();
    this.timeIndex.reset();
    return { position: 0, nextOffset: Math.max(minOffset, this.baseOffset), maxTimestamp: -1, offsetOfMaxTimestamp: this.baseOffset };
  }

  /**
   * Where a recovery may resume when offsets below `durableBelow` are durable: at the last
   * offset-index entry below it (that entry's append is re-validated). The time index entries up
   * to that entry's offset hold the largest timestamp of everything before. Null when the
   * indexes are unusable or hold no such entry.
   */
  private durablePrefix(durableBelow: number, fileSize: number): RecoveryStart | null {
    if (durableBelow <= this.baseOffset) return null;
    if (this.offsetIndex.load(fileSize) !== 'ok' || this.timeIndex.load(fileSize) !== 'ok') return null;
    const kept = this.offsetIndex.countBelow(durableBelow);
    if (kept === 0) return null;
    const resumeAt = this.offsetIndex.entry(kept - 1);
    this.offsetIndex.truncateEntries(kept);
    this.timeIndex.truncateEntries(this.timeIndex.countAtOrBelow(resumeAt.offset));
    const max = this.timeIndex.lastEntry();
    // The batch at the entry's position follows the previous entry's batch.
    const nextOffset = kept >= 2 ? this.offsetIndex.entry(kept - 2).offset + 1 : this.baseOffset;
    return { position: resumeAt.position, nextOffset, maxTimestamp: max.timestamp, offsetOfMaxTimestamp: max.offset };
  }

  private checkBatch(cursor: BatchCursor, minBaseOffset: number): string | null {
    const batch = cursor.batchBytes();
    const where = `batch at position ${cursor.position}`;
    const magic = batch.readInt8(MAGIC);
    if (magic !== CURRENT_MAGIC) return `${where} has magic ${magic}`;
    if (!isBatchCrcValid(batch, 0, batch.length)) return `${where} fails its CRC-32C check`;
    const baseOffset = cursor.baseOffset;
    if (baseOffset < minBaseOffset) return `${where} has base offset ${baseOffset}, expected at least ${minBaseOffset}`;
    const lastOffsetDelta = batch.readInt32BE(LAST_OFFSET_DELTA);
    if (lastOffsetDelta < 0) return `${where} has negative lastOffsetDelta ${lastOffsetDelta}`;
    if (baseOffset + lastOffsetDelta - this.baseOffset > INT32_MAX) return `${where} overflows the segment's 32-bit relative offsets`;
    return null;
  }

  /** The segment stops taking appends: record its largest timestamp and release index writers. */
  onBecomeInactive(): void {
    this.takingAppends = false;
    const max = this.maxTimestampAndOffset;
    if (max !== null) this.timeIndex.maybeAdd(max.timestamp, max.offset);
    this.offsetIndex.persist();
    this.timeIndex.persist();
  }

  /** Writes index entries added since the last write (no fsync); a no-op for indexes never loaded. */
  persistIndexes(): void {
    if (this.offsetIndex.isLoaded) this.offsetIndex.persist();
    if (this.timeIndex.isLoaded) this.timeIndex.persist();
  }

  /**
   * fsyncs the .log and both indexes. A failing fsync of the .log itself throws LogFsyncError
   * (the caller stops taking appends: see PartitionLog); failing to open it throws the OS error.
   */
  flush(): void {
    this.file.use((fd) => {
      this.cutTornTail(fd);
      try {
        fs.fsyncSync(fd);
      } catch (err) {
        throw new LogFsyncError(this.file.path, err);
      }
    });
    this.offsetIndex.flush();
    this.timeIndex.flush();
    this.txnIndex.flush();
  }

  /** fsyncs the .log off the event loop, through the pooled descriptor (pinned meanwhile). */
  async fsyncLogAsync(): Promise<void> {
    await this.file.useAsync(async (fd) => {
      try {
        await fsyncAsync(fd);
      } catch (err) {
        throw new LogFsyncError(this.file.path, err);
      }
    });
  }

  /**
   * Records the largest timestamp, writes pending index entries and closes the descriptor. The
   * descriptor is closed even when a write fails (a full disk); the error is then thrown.
   */
  close(): void {
    try {
      if (this.tornTail) this.file.use((fd) => this.cutTornTail(fd));
      if (this.timeIndex.isLoaded) this.onBecomeInactive();
    } finally {
      this.file.close();
    }
  }

  /** Closes the descriptor without writing anything (the files are about to go). */
  release(): void {
    this.file.close();
  }

  /** Closes without writing anything and removes the segment's files. */
  deleteFiles(): void {
    this.release();
    for (const path of [this.logPath, this.offsetIndex.path, this.timeIndex.path, this.txnIndex.path]) fs.rmSync(path, { force: true });
  }

  // ---------------------------------------------------------------- retention

  /** Kafka's LogSegment.lastModified: the .log's modification time (ms). */
  lastModified(): number {
    return Math.floor(this.file.stat().mtimeMs);
  }

  /** Kafka's largestTimestamp: the largest record timestamp, or the last-modified time when no batch has one. */
  largestTimestamp(indexIntervalBytes: number): number {
    const max = this.maxTimestampSoFar(indexIntervalBytes).timestamp;
    return max >= 0 ? max : this.lastModified();
  }

  /**
   * Kafka's LogSegment.toString. Like Kafka it prints only the largest timestamp already known
   * (-1 otherwise): reading the time index here could recreate files of a segment being deleted.
   */
  describe(): string {
    const largest = this.maxTimestampAndOffset?.timestamp ?? -1;
    return `LogSegment(baseOffset=${this.baseOffset}, size=${this._size}, lastModifiedTime=${this.lastModified()}, largestRecordTimestamp=${largest})`;
  }

  /**
   * Kafka's changeFileSuffixes("", ".deleted"): the segment has left the log; its files stay
   * readable until deleteMarkedFiles(), under names that a restart removes (an open descriptor
   * stays valid; a closed one is reopened under the new name). A missing index file (never
   * written) is skipped.
   */
  markDeleted(): void {
    // The aborted transactions stay readable from memory under the new name.
    void this.txnIndex.all;
    for (const path of [this.logPath, this.offsetIndex.path, this.timeIndex.path, this.txnIndex.path]) {
      try {
        fs.renameSync(path, path + DELETED_SUFFIX);
        if (path === this.logPath) this.file.renamed(path + DELETED_SUFFIX);
        if (path === this.txnIndex.path) this.txnIndex.path = path + DELETED_SUFFIX;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    this.deletedSuffix = DELETED_SUFFIX;
  }

  /** Closes the descriptor (once no fsync holds it) and removes the `.deleted` files (asynchronously). */
  async deleteMarkedFiles(): Promise<void> {
    this.release();
    await Promise.all([this.logPath, this.offsetIndex.path, this.timeIndex.path].map((path) => fs.promises.rm(path + this.deletedSuffix, { force: true })));
    await fs.promises.rm(this.txnIndex.path, { force: true });
  }
}
