// A segment's aborted-transaction index `<base>.txnindex` (Kafka's TransactionIndex): one 34-byte
// entry per ABORT marker in the segment, in marker order. Read-committed fetches list the
// aborted transactions overlapping what they return from it. Entries are few (one per aborted
// transaction), so they are kept in memory once read and each append is one small file append.
import fs from 'node:fs';
import { ABORTED_TXN_ENTRY_SIZE, encodeAbortedTxn, readAbortedTxn } from '../../storage/transaction-index.js';

export interface AbortedTxn {
  producerId: number;
  firstOffset: number;
  lastOffset: number;
  lastStableOffset: number;
}

export class TransactionIndex {
  private entries: AbortedTxn[] | null = null;
  private dirty = false;

  constructor(public path: string) {}

  private load(): AbortedTxn[] {
    if (this.entries !== null) return this.entries;
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(this.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      bytes = Buffer.alloc(0);
    }
    const entries: AbortedTxn[] = [];
    for (let slot = 0; (slot + 1) * ABORTED_TXN_ENTRY_SIZE <= bytes.length; slot++) {
      const e = readAbortedTxn(bytes, slot);
      entries.push({ producerId: Number(e.producerId), firstOffset: Number(e.firstOffset), lastOffset: Number(e.lastOffset), lastStableOffset: Number(e.lastStableOffset) });
    }
    this.entries = entries;
    return entries;
  }

  get all(): readonly AbortedTxn[] {
    return this.load();
  }

  /** Kafka's TransactionIndex.append: last offsets only grow. */
  append(entry: AbortedTxn): void {
    const entries = this.load();
    const last = entries[entries.length - 1];
    if (last !== undefined && entry.lastOffset <= last.lastOffset) {
      throw new Error(`The last offset of appended transactions must increase sequentially, but ${entry.lastOffset} is not greater than current last offset ${last.lastOffset} of index ${this.path}`);
    }
    fs.appendFileSync(this.path, encodeAbortedTxn(entry));
    entries.push(entry);
    this.dirty = true;
  }

  /**
   * Kafka's collectAbortedTxns: the entries overlapping [fetchOffset, upperBoundOffset), and
   * whether the search is complete (an entry's last stable offset reached the upper bound, so no
   * later segment can hold a transaction that started below it).
   */
  collect(fetchOffset: number, upperBoundOffset: number): { aborted: AbortedTxn[]; complete: boolean } {
    const aborted: AbortedTxn[] = [];
    for (const e of this.load()) {
      if (e.lastOffset >= fetchOffset && e.firstOffset < upperBoundOffset) aborted.push(e);
      if (e.lastStableOffset >= upperBoundOffset) return { aborted, complete: true };
    }
    return { aborted, complete: false };
  }

  /** Drops the entries whose marker is at or past `offset` (recovery replays them again). */
  truncateFrom(offset: number): void {
    const entries = this.load();
    const kept = entries.filter((e) => e.lastOffset < offset);
    if (kept.length === entries.length) return;
    this.entries = kept;
    if (kept.length === 0) fs.rmSync(this.path, { force: true });
    else fs.writeFileSync(this.path, Buffer.concat(kept.map(encodeAbortedTxn)));
    this.dirty = true;
  }

  /** fsyncs the file if entries were written since the last flush. */
  flush(): void {
    if (!this.dirty) return;
    try {
      const fd = fs.openSync(this.path, 'r+');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    this.dirty = false;
  }
}
