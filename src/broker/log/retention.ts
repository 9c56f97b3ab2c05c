// Which segments retention may delete (Kafka's UnifiedLog.deleteOldSegments and its three
// conditions), as pure functions over the segment list; PartitionLog carries the deletion out.
//
// Kafka's rules, followed exactly:
//   - Segments are considered oldest first and the walk stops at the first one that must stay.
//   - A segment holding offsets at or past the high watermark never goes (a single node's high
//     watermark is the log end offset, so this only guards the invariant).
//   - An empty last (active) segment never goes; a non-empty one may: the log then rolls a new
//     empty segment first, so that one always remains.
//   - delete policy: log start offset breach, then retention.bytes, then retention.ms.
//     Otherwise (compact only, or no policy): only the log start offset breach (DeleteRecords).
import type { LogSegment } from './segment.js';

export interface RetentionRule {
  /** Whether `segment` may go, given the segment after it (undefined for the last one). */
  shouldDelete(segment: LogSegment, next: LogSegment | undefined): boolean;
  /** Kafka's INFO lines for the segments chosen; `logSize` is the log's size before they go. */
  reasons(toDelete: readonly LogSegment[], logSize: number): string[];
}

/** Kafka's deletableSegments: the oldest segments, in order, that `rule` lets go. */
export function deletableSegments(segments: readonly LogSegment[], highWatermark: number, logEndOffset: number, rule: RetentionRule): LogSegment[] {
  const deletable: LogSegment[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const next = segments[i + 1];
    const isLastAndEmpty = next === undefined && segment.size === 0;
    const upperBoundOffset = next?.baseOffset ?? logEndOffset;
    if (isLastAndEmpty || highWatermark < upperBoundOffset || !rule.shouldDelete(segment, next)) break;
    deletable.push(segment);
  }
  return deletable;
}

/** Segments wholly below the log start offset (raised by DeleteRecords). */
export function logStartOffsetBreach(logStartOffset: number): RetentionRule {
  return {
    shouldDelete: (_segment, next) => next !== undefined && next.baseOffset <= logStartOffset,
    reasons: (toDelete) => [`Deleting segments due to log start offset ${logStartOffset} breach: ${toDelete.map((s) => s.describe()).join(',')}`],
  };
}

/**
 * retention.bytes: oldest whole segments while the log stays at or above the limit without them.
 * Null when the limit is off or not reached.
 */
export function retentionSizeBreach(retentionBytes: number, logSize: number): RetentionRule | null {
  if (!Number.isFinite(retentionBytes) || retentionBytes < 0 || logSize < retentionBytes) return null;
  let excess = logSize - retentionBytes;
  return {
    shouldDelete(segment) {
      if (excess - segment.size < 0) return false;
      excess -= segment.size;
      return true;
    },
    reasons(toDelete, sizeBefore) {
      let size = sizeBefore;
      return toDelete.map((segment) => {
        size -= segment.size;
        return `Deleting segment ${segment.describe()} due to log retention size ${retentionBytes} breach. Log size after deletion will be ${size}.`;
      });
    },
  };
}

/**
 * retention.ms: segments whose largest timestamp (or last-modified time, without timestamps) is
 * more than retention.ms before `now`. A segment with a future timestamp stays, with a warning.
 * Null when retention.ms is off.
 */
export function retentionTimeBreach(retentionMs: number, now: number, indexIntervalBytes: number, warn: (message: string) => void): RetentionRule | null {
  if (!Number.isFinite(retentionMs) || retentionMs < 0) return null;
  return {
    shouldDelete(segment) {
      const largest = segment.largestTimestamp(indexIntervalBytes);
      if (now < largest) warn(`${segment.describe()} contains future timestamp(s), making it ineligible to be deleted`);
      return now - largest > retentionMs;
    },
    reasons: (toDelete) =>
      toDelete.map((segment) => {
        const basis = segment.maxTimestampSoFar(indexIntervalBytes).timestamp >= 0 ? 'the largest record timestamp in the segment' : 'the last modified time of the segment';
        return `Deleting segment ${segment.describe()} due to log retention time ${retentionMs}ms breach based on ${basis}`;
      }),
  };
}
