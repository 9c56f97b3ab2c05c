// Read-side searches over a partition's ordered segments: fetch reads and the ListOffsets
// timestamp lookups. Each narrows the search with the segment indexes, then walks batch headers.
import { lastOffsetAt } from '../../storage/batch-header.js';
import { LogWalk, WALK_BATCH } from '../../storage/log-walk.js';
import { firstRecordAtOrAfter, offsetOfMaxTimestampInBatch, type RecordsDecompressor, type RecordTimestamp } from './record-timestamps.js';
import { acquireReadBuffer } from './read-buffers.js';
import type { LogSegment } from './segment.js';

/** Index of the segment with the greatest base offset <= offset (0 if none). */
export function floorSegmentIndex(segments: readonly LogSegment[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (segments[mid]!.baseOffset <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * Whole batches from the batch holding `offset` (or the next one, after a gap), within maxBytes
 * (or the first batch alone when it is larger and minOneBatch), stopping before the first batch
 * whose last offset reaches maxOffset. One (pooled, see read-buffers.ts) buffer and one pread per
 * segment touched.
 * The caller has checked that offset lies in [logStartOffset, logEndOffset).
 */
export function readBatches(segments: readonly LogSegment[], offset: number, maxBytes: number, minOneBatch: boolean, maxOffset: number, indexIntervalBytes: number): Buffer {
  let i = floorSegmentIndex(segments, offset);
  let start = null;
  for (; i < segments.length; i++) {
    start = segments[i]!.locate(offset, indexIntervalBytes);
    if (start !== null) break;
  }
  if (start === null || start.lastOffset >= maxOffset) return Buffer.alloc(0);

  const budget = minOneBatch ? Math.max(maxBytes, start.size) : maxBytes;
  if (start.size > budget) return Buffer.alloc(0);
  let available = segments[i]!.size - start.position;
  for (let j = i + 1; j < segments.length && available < budget; j++) available += segments[j]!.size;
  const total = Math.min(budget, available);

  const buf = acquireReadBuffer(total);
  let filled = 0;
  let position = start.position;
  for (let j = i; j < segments.length && filled < total; j++) {
    const segment = segments[j]!;
    const length = Math.min(total - filled, segment.size - position);
    if (length > 0) filled += segment.readInto(buf, filled, position, length);
    position = 0;
  }
  return buf.subarray(0, wholeBatchesLength(buf, filled, maxOffset));
}

/** Length of the whole batches at the start of buf[0, filled) whose last offset is below maxOffset. */
function wholeBatchesLength(buf: Buffer, filled: number, maxOffset: number): number {
  const walk = LogWalk.overBuffer(buf, filled);
  while (walk.advance() === WALK_BATCH) {
    if (maxOffset !== Infinity && lastOffsetAt(buf, walk.position) >= maxOffset) break;
  }
  // Where the walk stopped: after the last whole batch, or at the first one not taken.
  return walk.position;
}

/**
 * Kafka's fetchOffsetByTimestamp: the first record at or after startOffset whose timestamp is
 * >= `timestamp`, via the first segment whose largest timestamp qualifies, its time index, its
 * offset index, then a forward scan of batch headers. Null when no record qualifies.
 */
export function findOffsetForTimestamp(
  segments: readonly LogSegment[],
  timestamp: number,
  startOffset: number,
  indexIntervalBytes: number,
  decompress: RecordsDecompressor | undefined,
): RecordTimestamp | null {
  for (let i = floorSegmentIndex(segments, startOffset); i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.maxTimestampSoFar(indexIntervalBytes).timestamp < timestamp) continue;
    const fromOffset = Math.max(segment.timeIndex.lookup(timestamp).offset, startOffset);
    const cursor = segment.cursor(segment.offsetIndex.lookup(fromOffset).position);
    while (cursor.next()) {
      if (cursor.maxTimestamp < timestamp || cursor.lastOffset < startOffset) continue;
      const found = firstRecordAtOrAfter(readBatch(segment, cursor.position, cursor.size), timestamp, startOffset, decompress);
      if (found) return found;
    }
  }
  return null;
}

/**
 * ListOffsets MAX_TIMESTAMP (-3): the record holding the largest timestamp (in the first segment
 * and batch that have it), with that timestamp. Null for an empty log.
 */
export function findOffsetOfMaxTimestamp(
  segments: readonly LogSegment[],
  indexIntervalBytes: number,
  decompress: RecordsDecompressor | undefined,
): RecordTimestamp | null {
  let best: LogSegment | null = null;
  let bestTimestamp = -Infinity;
  let bestOffset = 0;
  for (const segment of segments) {
    const max = segment.maxTimestampSoFar(indexIntervalBytes);
    if (max.timestamp > bestTimestamp) {
      best = segment;
      bestTimestamp = max.timestamp;
      bestOffset = max.offset;
    }
  }
  if (best === null) return null;
  const cursor = best.cursor(best.offsetIndex.lookup(bestOffset).position);
  while (cursor.next()) {
    if (cursor.maxTimestamp !== bestTimestamp) continue;
    const batch = readBatch(best, cursor.position, cursor.size);
    return { offset: offsetOfMaxTimestampInBatch(batch, decompress), timestamp: bestTimestamp };
  }
  return null;
}

function readBatch(segment: LogSegment, position: number, size: number): Buffer {
  const batch = Buffer.allocUnsafe(size);
  return batch.subarray(0, segment.readInto(batch, 0, position, size));
}
