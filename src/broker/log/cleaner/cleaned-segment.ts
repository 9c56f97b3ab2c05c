// The replacement segment a cleaning group is written into: `<base>.log.cleaned` plus its
// `.index.cleaned` and `.timeindex.cleaned` (Kafka's createNewCleanedSegment). Batches are
// appended asynchronously; the sparse indexes follow the rule recovery uses (an entry when more
// than index.interval.bytes were written since the last one) and the time index ends with the
// segment's largest timestamp, as a rolled segment's does.
import fs from 'node:fs';
import { lastOffsetAt, maxTimestampAt } from '../../../storage/batch-header.js';
import { CLEANED_SUFFIX, TXN_INDEX_SUFFIX, segmentFile, segmentFilePaths } from '../../../storage/file-names.js';
import { encodeAbortedTxn } from '../../../storage/transaction-index.js';
import type { AbortedTxn } from '../txn-index.js';
import { OFFSET_INDEX_ENTRY_SIZE, TIME_INDEX_ENTRY_SIZE, writeOffsetIndexEntry, writeTimeIndexEntry } from '../../../storage/index-formats.js';

export class CleanedSegment {
  private size = 0;
  private lastIndexedPosition = 0;
  private maxTimestamp = -1;
  private offsetOfMaxTimestamp: number;
  /** Index entries in Kafka's file formats, written asynchronously by finish(). */
  private readonly offsetEntries: number[] = []; // relative offset, position, ...
  private readonly timeEntries: number[] = []; // timestamp, relative offset, ...

  private constructor(
    readonly dir: string,
    readonly baseOffset: number,
    private handle: fs.promises.FileHandle | null,
    private readonly indexIntervalBytes: number,
  ) {
    this.offsetOfMaxTimestamp = baseOffset;
  }

  /** Creates (or truncates a leftover) `<base>.log.cleaned`. */
  static async create(dir: string, baseOffset: number, indexIntervalBytes: number): Promise<CleanedSegment> {
    const handle = await fs.promises.open(segmentFilePaths(dir, baseOffset, CLEANED_SUFFIX).log, 'w', 0o644);
    return new CleanedSegment(dir, baseOffset, handle, indexIntervalBytes);
  }

  get sizeInBytes(): number {
    return this.size;
  }

  /** Appends whole batches (offsets increasing) with one write. */
  async append(batches: readonly Buffer[]): Promise<void> {
    if (batches.length === 0) return;
    let position = this.size;
    for (const batch of batches) {
      const lastOffset = lastOffsetAt(batch);
      const batchMaxTimestamp = maxTimestampAt(batch);
      if (batchMaxTimestamp > this.maxTimestamp) {
        this.maxTimestamp = batchMaxTimestamp;
        this.offsetOfMaxTimestamp = lastOffset;
      }
      if (position - this.lastIndexedPosition > this.indexIntervalBytes) {
        this.offsetEntries.push(lastOffset - this.baseOffset, position);
        this.maybeAddTimeEntry();
        this.lastIndexedPosition = position;
      }
      position += batch.length;
    }
    const bytes = batches.length === 1 ? batches[0]! : Buffer.concat(batches);
    let done = 0;
    while (done < bytes.length) done += (await this.handle!.write(bytes, done, bytes.length - done, this.size + done)).bytesWritten;
    this.size = position;
  }

  /**
   * fsyncs the .log, writes and fsyncs both indexes, and gives the .log the last-modified time
   * of the segments it replaces (as Kafka does, so time-based decisions do not restart).
   */
  async finish(lastModifiedMs: number, abortedTxns: readonly AbortedTxn[] = []): Promise<void> {
    const handle = this.handle!;
    this.handle = null;
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    this.maybeAddTimeEntry();
    const paths = segmentFilePaths(this.dir, this.baseOffset, CLEANED_SUFFIX);
    const offsetIndex = Buffer.allocUnsafe((this.offsetEntries.length / 2) * OFFSET_INDEX_ENTRY_SIZE);
    for (let i = 0; i < this.offsetEntries.length; i += 2) writeOffsetIndexEntry(offsetIndex, i / 2, this.offsetEntries[i]!, this.offsetEntries[i + 1]!);
    const timeIndex = Buffer.allocUnsafe((this.timeEntries.length / 2) * TIME_INDEX_ENTRY_SIZE);
    for (let i = 0; i < this.timeEntries.length; i += 2) writeTimeIndexEntry(timeIndex, i / 2, this.timeEntries[i]!, this.timeEntries[i + 1]!);
    const writes = [writeDurably(paths.index, offsetIndex), writeDurably(paths.timeIndex, timeIndex)];
    if (abortedTxns.length > 0) writes.push(writeDurably(txnIndexPath(this.dir, this.baseOffset), Buffer.concat(abortedTxns.map(encodeAbortedTxn))));
    await Promise.all(writes);
    const when = new Date(lastModifiedMs);
    await fs.promises.utimes(paths.log, when, when);
  }

  /** Kafka's TimeIndex.maybeAppend: only a timestamp above the last entry's is added. */
  private maybeAddTimeEntry(): void {
    const last = this.timeEntries.length > 0 ? this.timeEntries[this.timeEntries.length - 2]! : -1;
    if (this.maxTimestamp > last) this.timeEntries.push(this.maxTimestamp, this.offsetOfMaxTimestamp - this.baseOffset);
  }

  /** Closes and removes the `.cleaned` files (an aborted round). */
  async discard(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close().catch(() => undefined);
    const paths = segmentFilePaths(this.dir, this.baseOffset, CLEANED_SUFFIX);
    await Promise.all([paths.log, paths.index, paths.timeIndex, txnIndexPath(this.dir, this.baseOffset)].map((p) => fs.promises.rm(p, { force: true })));
  }
}

function txnIndexPath(dir: string, baseOffset: number): string {
  return segmentFile(dir, baseOffset, TXN_INDEX_SUFFIX + CLEANED_SUFFIX);
}

async function writeDurably(path: string, bytes: Buffer): Promise<void> {
  const handle = await fs.promises.open(path, 'w', 0o644);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
