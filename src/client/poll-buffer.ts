// Hands out fetched records in polls of at most max.poll.records, as KafkaConsumer.poll does,
// counting (records, key+value bytes) without materialising records.
import type { FetchedData } from './fetcher.js';
import { countRecords } from './record-counter.js';

interface Pending {
  readonly data: FetchedData;
  offset: number;
}

export class PollBuffer {
  private readonly pending: Pending[] = [];
  /** Position after the last record handed out, per partition (what a consumer commits). */
  readonly consumed = new Map<number, number>();

  get isEmpty(): boolean {
    return this.pending.length === 0;
  }

  add(chunks: readonly FetchedData[]): void {
    for (const data of chunks) this.pending.push({ data, offset: data.fetchOffset });
  }

  /**
   * Takes up to `maxRecords` records; `onRecords` sees them in runs (the first run of a poll is
   * its first record alone, so a caller can act "on the first record" as Kafka's loops do).
   */
  take(maxRecords: number, onRecords: (records: number, bytes: number) => void): number {
    let taken = 0;
    while (taken < maxRecords && this.pending.length > 0) {
      const head = this.pending[0]!;
      const limit = taken === 0 ? 1 : maxRecords - taken;
      const counted = countRecords(head.data.records, head.offset, limit, head.data.aborted);
      if (counted.records === 0) {
        this.pending.shift();
        continue;
      }
      head.offset = counted.nextOffset;
      this.consumed.set(head.data.partition, counted.nextOffset);
      taken += counted.records;
      onRecords(counted.records, counted.bytes);
    }
    return taken;
  }
}
