// The log of one partition (Kafka's UnifiedLog/LocalLog for a single-node leader): an ordered
// list of segments in `<logDir>/<topic>-<partition>/`, the last one taking appends.
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { PARTITION_LEADER_EPOCH } from '../../protocol/records/batch-header.js';
import { writeInt64Number } from '../../protocol/records/int64.js';
import type { LogConfig } from './config.js';
import { KafkaStorageError, RecordListTooLargeError } from './errors.js';
import {
  INDEX_SUFFIX,
  LOG_SUFFIX,
  PARTITION_METADATA_FILE,
  TIME_INDEX_SUFFIX,
  deleteDirName,
  fsyncDir,
  parseSegmentFileName,
  writeFileAtomic,
} from './files.js';
import type { RecordsDecompressor } from './record-timestamps.js';
import { LogSegment } from './segment.js';
import { findOffsetForTimestamp, findOffsetOfMaxTimestamp, floorSegmentIndex, readBatches } from './segment-search.js';

export interface AppendBatch {
  /** Byte position of the batch in the appended buffer. */
  position: number;
  /** Whole batch size (batchLength + 12). */
  size: number;
  lastOffsetDelta: number;
  maxTimestamp: number;
}

export interface AppendResult {
  firstOffset: number;
  lastOffset: number;
  /** The clock time of the append; Kafka reports it only for LogAppendTime topics (-1 otherwise). */
  logAppendTime: number;
}

export type ReadResult = { records: Buffer; outOfRange: false } | { outOfRange: true };

export interface PartitionLogOpenOptions {
  dir: string;
  topic: string;
  partition: number;
  config: LogConfig;
  /** From recovery-point-offset-checkpoint; an unclean open re-scans from here (default 0). */
  recoveryPoint?: number;
  /** The log dir held `.kafka_cleanshutdown`: trust the files instead of scanning them. */
  cleanShutdown: boolean;
  /** From log-start-offset-checkpoint; never below the first segment's base offset. */
  logStartOffset?: number;
  /** Clock (ms); injectable for segment.ms / flush.ms tests. */
  now?: () => number;
  /** Lets ListOffsets look inside compressed batches (record-level answers, as Kafka gives). */
  decompress?: RecordsDecompressor;
  /** The directory is known to exist (found by listing the log dir): skip creating it. */
  existingDir?: boolean;
  /** Where recovery and flush problems are reported (the broker's logger); default process.emitWarning. */
  warn?: (message: string) => void;
}

/** What opening the log had to repair; all zero after a clean shutdown with intact files. */
export interface RecoveryStats {
  /** Segments whose batches were scanned and validated (and indexes rebuilt). */
  recoveredSegments: number;
  truncatedBytes: number;
  deletedSegments: number;
}

export class PartitionLog {
  readonly topic: string;
  readonly partition: number;
  readonly dir: string;
  readonly recoveryStats: RecoveryStats = { recoveredSegments: 0, truncatedBytes: 0, deletedSegments: 0 };

  private config: LogConfig;
  private readonly now: () => number;
  private readonly decompress: RecordsDecompressor | undefined;
  private readonly warn: (message: string) => void;
  private readonly segments: LogSegment[];
  private nextOffset: number;
  private _logStartOffset: number;
  private _recoveryPoint: number;
  private lastFlushTime: number;
  /** A segment file was created since the last flush, so the directory needs an fsync too. */
  private dirDirty = false;
  private readonly listeners = new Set<() => void>();
  private backgroundFlushes: Promise<void> = Promise.resolve();
  private closed = false;
  private _topicId: string | undefined;

  private constructor(opts: PartitionLogOpenOptions) {
    this.topic = opts.topic;
    this.partition = opts.partition;
    this.dir = opts.dir;
    this.config = { ...opts.config };
    this.now = opts.now ?? Date.now;
    this.decompress = opts.decompress;
    this.warn = opts.warn ?? ((m) => process.emitWarning(m));
    this.lastFlushTime = this.now();
    this.segments = [];
    this.nextOffset = 0;
    this._logStartOffset = 0;
    this._recoveryPoint = 0;
  }

  /** Opens (or creates) the partition directory and loads its segments; see load() for recovery. */
  static open(opts: PartitionLogOpenOptions): PartitionLog {
    const log = new PartitionLog(opts);
    if (!opts.existingDir) fs.mkdirSync(opts.dir, { recursive: true });
    try {
      log.load(opts);
    } catch (err) {
      for (const segment of log.segments) segment.close();
      throw err;
    }
    return log;
  }

  get logStartOffset(): number {
    return this._logStartOffset;
  }

  get logEndOffset(): number {
    return this.nextOffset;
  }

  /** A single node is its own ISR: everything appended is committed. */
  get highWatermark(): number {
    return this.nextOffset;
  }

  /** Offsets below this are fsynced; an unclean restart re-scans from here. */
  get recoveryPoint(): number {
    return this._recoveryPoint;
  }

  get sizeInBytes(): number {
    let total = 0;
    for (const segment of this.segments) total += segment.size;
    return total;
  }

  /** The topic id from partition.metadata, if the directory has one. */
  get topicId(): string | undefined {
    return this._topicId;
  }

  /** Base offsets of the segments, oldest first. */
  get segmentBaseOffsets(): number[] {
    return this.segments.map((s) => s.baseOffset);
  }

  /** New settings apply from the next append (the active segment keeps its roll jitter). */
  updateConfig(config: LogConfig): void {
    this.config = { ...config };
  }

  /**
   * Writes partition.metadata (`version: 0`, `topic_id: <id>`), atomically. `durable: false` skips the fsyncs, for a brand-new partition whose
   * existence is already durable in the cluster metadata (start-up recreates what a crash lost).
   */
  writePartitionMetadata(topicId: string, opts: { durable?: boolean } = {}): void {
    const content = `version: 0\ntopic_id: ${topicId}\n`;
    const path = join(this.dir, PARTITION_METADATA_FILE);
    if (opts.durable === false) fs.writeFileSync(path, content);
    else writeFileAtomic(path, content);
    this._topicId = topicId;
  }

  // ---------------------------------------------------------------- loading and recovery

  /**
   * Clean shutdown: the files are trusted. Only segments with a missing index are scanned (to
   * rebuild it), and the log end offset is read from the last segment's tail, walking batch
   * headers from its last offset-index entry.
   * Unclean: every segment from the one holding the recovery point on is scanned and validated;
   * the first bad or torn batch truncates its segment and all later segments are deleted.
   */
  private load(opts: PartitionLogOpenOptions): void {
    const interval = this.config.indexIntervalBytes;
    this.readPartitionMetadata();
    const bases = this.listSegmentFiles();
    const created = this.now();
    for (const base of bases) this.segments.push(LogSegment.open(this.dir, base, created, this.rollJitter()));
    if (this.segments.length === 0) {
      const base = opts.logStartOffset ?? 0;
      this.segments.push(LogSegment.create(this.dir, base, created, this.rollJitter()));
      this.dirDirty = true;
    }

    const recoveryPoint = opts.cleanShutdown ? Infinity : (opts.recoveryPoint ?? 0);
    const firstToRecover = opts.cleanShutdown ? this.segments.length : this.floorSegmentIndex(recoveryPoint);

    // Trusted segments: rebuild only indexes whose files are gone (contents load lazily).
    for (let i = 0; i < firstToRecover; i++) {
      const segment = this.segments[i]!;
      if (!segment.indexFilesExist()) this.recoverSegment(i, segment.baseOffset, false);
    }

    let next: number | null = null;
    if (opts.cleanShutdown) {
      const last = this.activeSegment;
      const repaired = last.ensureIndexes(interval);
      if (repaired) this.countRecovery(repaired.truncatedBytes);
      next = last.readNextOffset(interval);
      if (next === null) next = this.recoverSegment(this.segments.length - 1, last.baseOffset, true);
    } else {
      // A segment found bad drops all later ones, which ends this loop.
      for (let i = firstToRecover; i < this.segments.length; i++) {
        next = this.recoverSegment(i, next ?? this.segments[i]!.baseOffset, true);
      }
      next ??= this.activeSegment.baseOffset;
    }
    this.activeSegment.ensureIndexes(interval);
    this.activeSegment.takingAppends = true;
    // An empty active segment starts at its base, which may be past the previous segment's end.
    this.nextOffset = this.activeSegment.size === 0 ? this.activeSegment.baseOffset : next;
    this._logStartOffset = Math.min(Math.max(opts.logStartOffset ?? 0, this.segments[0]!.baseOffset), this.nextOffset);
    this._recoveryPoint = opts.cleanShutdown ? this.nextOffset : Math.min(opts.recoveryPoint ?? 0, this.nextOffset);
  }

  /**
   * Scans segment i; if it found a bad batch and `dropLater`, deletes every later segment.
   * Returns the offset after its last valid batch.
   */
  private recoverSegment(i: number, minOffset: number, dropLater: boolean): number {
    const segment = this.segments[i]!;
    const result = segment.recover(this.config.indexIntervalBytes, minOffset);
    this.countRecovery(result.truncatedBytes);
    if (result.truncatedBytes > 0) {
      this.warn(`Truncated ${result.truncatedBytes} invalid bytes at the end of ${segment.logPath}: ${result.problem}`);
    }
    if (result.problem !== null && dropLater) {
      const later = this.segments.splice(i + 1);
      for (const dropped of later) dropped.deleteFiles();
      this.recoveryStats.deletedSegments += later.length;
      if (later.length > 0) this.dirDirty = true;
    }
    return result.nextOffset;
  }

  private countRecovery(truncatedBytes: number): void {
    this.recoveryStats.recoveredSegments++;
    this.recoveryStats.truncatedBytes += truncatedBytes;
  }

  /** Base offsets of the `.log` files; removes index files without a log and leftovers Kafka deletes. */
  private listSegmentFiles(): number[] {
    const names = fs.readdirSync(this.dir);
    const logs = new Set<number>();
    for (const name of names) {
      const base = parseSegmentFileName(name, LOG_SUFFIX);
      if (base !== undefined) logs.add(base);
    }
    for (const name of names) {
      const indexBase = parseSegmentFileName(name, INDEX_SUFFIX) ?? parseSegmentFileName(name, TIME_INDEX_SUFFIX);
      const orphanIndex = indexBase !== undefined && !logs.has(indexBase);
      if (orphanIndex || name.endsWith('.deleted') || name.endsWith('.cleaned') || name.endsWith('.tmp')) {
        fs.rmSync(join(this.dir, name), { force: true, recursive: true });
      }
    }
    return [...logs].sort((a, b) => a - b);
  }

  private readPartitionMetadata(): void {
    let text: string;
    try {
      text = fs.readFileSync(join(this.dir, PARTITION_METADATA_FILE), 'utf8');
    } catch {
      return;
    }
    for (const line of text.split('\n')) {
      const [key, value] = line.split(/:\s+/);
      if (key === 'topic_id' && value) this._topicId = value.trim();
    }
  }

  /** Kafka's per-segment jitter: uniform in [0, min(segment.jitter.ms, segment.ms)). */
  private rollJitter(): number {
    const { segmentJitterMs, segmentMs } = this.config;
    if (segmentJitterMs <= 0) return 0;
    const bound = Math.min(segmentJitterMs, segmentMs);
    return Number.isFinite(bound) ? Math.floor(Math.random() * bound) : 0;
  }

  private get activeSegment(): LogSegment {
    return this.segments[this.segments.length - 1]!;
  }

  private floorSegmentIndex(offset: number): number {
    return floorSegmentIndex(this.segments, offset);
  }

  // ---------------------------------------------------------------- append

  /**
   * Appends batches the produce path validated. `batches` must tile `records` in order. Assigns
   * offsets by patching baseOffset and partitionLeaderEpoch in place (both outside the CRC),
   * rolls first if needed (one append never spans segments, as in Kafka), writes `records` with
   * one write, adds a sparse index entry when due, and flushes per flush.messages / flush.ms.
   */
  append(records: Buffer, batches: ReadonlyArray<AppendBatch>, opts?: { leaderEpoch?: number }): AppendResult {
    this.ensureOpen();
    const now = this.now();
    const firstOffset = this.nextOffset;
    if (batches.length === 0) return { firstOffset, lastOffset: firstOffset - 1, logAppendTime: now };
    if (records.length > this.config.segmentBytes) {
      throw new RecordListTooLargeError(records.length, this.config.segmentBytes, `${this.topic}-${this.partition}`);
    }

    let expectedPosition = 0;
    let offset = firstOffset;
    let maxTimestamp = -1;
    let offsetOfMaxTimestamp = firstOffset;
    for (const batch of batches) {
      if (batch.position !== expectedPosition) throw new Error(`append batches must tile the records buffer: expected a batch at ${expectedPosition}, got ${batch.position}`);
      expectedPosition += batch.size;
      const lastOffset = offset + batch.lastOffsetDelta;
      if (batch.maxTimestamp > maxTimestamp) {
        maxTimestamp = batch.maxTimestamp;
        offsetOfMaxTimestamp = lastOffset;
      }
      offset = lastOffset + 1;
    }
    if (expectedPosition !== records.length) throw new Error(`append batches cover ${expectedPosition} of ${records.length} bytes`);
    const lastOffset = offset - 1;

    this.maybeRoll(records.length, maxTimestamp, lastOffset, now);

    const leaderEpoch = opts?.leaderEpoch ?? 0;
    offset = firstOffset;
    for (const batch of batches) {
      writeInt64Number(records, offset, batch.position);
      records.writeInt32BE(leaderEpoch, batch.position + PARTITION_LEADER_EPOCH);
      offset += batch.lastOffsetDelta + 1;
    }

    try {
      this.activeSegment.append(records, lastOffset, maxTimestamp, offsetOfMaxTimestamp, this.config.indexIntervalBytes);
    } catch (err) {
      throw new KafkaStorageError(`Error appending to ${this.activeSegment.logPath}: ${(err as Error).message}`, { cause: err });
    }
    this.nextOffset = lastOffset + 1;

    if (this.nextOffset - this._recoveryPoint >= this.config.flushMessages || now - this.lastFlushTime >= this.config.flushMs) {
      this.flush();
    }

    // A Set visits listeners added during the loop and skips removed ones, so no copy is needed.
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (err) {
        this.warn(`onAppend listener failed: ${(err as Error).message}`);
      }
    }
    return { firstOffset, lastOffset, logAppendTime: now };
  }

  private maybeRoll(messagesSize: number, maxTimestampInMessages: number, lastOffsetInMessages: number, now: number): void {
    const active = this.activeSegment;
    // An empty segment already starts at the log end offset: rolling it would change nothing.
    if (active.size === 0) return;
    if (!active.shouldRoll({ config: this.config, messagesSize, maxTimestampInMessages, lastOffsetInMessages, now })) return;
    this.roll(now);
  }

  /** Starts a new segment at the log end offset; the old one is fsynced in the background. */
  private roll(now: number): void {
    const previous = this.activeSegment;
    previous.onBecomeInactive();
    const next = LogSegment.create(this.dir, this.nextOffset, now, this.rollJitter());
    next.takingAppends = true;
    this.segments.push(next);
    this.dirDirty = true;
    this.flushInBackground(this.nextOffset);
  }

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  // ---------------------------------------------------------------- read

  /**
   * Reads whole batches starting with the batch that holds `offset` (or the next batch, if the
   * offset fell in a compaction gap), up to `maxBytes`. With minOneBatch the first batch is
   * returned even when larger (KIP-74); without it, a first batch larger than maxBytes gives
   * empty records. Unlike Kafka the result never ends in a partial batch, and it may continue
   * into the following segments (one pread per segment). `maxOffset` (exclusive, e.g. the last
   * stable offset) stops before the first batch whose last offset reaches it.
   */
  read(offset: number, maxBytes: number, minOneBatch: boolean, maxOffset = Infinity): ReadResult {
    this.ensureOpen();
    if (offset < this._logStartOffset || offset > this.nextOffset) return { outOfRange: true };
    if (offset === this.nextOffset || offset >= maxOffset) return { records: Buffer.alloc(0), outOfRange: false };
    return { records: readBatches(this.segments, offset, maxBytes, minOneBatch, maxOffset, this.config.indexIntervalBytes), outOfRange: false };
  }

  // ---------------------------------------------------------------- timestamps (ListOffsets)

  /**
   * Kafka's fetchOffsetByTimestamp: the first record at or after the log start offset whose
   * timestamp is >= `timestamp` (time index, then offset index, then a forward scan). Null when
   * no record qualifies.
   */
  offsetForTimestamp(timestamp: number): { offset: number; timestamp: number } | null {
    this.ensureOpen();
    return findOffsetForTimestamp(this.segments, timestamp, this._logStartOffset, this.config.indexIntervalBytes, this.decompress);
  }

  /** ListOffsets MAX_TIMESTAMP (-3): the record holding the largest timestamp. Null for an empty log. */
  offsetOfMaxTimestamp(): { offset: number; timestamp: number } | null {
    this.ensureOpen();
    return findOffsetOfMaxTimestamp(this.segments, this.config.indexIntervalBytes, this.decompress);
  }

  // ---------------------------------------------------------------- flush and lifecycle

  /** fsyncs everything not yet flushed and moves the recovery point to the log end offset. */
  flush(): void {
    this.ensureOpen();
    this.lastFlushTime = this.now();
    if (this._recoveryPoint >= this.nextOffset && !this.dirDirty) return;
    for (let i = this.floorSegmentIndex(this._recoveryPoint); i < this.segments.length; i++) this.segments[i]!.flush();
    if (this.dirDirty) {
      fsyncDir(this.dir);
      this.dirDirty = false;
    }
    this._recoveryPoint = this.nextOffset;
  }

  /** Flushes if flush.ms has passed since the last flush and something is unflushed. */
  maybeFlush(): void {
    if (this.closed || this._recoveryPoint >= this.nextOffset) return;
    if (this.now() - this.lastFlushTime >= this.config.flushMs) this.flush();
  }

  /** Resolves once every background flush started so far (at segment rolls) has finished. */
  awaitBackgroundFlushes(): Promise<void> {
    return this.backgroundFlushes;
  }

  /**
   * Kafka flushes a rolled segment asynchronously and then advances the recovery point to the new
   * segment's base. Each fsync here uses its own descriptor, so closing the log meanwhile is safe.
   */
  private flushInBackground(upTo: number): void {
    const paths: string[] = [];
    for (let i = this.floorSegmentIndex(this._recoveryPoint); i < this.segments.length; i++) {
      const segment = this.segments[i]!;
      if (segment.baseOffset >= upTo) break;
      paths.push(segment.logPath, segment.offsetIndex.path, segment.timeIndex.path);
    }
    const dir = this.dir;
    const work = Promise.all([...paths.map((p) => fsyncFileAsync(p, 'r+')), fsyncFileAsync(dir, 'r').catch(() => undefined)]).then(
      () => {
        if (!this.closed && upTo > this._recoveryPoint) this._recoveryPoint = Math.min(upTo, this.nextOffset);
      },
      (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') this.warn(`Background flush of ${dir} failed: ${err.message}`);
      },
    );
    this.backgroundFlushes = Promise.all([this.backgroundFlushes, work]).then(() => undefined);
  }

  /** Flushes, records every segment's largest timestamp in its time index, and closes the files. */
  close(): void {
    if (this.closed) return;
    this.flush();
    for (const segment of this.segments) segment.close();
    this.closed = true;
    this.listeners.clear();
  }

  /**
   * Removes the partition directory. Like Kafka it first renames it to
   * `<topic>-<partition>.<uuid>-delete` (so a crash mid-way leaves a name LogManager cleans up),
   * but then deletes it synchronously instead of on a background scheduler.
   */
  delete(): void {
    if (!this.closed) {
      for (const segment of this.segments) segment.release();
      this.closed = true;
      this.listeners.clear();
    }
    const parent = dirname(this.dir);
    const doomed = join(parent, deleteDirName(this.topic, this.partition, randomUUID().replaceAll('-', '')));
    fs.renameSync(this.dir, doomed);
    fsyncDir(parent);
    fs.rmSync(doomed, { recursive: true, force: true });
  }

  private ensureOpen(): void {
    if (this.closed) throw new KafkaStorageError(`Log for ${this.topic}-${this.partition} is closed`);
  }
}

async function fsyncFileAsync(path: string, flags: string): Promise<void> {
  const handle = await fs.promises.open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
