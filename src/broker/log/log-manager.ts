// All partition logs of the broker across its log dirs (Kafka's LogManager): loading at startup
// with the clean-shutdown marker and the checkpoint files, creation, deletion, periodic
// checkpoints and the clean close.
import fs from 'node:fs';
import { join } from 'node:path';
import { readOffsetCheckpoint, writeOffsetCheckpoint, writeOffsetCheckpointAsync, type TopicPartitionOffset } from '../../storage/checkpoint-file.js';
import { fsyncDir, writeFileAtomic } from '../../storage/file-io.js';
import {
  CLEAN_SHUTDOWN_FILE,
  LOG_START_OFFSET_CHECKPOINT,
  RECOVERY_POINT_CHECKPOINT,
  REPLICATION_OFFSET_CHECKPOINT,
  isDeleteDirName,
  parsePartitionDirName,
  partitionDirName,
} from '../../storage/file-names.js';
import type { LogConfig } from './config.js';
import { sharedDescriptorPool, type DescriptorPool } from './descriptor-pool.js';
import { causeText, isIoError, storageError } from './errors.js';
import { FailureLog } from './failure-log.js';
import { PartitionLog } from './partition-log.js';
import type { RecordsDecompressor } from './record-timestamps.js';

export interface LogManagerOpenOptions {
  logDirs: string[];
  defaultConfig: LogConfig;
  /** Config for an existing topic's logs at load time (topic overrides); defaultConfig otherwise. */
  topicConfig?: (topic: string) => LogConfig | undefined;
  now?: () => number;
  decompress?: RecordsDecompressor;
  /** Where recovery problems are reported (the broker's logger); default process.emitWarning. */
  warn?: (message: string) => void;
  /** Where Kafka's INFO lines go (rolls, retention deletions); default: nowhere. */
  info?: (message: string) => void;
  /** Where storage errors go (Kafka logs them at ERROR); default: `warn`. */
  error?: (message: string) => void;
  /** The pool of segment descriptors (descriptor-pool.ts); default: the process-wide one. */
  descriptors?: DescriptorPool;
  /** producer.id.expiration.ms for every log's producer state. */
  producerIdExpirationMs?: number;
}

/** Content of `.kafka_cleanshutdown`; a single node has no broker epoch to speak of. */
/** Logs whose writeback (fsyncs) runs at the same time. */
const WRITEBACK_CONCURRENCY = 8;
const CLEAN_SHUTDOWN_CONTENT = '{"version":0,"brokerEpoch":0}';

export class LogManager {
  private readonly logs = new Map<string, PartitionLog>();
  /** `topic-partition` -> the log dir holding it. */
  private readonly logDirOf = new Map<string, string>();
  private readonly logDirs: string[];
  private readonly defaultConfig: LogConfig;
  private readonly now: (() => number) | undefined;
  private readonly decompress: RecordsDecompressor | undefined;
  private readonly warn: (message: string) => void;
  private readonly info: ((message: string) => void) | undefined;
  private readonly error: (message: string) => void;
  private readonly descriptors: DescriptorPool;
  private readonly producerIdExpirationMs: number | undefined;
  /** Checkpoint writes failing (a full disk), logged once per cause. */
  private readonly failures: FailureLog;
  private closed = false;

  private constructor(opts: LogManagerOpenOptions) {
    if (opts.logDirs.length === 0) throw new Error('LogManager needs at least one log dir');
    this.logDirs = [...opts.logDirs];
    this.defaultConfig = opts.defaultConfig;
    this.now = opts.now;
    this.decompress = opts.decompress;
    this.warn = opts.warn ?? ((m) => process.emitWarning(m));
    this.info = opts.info;
    this.error = opts.error ?? this.warn;
    this.descriptors = opts.descriptors ?? sharedDescriptorPool();
    this.producerIdExpirationMs = opts.producerIdExpirationMs;
    this.failures = new FailureLog(this.error, this.info ?? (() => undefined));
  }

  /** The segment descriptors' pool the logs share. */
  get descriptorPool(): DescriptorPool {
    return this.descriptors;
  }

  /** What every PartitionLog of this manager is opened with. */
  private logOptions() {
    return { now: this.now, decompress: this.decompress, warn: this.warn, info: this.info, error: this.error, descriptors: this.descriptors, producerIdExpirationMs: this.producerIdExpirationMs };
  }

  /**
   * Loads every `<topic>-<partition>` directory of every log dir (other names are ignored;
   * leftover `-delete` directories are removed). A log dir holding `.kafka_cleanshutdown` is
   * loaded without recovery, and the marker is removed once its logs are open.
   */
  static open(opts: LogManagerOpenOptions): LogManager {
    const manager = new LogManager(opts);
    try {
      for (const logDir of manager.logDirs) manager.loadLogDir(logDir, opts.topicConfig);
    } catch (err) {
      // Close what was opened without writing (no marker follows: the next start recovers).
      for (const log of manager.logs.values()) {
        try {
          log.close();
        } catch {
          // the load failure is what is reported
        }
      }
      throw err;
    }
    return manager;
  }

  private loadLogDir(logDir: string, topicConfig: LogManagerOpenOptions['topicConfig']): void {
    fs.mkdirSync(logDir, { recursive: true });
    const marker = join(logDir, CLEAN_SHUTDOWN_FILE);
    const cleanShutdown = fs.existsSync(marker);
    const warn = (file: string) => (err: Error) => this.warn(`Ignoring corrupt ${join(logDir, file)}: ${err.message}`);
    const recoveryPoints = readOffsetCheckpoint(join(logDir, RECOVERY_POINT_CHECKPOINT), warn(RECOVERY_POINT_CHECKPOINT));
    const logStartOffsets = readOffsetCheckpoint(join(logDir, LOG_START_OFFSET_CHECKPOINT), warn(LOG_START_OFFSET_CHECKPOINT));

    for (const entry of fs.readdirSync(logDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      if (isDeleteDirName(entry.name)) {
        fs.rmSync(join(logDir, entry.name), { recursive: true, force: true });
        continue;
      }
      const tp = parsePartitionDirName(entry.name);
      if (!tp) continue;
      const key = partitionDirName(tp.topic, tp.partition);
      const existing = this.logs.get(key);
      if (existing) throw new Error(`Duplicate log directories for ${key}: ${existing.dir} and ${join(logDir, entry.name)}`);
      this.logs.set(
        key,
        PartitionLog.open({
          dir: join(logDir, entry.name),
          topic: tp.topic,
          partition: tp.partition,
          config: topicConfig?.(tp.topic) ?? this.defaultConfig,
          cleanShutdown,
          existingDir: true,
          recoveryPoint: recoveryPoints.get(key),
          logStartOffset: logStartOffsets.get(key),
          ...this.logOptions(),
        }),
      );
      this.logDirOf.set(key, logDir);
    }
    if (cleanShutdown) {
      fs.rmSync(marker, { force: true });
      fsyncDir(logDir);
    }
  }

  get(topic: string, partition: number): PartitionLog | undefined {
    return this.logs.get(partitionDirName(topic, partition));
  }

  /**
   * Returns the partition's log, creating `<first log dir>/<topic>-<partition>/` with an empty
   * first segment if it does not exist. With a topic id, writes partition.metadata. An I/O
   * failure (out of space or descriptors) throws a KafkaStorageError with Kafka's message and
   * leaves no directory behind.
   */
  create(topic: string, partition: number, config?: LogConfig, topicId?: string): PartitionLog {
    this.ensureOpen();
    const key = partitionDirName(topic, partition);
    const existing = this.logs.get(key);
    if (existing) return existing;
    const logDir = this.logDirs[0]!;
    const message = `Error while creating log for ${key} in dir ${logDir}`;
    let log: PartitionLog;
    try {
      log = PartitionLog.open({ dir: join(logDir, key), topic, partition, config: config ?? this.defaultConfig, cleanShutdown: true, ...this.logOptions() });
    } catch (err) {
      if (isIoError(err)) this.failures.failed('create', message, err);
      throw storageError(message, err);
    }
    try {
      // No fsyncs here: creating thousands of partitions must not cost three fsyncs each. The
      // broker's cluster metadata is the durable record that the partition exists, and start-up
      // recreates a directory or partition.metadata that a crash lost.
      if (topicId !== undefined) log.writePartitionMetadata(topicId, { durable: false });
    } catch (err) {
      if (isIoError(err)) this.failures.failed('create', message, err);
      this.discard(log);
      throw storageError(message, err);
    }
    this.failures.succeeded('create', 'Creating logs succeeds');
    this.logs.set(key, log);
    this.logDirOf.set(key, logDir);
    return log;
  }

  /**
   * Removes logs just created for a topic whose creation is being undone (the cluster metadata
   * could not be written): their directories go, no checkpoint is rewritten (none lists them yet).
   */
  discardCreated(topic: string, partitions: Iterable<number>): void {
    for (const partition of partitions) {
      const key = partitionDirName(topic, partition);
      const log = this.logs.get(key);
      if (log === undefined) continue;
      this.logs.delete(key);
      this.logDirOf.delete(key);
      this.discard(log);
    }
  }

  private discard(log: PartitionLog): void {
    try {
      log.delete();
    } catch (err) {
      // Left for the next start: a directory the cluster metadata does not know is removed then.
      this.warn(`Could not remove ${log.dir}: ${causeText(err)}`);
    }
  }

  /** Deletes every partition log of `topic` (see PartitionLog.delete) and rewrites the checkpoints. */
  delete(topic: string): void {
    this.ensureOpen();
    for (const [key, log] of [...this.logs]) {
      if (log.topic !== topic) continue;
      this.logs.delete(key);
      this.logDirOf.delete(key);
      log.delete();
    }
    // The topic is gone either way; a checkpoint still naming it is rewritten by the next pass,
    // and entries without a directory are ignored at load.
    this.checkpoint();
  }

  all(): PartitionLog[] {
    return [...this.logs.values()];
  }

  /**
   * Flushes logs whose flush.ms has elapsed (Kafka's log flusher); the broker calls it on a timer.
   * A log whose flush fails (logged by the log itself) does not keep the others from flushing.
   */
  flushDirtyLogs(): void {
    for (const log of this.logs.values()) {
      try {
        log.maybeFlush();
      } catch {
        // reported by PartitionLog.flush, once per cause
      }
    }
  }

  /**
   * Kafka's log retention task (LogManager.cleanupLogs): PartitionLog.deleteOldSegments on every
   * log. Compacted logs are included: Kafka's cleaner thread runs the same deleteOldSegments on
   * them after cleaning, which here is this pass's job. Metadata work only; file removal is
   * asynchronous. Returns the number of segments deleted.
   */
  /** Kafka's PeriodicProducerExpirationCheck over every log; returns the producers forgotten. */
  removeExpiredProducers(): number {
    let removed = 0;
    for (const log of this.logs.values()) removed += log.removeExpiredProducers();
    return removed;
  }

  cleanupLogs(): number {
    let total = 0;
    for (const log of this.logs.values()) {
      try {
        total += log.deleteOldSegments();
      } catch (err) {
        this.warn(`Error running retention on ${log.dir}: ${(err as Error).message}`);
      }
    }
    return total;
  }

  private writeBackPass: Promise<void> | null = null;

  /**
   * kt's writeback pass (see PartitionLog.writeBack): fsyncs every log with unflushed data in the
   * background, then rewrites recovery-point-offset-checkpoint if any recovery point moved, so a
   * restart after a crash re-validates about one pass worth of data instead of every unflushed
   * segment. A pass still running when the next is due makes that one a no-op.
   */
  writeBack(): Promise<void> {
    if (this.writeBackPass !== null || this.closed) return Promise.resolve();
    this.writeBackPass = this.writeBackOnce().finally(() => {
      this.writeBackPass = null;
    });
    return this.writeBackPass;
  }

  /**
   * Waits for a writeback pass in flight. The broker calls it before close(): a pass finishing
   * after close would rename its (older) recovery-point checkpoint over the one close wrote, into
   * a directory whose lock is already released.
   */
  async drain(): Promise<void> {
    await this.writeBackPass?.catch(() => undefined);
  }

  private async writeBackOnce(): Promise<void> {
    // A few logs at a time: each fsync holds a descriptor, and thousands of dirty partitions
    // started at once would queue thousands of opens ahead of the first fsync.
    const dirty = [...this.logs.values()].filter((log) => log.recoveryPoint < log.logEndOffset);
    let moved = false;
    let next = 0;
    const worker = async () => {
      while (next < dirty.length) {
        // A failing log (reported by itself) must not end the pass for the others.
        if (await dirty[next++]!.writeBack().catch(() => false)) moved = true;
      }
    };
    await Promise.all(Array.from({ length: Math.min(WRITEBACK_CONCURRENCY, dirty.length) }, worker));
    if (this.closed || !moved) return;
    // Off the event loop: a synchronous fsync here would stall every request once a second.
    await Promise.all(
      this.logDirs.map((logDir) =>
        writeOffsetCheckpointAsync(join(logDir, RECOVERY_POINT_CHECKPOINT), this.checkpointEntries(logDir, (log) => log.recoveryPoint)).then(
          () => this.failures.succeeded('checkpoint', 'Checkpoint writes succeed'),
          (err: unknown) => this.failures.failed('checkpoint', `Disk error while writing recovery offsets checkpoint in directory ${logDir}`, err),
        ),
      ),
    );
  }

  /**
   * Writes recovery-point-offset-checkpoint, log-start-offset-checkpoint and
   * replication-offset-checkpoint in each log dir. Returns whether all were written; a file that
   * could not be (a full disk) keeps its previous version (tmp + rename) and the failure is
   * logged once per cause, never thrown: the periodic task simply runs again at its interval.
   */
  checkpoint(): boolean {
    const recovery = this.writeCheckpoints(RECOVERY_POINT_CHECKPOINT, (log) => log.recoveryPoint);
    const start = this.checkpointLogStartOffsets();
    const replication = this.writeCheckpoints(REPLICATION_OFFSET_CHECKPOINT, (log) => log.highWatermark);
    return recovery && start && replication;
  }

  /**
   * Writes log-start-offset-checkpoint in each log dir (Kafka's task every
   * log.flush.start.offset.checkpoint.interval.ms). Like Kafka, it lists only partitions whose
   * start is past their first segment's base offset (raised by DeleteRecords).
   */
  checkpointLogStartOffsets(): boolean {
    return this.writeCheckpoints(LOG_START_OFFSET_CHECKPOINT, (log) => (log.logStartOffset > log.segmentBaseOffsets[0]! ? log.logStartOffset : undefined));
  }

  /** One checkpoint file per log dir; `offsetOf` returning undefined leaves the partition out. */
  private writeCheckpoints(file: string, offsetOf: (log: PartitionLog) => number | undefined): boolean {
    let written = true;
    for (const logDir of this.logDirs) {
      try {
        writeOffsetCheckpoint(join(logDir, file), this.checkpointEntries(logDir, offsetOf));
      } catch (err) {
        this.failures.failed('checkpoint', `Disk error while writing ${file} in directory ${logDir}`, err);
        written = false;
      }
    }
    if (written) this.failures.succeeded('checkpoint', 'Checkpoint writes succeed');
    return written;
  }

  private checkpointEntries(logDir: string, offsetOf: (log: PartitionLog) => number | undefined): TopicPartitionOffset[] {
    const entries: TopicPartitionOffset[] = [];
    for (const [key, log] of this.logs) {
      if (this.logDirOf.get(key) !== logDir) continue;
      const offset = offsetOf(log);
      if (offset !== undefined) entries.push({ topic: log.topic, partition: log.partition, offset });
    }
    return entries;
  }

  /**
   * Flushes and closes every log, writes the checkpoints, then the clean-shutdown marker. Every
   * log is closed even when some fail (a full disk, a failed fsync); the marker is then not
   * written, so the next start recovers from the recovery points instead of trusting the files.
   * Returns whether the shutdown was clean; failures are logged, never thrown.
   */
  close(): boolean {
    if (this.closed) return true;
    this.closed = true;
    let clean = true;
    for (const log of this.logs.values()) {
      try {
        log.close();
      } catch (err) {
        clean = false;
        this.error(`${err instanceof Error ? err.message : String(err)}: ${causeText(err)}`);
      }
    }
    if (!this.checkpoint()) clean = false;
    if (!clean) {
      this.warn(`Not writing ${CLEAN_SHUTDOWN_FILE}: some logs could not be flushed or closed; the next start recovers them`);
      return false;
    }
    for (const logDir of this.logDirs) {
      try {
        writeFileAtomic(join(logDir, CLEAN_SHUTDOWN_FILE), CLEAN_SHUTDOWN_CONTENT);
      } catch (err) {
        this.warn(`Could not write ${join(logDir, CLEAN_SHUTDOWN_FILE)} (the next start recovers its logs): ${causeText(err)}`);
        clean = false;
      }
    }
    return clean;
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error('LogManager is closed');
  }
}
