// The findings DumpLogSegments collects while dumping and reports on stderr after all files:
// index entries that disagree with the log, time index problems, non-consecutive offsets.
import { javaAbsolutePath } from './java.js';

type Pairs = Map<string, Array<[bigint, bigint]>>;

/** Per absolute .index path: [index offset, log offset] pairs that disagree, in discovery order. */
export type IndexMismatches = Pairs;

/** Appends a pair to a file's list. */
export function recordPair(map: Pairs, file: string, pair: [bigint, bigint]): void {
  const key = javaAbsolutePath(file);
  let pairs = map.get(key);
  if (pairs === undefined) map.set(key, (pairs = []));
  pairs.push(pair);
}

/** Per absolute .log path: [previous, next] offsets that do not follow each other, in discovery order. */
export type NonConsecutiveOffsets = Pairs;

/** What verifying time indexes found, per absolute .timeindex path, in discovery order. */
export class TimeIndexDumpErrors {
  readonly mismatches: Pairs = new Map();
  readonly outOfOrder: Pairs = new Map();
  readonly shallowOffsetNotFound: Pairs = new Map();

  /** TimeIndexDumpErrors.printErrors, as stderr lines. */
  lines(): string[] {
    const lines: string[] = [];
    for (const [file, pairs] of this.mismatches) {
      lines.push(`Found timestamp mismatch in :${file}`, ...pairs.map(([i, l]) => `  Index timestamp: ${i}, log timestamp: ${l}`));
    }
    for (const [file, pairs] of this.outOfOrder) {
      lines.push(`Found out of order timestamp in :${file}`, ...pairs.map(([i, p]) => `  Index timestamp: ${i}, Previously indexed timestamp: ${p}`));
    }
    for (const pairs of this.shallowOffsetNotFound.values()) {
      lines.push('The following indexed offsets are not found in the log.', ...pairs.map(([i, l]) => `Indexed offset: ${i}, found log offset: ${l}`));
    }
    return lines;
  }
}

/**
 * Every report, in Kafka's order. Kafka prepends index mismatches and offset gaps to immutable
 * lists, so those come out newest first; time index findings in discovery order.
 */
export function verificationReport(mismatches: IndexMismatches, timeIndexErrors: TimeIndexDumpErrors, nonConsecutive: NonConsecutiveOffsets): string[] {
  const lines: string[] = [];
  for (const [file, pairs] of mismatches) {
    lines.push(`Mismatches in :${file}`, ...[...pairs].reverse().map(([i, l]) => `  Index offset: ${i}, log offset: ${l}`));
  }
  lines.push(...timeIndexErrors.lines());
  for (const [file, pairs] of nonConsecutive) {
    lines.push(`Non-consecutive offsets in ${file}`, ...[...pairs].reverse().map(([a, b]) => `  ${a} is followed by ${b}`));
  }
  return lines;
}
