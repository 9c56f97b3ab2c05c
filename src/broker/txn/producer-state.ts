// The producer state of one partition (Kafka's ProducerStateManager + ProducerAppendInfo): every
// producer id seen and its last batches, and the ongoing transactions ordered by first offset
// (they bound the last stable offset). An append is checked first (prepareAppend: duplicates,
// epochs, sequences, transaction state; nothing changes), written to the log, then committed
// (commitAppend), so a refused or failed append leaves the state as it was. Snapshot files are
// producer-state-snapshots.ts's; PartitionLog wires both to its segments.
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import type { ProducerSnapshotProducerEntry } from '../../protocol/generated/types.js';
import { int64BigInt, readInt64Number } from '../../protocol/records/int64.js';
import { ATTRIBUTES, BASE_SEQUENCE, CONTROL_FLAG_MASK, PRODUCER_EPOCH, PRODUCER_ID, TRANSACTIONAL_FLAG_MASK } from '../../storage/batch-header.js';
import { NO_PRODUCER_EPOCH, NO_SEQUENCE, NO_TXN, ProducerStateEntry, incrementSequence, type BatchMetadata } from './producer-state-entry.js';

/** Kafka's AppendOrigin: only client appends have their sequences checked and duplicates answered. */
export type AppendOrigin = 'client' | 'coordinator' | 'replay';

/** The header fields of one appended batch that has a producer id, with its assigned offsets. */
export interface ProducerBatch {
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  firstOffset: number;
  lastOffset: number;
  maxTimestamp: number;
  isTransactional: boolean;
}

/**
 * The producer fields of the v2 batch header at `at` (header reads only), or null for a batch
 * without a producer id or a control batch (markers have their own path). Offsets and the max
 * timestamp come from the caller: an append assigns them, a replay reads them from the log.
 */
export function producerBatchAt(buf: Buffer, at: number, firstOffset: number, lastOffset: number, maxTimestamp: number): ProducerBatch | null {
  const producerId = readInt64Number(buf, at + PRODUCER_ID);
  if (producerId < 0) return null;
  const attributes = buf.readInt16BE(at + ATTRIBUTES);
  if ((attributes & CONTROL_FLAG_MASK) !== 0) return null;
  return {
    producerId,
    producerEpoch: buf.readInt16BE(at + PRODUCER_EPOCH),
    baseSequence: buf.readInt32BE(at + BASE_SEQUENCE),
    firstOffset,
    lastOffset,
    maxTimestamp,
    isTransactional: (attributes & TRANSACTIONAL_FLAG_MASK) !== 0,
  };
}

export interface EndTxnMarkerAppend {
  producerId: number;
  producerEpoch: number;
  coordinatorEpoch: number;
  isAbort: boolean;
  /** The marker's offset. */
  offset: number;
  timestamp: number;
}

/** Kafka's CompletedTxn: a transaction a marker ended. */
export interface CompletedTxn {
  producerId: number;
  firstOffset: number;
  /** The marker's offset. */
  lastOffset: number;
  isAborted: boolean;
}

/** What prepareAppend found: the updated entries to commit, or the batch this one repeats. */
export type PreparedAppend = { duplicate: BatchMetadata } | { duplicate: null; entries: Map<number, ProducerStateEntry>; startedTxns: Array<{ producerId: number; firstOffset: number }> };

export interface PreparedMarker {
  entry: ProducerStateEntry;
  completed: CompletedTxn;
}

export class ProducerStateManager {
  /** Producer id -> state; Map iteration follows first sight, as DescribeProducers lists them. */
  readonly producers = new Map<number, ProducerStateEntry>();
  /** First offset -> producer id of each ongoing transaction, in offset order. */
  private readonly ongoing = new Map<number, number>();
  /** The state covers offsets below this (Kafka's lastMapOffset). */
  mapEndOffset = 0;

  constructor(
    private readonly topicPartition: string,
    /** producer.id.expiration.ms */
    public producerIdExpirationMs: number,
  ) {}

  get isEmpty(): boolean {
    return this.producers.size === 0;
  }

  /** First offset of the earliest ongoing transaction, or undefined (Kafka's firstUnstableOffset). */
  get firstUnstableOffset(): number | undefined {
    for (const firstOffset of this.ongoing.keys()) return firstOffset;
    return undefined;
  }

  /** Ongoing transactions, earliest first. */
  ongoingTransactions(): Array<{ producerId: number; firstOffset: number }> {
    return [...this.ongoing].map(([firstOffset, producerId]) => ({ producerId, firstOffset }));
  }

  /**
   * Kafka's ProducerAppendInfo checks for the batches of one append, in order, without changing
   * anything. Throws KafkaError with Kafka's code and message (INVALID_PRODUCER_EPOCH,
   * OUT_OF_ORDER_SEQUENCE_NUMBER, INVALID_TXN_STATE). A client batch that repeats one of its
   * producer's retained batches makes the whole append a duplicate (Kafka returns at the first).
   */
  prepareAppend(batches: readonly ProducerBatch[], origin: AppendOrigin): PreparedAppend {
    const entries = new Map<number, ProducerStateEntry>();
    const startedTxns: Array<{ producerId: number; firstOffset: number }> = [];
    for (const batch of batches) {
      const current = this.producers.get(batch.producerId);
      if (origin === 'client' && current !== undefined) {
        const lastSeq = incrementSequence(batch.baseSequence, batch.lastOffset - batch.firstOffset);
        const duplicate = current.findDuplicateBatch(batch.producerEpoch, batch.baseSequence, lastSeq);
        if (duplicate !== undefined) return { duplicate };
      }
      let updated = entries.get(batch.producerId);
      if (updated === undefined) {
        updated = current?.withoutBatches() ?? new ProducerStateEntry(batch.producerId);
        entries.set(batch.producerId, updated);
      }
      this.appendDataBatch(updated, current, batch, origin);
      if (updated.currentTxnFirstOffset === batch.firstOffset) startedTxns.push({ producerId: batch.producerId, firstOffset: batch.firstOffset });
    }
    return { duplicate: null, entries, startedTxns };
  }

  private appendDataBatch(updated: ProducerStateEntry, current: ProducerStateEntry | undefined, batch: ProducerBatch, origin: AppendOrigin): void {
    const { producerId, producerEpoch, firstOffset } = batch;
    if (origin !== 'replay') {
      this.checkProducerEpoch(updated, producerEpoch, firstOffset);
      if (origin === 'client') this.checkSequence(updated, current, producerEpoch, batch.baseSequence, firstOffset);
    }
    const offsetDelta = batch.lastOffset - firstOffset;
    updated.addBatch(producerEpoch, incrementSequence(batch.baseSequence, offsetDelta), batch.lastOffset, offsetDelta, batch.maxTimestamp);
    if (updated.currentTxnFirstOffset !== NO_TXN && !batch.isTransactional) {
      throw new KafkaError(ErrorCode.INVALID_TXN_STATE, `Expected transactional write from producer ${producerId} at offset ${firstOffset} in partition ${this.topicPartition}`);
    }
    if (updated.currentTxnFirstOffset === NO_TXN && batch.isTransactional) updated.currentTxnFirstOffset = firstOffset;
  }

  private checkProducerEpoch(updated: ProducerStateEntry, producerEpoch: number, offset: number): void {
    if (producerEpoch < updated.producerEpoch) {
      // Since Kafka 2.7 (KIP-588, KAFKA-10687) INVALID_PRODUCER_EPOCH, not PRODUCER_FENCED, for produce and markers alike.
      throw new KafkaError(
        ErrorCode.INVALID_PRODUCER_EPOCH,
        `Epoch of producer ${updated.producerId} at offset ${offset} in ${this.topicPartition} is ${producerEpoch}, which is smaller than the last seen epoch ${updated.producerEpoch}`,
      );
    }
  }

  private checkSequence(updated: ProducerStateEntry, current: ProducerStateEntry | undefined, producerEpoch: number, appendFirstSeq: number, offset: number): void {
    if (producerEpoch !== updated.producerEpoch) {
      if (appendFirstSeq !== 0 && updated.producerEpoch !== NO_PRODUCER_EPOCH) {
        throw new KafkaError(
          ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
          `Invalid sequence number for new epoch of producer ${updated.producerId} at offset ${offset} in partition ${this.topicPartition}: ${producerEpoch} (request epoch), ${appendFirstSeq} (seq. number), ${updated.producerEpoch} (current producer epoch)`,
        );
      }
      return;
    }
    const currentEpoch = current?.producerEpoch ?? NO_PRODUCER_EPOCH;
    const currentLastSeq = !updated.isEmpty ? updated.lastSeq : producerEpoch === currentEpoch ? (current?.lastSeq ?? NO_SEQUENCE) : NO_SEQUENCE;
    // No known epoch (a new producer id, or its batches all went with retention or
    // DeleteRecords): any sequence is accepted (KIP-360).
    if (currentEpoch === NO_PRODUCER_EPOCH || inSequence(currentLastSeq, appendFirstSeq)) return;
    throw new KafkaError(
      ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
      `Out of order sequence number for producer ${updated.producerId} at offset ${offset} in partition ${this.topicPartition}: ${appendFirstSeq} (incoming seq. number), ${currentLastSeq} (current end sequence number)`,
    );
  }

  /** Applies a prepared (non-duplicate) append once its batches are in the log. */
  commitAppend(prepared: PreparedAppend & { duplicate: null }, endOffset: number): void {
    for (const [producerId, next] of prepared.entries) {
      const stored = this.producers.get(producerId);
      if (stored === undefined) this.producers.set(producerId, next);
      else stored.update(next);
    }
    for (const txn of prepared.startedTxns) this.ongoing.set(txn.firstOffset, txn.producerId);
    this.mapEndOffset = endOffset;
  }

  /**
   * Kafka's ProducerAppendInfo.appendEndTxnMarker checks, without changing anything: a stale
   * producer epoch (INVALID_PRODUCER_EPOCH, as for produce), a coordinator epoch
   * below the last marker's (TRANSACTION_COORDINATOR_FENCED). A marker without an ongoing
   * transaction completes an empty one starting at the marker.
   */
  prepareMarker(marker: EndTxnMarkerAppend, origin: AppendOrigin): PreparedMarker {
    const current = this.producers.get(marker.producerId);
    const entry = current?.withoutBatches() ?? new ProducerStateEntry(marker.producerId);
    if (origin !== 'replay') {
      this.checkProducerEpoch(entry, marker.producerEpoch, marker.offset);
      if (entry.coordinatorEpoch > marker.coordinatorEpoch) {
        throw new KafkaError(
          ErrorCode.TRANSACTION_COORDINATOR_FENCED,
          `Invalid coordinator epoch for ${marker.producerId}: ${marker.coordinatorEpoch} (zombie), ${entry.coordinatorEpoch} (current)`,
        );
      }
    }
    const firstOffset = entry.currentTxnFirstOffset !== NO_TXN ? entry.currentTxnFirstOffset : marker.offset;
    entry.maybeUpdateProducerEpoch(marker.producerEpoch);
    entry.currentTxnFirstOffset = NO_TXN;
    entry.coordinatorEpoch = marker.coordinatorEpoch;
    entry.lastTimestamp = marker.timestamp;
    return { entry, completed: { producerId: marker.producerId, firstOffset, lastOffset: marker.offset, isAborted: marker.isAbort } };
  }

  /**
   * Applies a prepared marker once it is in the log and completes its transaction. Returns the
   * completed transaction and the last stable offset Kafka records with it in the `.txnindex`
   * (the first offset of the earliest other ongoing transaction, else the marker's offset + 1).
   */
  commitMarker(prepared: PreparedMarker): { completed: CompletedTxn; lastStableOffset: number } {
    const { entry, completed } = prepared;
    const stored = this.producers.get(entry.producerId);
    if (stored === undefined) this.producers.set(entry.producerId, entry);
    else stored.update(entry);
    let lastStableOffset = completed.lastOffset + 1;
    for (const [firstOffset, producerId] of this.ongoing) {
      if (producerId !== completed.producerId) {
        lastStableOffset = firstOffset;
        break;
      }
    }
    this.ongoing.delete(completed.firstOffset);
    this.mapEndOffset = completed.lastOffset + 1;
    return { completed, lastStableOffset };
  }

  /** Kafka's removeExpiredProducers: idle producers without an ongoing transaction are forgotten. */
  removeExpiredProducers(now: number): number {
    let removed = 0;
    for (const [producerId, entry] of this.producers) {
      if (this.isExpired(entry, now)) {
        this.producers.delete(producerId);
        removed++;
      }
    }
    return removed;
  }

  private isExpired(entry: ProducerStateEntry, now: number): boolean {
    return entry.currentTxnFirstOffset === NO_TXN && now - entry.lastTimestamp >= this.producerIdExpirationMs;
  }

  /** The snapshot entries of the current state (Kafka's writeSnapshot: the last batch of each). */
  snapshotEntries(): ProducerSnapshotProducerEntry[] {
    return [...this.producers.values()].map((e) => ({
      // Header fields read as numbers (readInt64Number) saturate back to int64 here.
      producerId: int64BigInt(e.producerId),
      epoch: e.producerEpoch,
      lastSequence: e.lastSeq,
      lastOffset: BigInt(e.lastDataOffset),
      offsetDelta: e.lastOffsetDelta,
      timestamp: int64BigInt(e.lastTimestamp),
      coordinatorEpoch: e.coordinatorEpoch,
      currentTxnFirstOffset: BigInt(e.currentTxnFirstOffset),
    }));
  }

  /**
   * Replaces the state with a snapshot's (Kafka's loadFromSnapshot): expired producers are
   * skipped, ongoing transactions come back from currentTxnFirstOffset.
   */
  loadSnapshot(entries: readonly ProducerSnapshotProducerEntry[], snapshotOffset: number, now: number): void {
    this.clear();
    const txns: Array<[number, number]> = [];
    for (const e of entries) {
      const producerId = Number(e.producerId);
      const lastOffset = Number(e.lastOffset);
      const batches: BatchMetadata[] = lastOffset >= 0 && e.lastSequence !== NO_SEQUENCE ? [{ lastSeq: e.lastSequence, lastOffset, offsetDelta: e.offsetDelta, timestamp: Number(e.timestamp) }] : [];
      const entry = new ProducerStateEntry(producerId, e.epoch, e.coordinatorEpoch, Number(e.timestamp), Number(e.currentTxnFirstOffset), batches);
      if (this.isExpired(entry, now)) continue;
      this.producers.set(producerId, entry);
      if (entry.currentTxnFirstOffset !== NO_TXN) txns.push([entry.currentTxnFirstOffset, producerId]);
    }
    txns.sort((a, b) => a[0] - b[0]);
    for (const [firstOffset, producerId] of txns) this.ongoing.set(firstOffset, producerId);
    this.mapEndOffset = snapshotOffset;
  }

  clear(): void {
    this.producers.clear();
    this.ongoing.clear();
    this.mapEndOffset = 0;
  }
}

/** Kafka's ProducerAppendInfo.inSequence: the next sequence, wrapping at Int32.MAX. */
function inSequence(lastSeq: number, nextSeq: number): boolean {
  return nextSeq === lastSeq + 1 || (nextSeq === 0 && lastSeq === 0x7fffffff);
}
