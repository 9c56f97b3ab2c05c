// One cleaning round of one log (Kafka's Cleaner.doClean): map every key of the dirty section to
// its latest offset, then rewrite the log from its start up to the mapped end, segment group by
// segment group, each group into one `.cleaned` segment swapped in crash-safely. All reads and
// writes are asynchronous and the work goes chunk by chunk, so produce and fetch keep running;
// only the swap of the segment list is synchronous.
import fs from 'node:fs';
import { OFFSET_INDEX_ENTRY_SIZE, TIME_INDEX_ENTRY_SIZE } from '../../../storage/index-formats.js';
import type { PartitionLog } from '../partition-log.js';
import type { LogSegment } from '../segment.js';
import { filterBatch, markerIsAbort } from './batch-filter.js';
import { CleanedTransactionMetadata } from './txn-metadata.js';
import { batchFacts, recordsArea, scanRecords } from './batch-records.js';
import { CleanedSegment } from './cleaned-segment.js';
import { CleanerStats } from './cleaner-stats.js';
import { OffsetMap, hashKey } from './offset-map.js';
import { lastModified, segmentsInRange } from './segment-ranges.js';
import { readBatchesAsync } from '../../../storage/log-cursor-async.js';
import { openForCleaning } from './segment-reader.js';
import { installCleanedSegment, SimulatedCrash, type SwapCrashPoint } from './swap.js';
import { Yielder } from './yielder.js';

const INT32_MAX = 0x7fffffff;

/** The round was stopped (shutdown, the log closed or changed under it); nothing was swapped in. */
export class CleaningAbortedError extends Error {
  constructor(message = 'log cleaning aborted') {
    super(message);
    this.name = 'CleaningAbortedError';
  }
}

export interface CleanerSettings {
  /** Memory of the offset map (Kafka: log.cleaner.dedupe.buffer.size / log.cleaner.threads). */
  dedupeBufferSize: number;
  /** log.cleaner.io.buffer.load.factor: how full the offset map may get. */
  loadFactor: number;
  /** Bytes read (and written) per step (Kafka: log.cleaner.io.buffer.size / threads / 2). */
  ioBufferSize: number;
}

/** The part of the log a round cleans (Kafka's LogToClean, offsets only). */
export interface CleaningRange {
  log: PartitionLog;
  firstDirtyOffset: number;
  /** Segment-aligned upper bound: nothing at or past it is touched. */
  firstUncleanableOffset: number;
}

export interface CleanerOptions {
  /** Wall clock (ms) for delete horizons. */
  now?: () => number;
  /** Throws CleaningAbortedError when the round must stop; called between steps. */
  checkDone?: (log: PartitionLog) => void;
  /** Tests: stop as a crash would at this point of the first group's swap. */
  crashAt?: 'after-cleaned' | SwapCrashPoint;
}

export class Cleaner {
  private readonly now: () => number;
  private readonly checkDone: (log: PartitionLog) => void;
  /** Hands the event loop back to produce and fetch every couple of milliseconds of work. */
  private readonly yielder = new Yielder();

  constructor(
    private readonly settings: CleanerSettings,
    private readonly opts: CleanerOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.checkDone = opts.checkDone ?? (() => undefined);
  }

  /** Cleans the range; returns the first offset not cleaned (the next checkpoint) and the stats. */
  async clean(range: CleaningRange): Promise<{ endOffset: number; stats: CleanerStats }> {
    const { log, firstDirtyOffset, firstUncleanableOffset } = range;
    const currentTime = this.now();
    const stats = new CleanerStats();
    const map = await this.buildOffsetMap(log, firstDirtyOffset, firstUncleanableOffset, stats);
    // Kafka's lastRecordsOfActiveProducers: each producer's last data batch survives cleaning.
    const lastOffsetOfActiveProducers = new Map<number, number>();
    for (const [producerId, entry] of log.producerState.producers) if (entry.lastDataOffset >= 0) lastOffsetOfActiveProducers.set(producerId, entry.lastDataOffset);
    const endOffset = map.latestOffset + 1;
    stats.indexDone();

    const config = log.logConfig;
    const groups = groupSegmentsBySize(
      segmentsInRange(log.segmentsForCleaner, 0, endOffset),
      config.segmentBytes,
      config.segmentIndexBytes,
      firstUncleanableOffset,
      config.indexIntervalBytes,
    );
    for (const group of groups) await this.cleanSegments(log, group, map, currentTime, stats, firstUncleanableOffset, lastOffsetOfActiveProducers);
    // Against the configured buffer, as Kafka reports it (this map may have been allocated smaller).
    stats.bufferUtilization = map.size / OffsetMap.slotsFor(this.settings.dedupeBufferSize);
    stats.allDone();
    return { endOffset, stats };
  }

  /**
   * Kafka's buildOffsetMap: keys of [start, end) -> latest offset, segment by segment, until the
   * map holds loadFactor of its slots (then the round cleans only up to where the map got).
   */
  private async buildOffsetMap(log: PartitionLog, start: number, end: number, stats: CleanerStats): Promise<OffsetMap> {
    // The map never needs more slots than the dirty section has offsets.
    const memory = Math.min(this.settings.dedupeBufferSize, OffsetMap.memoryFor(Math.max(0, end - start), this.settings.loadFactor));
    const map = new OffsetMap(memory);
    const maxDesiredMapSize = Math.floor(map.slots * this.settings.loadFactor);
    const dirty = segmentsInRange(log.segmentsForCleaner, start, end);
    // Records of aborted transactions never enter the map (Kafka's buildOffsetMap).
    const txn = new CleanedTransactionMetadata(log.collectAbortedTransactions(start, end));
    for (let i = 0; i < dirty.length; i++) {
      this.checkDone(log);
      const nextSegmentStart = i + 1 < dirty.length ? dirty[i + 1]!.baseOffset : end;
      const full = await this.mapSegment(log, dirty[i]!, map, start, nextSegmentStart, maxDesiredMapSize, stats, txn);
      if (full) break;
    }
    return map;
  }

  /** Adds one segment's keys to the map; true when the map filled up part-way. */
  private async mapSegment(
    log: PartitionLog,
    segment: LogSegment,
    map: OffsetMap,
    startOffset: number,
    nextSegmentStart: number,
    maxDesiredMapSize: number,
    stats: CleanerStats,
    txn: CleanedTransactionMetadata,
  ): Promise<boolean> {
    segment.ensureIndexes(log.logConfig.indexIntervalBytes);
    const from = segment.offsetIndex.lookup(startOffset).position;
    const handle = await openForCleaning(segment.logPath);
    if (handle === null) throw new CleaningAbortedError(`segment ${segment.logPath} is gone`);
    try {
      for await (const { bytes } of readBatchesAsync(handle, from, segment.size, this.settings.ioBufferSize)) {
        await this.yielder.maybeYield();
        this.checkDone(log);
        const facts = batchFacts(bytes);
        let aborted = false;
        if (facts.isControl) txn.onControlBatchRead(facts.producerId, markerIsAbort(bytes), facts.lastOffset);
        else aborted = txn.onBatchRead(facts.producerId, facts.isTransactional, facts.lastOffset);
        if (!facts.isControl && !aborted) {
          const records = await recordsArea(bytes, facts);
          const complete = scanRecords(records, facts, ({ offset, key }) => {
            if (key !== null && offset >= startOffset) {
              if (map.size >= maxDesiredMapSize) return false;
              map.put(hashKey(key), offset);
            }
            stats.mapMessagesRead++;
            return true;
          });
          if (!complete) return true;
        }
        if (facts.lastOffset >= startOffset) map.updateLatestOffset(facts.lastOffset);
        stats.mapBytesRead += bytes.length;
      }
    } finally {
      await handle.close();
    }
    // Offsets in a gap at the segment's end count as mapped too.
    map.updateLatestOffset(nextSegmentStart - 1);
    return false;
  }

  /** Kafka's cleanSegments: the group's retained batches into one `.cleaned` segment, then the swap. */
  private async cleanSegments(
    log: PartitionLog,
    group: LogSegment[],
    map: OffsetMap,
    now: number,
    stats: CleanerStats,
    upperBoundOffsetOfRound: number,
    lastOffsetOfActiveProducers: ReadonlyMap<number, number>,
  ): Promise<void> {
    const config = log.logConfig;
    const cleaned = await CleanedSegment.create(log.dir, group[0]!.baseOffset, config.indexIntervalBytes);
    try {
      const txn = new CleanedTransactionMetadata(log.collectAbortedTransactions(group[0]!.baseOffset, upperBoundOffsetOfRound));
      const ctx = { map, now, deleteRetentionMs: config.deleteRetentionMs, upperBoundOffsetOfRound, txn, lastOffsetOfActiveProducers };
      for (const segment of group) {
        const handle = await openForCleaning(segment.logPath);
        if (handle === null) throw new CleaningAbortedError(`segment ${segment.logPath} is gone`);
        try {
          let pending: Buffer[] = [];
          let pendingBytes = 0;
          for await (const { bytes } of readBatchesAsync(handle, 0, segment.size, this.settings.ioBufferSize)) {
            await this.yielder.maybeYield();
            this.checkDone(log);
            const result = await filterBatch(bytes, ctx);
            stats.bytesRead += bytes.length;
            stats.messagesRead += result.recordsRead;
            stats.invalidMessagesRead += result.invalidRecords;
            if (result.output === null) continue;
            stats.bytesWritten += result.output.length;
            stats.messagesWritten += result.recordsRetained;
            pending.push(result.output);
            pendingBytes += result.output.length;
            if (pendingBytes >= this.settings.ioBufferSize) {
              await cleaned.append(pending);
              pending = [];
              pendingBytes = 0;
            }
          }
          await cleaned.append(pending);
        } finally {
          await handle.close();
        }
      }
      // The ABORT markers kept keep their `.txnindex` entries, now in the cleaned segment.
      await cleaned.finish(lastModifiedOrAbort(group[group.length - 1]!), txn.retainedAborted);
      if (this.opts.crashAt === 'after-cleaned') throw new SimulatedCrash(this.opts.crashAt);
      this.checkDone(log);
      const swapped = log.replaceSegments(group, (markOldDeleted) =>
        installCleanedSegment(log.dir, cleaned.baseOffset, markOldDeleted, this.now(), log.descriptors, this.opts.crashAt === 'after-cleaned' ? undefined : this.opts.crashAt),
      );
      if (!swapped) throw new CleaningAbortedError(`the segments of ${log.topic}-${log.partition} changed during cleaning`);
      await fsyncDirAsync(log.dir);
    } catch (err) {
      // A simulated crash leaves the files exactly as a real one would.
      if (!(err instanceof SimulatedCrash)) await cleaned.discard();
      throw err;
    }
  }
}

/**
 * Kafka's groupSegmentsBySize: consecutive segments whose summed log size stays within
 * segment.bytes and whose summed index sizes stay within segment.index.bytes, and whose offsets
 * fit in one segment's 32-bit relative offsets, are cleaned into one segment.
 */
export function groupSegmentsBySize(segments: LogSegment[], maxSize: number, maxIndexSize: number, firstUncleanableOffset: number, indexIntervalBytes: number): LogSegment[][] {
  const indexSizes = (s: LogSegment) => {
    s.ensureIndexes(indexIntervalBytes);
    return { offsets: s.offsetIndex.entries * OFFSET_INDEX_ENTRY_SIZE, times: s.timeIndex.entries * TIME_INDEX_ENTRY_SIZE };
  };
  const groups: LogSegment[][] = [];
  let i = 0;
  while (i < segments.length) {
    const group = [segments[i]!];
    let logSize = segments[i]!.size;
    let { offsets: indexSize, times: timeIndexSize } = indexSizes(segments[i]!);
    i++;
    while (i < segments.length) {
      const next = segments[i]!;
      const sizes = indexSizes(next);
      // The last offset the next segment can hold: the one before its successor (or the bound).
      const lastOffsetOfNext = i + 1 < segments.length ? segments[i + 1]!.baseOffset - 1 : firstUncleanableOffset - 1;
      const fits =
        logSize + next.size <= maxSize &&
        indexSize + sizes.offsets <= maxIndexSize &&
        timeIndexSize + sizes.times <= maxIndexSize &&
        (next.size === 0 || lastOffsetOfNext - group[0]!.baseOffset <= INT32_MAX);
      if (!fits) break;
      group.push(next);
      logSize += next.size;
      indexSize += sizes.offsets;
      timeIndexSize += sizes.times;
      i++;
    }
    groups.push(group);
  }
  return groups;
}

/** The segment's mtime; a segment retention renamed away meanwhile ends the round. */
function lastModifiedOrAbort(segment: LogSegment): number {
  try {
    return lastModified(segment);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new CleaningAbortedError(`segment ${segment.logPath} is gone`);
    throw err;
  }
}

/** Makes the final renames of a swap durable without blocking the event loop. */
async function fsyncDirAsync(dir: string): Promise<void> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(dir, 'r');
  } catch {
    return; // the log was deleted meanwhile
  }
  try {
    await handle.sync();
  } catch {
    // some filesystems refuse directory fsync; Kafka ignores that too
  } finally {
    await handle.close();
  }
}
