// ListOffsets v0 (Kafka 3.9's handleListOffsetRequestV0 and UnifiedLog.legacyFetchOffsetsBefore):
// not the offset of a record but up to maxNumOffsets segment boundaries. Each segment offers
// (its base offset, raised to the log start offset; its .log's modification time), and a
// non-empty active segment also (the log end offset, now). Latest (-1) starts from the last of
// these, earliest (-2) from the first, any other timestamp from the last one modified at or
// before it; the offsets go back from there, newest first. (Kafka also replaces offsets above the
// high watermark by it for consumers; a single node's high watermark is its log end offset.)

export interface SegmentTime {
  readonly baseOffset: number;
  readonly size: number;
  readonly lastModified: number;
}

const LATEST = -1;
const EARLIEST = -2;

/** The offsets, descending; null when maxNumOffsets is negative (Kafka fails on the negative array size). */
export function legacyOffsetsBefore(segments: readonly SegmentTime[], logStartOffset: number, logEndOffset: number, timestamp: number, maxNumOffsets: number, now: number): number[] | null {
  const candidates = segments.map((s) => ({ offset: Math.max(s.baseOffset, logStartOffset), time: s.lastModified }));
  if (segments.length > 0 && segments.at(-1)!.size > 0) candidates.push({ offset: logEndOffset, time: now });
  let start: number;
  if (timestamp === LATEST) start = candidates.length - 1;
  else if (timestamp === EARLIEST) start = 0;
  else {
    start = candidates.length - 1;
    while (start >= 0 && candidates[start]!.time > timestamp) start--;
  }
  const count = Math.min(maxNumOffsets, start + 1);
  if (count < 0) return null;
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) offsets.push(candidates[start - i]!.offset);
  return offsets.sort((a, b) => b - a);
}
