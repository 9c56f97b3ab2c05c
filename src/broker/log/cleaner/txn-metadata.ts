// What a cleaning pass knows about transactions while it walks the log in offset order (Kafka's
// CleanedTransactionMetadata): the aborted transactions of the range (from the `.txnindex` files)
// become "ongoing aborted" once the walk reaches their first offset; a transactional batch of such
// a producer is aborted data (dropped, never mapped), another one marks its producer's
// transaction as committed-in-progress. A marker ends its producer's transaction: it may go once
// no batch of that transaction was seen in this pass (the records are already gone), and an
// ABORT marker that stays keeps its `.txnindex` entry in the cleaned segment.
import type { AbortedTxn } from '../txn-index.js';

export class CleanedTransactionMetadata {
  private readonly pending: AbortedTxn[];
  private readonly ongoingCommitted = new Set<number>();
  private readonly ongoingAborted = new Map<number, { txn: AbortedTxn; sawBatch: boolean }>();
  /** The aborted transactions whose ABORT marker this pass keeps (for the cleaned `.txnindex`). */
  readonly retainedAborted: AbortedTxn[] = [];

  constructor(aborted: readonly AbortedTxn[]) {
    this.pending = [...aborted].sort((a, b) => a.firstOffset - b.firstOffset);
  }

  private consumeAbortedUpTo(offset: number): void {
    while (this.pending.length > 0 && this.pending[0]!.firstOffset <= offset) {
      const txn = this.pending.shift()!;
      if (!this.ongoingAborted.has(txn.producerId)) this.ongoingAborted.set(txn.producerId, { txn, sawBatch: false });
    }
  }

  /** A data batch: true when it belongs to an aborted transaction (drop it). */
  onBatchRead(producerId: number, isTransactional: boolean, lastOffset: number): boolean {
    this.consumeAbortedUpTo(lastOffset);
    if (!isTransactional) return false;
    const aborted = this.ongoingAborted.get(producerId);
    if (aborted !== undefined) {
      aborted.sawBatch = true;
      return true;
    }
    this.ongoingCommitted.add(producerId);
    return false;
  }

  /** A COMMIT/ABORT marker (isAbort null: another control type): true when it may be discarded. */
  onControlBatchRead(producerId: number, isAbort: boolean | null, lastOffset: number): boolean {
    this.consumeAbortedUpTo(lastOffset);
    if (isAbort === null) return false;
    if (isAbort) {
      const aborted = this.ongoingAborted.get(producerId);
      this.ongoingAborted.delete(producerId);
      // Kept until every batch of the transaction has been removed.
      if (aborted?.sawBatch) {
        this.retainedAborted.push(aborted.txn);
        return false;
      }
      return true;
    }
    // A commit marker may go once no batch of its transaction remains.
    return !this.ongoingCommitted.delete(producerId);
  }
}
