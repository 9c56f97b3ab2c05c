// Segment selections and per-segment facts the cleaner reads (Kafka's UnifiedLog.logSegments,
// nonActiveLogSegmentsFrom, LogSegment.largestTimestamp / lastModified / getFirstBatchTimestamp).
import fs from 'node:fs';
import { BATCH_HEADER_SIZE, maxTimestampAt } from '../../../storage/batch-header.js';
import { floorSegmentIndex } from '../segment-search.js';
import type { LogSegment } from '../segment.js';

/** Segments overlapping [from, to): from the one holding `from` up to those starting before `to`. */
export function segmentsInRange(segments: readonly LogSegment[], from: number, to: number): LogSegment[] {
  const out: LogSegment[] = [];
  for (let i = floorSegmentIndex(segments, from); i < segments.length && segments[i]!.baseOffset < to; i++) out.push(segments[i]!);
  return out;
}

/** Segments from the one holding `from`, without the active (last) segment. */
export function nonActiveSegmentsFrom(segments: readonly LogSegment[], from: number): LogSegment[] {
  const out: LogSegment[] = [];
  for (let i = floorSegmentIndex(segments, from); i < segments.length - 1; i++) out.push(segments[i]!);
  return out;
}

/** The .log's modification time (ms). */
export function lastModified(segment: LogSegment): number {
  return Math.floor(fs.statSync(segment.logPath).mtimeMs);
}

/** The largest record timestamp in the segment, or its last-modified time when none has one. */
export function largestTimestamp(segment: LogSegment, indexIntervalBytes: number): number {
  const max = segment.maxTimestampSoFar(indexIntervalBytes).timestamp;
  return max >= 0 ? max : lastModified(segment);
}

/** maxTimestamp of the segment's first batch; Infinity when it has none (Kafka: Long.MAX_VALUE). */
export function firstBatchTimestamp(segment: LogSegment): number {
  if (segment.size < BATCH_HEADER_SIZE) return Infinity;
  const header = Buffer.allocUnsafe(BATCH_HEADER_SIZE);
  if (segment.readInto(header, 0, 0, BATCH_HEADER_SIZE) < BATCH_HEADER_SIZE) return Infinity;
  const timestamp = maxTimestampAt(header);
  return timestamp >= 0 ? timestamp : Infinity;
}

export function sumSizes(segments: readonly LogSegment[]): number {
  let total = 0;
  for (const segment of segments) total += segment.size;
  return total;
}
