// Kafka's crash-safe segment replacement, both halves:
// - installCleanedSegment (run inside PartitionLog.replaceSegments): rename the fsynced
//   `.cleaned` files to `.swap` (the commit point: from here a restart finishes the swap), rename
//   the replaced segments' files to `.deleted`, rename the `.swap` files to the live names.
// - completeInterruptedSwaps (run when a partition is loaded, Kafka's LogLoader): drop `.cleaned`
//   leftovers, then for each `<base>.log.swap` delete the live segment files whose base offset
//   lies in [base, the swap's next offset) and rename the `.swap` files to the live names.
import fs from 'node:fs';
import { join } from 'node:path';
import { fsyncDir } from '../../../storage/file-io.js';
import {
  CLEANED_SUFFIX,
  INDEX_SUFFIX,
  LOG_SUFFIX,
  SWAP_SUFFIX,
  TIME_INDEX_SUFFIX,
  TXN_INDEX_SUFFIX,
  segmentBaseName,
  parseSegmentFileName,
  segmentFilePaths,
} from '../../../storage/file-names.js';
import { BatchCursor } from '../../../storage/log-cursor.js';
import type { DescriptorPool } from '../descriptor-pool.js';
import { LogSegment } from '../segment.js';

/** Where a test may stop a swap as a crash would (the files stay as they are at that point). */
export type SwapCrashPoint = 'after-swap-rename' | 'after-old-deleted';

export class SimulatedCrash extends Error {
  constructor(readonly point: string) {
    super(`simulated crash ${point}`);
    this.name = 'SimulatedCrash';
  }
}

/**
 * Renames the segment's files from `from` to `to` suffix: the .log first, so an index carrying
 * the new suffix always has its .log beside it (a load then never pairs a new index with an old
 * .log). Index files that do not exist are skipped.
 */
function renameSegmentFiles(dir: string, base: number, from: string, to: string): void {
  const src = segmentFilePaths(dir, base, from);
  const dst = segmentFilePaths(dir, base, to);
  fs.renameSync(src.log, dst.log);
  const txnIndex = (suffix: string) => join(dir, `${segmentBaseName(base)}${TXN_INDEX_SUFFIX}${suffix}`);
  for (const [from_, to_] of [[src.index, dst.index], [src.timeIndex, dst.timeIndex], [txnIndex(from), txnIndex(to)]] as const) {
    try {
      fs.renameSync(from_, to_);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

/**
 * Swaps the cleaned segment `base` in: `.cleaned` -> `.swap` made durable (the commit point),
 * then `markOldDeleted()` (the replaced segments' files become `.deleted`), then `.swap` -> live
 * names. Returns the opened segment. `crashAt` stops at that point by throwing SimulatedCrash
 * (tests only).
 */
export function installCleanedSegment(dir: string, base: number, markOldDeleted: () => void, now: number, pool: DescriptorPool, crashAt?: SwapCrashPoint): LogSegment {
  renameSegmentFiles(dir, base, CLEANED_SUFFIX, SWAP_SUFFIX);
  fsyncDir(dir);
  if (crashAt === 'after-swap-rename') throw new SimulatedCrash(crashAt);
  markOldDeleted();
  if (crashAt === 'after-old-deleted') throw new SimulatedCrash(crashAt);
  // Not made durable here (the caller fsyncs the directory afterwards, off the swap): a crash
  // before that finds the `.swap` files and finishes the swap at load.
  renameSegmentFiles(dir, base, SWAP_SUFFIX, '');
  return LogSegment.open(dir, base, now, 0, pool);
}

const SEGMENT_SUFFIXES = [LOG_SUFFIX, INDEX_SUFFIX, TIME_INDEX_SUFFIX, TXN_INDEX_SUFFIX];

/** Base offset of a live segment file name (`.log`, `.index`, `.timeindex`), else undefined. */
function liveSegmentBase(name: string): number | undefined {
  for (const suffix of SEGMENT_SUFFIXES) {
    const base = parseSegmentFileName(name, suffix);
    if (base !== undefined) return base;
  }
  return undefined;
}

/** The offset after the last whole batch of a `.log` file (its base offset when empty). */
function nextOffsetOf(path: string, base: number): number {
  const fd = fs.openSync(path, 'r');
  try {
    const cursor = new BatchCursor(fd, 0, fs.fstatSync(fd).size);
    let next = base;
    while (cursor.next()) next = cursor.lastOffset + 1;
    return next;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Finishes a replacement a crash interrupted; see the file comment. `names` is the directory's
 * listing. Returns whether any file was renamed or deleted. `info` gets Kafka's log lines.
 */
export function completeInterruptedSwaps(dir: string, names: readonly string[], info: (message: string) => void = () => undefined): boolean {
  if (!names.some((n) => n.endsWith(CLEANED_SUFFIX) || n.endsWith(SWAP_SUFFIX))) return false;

  // A `.cleaned` file is an unfinished round: delete it. Kafka also deletes `.swap` files at or
  // past the smallest such base offset (they can only come from an interrupted segment split).
  let minCleanedBase = Infinity;
  for (const name of names) {
    if (!name.endsWith(CLEANED_SUFFIX)) continue;
    const base = liveSegmentBase(name.slice(0, -CLEANED_SUFFIX.length));
    if (base !== undefined) minCleanedBase = Math.min(minCleanedBase, base);
    fs.rmSync(join(dir, name), { force: true });
  }

  const swapLogBases = new Set<number>();
  for (const name of names) {
    const base = parseSegmentFileName(name.endsWith(SWAP_SUFFIX) ? name.slice(0, -SWAP_SUFFIX.length) : '', LOG_SUFFIX);
    if (base !== undefined && base < minCleanedBase) swapLogBases.add(base);
  }

  // The live files each swap replaces: base offsets in [swap base, swap next offset).
  const ranges: [number, number][] = [];
  for (const base of swapLogBases) {
    const path = segmentFilePaths(dir, base, SWAP_SUFFIX).log;
    info(`Found log file ${path} from interrupted swap operation, which is recoverable from ${SWAP_SUFFIX} files by renaming.`);
    ranges.push([base, nextOffsetOf(path, base)]);
  }
  for (const name of names) {
    const base = liveSegmentBase(name);
    if (base === undefined || !ranges.some(([from, to]) => base >= from && base < to)) continue;
    info(`Deleting segment files ${name} that is compacted but has not been deleted yet.`);
    fs.rmSync(join(dir, name), { force: true });
  }

  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith(SWAP_SUFFIX)) continue;
    const liveName = name.slice(0, -SWAP_SUFFIX.length);
    const base = liveSegmentBase(liveName);
    if (base !== undefined && swapLogBases.has(base)) {
      info(`Recovering file ${name} by renaming from ${SWAP_SUFFIX} files.`);
      fs.renameSync(join(dir, name), join(dir, liveName));
    } else {
      // An index swap without its .log swap, or a swap past an unfinished round.
      fs.rmSync(join(dir, name), { force: true });
    }
  }
  fsyncDir(dir);
  return true;
}
