// read_committed on the client (the Java consumer's rule): which fetched batches belong to an
// aborted transaction. The broker returns everything below the last stable offset, aborted data
// included, with the list of aborted transactions that overlap it; the consumer drops a
// transactional batch of a producer whose aborted transaction started at or before the batch,
// until that producer's control batch (its ABORT marker) ends it.
import type { FetchResponseAbortedTransaction } from '../protocol/generated/types.js';
import { CONTROL_FLAG_MASK, PRODUCER_ID, TRANSACTIONAL_FLAG_MASK } from '../storage/batch-header.js';

export class AbortedBatches {
  private next = 0;
  private readonly producers = new Set<bigint>();
  private readonly aborted: readonly FetchResponseAbortedTransaction[];

  constructor(aborted: readonly FetchResponseAbortedTransaction[]) {
    this.aborted = [...aborted].sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : a.firstOffset > b.firstOffset ? 1 : 0));
  }

  /**
   * Whether the data batch at `pos` is aborted; call for every batch in order. A control batch
   * answers false (callers skip control batches anyway) and ends its producer's aborted transaction.
   */
  skip(buf: Buffer, pos: number, attributes: number, lastOffset: number): boolean {
    while (this.next < this.aborted.length && this.aborted[this.next]!.firstOffset <= BigInt(lastOffset)) this.producers.add(this.aborted[this.next++]!.producerId);
    if ((attributes & TRANSACTIONAL_FLAG_MASK) === 0) return false;
    const producerId = buf.readBigInt64BE(pos + PRODUCER_ID);
    if ((attributes & CONTROL_FLAG_MASK) !== 0) {
      this.producers.delete(producerId);
      return false;
    }
    return this.producers.has(producerId);
  }
}
