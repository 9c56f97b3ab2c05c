// DumpLogSegments.dumpIndex and dumpTimeIndex: the entries of a segment's .index / .timeindex,
// each checked against the segment's .log (the check's findings are reported after all files).
import { readFileSync } from 'node:fs';
import { INDEX_SUFFIX, LOG_SUFFIX } from '../../storage/file-names.js';
import {
  OFFSET_INDEX_ENTRY_SIZE,
  TIME_INDEX_ENTRY_SIZE,
  indexEntryCount,
  offsetIndexPosition,
  offsetIndexRelativeOffset,
  timeIndexRelativeOffset,
  timeIndexTimestampLong,
} from '../../storage/index-formats.js';
import { lastOffsetOf } from './batch.js';
import { FileRecords } from './file-records.js';
import { JavaException, javaAbsolutePath, javaFileName, javaIoException, offsetFromFileName } from './java.js';
import type { Printer } from './output.js';
import { recordPair, type IndexMismatches, type TimeIndexDumpErrors } from './reports.js';
import { recordsOf } from './records.js';

const INT_MAX = 2147483647;

export interface IndexDumpSettings {
  readonly indexSanityOnly: boolean;
  readonly verifyOnly: boolean;
}

/** A segment's files next to the given index: base offset, .log and .index paths. */
function segmentFiles(file: string): { baseOffset: bigint; log: string; index: string } {
  const name = javaFileName(file);
  const baseOffset = offsetFromFileName(name);
  // new File(file.getAbsoluteFile.getParent, ...): no normalisation of `.` or `..`.
  const absolute = javaAbsolutePath(file);
  const parent = absolute.slice(0, absolute.lastIndexOf('/'));
  const stem = `${parent}/${name.split('.')[0]}`;
  return { baseOffset, log: stem + LOG_SUFFIX, index: stem + INDEX_SUFFIX };
}

/**
 * An index file's bytes. Kafka opens a missing index by creating it, then rejects the size it is
 * given (-1); kt reports the same error without leaving an empty file behind.
 */
function readIndexFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new JavaException('java.lang.IllegalArgumentException', 'Invalid max index size: -1');
    throw javaIoException(e, path);
  }
}

function corruptIndex(message: string): JavaException {
  return new JavaException('org.apache.kafka.storage.internals.log.CorruptIndexException', message);
}

export async function dumpIndex(out: Printer, file: string, settings: IndexDumpSettings, maxMessageSize: number, mismatches: IndexMismatches): Promise<void> {
  const segment = segmentFiles(file);
  const log = FileRecords.open(segment.log);
  try {
    const index = readIndexFile(file);
    const entries = indexEntryCount(index.length, OFFSET_INDEX_ENTRY_SIZE);
    if (entries === 0) {
      out.println(`${file} is empty.`);
      return;
    }
    if (settings.indexSanityOnly) {
      offsetIndexSanityCheck(file, index, segment.baseOffset);
      out.println(`${file} passed sanity check.`);
      return;
    }
    for (let i = 0; i < entries; i++) {
      const offset = segment.baseOffset + BigInt(offsetIndexRelativeOffset(index, i));
      const position = offsetIndexPosition(index, i);
      // A pre-allocated index that was not trimmed ends in zero entries: stop at the first one.
      if (offset === segment.baseOffset && i > 0) return;
      const logOffset = firstBatchLastOffset(log, position, maxMessageSize);
      if (logOffset !== offset) recordPair(mismatches, file, [offset, logOffset]);
      if (!settings.verifyOnly) out.println(`offset: ${offset} position: ${position}`);
      await out.maybeFlush();
    }
  } finally {
    log.close();
  }
}

/** The last offset of the batch at `position`, which must fit in `maxMessageSize` bytes. */
function firstBatchLastOffset(log: FileRecords, position: number, maxMessageSize: number): bigint {
  const slice = log.slice(position, maxMessageSize);
  try {
    const batch = slice.batches(true).next();
    if (batch === null) throw new JavaException('java.util.NoSuchElementException');
    return lastOffsetOf(batch);
  } finally {
    slice.close();
  }
}

/** OffsetIndex.sanityCheck (the index is not empty here). */
function offsetIndexSanityCheck(file: string, index: Buffer, baseOffset: bigint): void {
  const entries = indexEntryCount(index.length, OFFSET_INDEX_ENTRY_SIZE);
  const lastOffset = baseOffset + BigInt(offsetIndexRelativeOffset(index, entries - 1));
  const path = javaAbsolutePath(file);
  if (lastOffset < baseOffset) {
    throw corruptIndex(`Corrupt index found, index file ${path} has non-zero size but the last offset is ${lastOffset} which is less than the base offset ${baseOffset}`);
  }
  if (index.length % OFFSET_INDEX_ENTRY_SIZE !== 0) {
    throw corruptIndex(`Index file ${path} is corrupt, found ${index.length} bytes which is neither positive nor a multiple of ${OFFSET_INDEX_ENTRY_SIZE}`);
  }
}

export async function dumpTimeIndex(out: Printer, file: string, settings: IndexDumpSettings, errors: TimeIndexDumpErrors): Promise<void> {
  const segment = segmentFiles(file);
  const log = FileRecords.open(segment.log);
  try {
    const offsetIndex = readIndexFile(segment.index);
    const timeIndex = readIndexFile(file);
    const entries = indexEntryCount(timeIndex.length, TIME_INDEX_ENTRY_SIZE);
    if (settings.indexSanityOnly) {
      timeIndexSanityCheck(file, timeIndex, segment.baseOffset);
      out.println(`${file} passed sanity check.`);
      return;
    }
    let prevTimestamp = -1n;
    for (let i = 0; i < entries; i++) {
      const timestamp = timeIndexTimestampLong(timeIndex, i);
      const offset = segment.baseOffset + BigInt(timeIndexRelativeOffset(timeIndex, i));
      if (offset === segment.baseOffset && i > 0) return;
      const found = batchEndingAtOrAfter(log, lookupPosition(offsetIndex, segment.baseOffset, offset), offset);
      if (found === null) recordPair(errors.shallowOffsetNotFound, file, [offset, -1n]);
      else if (found.lastOffset !== offset) recordPair(errors.shallowOffsetNotFound, file, [offset, found.lastOffset]);
      else {
        if (found.maxTimestamp !== timestamp) recordPair(errors.mismatches, file, [timestamp, found.maxTimestamp]);
        if (prevTimestamp >= timestamp) recordPair(errors.outOfOrder, file, [timestamp, prevTimestamp]);
      }
      if (!settings.verifyOnly) out.println(`timestamp: ${timestamp} offset: ${offset}`);
      prevTimestamp = timestamp;
      await out.maybeFlush();
    }
  } finally {
    log.close();
  }
}

/** OffsetIndex.lookup: the position of the largest indexed offset <= target (0 if none). */
function lookupPosition(index: Buffer, baseOffset: bigint, target: bigint): number {
  const entries = indexEntryCount(index.length, OFFSET_INDEX_ENTRY_SIZE);
  const offsetAt = (slot: number) => baseOffset + BigInt(offsetIndexRelativeOffset(index, slot));
  if (entries === 0 || offsetAt(0) > target) return 0;
  let lo = 0;
  let hi = entries - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (offsetAt(mid) > target) hi = mid - 1;
    else lo = mid;
  }
  return offsetIndexPosition(index, lo);
}

/**
 * The first batch from `position` whose last offset is >= `offset`, with the largest record
 * timestamp when it ends exactly there (Kafka iterates the records to find it).
 */
function batchEndingAtOrAfter(log: FileRecords, position: number, offset: bigint): { lastOffset: bigint; maxTimestamp: bigint } | null {
  const slice = log.slice(position, INT_MAX);
  try {
    const walker = slice.batches(true);
    for (let batch = walker.next(); batch !== null; batch = walker.next()) {
      const lastOffset = lastOffsetOf(batch);
      if (lastOffset < offset) continue;
      if (lastOffset !== offset) return { lastOffset, maxTimestamp: -1n };
      let maxTimestamp = -1n;
      for (const record of recordsOf(log.loadBatch(batch))) if (record.timestamp > maxTimestamp) maxTimestamp = record.timestamp;
      return { lastOffset, maxTimestamp };
    }
    return null;
  } finally {
    slice.close();
  }
}

/** TimeIndex.sanityCheck. */
function timeIndexSanityCheck(file: string, index: Buffer, baseOffset: bigint): void {
  const entries = indexEntryCount(index.length, TIME_INDEX_ENTRY_SIZE);
  const path = javaAbsolutePath(file);
  if (entries > 0) {
    const lastTimestamp = timeIndexTimestampLong(index, entries - 1);
    const lastOffset = baseOffset + BigInt(timeIndexRelativeOffset(index, entries - 1));
    const firstTimestamp = timeIndexTimestampLong(index, 0);
    if (lastTimestamp < firstTimestamp) {
      throw corruptIndex(
        `Corrupt time index found, time index file (${path}) has non-zero size but the last timestamp is ${lastTimestamp} which is less than the first timestamp ${firstTimestamp}`,
      );
    }
    if (lastOffset < baseOffset) {
      throw corruptIndex(`Corrupt time index found, time index file (${path}) has non-zero size but the last offset is ${lastOffset} which is less than the first offset ${baseOffset}`);
    }
  }
  if (index.length % TIME_INDEX_ENTRY_SIZE !== 0) {
    throw corruptIndex(`Time index file ${path} is corrupt, found ${index.length} bytes which is neither positive nor a multiple of ${TIME_INDEX_ENTRY_SIZE}`);
  }
}
