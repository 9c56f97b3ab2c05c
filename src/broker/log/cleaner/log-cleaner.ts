// The broker's log cleaner (Kafka's LogCleaner with one CleanerThread): repeatedly cleans the
// filthiest compacted log; when none qualifies it waits log.cleaner.backoff.ms. A round runs as
// asynchronous steps on the event loop (see cleaner.ts), never as one long blocking task.
import type { BrokerConfig } from '../../config.js';
import type { PartitionLog } from '../partition-log.js';
import { isResourceExhausted } from '../errors.js';
import { CleanerCheckpoints } from './cleaner-checkpoints.js';
import { Cleaner, CleaningAbortedError, type CleanerSettings } from './cleaner.js';
import { cleanedLogMessage } from './cleaner-stats.js';
import { grabFilthiestCompactedLog } from './cleaner-manager.js';

export interface LogCleanerConfig extends CleanerSettings {
  /** log.cleaner.enable */
  enable: boolean;
  /** log.cleaner.backoff.ms: the wait when no log needs cleaning. */
  backoffMs: number;
}

/** Kafka's CleanerConfig from the broker keys; the memory split over log.cleaner.threads as Kafka does. */
export function logCleanerConfigFrom(config: BrokerConfig): LogCleanerConfig {
  const threads = Math.max(1, config.int('log.cleaner.threads'));
  return {
    enable: config.bool('log.cleaner.enable'),
    backoffMs: config.long('log.cleaner.backoff.ms'),
    dedupeBufferSize: Math.min(Math.floor(config.long('log.cleaner.dedupe.buffer.size') / threads), 0x7fffffff),
    loadFactor: config.int('log.cleaner.io.buffer.load.factor'),
    ioBufferSize: Math.max(4096, Math.floor(config.int('log.cleaner.io.buffer.size') / threads / 2)),
  };
}

export interface LogCleanerOptions {
  logDirs: readonly string[];
  /** Every partition log of the broker, looked up at each round. */
  logs: () => readonly PartitionLog[];
  config: LogCleanerConfig;
  info: (message: string) => void;
  warn: (message: string) => void;
  /** Wall clock (ms); injectable for tests. */
  now?: () => number;
}

export class LogCleaner {
  private readonly checkpoints: CleanerCheckpoints;
  private readonly cleaner: Cleaner;
  private readonly now: () => number;
  /** Logs whose cleaning failed unexpectedly (Kafka's uncleanable partitions); never retried. */
  private readonly uncleanable = new WeakSet<PartitionLog>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** stop() was called: a round in progress aborts at its next step. */
  private stopping = false;
  private current: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: LogCleanerOptions) {
    this.now = opts.now ?? Date.now;
    this.checkpoints = new CleanerCheckpoints(opts.logDirs, opts.warn);
    this.cleaner = new Cleaner(opts.config, {
      now: this.now,
      checkDone: (log) => {
        if (this.stopping || log.isClosed) throw new CleaningAbortedError();
      },
    });
  }

  /** Starts the background loop (a no-op when log.cleaner.enable is false). */
  start(): void {
    if (!this.opts.config.enable || this.running) return;
    this.running = true;
    this.stopping = false;
    this.schedule(0);
  }

  /** Stops the loop and waits for a round in progress to abort (its `.cleaned` files removed). */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current;
  }

  /** The first offset not yet cleaned, as checkpointed (undefined before the first clean). */
  checkpointOf(log: PartitionLog): number | undefined {
    return this.checkpoints.get(log);
  }

  /**
   * One step of Kafka's CleanerThread.doWork: cleans the filthiest log, if one qualifies.
   * Returns whether a log was cleaned. Exposed for tests; the loop calls it.
   */
  async cleanFilthiestLog(): Promise<boolean> {
    const live = this.opts.logs();
    const toClean = grabFilthiestCompactedLog({
      logs: live,
      now: this.now(),
      lastCleanOffset: (log) => this.checkpoints.get(log),
      forceCheckpoint: (log, offset) => this.checkpoints.update(log, offset, live),
      skip: (log) => this.uncleanable.has(log),
      warn: this.opts.warn,
    });
    if (toClean === null) return false;
    const { log } = toClean;
    const name = `${log.topic}-${log.partition}`;
    try {
      const { endOffset, stats } = await this.cleaner.clean(toClean);
      this.checkpoints.update(log, endOffset, this.opts.logs());
      this.opts.info(cleanedLogMessage(0, name, toClean.firstDirtyOffset, endOffset, stats));
      if (stats.invalidMessagesRead > 0) this.opts.warn(`Found ${stats.invalidMessagesRead} invalid messages during compaction of ${name}.`);
    } catch (err) {
      if (err instanceof CleaningAbortedError) return true;
      if (isResourceExhausted(err)) {
        // Out of space or descriptors: the round's files are gone again and the log stays
        // cleanable; the cleaner backs off (false) and tries again once the resource is back.
        this.opts.warn(`Cleaning log ${log.dir} stopped for now: ${(err as Error).message}`);
        return false;
      }
      this.uncleanable.add(log);
      this.opts.warn(`Unexpected exception thrown when cleaning log ${log.dir}. Marking its partition (${name}) as uncleanable: ${(err as Error).message}`);
    }
    return true;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      const round = this.cleanFilthiestLog().catch((err: Error) => {
        this.opts.warn(`Log cleaner failed: ${err.message}`);
        return false;
      });
      this.current = round.then((cleaned) => {
        if (this.running) this.schedule(cleaned ? 0 : this.opts.config.backoffMs);
      });
    }, delayMs);
    this.timer.unref();
  }
}
