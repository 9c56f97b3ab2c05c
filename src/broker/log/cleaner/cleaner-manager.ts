// Which log to clean next (Kafka's LogCleanerManager.grabFilthiestCompactedLog, cleanableOffsets,
// maxCompactionDelay and LogToClean): among logs whose cleanup.policy has compact, the one with the
// highest dirty ratio, provided the ratio exceeds min.cleanable.dirty.ratio or a dirty record has
// waited longer than max.compaction.lag.ms.
import type { PartitionLog } from '../partition-log.js';
import type { CleaningRange } from './cleaner.js';
import { firstBatchTimestamp, largestTimestamp, nonActiveSegmentsFrom, segmentsInRange, sumSizes } from './segment-ranges.js';

/** A candidate log with Kafka's LogToClean numbers. */
export interface LogToClean extends CleaningRange {
  /** Bytes of the segments before the first dirty offset. */
  cleanBytes: number;
  /** Bytes of the segments from the first dirty offset to the first uncleanable one. */
  cleanableBytes: number;
  totalBytes: number;
  cleanableRatio: number;
  /** A dirty record is older than max.compaction.lag.ms. */
  needCompactionNow: boolean;
}

export interface OffsetsToClean {
  firstDirtyOffset: number;
  firstUncleanableDirtyOffset: number;
  /** The checkpoint was outside the log and must be rewritten with firstDirtyOffset. */
  forceUpdateCheckpoint: boolean;
}

/**
 * Kafka's cleanableOffsets: the dirty section starts at the checkpoint (or the log start offset
 * when it is missing or outside the log) and stops at the first of: the last stable offset (an
 * open transaction's records may still be aborted), the active segment, the first dirty segment
 * whose largest timestamp is younger than min.compaction.lag.ms.
 */
export function cleanableOffsets(log: PartitionLog, lastCleanOffset: number | undefined, now: number, warn: (message: string) => void): OffsetsToClean {
  const logStartOffset = log.logStartOffset;
  const checkpointDirtyOffset = lastCleanOffset ?? logStartOffset;
  let firstDirtyOffset = checkpointDirtyOffset;
  let forceUpdateCheckpoint = false;
  const name = `${log.topic}-${log.partition}`;
  if (checkpointDirtyOffset < logStartOffset) {
    if (!log.logConfig.cleanupDelete) {
      warn(`Resetting first dirty offset of ${name} to log start offset ${logStartOffset} since the checkpointed offset ${checkpointDirtyOffset} is invalid.`);
    }
    firstDirtyOffset = logStartOffset;
    forceUpdateCheckpoint = true;
  } else if (checkpointDirtyOffset > log.logEndOffset) {
    warn(
      `The last checkpoint dirty offset for partition ${name} is ${checkpointDirtyOffset}, which is larger than the log end offset ${log.logEndOffset}. Resetting to the log start offset ${logStartOffset}.`,
    );
    firstDirtyOffset = logStartOffset;
    forceUpdateCheckpoint = true;
  }

  const segments = log.segmentsForCleaner;
  // Kafka: nothing at or past the first unstable offset (an open transaction) is cleaned.
  let firstUncleanable = Math.min(log.lastStableOffset, segments[segments.length - 1]!.baseOffset);
  const minCompactionLagMs = Math.max(log.logConfig.minCompactionLagMs, 0);
  if (minCompactionLagMs > 0) {
    const interval = log.logConfig.indexIntervalBytes;
    const young = nonActiveSegmentsFrom(segments, firstDirtyOffset).find((s) => largestTimestamp(s, interval) > now - minCompactionLagMs);
    if (young) firstUncleanable = Math.min(firstUncleanable, young.baseOffset);
  }
  return { firstDirtyOffset, firstUncleanableDirtyOffset: Math.max(firstDirtyOffset, firstUncleanable), forceUpdateCheckpoint };
}

/** Kafka's maxCompactionDelay: how far past max.compaction.lag.ms the oldest dirty batch is (0 if not). */
export function maxCompactionDelay(log: PartitionLog, firstDirtyOffset: number, now: number): number {
  const maxCompactionLagMs = Math.max(log.logConfig.maxCompactionLagMs, 0);
  if (maxCompactionLagMs === Infinity) return 0;
  let earliest = Infinity;
  for (const segment of nonActiveSegmentsFrom(log.segmentsForCleaner, firstDirtyOffset)) {
    const timestamp = firstBatchTimestamp(segment);
    if (timestamp > 0 && timestamp < earliest) earliest = timestamp;
  }
  const cleanUntilTime = now - maxCompactionLagMs;
  return earliest < cleanUntilTime ? cleanUntilTime - earliest : 0;
}

/** Kafka's LogToClean: byte counts, with the uncleanable offset moved to its segment's base. */
export function logToClean(log: PartitionLog, firstDirtyOffset: number, uncleanableOffset: number, needCompactionNow: boolean): LogToClean {
  const segments = log.segmentsForCleaner;
  const cleanBytes = sumSizes(segmentsInRange(segments, -1, firstDirtyOffset));
  const nonActive = nonActiveSegmentsFrom(segments, uncleanableOffset);
  const firstUncleanableOffset = (nonActive[0] ?? segments[segments.length - 1]!).baseOffset;
  const cleanableBytes = sumSizes(segmentsInRange(segments, Math.min(firstDirtyOffset, firstUncleanableOffset), firstUncleanableOffset));
  const totalBytes = cleanBytes + cleanableBytes;
  return {
    log,
    firstDirtyOffset,
    firstUncleanableOffset,
    cleanBytes,
    cleanableBytes,
    totalBytes,
    cleanableRatio: totalBytes === 0 ? 0 : cleanableBytes / totalBytes,
    needCompactionNow,
  };
}

export interface GrabOptions {
  logs: readonly PartitionLog[];
  now: number;
  /** The checkpointed first dirty offset of a log. */
  lastCleanOffset: (log: PartitionLog) => number | undefined;
  /** Rewrites a checkpoint found outside its log. */
  forceCheckpoint: (log: PartitionLog, offset: number) => void;
  /** Logs to leave alone (marked uncleanable after an error). */
  skip: (log: PartitionLog) => boolean;
  warn: (message: string) => void;
}

/** The log to clean now, or null. */
export function grabFilthiestCompactedLog(opts: GrabOptions): LogToClean | null {
  let filthiest: LogToClean | null = null;
  for (const log of opts.logs) {
    if (!log.logConfig.cleanupCompact || log.isClosed || opts.skip(log)) continue;
    const offsets = cleanableOffsets(log, opts.lastCleanOffset(log), opts.now, opts.warn);
    if (offsets.forceUpdateCheckpoint) opts.forceCheckpoint(log, offsets.firstDirtyOffset);
    const needNow = maxCompactionDelay(log, offsets.firstDirtyOffset, opts.now) > 0;
    const candidate = logToClean(log, offsets.firstDirtyOffset, offsets.firstUncleanableDirtyOffset, needNow);
    if (candidate.totalBytes <= 0) continue;
    const cleanable = (candidate.needCompactionNow && candidate.cleanableBytes > 0) || candidate.cleanableRatio > log.logConfig.minCleanableDirtyRatio;
    if (cleanable && (filthiest === null || candidate.cleanableRatio > filthiest.cleanableRatio)) filthiest = candidate;
  }
  return filthiest;
}
