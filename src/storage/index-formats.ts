// A segment's two sparse index files in Kafka's byte format: fixed-size big-endian entries, no
// header, no checksum (an index is rebuilt from its .log after an unclean shutdown).
//   .index      8 bytes per entry: relativeOffset int32, position int32 (Kafka's OffsetIndex)
//   .timeindex  12 bytes per entry: timestamp int64, relativeOffset int32 (Kafka's TimeIndex)
// Offsets are relative to the segment's base offset (the number in the file name). Entries are
// addressed by slot (entry number); the broker's indexes, the cleaner's rewritten segments and
// kt dump-log all read and write them through these functions.
import { readInt64Number, writeInt64Number } from '../protocol/records/int64.js';

export const OFFSET_INDEX_ENTRY_SIZE = 8;
export const TIME_INDEX_ENTRY_SIZE = 12;

/** Whole entries in an index file of `bytes` bytes (a torn trailing entry does not count). */
export function indexEntryCount(bytes: number, entrySize: number): number {
  return Math.floor(bytes / entrySize);
}

export function offsetIndexRelativeOffset(index: Buffer, slot: number): number {
  return index.readInt32BE(slot * OFFSET_INDEX_ENTRY_SIZE);
}

/** Byte position in the .log where a batch starts (scanning for the entry's offset starts there). */
export function offsetIndexPosition(index: Buffer, slot: number): number {
  return index.readInt32BE(slot * OFFSET_INDEX_ENTRY_SIZE + 4);
}

export function writeOffsetIndexEntry(index: Buffer, slot: number, relativeOffset: number, position: number): void {
  index.writeInt32BE(relativeOffset, slot * OFFSET_INDEX_ENTRY_SIZE);
  index.writeInt32BE(position, slot * OFFSET_INDEX_ENTRY_SIZE + 4);
}

/** A time-index timestamp as a number (exact within ±2^53, which any real timestamp is). */
export function timeIndexTimestamp(index: Buffer, slot: number): number {
  return readInt64Number(index, slot * TIME_INDEX_ENTRY_SIZE);
}

/** A time-index timestamp as the exact int64 stored (for tools that print whatever a file holds). */
export function timeIndexTimestampLong(index: Buffer, slot: number): bigint {
  return index.readBigInt64BE(slot * TIME_INDEX_ENTRY_SIZE);
}

export function timeIndexRelativeOffset(index: Buffer, slot: number): number {
  return index.readInt32BE(slot * TIME_INDEX_ENTRY_SIZE + 8);
}

export function writeTimeIndexEntry(index: Buffer, slot: number, timestamp: number, relativeOffset: number): void {
  writeInt64Number(index, timestamp, slot * TIME_INDEX_ENTRY_SIZE);
  index.writeInt32BE(relativeOffset, slot * TIME_INDEX_ENTRY_SIZE + 8);
}
