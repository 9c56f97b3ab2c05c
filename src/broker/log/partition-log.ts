// The log of one partition (Kafka's UnifiedLog/LocalLog for a single-node leader): an ordered
// list of segments in `<logDir>/<topic>-<partition>/`, the last one taking appends.
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { assignOffsets } from '../../storage/batch-header.js';
import { ControlRecordType, encodeControlBatch } from '../../protocol/records/control.js';
import { CorruptSnapshotError } from '../../storage/producer-snapshot.js';
import { ProducerStateManager, producerBatchAt, type AppendOrigin, type ProducerBatch } from '../txn/producer-state.js';
import { completeTxn, replayProducerState } from './producer-replay.js';
import { deleteSnapshot, readSnapshot, writeSnapshot } from '../txn/producer-state-snapshots.js';
import type { AbortedTxn } from './txn-index.js';
import { fsyncDir, writeFileAtomic } from '../../storage/file-io.js';
import {
  INDEX_SUFFIX,
  LOG_SUFFIX,
  PARTITION_METADATA_FILE,
  TIME_INDEX_SUFFIX,
  TXN_INDEX_SUFFIX,
  PRODUCER_SNAPSHOT_SUFFIX,
  deleteDirName,
  parseSegmentFileName,
} from '../../storage/file-names.js';
import type { LogConfig } from './config.js';
import { sharedDescriptorPool, type DescriptorPool } from './descriptor-pool.js';
import { KafkaStorageError, OffsetOutOfRangeError, RecordListTooLargeError, causeText, isIoError, storageError } from './errors.js';
import type { RecordsDecompressor } from './record-timestamps.js';
import { deletableSegments, logStartOffsetBreach, retentionSizeBreach, retentionTimeBreach, type RetentionRule } from './retention.js';
import { completeInterruptedSwaps } from './cleaner/swap.js';
import { FailureLog } from './failure-log.js';
import { LogFsyncError, LogSegment, type AppendMark } from './segment.js';
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
  /**
   * The append repeated one of its producer's last 5 batches: nothing was written, the offsets
   * are the original batch's, and Kafka reports that batch's timestamp as the append time.
   */
  duplicateTimestamp?: number;
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
  /** Where Kafka's INFO lines go (rolls, retention deletions, log start offset moves); default: nowhere. */
  info?: (message: string) => void;
  /** Where storage errors are reported (Kafka logs them at ERROR); default: `warn`. */
  error?: (message: string) => void;
  /** The `.log` descriptors' pool (descriptor-pool.ts); default: the process-wide one. */
  descriptors?: DescriptorPool;
  /** producer.id.expiration.ms (Kafka's default 86400000). */
  producerIdExpirationMs?: number;
  /** Bytes appended between kt's periodic producer snapshots (default 16 MiB; see maybeTakePeriodicSnapshot). */
  producerSnapshotIntervalBytes?: number;
}

/** Kafka's producer.id.expiration.ms default. */
export const DEFAULT_PRODUCER_ID_EXPIRATION_MS = 86_400_000;

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
  /** Producer ids, their last batches and the ongoing transactions (src/broker/txn/producer-state.ts). */
  readonly producerState: ProducerStateManager;

  private config: LogConfig;
  private readonly now: () => number;
  private readonly decompress: RecordsDecompressor | undefined;
  private readonly warn: (message: string) => void;
  private readonly info: (message: string) => void;
  private readonly error: (message: string) => void;
  private readonly pool: DescriptorPool;
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
  private partitionMetadataRead = false;
  private _loadedAfterCleanShutdown = false;
  /** The `.snapshot` files' offsets, ascending (listSegmentFiles finds them, then kept current). */
  private snapshotOffsets: number[] = [];
  /** Bytes appended since the last snapshot (maybeTakePeriodicSnapshot). */
  private bytesSinceSnapshot = 0;
  private readonly producerSnapshotIntervalBytes: number;
  /**
   * Set when an fsync of a `.log` failed: appends are refused until a restart. After a failed
   * fsync Linux may have dropped the unwritten pages, and a later fsync can succeed without them,
   * so only a restart (which re-validates everything past the recovery point) is safe.
   */
  private offlineReason: string | null = null;
  /** Failing appends and flushes, logged once per cause (failure-log.ts). */
  private readonly failures: FailureLog;
  /** Segments removed by retention whose `.deleted` files wait for file.delete.delay.ms. */
  private readonly pendingFileDeletions = new Map<ReturnType<typeof setTimeout>, LogSegment[]>();

  private constructor(opts: PartitionLogOpenOptions) {
    this.topic = opts.topic;
    this.partition = opts.partition;
    this.dir = opts.dir;
    this.config = { ...opts.config };
    this.now = opts.now ?? Date.now;
    this.decompress = opts.decompress;
    this.warn = opts.warn ?? ((m) => process.emitWarning(m));
    this.info = opts.info ?? (() => undefined);
    this.error = opts.error ?? this.warn;
    this.pool = opts.descriptors ?? sharedDescriptorPool();
    this.failures = new FailureLog(this.error, this.info);
    this.lastFlushTime = this.now();
    this.segments = [];
    this.producerSnapshotIntervalBytes = opts.producerSnapshotIntervalBytes ?? 16 * 1024 * 1024;
    this.producerState = new ProducerStateManager(`${opts.topic}-${opts.partition}`, opts.producerIdExpirationMs ?? DEFAULT_PRODUCER_ID_EXPIRATION_MS);
    this.nextOffset = 0;
    this._logStartOffset = 0;
    this._recoveryPoint = 0;
  }

  /**
   * Opens (or creates) the partition directory and loads its segments; see load() for recovery.
   * A directory this call created is removed again if the log cannot be opened (out of space or
   * descriptors), so a failed creation leaves nothing behind.
   */
  static open(opts: PartitionLogOpenOptions): PartitionLog {
    const log = new PartitionLog(opts);
    const createdDir = opts.existingDir ? undefined : fs.mkdirSync(opts.dir, { recursive: true });
    try {
      log.load(opts);
    } catch (err) {
      for (const segment of log.segments) segment.release();
      if (createdDir !== undefined) fs.rmSync(createdDir, { recursive: true, force: true });
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

  /**
   * Kafka's lastStableOffset: the first offset of the earliest ongoing transaction, capped by the
   * high watermark. read_committed consumers read below it.
   */
  get lastStableOffset(): number {
    const firstUnstable = this.producerState.firstUnstableOffset;
    return firstUnstable === undefined ? this.highWatermark : Math.min(firstUnstable, this.highWatermark);
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

  /** The topic id from partition.metadata, if the directory has one (read on first use). */
  get topicId(): string | undefined {
    if (!this.partitionMetadataRead) this.readPartitionMetadata();
    return this._topicId;
  }

  /**
   * Whether partition.metadata must be (re)written for `topicId`. After a clean shutdown an
   * existing file is the one the broker last wrote and is trusted unread (a clean restart with
   * 10,000 partitions saves 10,000 small file reads); a missing file is known from the listing.
   */
  partitionMetadataDiffers(topicId: string): boolean {
    if (!this.partitionMetadataRead && this._loadedAfterCleanShutdown) return false;
    return this.topicId !== topicId;
  }

  /** Why appends are refused until a restart (a failed fsync), or null. */
  get offline(): string | null {
    return this.offlineReason;
  }

  /** The descriptor pool of this log's segments (the cleaner opens its swapped-in segment there). */
  get descriptors(): DescriptorPool {
    return this.pool;
  }

  /** Whether each segment's `.log` descriptor is open now, oldest first (tests). */
  get openSegmentDescriptors(): boolean[] {
    return this.segments.map((s) => s.hasOpenDescriptor);
  }

  /** Base offsets of the segments, oldest first. */
  get segmentBaseOffsets(): number[] {
    return this.segments.map((s) => s.baseOffset);
  }

  /** Each segment's base offset, size and .log modification time, oldest first (ListOffsets v0). */
  segmentTimes(): Array<{ baseOffset: number; size: number; lastModified: number }> {
    this.ensureOpen();
    return this.segments.map((s) => ({ baseOffset: s.baseOffset, size: s.size, lastModified: s.lastModified() }));
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
    this.pool.retrying(() => (opts.durable === false ? fs.writeFileSync(path, content) : writeFileAtomic(path, content)));
    this._topicId = topicId;
    this.partitionMetadataRead = true;
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
    this._loadedAfterCleanShutdown = opts.cleanShutdown;
    const bases = this.listSegmentFiles();
    const created = this.now();
    for (const base of bases) this.segments.push(LogSegment.open(this.dir, base, created, this.rollJitter(), this.pool));
    if (this.segments.length === 0) {
      const base = opts.logStartOffset ?? 0;
      this.segments.push(LogSegment.create(this.dir, base, created, this.rollJitter(), this.pool));
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
        next = this.recoverSegment(i, next ?? this.segments[i]!.baseOffset, true, i === firstToRecover ? recoveryPoint : undefined);
      }
      next ??= this.activeSegment.baseOffset;
    }
    this.activeSegment.ensureIndexes(interval);
    this.activeSegment.takingAppends = true;
    // An empty active segment starts at its base, which may be past the previous segment's end.
    this.nextOffset = this.activeSegment.size === 0 ? this.activeSegment.baseOffset : next;
    this._logStartOffset = Math.min(Math.max(opts.logStartOffset ?? 0, this.segments[0]!.baseOffset), this.nextOffset);
    this._recoveryPoint = opts.cleanShutdown ? this.nextOffset : Math.min(opts.recoveryPoint ?? 0, this.nextOffset);
    this.loadProducerState(opts.cleanShutdown, this._recoveryPoint);
  }

  /**
   * Kafka's LogLoader / rebuildProducerState: snapshots past the log end are deleted, the newest
   * readable one at or below it is loaded (a corrupt one is deleted and the next older tried),
   * and the batches from its offset to the log end are replayed, headers only (control batches
   * are read whole for their type). The replay also rebuilds the `.txnindex` entries of the
   * markers it passes. After a clean shutdown without any snapshot (an empty state was never
   * written) nothing is replayed, as Kafka does when a clean log has no snapshot. After an
   * unclean one, the newest snapshot at or below the recovery point is preferred, so that the
   * `.txnindex` entries of everything not known durable are rewritten (Kafka rebuilds the
   * indexes of each recovered segment).
   */
  private loadProducerState(cleanShutdown: boolean, recoveryPoint: number): void {
    const end = this.nextOffset;
    for (const at of this.snapshotOffsets) if (at > end) deleteSnapshot(this.dir, at);
    this.snapshotOffsets = this.snapshotOffsets.filter((at) => at <= end);
    const preferred = cleanShutdown ? end : recoveryPoint;
    // Newest first among those at or below the preferred bound, then the newer ones.
    const order = [...this.snapshotOffsets.filter((at) => at <= preferred).reverse(), ...this.snapshotOffsets.filter((at) => at > preferred).reverse()];
    let from: number | null = null;
    for (let i = 0; i < order.length && from === null; i++) {
      const at = order[i]!;
      try {
        this.producerState.loadSnapshot(readSnapshot(this.dir, at), at, this.now());
        from = at;
      } catch (err) {
        if (!(err instanceof CorruptSnapshotError)) throw err;
        this.warn(`${this.logIdent}Deleting corrupt producer snapshot ${at}: ${err.message}`);
        deleteSnapshot(this.dir, at);
        this.snapshotOffsets = this.snapshotOffsets.filter((o) => o !== at);
      }
    }
    if (from === null) {
      this.producerState.clear();
      if (cleanShutdown) {
        this.producerState.mapEndOffset = end;
        return;
      }
      from = this.segments[0]!.baseOffset;
    }
    if (from < end) replayProducerState(this.segments, this.floorSegmentIndex(from), from, end, this.producerState, this.config.indexIntervalBytes);
    this.producerState.mapEndOffset = end;
  }

  /**
   * Scans segment i; if it found a bad batch and `dropLater`, deletes every later segment.
   * Returns the offset after its last valid batch.
   */
  private recoverSegment(i: number, minOffset: number, dropLater: boolean, durableBelow?: number): number {
    const segment = this.segments[i]!;
    const result = segment.recover(this.config.indexIntervalBytes, minOffset, durableBelow);
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
    let names = fs.readdirSync(this.dir);
    // A log cleaner swap that a crash interrupted is finished (or dropped) first.
    if (completeInterruptedSwaps(this.dir, names, this.info)) names = fs.readdirSync(this.dir);
    if (!names.includes(PARTITION_METADATA_FILE)) this.partitionMetadataRead = true; // nothing to read: no topic id
    const logs = new Set<number>();
    for (const name of names) {
      const base = parseSegmentFileName(name, LOG_SUFFIX);
      if (base !== undefined) logs.add(base);
      const snapshot = parseSegmentFileName(name, PRODUCER_SNAPSHOT_SUFFIX);
      if (snapshot !== undefined) this.snapshotOffsets.push(snapshot);
    }
    this.snapshotOffsets.sort((a, b) => a - b);
    for (const name of names) {
      const indexBase = parseSegmentFileName(name, INDEX_SUFFIX) ?? parseSegmentFileName(name, TIME_INDEX_SUFFIX) ?? parseSegmentFileName(name, TXN_INDEX_SUFFIX);
      const orphanIndex = indexBase !== undefined && !logs.has(indexBase);
      if (orphanIndex || name.endsWith('.deleted') || name.endsWith('.cleaned') || name.endsWith('.tmp')) {
        fs.rmSync(join(this.dir, name), { force: true, recursive: true });
      }
    }
    return [...logs].sort((a, b) => a - b);
  }

  private readPartitionMetadata(): void {
    this.partitionMetadataRead = true;
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
  append(records: Buffer, batches: ReadonlyArray<AppendBatch>, opts?: { leaderEpoch?: number; origin?: AppendOrigin }): AppendResult {
    this.ensureOpen();
    if (this.offlineReason !== null) throw new KafkaStorageError(this.offlineReason);
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
    // Batches with a producer id (header reads only; markers go through appendEndTxnMarker).
    let producerBatches: ProducerBatch[] | null = null;
    for (const batch of batches) {
      if (batch.position !== expectedPosition) throw new Error(`append batches must tile the records buffer: expected a batch at ${expectedPosition}, got ${batch.position}`);
      expectedPosition += batch.size;
      const lastOffset = offset + batch.lastOffsetDelta;
      if (batch.maxTimestamp > maxTimestamp) {
        maxTimestamp = batch.maxTimestamp;
        offsetOfMaxTimestamp = lastOffset;
      }
      const producerBatch = producerBatchAt(records, batch.position, offset, lastOffset, batch.maxTimestamp);
      if (producerBatch !== null) (producerBatches ??= []).push(producerBatch);
      offset = lastOffset + 1;
    }
    if (expectedPosition !== records.length) throw new Error(`append batches cover ${expectedPosition} of ${records.length} bytes`);
    const lastOffset = offset - 1;

    // Kafka's analyzeAndValidateProducerState, before anything is written: a refused batch
    // (KafkaError) leaves the log and the producer state as they were; a retried batch is
    // answered with its original offsets and nothing is appended.
    const prepared = producerBatches === null ? null : this.producerState.prepareAppend(producerBatches, opts?.origin ?? 'coordinator');
    if (prepared !== null && prepared.duplicate !== null) {
      const dup = prepared.duplicate;
      return { firstOffset: dup.lastOffset - dup.offsetDelta, lastOffset: dup.lastOffset, logAppendTime: now, duplicateTimestamp: dup.timestamp };
    }

    // Kafka's maybeHandleIOException around the append: any I/O failure (a full disk, no
    // descriptor, EIO) answers KAFKA_STORAGE_ERROR, and nothing of this append stays: a torn
    // write is cut off, and an append whose due flush failed is taken back.
    const flushDue = lastOffset + 1 - this._recoveryPoint >= this.config.flushMessages || now - this.lastFlushTime >= this.config.flushMs;
    try {
      this.maybeRoll(records.length, maxTimestamp, lastOffset, now);
      assignOffsets(records, batches, firstOffset, opts?.leaderEpoch ?? 0);
      const segment = this.activeSegment;
      const mark = flushDue ? segment.mark() : null;
      segment.append(records, lastOffset, maxTimestamp, offsetOfMaxTimestamp, this.config.indexIntervalBytes);
      this.nextOffset = lastOffset + 1;
      this.bytesSinceSnapshot += records.length;
      if (mark !== null) {
        try {
          this.flush();
        } catch (err) {
          this.nextOffset = firstOffset;
          this.undoAppend(segment, mark);
          throw err;
        }
      }
    } catch (err) {
      const message = `Error while appending records to ${this.topic}-${this.partition} in dir ${dirname(this.dir)}`;
      if (isIoError(err)) this.failures.failed('append', message, err);
      throw storageError(message, err);
    }
    if (this.failures.active) this.failures.succeeded('append', `${this.logIdent}Appends succeed`);
    if (prepared !== null) this.producerState.commitAppend(prepared, lastOffset + 1);

    this.wakeListeners();
    return { firstOffset, lastOffset, logAppendTime: now };
  }

  /**
   * Kafka's appendAsLeader of an end-transaction marker: checked against the producer state
   * (stale producer epoch: INVALID_PRODUCER_EPOCH; coordinator epoch below the last marker's:
   * TRANSACTION_COORDINATOR_FENCED; both thrown as KafkaError before anything is written),
   * appended as a control batch, then the transaction completes: the last stable offset moves,
   * and an ABORT gets its `.txnindex` entry in the segment holding the marker.
   */
  appendEndTxnMarker(
    marker: { producerId: number; producerEpoch: number; coordinatorEpoch: number; isAbort: boolean },
    opts?: { leaderEpoch?: number; origin?: AppendOrigin },
  ): AppendResult {
    this.ensureOpen();
    const now = this.now();
    const prepared = this.producerState.prepareMarker({ ...marker, offset: this.nextOffset, timestamp: now }, opts?.origin ?? 'coordinator');
    const batch = encodeControlBatch({
      type: marker.isAbort ? ControlRecordType.Abort : ControlRecordType.Commit,
      producerId: marker.producerId,
      producerEpoch: marker.producerEpoch,
      coordinatorEpoch: marker.coordinatorEpoch,
      timestamp: now,
    });
    const result = this.append(batch, [{ position: 0, size: batch.length, lastOffsetDelta: 0, maxTimestamp: now }], { leaderEpoch: opts?.leaderEpoch });
    const done = this.producerState.commitMarker(prepared);
    try {
      completeTxn(done, this.activeSegment);
    } catch (err) {
      // The marker is in the log; a replay after the next unclean start writes the entry again.
      this.error(`${this.logIdent}Error while appending to the transaction index of ${this.topic}-${this.partition}: ${causeText(err)}`);
    }
    return result;
  }

  /**
   * Kafka's collectAbortedTransactions: the aborted transactions overlapping
   * [fetchOffset, upperBoundOffset), from the segment holding fetchOffset onwards until an
   * entry's last stable offset shows no later one can overlap.
   */
  collectAbortedTransactions(fetchOffset: number, upperBoundOffset: number): AbortedTxn[] {
    const aborted: AbortedTxn[] = [];
    for (let i = this.floorSegmentIndex(fetchOffset); i < this.segments.length; i++) {
      const found = this.segments[i]!.txnIndex.collect(fetchOffset, upperBoundOffset);
      aborted.push(...found.aborted);
      if (found.complete) break;
    }
    return aborted;
  }

  /** Kafka's PeriodicProducerExpirationCheck for this log; returns the producers forgotten. */
  removeExpiredProducers(): number {
    if (this.closed) return 0;
    return this.producerState.removeExpiredProducers(this.now());
  }

  /** Writes `<log end offset>.snapshot` (Kafka's takeSnapshot). */
  private takeProducerSnapshot(durable: boolean): void {
    const at = this.nextOffset;
    writeSnapshot(this.dir, at, this.producerState.snapshotEntries(), durable);
    if (!this.snapshotOffsets.includes(at)) this.snapshotOffsets.push(at);
    this.bytesSinceSnapshot = 0;
  }

  /**
   * Kafka's deleteSnapshotsAfterRecoveryPointCheckpoint: snapshots below both the recovery point
   * and the second-to-last segment's base are never needed again (an unclean start replays from
   * the newest one at or below the recovery point), so at most a few stay.
   */
  private deleteOldSnapshots(): void {
    if (this.snapshotOffsets.length <= 1) return;
    const keepFrom = Math.min(this._recoveryPoint, this.segments.length >= 2 ? this.segments[this.segments.length - 2]!.baseOffset : this.activeSegment.baseOffset);
    while (this.snapshotOffsets.length > 0 && this.snapshotOffsets[0]! < keepFrom) deleteSnapshot(this.dir, this.snapshotOffsets.shift()!);
    // kt's periodic snapshots (not at a segment base) are superseded by the newest snapshot at or
    // below the recovery point: an unclean start never needs an older one.
    let newestDurable = -1;
    for (const at of this.snapshotOffsets) if (at <= this._recoveryPoint) newestDurable = at;
    const bases = new Set(this.segments.map((segment) => segment.baseOffset));
    for (const at of this.snapshotOffsets.filter((at) => at < newestDurable && !bases.has(at))) deleteSnapshot(this.dir, at);
    this.snapshotOffsets = this.snapshotOffsets.filter((at) => at >= newestDurable || bases.has(at));
  }

  private wakeListeners(): void {
    // A Set visits listeners added during the loop and skips removed ones, so no copy is needed.
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (err) {
        this.warn(`onAppend listener failed: ${(err as Error).message}`);
      }
    }
  }

  /** Takes back an append whose flush failed; if even that fails, the log stops taking appends. */
  private undoAppend(segment: LogSegment, mark: AppendMark): void {
    try {
      segment.undo(mark);
    } catch (err) {
      this.goOffline(`a failed append could not be taken back: ${causeText(err)}`);
    }
  }

  /** Appends are refused from now on, until a restart recovers the log (see offlineReason). */
  private goOffline(why: string): void {
    if (this.offlineReason !== null) return;
    this.offlineReason = `The log of ${this.topic}-${this.partition} in dir ${dirname(this.dir)} takes no appends until the broker restarts: ${why}`;
    this.error(`${this.logIdent}${this.offlineReason}`);
  }

  private maybeRoll(messagesSize: number, maxTimestampInMessages: number, lastOffsetInMessages: number, now: number): void {
    const active = this.activeSegment;
    // An empty segment already starts at the log end offset: rolling it would change nothing.
    if (active.size === 0) return;
    if (!active.shouldRoll({ config: this.config, messagesSize, maxTimestampInMessages, lastOffsetInMessages, now })) return;
    this.roll(now);
  }

  /**
   * Starts a new segment at the log end offset; the old one is fsynced in the background. If the
   * new segment cannot be created, the old one stays active (LogSegment.create removes what it
   * made).
   */
  private roll(now: number): void {
    const started = performance.now();
    const previous = this.activeSegment;
    let next: LogSegment;
    try {
      previous.onBecomeInactive();
      next = LogSegment.create(this.dir, this.nextOffset, now, this.rollJitter(), this.pool, { keepOpen: true });
    } catch (err) {
      previous.takingAppends = true;
      throw err;
    }
    next.takingAppends = true;
    this.segments.push(next);
    this.dirDirty = true;
    try {
      this.takeProducerSnapshot(false);
    } catch (err) {
      // Only costs a longer replay at the next start: the producer state is in memory.
      this.warn(`${this.logIdent}Error while writing the producer snapshot at offset ${this.nextOffset}: ${causeText(err)}`);
    }
    void this.flushInBackground(this.nextOffset);
    this.info(`${this.localLogIdent}Rolled new log segment at offset ${this.nextOffset} in ${Math.round(performance.now() - started)} ms.`);
  }

  /**
   * Calls `listener` after every append, and once more when the log is closed or deleted: a
   * waiting fetch then completes at once, as Kafka completes delayed fetches of a removed partition.
   */
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
    return { records: this.reading(() => readBatches(this.segments, offset, maxBytes, minOneBatch, maxOffset, this.config.indexIntervalBytes)), outOfRange: false };
  }

  /** Kafka's LocalLog.read wrapper: an I/O failure while reading is a KafkaStorageError. */
  private reading<T>(read: () => T): T {
    try {
      return read();
    } catch (err) {
      throw storageError(`Exception while reading from ${this.topic}-${this.partition} in dir ${dirname(this.dir)}`, err);
    }
  }

  // ---------------------------------------------------------------- timestamps (ListOffsets)

  /**
   * Kafka's fetchOffsetByTimestamp: the first record at or after the log start offset whose
   * timestamp is >= `timestamp` (time index, then offset index, then a forward scan). Null when
   * no record qualifies.
   */
  offsetForTimestamp(timestamp: number): { offset: number; timestamp: number } | null {
    this.ensureOpen();
    return this.reading(() => findOffsetForTimestamp(this.segments, timestamp, this._logStartOffset, this.config.indexIntervalBytes, this.decompress));
  }

  /** ListOffsets MAX_TIMESTAMP (-3): the record holding the largest timestamp. Null for an empty log. */
  offsetOfMaxTimestamp(): { offset: number; timestamp: number } | null {
    this.ensureOpen();
    return this.reading(() => findOffsetOfMaxTimestamp(this.segments, this.config.indexIntervalBytes, this.decompress));
  }

  // ---------------------------------------------------------------- retention and DeleteRecords

  /**
   * Kafka's deleteOldSegments, run by the retention task: with cleanup.policy delete, segments
   * below the log start offset, then past retention.bytes, then past retention.ms; otherwise
   * only segments below the log start offset. Returns the number of segments deleted.
   */
  deleteOldSegments(): number {
    if (this.closed) return 0;
    let deleted = this.deleteSegmentsBy(logStartOffsetBreach(this._logStartOffset));
    if (this.config.cleanupDelete) {
      const bySize = retentionSizeBreach(this.config.retentionBytes, this.sizeInBytes);
      if (bySize) deleted += this.deleteSegmentsBy(bySize);
      const byTime = retentionTimeBreach(this.config.retentionMs, this.now(), this.config.indexIntervalBytes, (m) => this.warn(this.logIdent + m));
      if (byTime) deleted += this.deleteSegmentsBy(byTime);
    }
    return deleted;
  }

  /**
   * DeleteRecords: raises the log start offset to `offset` (never lowers it) and returns the new
   * low watermark. Segments wholly below it go at the next retention pass, as in Kafka. The
   * caller maps -1 to the high watermark (and refuses a topic without the delete policy:
   * POLICY_VIOLATION); a negative offset or one past the high watermark throws
   * OffsetOutOfRangeError (OFFSET_OUT_OF_RANGE) with Kafka's message.
   */
  deleteRecordsBefore(offset: number): number {
    this.ensureOpen();
    if (offset < 0) throw new OffsetOutOfRangeError(`The offset ${offset} for partition ${this.topic}-${this.partition} is not valid`);
    this.maybeIncrementLogStartOffset(offset, 'client delete records request');
    return this._logStartOffset;
  }

  /** Kafka's maybeIncrementLogStartOffset; the recovery point never stays below the start either. */
  private maybeIncrementLogStartOffset(newLogStartOffset: number, reason: string): void {
    if (newLogStartOffset > this.highWatermark) {
      throw new OffsetOutOfRangeError(
        `Cannot increment the log start offset to ${newLogStartOffset} of partition ${this.topic}-${this.partition} since it is larger than the high watermark ${this.highWatermark}`,
      );
    }
    if (newLogStartOffset <= this._logStartOffset) return;
    this._logStartOffset = newLogStartOffset;
    if (this._recoveryPoint < newLogStartOffset) this._recoveryPoint = newLogStartOffset;
    this.info(`${this.logIdent}Incremented log start offset to ${newLogStartOffset} due to ${reason}`);
  }

  /**
   * Kafka's deleteSegments: when every segment goes, a new empty one is rolled first; the log
   * start offset moves to the first remaining segment; the segments leave the list at once (no
   * read sees them again), their files are renamed `.deleted` and removed file.delete.delay.ms
   * later, off the request path.
   */
  private deleteSegmentsBy(rule: RetentionRule): number {
    const deletable = deletableSegments(this.segments, this.highWatermark, this.nextOffset, rule);
    if (deletable.length === 0) return 0;
    if (deletable.length === this.segments.length) this.roll(this.now());
    this.maybeIncrementLogStartOffset(this.segments[deletable.length]!.baseOffset, 'segment deletion');
    for (const line of rule.reasons(deletable, this.sizeInBytes)) this.info(this.logIdent + line);
    this.segments.splice(0, deletable.length);
    this.dirDirty = true;
    // Kafka's removeAndMarkSnapshotForDeletion: the snapshots at the deleted segments' bases go too.
    for (const segment of deletable) {
      if (!this.snapshotOffsets.includes(segment.baseOffset)) continue;
      deleteSnapshot(this.dir, segment.baseOffset);
      this.snapshotOffsets = this.snapshotOffsets.filter((at) => at !== segment.baseOffset);
    }
    try {
      for (const segment of deletable) segment.markDeleted();
    } catch (err) {
      throw new KafkaStorageError(`Error while deleting segments for ${this.topic}-${this.partition} in dir ${dirname(this.dir)}: ${(err as Error).message}`, { cause: err });
    } finally {
      this.scheduleFileDeletion(deletable);
    }
    return deletable.length;
  }

  private scheduleFileDeletion(segments: LogSegment[]): void {
    const timer = setTimeout(() => {
      this.pendingFileDeletions.delete(timer);
      this.info(`${this.localLogIdent}Deleting segment files ${segments.map((s) => s.describe()).join(', ')}`);
      Promise.all(segments.map((s) => s.deleteMarkedFiles())).catch((err: Error) => this.warn(`${this.localLogIdent}Error deleting segment files: ${err.message}`));
    }, this.config.fileDeleteDelayMs);
    timer.unref();
    this.pendingFileDeletions.set(timer, segments);
  }

  /** Drops scheduled file deletions (their `.deleted` files are removed at the next load, as in Kafka). */
  private cancelFileDeletions(): void {
    for (const [timer, segments] of this.pendingFileDeletions) {
      clearTimeout(timer);
      for (const segment of segments) segment.release();
    }
    this.pendingFileDeletions.clear();
  }

  /** Kafka's log line prefixes. */
  private get logIdent(): string {
    return `[UnifiedLog partition=${this.topic}-${this.partition}, dir=${dirname(this.dir)}] `;
  }

  private get localLogIdent(): string {
    return `[LocalLog partition=${this.topic}-${this.partition}, dir=${dirname(this.dir)}] `;
  }

  // ---------------------------------------------------------------- log cleaner hooks (src/broker/log/cleaner/)

  /** The current settings; the cleaner reads the compaction settings at each round. */
  get logConfig(): Readonly<LogConfig> {
    return this.config;
  }

  /** Closed or deleted: a cleaning round on this log is abandoned. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** The segments, oldest first; the last one is the active segment. The cleaner only reads them. */
  get segmentsForCleaner(): readonly LogSegment[] {
    return this.segments;
  }

  /**
   * Kafka's replaceSegments for the cleaner: `oldSegments` (consecutive, none of them active) are
   * replaced by the segment `install` puts in place, in one synchronous step, so no read or append
   * sees a half-done list. `install` renames the cleaned files to `.swap`, calls `markOldDeleted`
   * (the old segments' files become `.deleted`), renames the `.swap` files to their final names
   * and opens the segment. The old files go file.delete.delay.ms later. Returns false, changing
   * nothing, when the log was closed or retention removed an old segment since the round began.
   */
  replaceSegments(oldSegments: readonly LogSegment[], install: (markOldDeleted: () => void) => LogSegment): boolean {
    if (this.closed || oldSegments.length === 0) return false;
    const first = this.segments.indexOf(oldSegments[0]!);
    if (first < 0 || first + oldSegments.length >= this.segments.length) return false;
    if (oldSegments.some((segment, i) => this.segments[first + i] !== segment)) return false;
    const replacement = install(() => {
      for (const segment of oldSegments) segment.markDeleted();
    });
    this.segments.splice(first, oldSegments.length, replacement);
    this.scheduleFileDeletion([...oldSegments]);
    return true;
  }

  // ---------------------------------------------------------------- flush and lifecycle

  /**
   * fsyncs everything not yet flushed and moves the recovery point to the log end offset. Throws
   * a KafkaStorageError when something could not be made durable (the recovery point stays); a
   * failed fsync of a `.log` also stops the log taking appends (goOffline). An offline log is
   * never flushed again: its recovery point must stay below whatever the failed fsync may have
   * lost, so that the restart re-validates it.
   */
  flush(): void {
    this.ensureOpen();
    this.lastFlushTime = this.now();
    if (this.offlineReason !== null) throw new KafkaStorageError(`${this.flushError(this.nextOffset)}: ${this.offlineReason}`);
    if (this._recoveryPoint >= this.nextOffset && !this.dirDirty) return;
    try {
      for (let i = this.floorSegmentIndex(this._recoveryPoint); i < this.segments.length; i++) this.segments[i]!.flush();
      if (this.dirDirty) {
        fsyncDir(this.dir);
        this.dirDirty = false;
      }
    } catch (err) {
      if (err instanceof LogFsyncError) this.goOffline(err.message);
      const message = this.flushError(this.nextOffset);
      if (isIoError(err)) this.failures.failed('flush', message, err);
      throw storageError(message, err);
    }
    this._recoveryPoint = this.nextOffset;
    if (this.failures.active) this.failures.succeeded('flush', `${this.logIdent}Flushes succeed`);
  }

  /** Kafka's message for a failed flush. */
  private flushError(offset: number): string {
    return `Error while flushing log for ${this.topic}-${this.partition} in dir ${dirname(this.dir)} with offset ${offset}`;
  }

  /** Flushes if flush.ms has passed since the last flush and something is unflushed. */
  maybeFlush(): void {
    if (this.closed || this.offlineReason !== null || this._recoveryPoint >= this.nextOffset) return;
    if (this.now() - this.lastFlushTime >= this.config.flushMs) this.flush();
  }

  /** Resolves once every background flush started so far (at segment rolls) has finished. */
  awaitBackgroundFlushes(): Promise<void> {
    return this.backgroundFlushes;
  }

  /**
   * Kafka flushes a rolled segment asynchronously and then advances the recovery point to the new
   * segment's base. A `.log` is fsynced through its pooled descriptor, pinned meanwhile, so
   * closing or deleting the log cannot close it under the fsync; index files and the directory
   * are fsynced through descriptors of their own. At most BACKGROUND_JOBS such flushes run at
   * once (descriptor-pool.ts), whatever the number of partitions rolling.
   */
  private flushInBackground(upTo: number): Promise<boolean> {
    const segments: LogSegment[] = [];
    const indexes: string[] = [];
    for (let i = this.floorSegmentIndex(this._recoveryPoint); i < this.segments.length; i++) {
      const segment = this.segments[i]!;
      if (segment.baseOffset >= upTo) break;
      segments.push(segment);
      indexes.push(segment.offsetIndex.path, segment.timeIndex.path, segment.txnIndex.path);
    }
    const dir = this.dir;
    // An index file that was never written holds no entries: nothing of it to make durable.
    const ignoreMissing = (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    };
    // A segment retention or the cleaner removed meanwhile needs no fsync any more.
    const ignoreIfGone = (segment: LogSegment) => (err: unknown) => {
      if (this.segments.includes(segment)) throw err;
    };
    const work = this.pool.inBackground(() =>
      Promise.all([
        ...segments.map((segment) => segment.fsyncLogAsync().catch(ignoreIfGone(segment))),
        ...indexes.map((p) => fsyncFileAsync(this.pool, p, 'r+').catch(ignoreMissing)),
        fsyncFileAsync(this.pool, dir, 'r').catch(() => undefined),
      ]),
    ).then(
      () => {
        if (this.closed || this.offlineReason !== null || upTo <= this._recoveryPoint) return false;
        this._recoveryPoint = Math.min(upTo, this.nextOffset);
        try {
          this.deleteOldSnapshots();
        } catch (err) {
          this.warn(`${this.logIdent}Error while deleting old producer snapshots: ${causeText(err)}`);
        }
        if (this.failures.active) this.failures.succeeded('flush', `${this.logIdent}Flushes succeed`);
        return true;
      },
      (err: NodeJS.ErrnoException) => {
        // Closed or deleted while the job waited or ran: nothing of it matters any more.
        if (this.closed) return false;
        if (err instanceof LogFsyncError) this.goOffline(err.message);
        if (err.code !== 'ENOENT') this.failures.failed('flush', this.flushError(upTo), err);
        return false;
      },
    );
    this.backgroundFlushes = Promise.all([this.backgroundFlushes, work]).then(() => undefined);
    return work;
  }

  private writeBackInFlight = false;

  /**
   * kt's writeback (no Kafka equivalent; Kafka leaves unflushed data to the OS and re-scans whole
   * segments after a crash): persists the index entries written so far, fsyncs everything since
   * the recovery point off the event loop, then moves the recovery point to the log end offset of
   * the moment it started. A restart after kill -9 or power loss then validates only what came
   * after, instead of every unflushed segment in full. Resolves true when the recovery point moved.
   */
  async writeBack(): Promise<boolean> {
    if (this.closed || this.offlineReason !== null || this.writeBackInFlight || this._recoveryPoint >= this.nextOffset) return false;
    this.writeBackInFlight = true;
    try {
      const upTo = this.nextOffset;
      try {
        for (let i = this.floorSegmentIndex(this._recoveryPoint); i < this.segments.length; i++) this.segments[i]!.persistIndexes();
      } catch (err) {
        // A full disk: the entries stay in memory, the recovery point stays, the next pass retries.
        this.failures.failed('flush', this.flushError(upTo), err);
        return false;
      }
      const moved = await this.flushInBackground(upTo);
      if (moved) this.maybeTakePeriodicSnapshot();
      return moved;
    } finally {
      this.writeBackInFlight = false;
    }
  }

  /**
   * kt's periodic producer snapshot (no Kafka equivalent: Kafka snapshots at rolls only, so an
   * unclean start replays up to a whole segment): once producerSnapshotIntervalBytes were appended
   * since the last snapshot, one is written at the log end, so a restart after kill -9 replays at
   * most about that many bytes of batch headers. Superseded ones are deleted by deleteOldSnapshots.
   */
  private maybeTakePeriodicSnapshot(): void {
    if (this.closed || this.bytesSinceSnapshot < this.producerSnapshotIntervalBytes) return;
    try {
      this.takeProducerSnapshot(false);
      this.deleteOldSnapshots();
    } catch (err) {
      this.warn(`${this.logIdent}Error while writing the producer snapshot at offset ${this.nextOffset}: ${causeText(err)}`);
    }
  }

  /**
   * Flushes, records every segment's largest timestamp in its time index, and closes the files.
   * Every descriptor is closed even when something fails (a full disk, an offline log); the
   * first failure is then thrown, and the caller must not write the clean-shutdown marker: the
   * next start recovers this log from its recovery point.
   */
  close(): void {
    if (this.closed) return;
    let failure: unknown = null;
    try {
      this.flush();
    } catch (err) {
      failure = err;
    }
    // Kafka takes a snapshot at close; kt skips it while no producer was ever seen and no
    // snapshot exists (thousands of idle partitions close without a file write each).
    try {
      if (failure === null && this.offlineReason === null && (!this.producerState.isEmpty || this.snapshotOffsets.length > 0)) this.takeProducerSnapshot(true);
    } catch (err) {
      failure = err;
    }
    for (const segment of this.segments) {
      try {
        segment.close();
      } catch (err) {
        failure ??= err;
      }
    }
    this.cancelFileDeletions();
    this.closed = true;
    this.wakeListeners();
    this.listeners.clear();
    if (failure !== null) throw storageError(`Error while closing log for ${this.topic}-${this.partition} in dir ${dirname(this.dir)}`, failure);
  }

  /**
   * Removes the partition directory. Like Kafka it first renames it to
   * `<topic>-<partition>.<uuid>-delete` (so a crash mid-way leaves a name LogManager cleans up),
   * but then deletes it synchronously instead of on a background scheduler.
   */
  delete(): void {
    if (!this.closed) {
      for (const segment of this.segments) segment.release();
      this.cancelFileDeletions();
      this.closed = true;
      this.wakeListeners();
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

async function fsyncFileAsync(pool: DescriptorPool, path: string, flags: string): Promise<void> {
  const handle = await pool.retryingAsync(() => fs.promises.open(path, flags));
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
