// One producer's state in one partition (Kafka's ProducerStateEntry and BatchMetadata): its
// epoch, the metadata of its last 5 batches (enough to answer any retry of an in-flight batch:
// clients keep at most 5 in flight), the coordinator epoch of its last marker, the timestamp of
// its last write and the first offset of its ongoing transaction.

/** Kafka's RecordBatch.NO_PRODUCER_EPOCH / NO_SEQUENCE. */
export const NO_PRODUCER_EPOCH = -1;
export const NO_SEQUENCE = -1;
/** Kafka's ProducerStateEntry.NUM_BATCHES_TO_RETAIN. */
export const NUM_BATCHES_TO_RETAIN = 5;
/** No ongoing transaction (Kafka's OptionalLong.empty()). */
export const NO_TXN = -1;

const INT32_MAX = 0x7fffffff;

export interface BatchMetadata {
  readonly lastSeq: number;
  readonly lastOffset: number;
  /** lastOffset - firstOffset (also lastSeq - firstSeq, modulo the wrap at Int32.MAX). */
  readonly offsetDelta: number;
  readonly timestamp: number;
}

/** Kafka's DefaultRecordBatch.decrementSequence: sequences wrap from Int32.MAX to 0. */
export function decrementSequence(sequence: number, decrement: number): number {
  return sequence < decrement ? INT32_MAX - (decrement - sequence) + 1 : sequence - decrement;
}

/** Kafka's DefaultRecordBatch.incrementSequence. */
export function incrementSequence(sequence: number, increment: number): number {
  return sequence > INT32_MAX - increment ? increment - (INT32_MAX - sequence) - 1 : sequence + increment;
}

export function firstSeqOf(batch: BatchMetadata): number {
  return decrementSequence(batch.lastSeq, batch.offsetDelta);
}

export function firstOffsetOf(batch: BatchMetadata): number {
  return batch.lastOffset - batch.offsetDelta;
}

export class ProducerStateEntry {
  batches: BatchMetadata[];

  constructor(
    readonly producerId: number,
    public producerEpoch: number = NO_PRODUCER_EPOCH,
    public coordinatorEpoch: number = -1,
    public lastTimestamp: number = -1,
    public currentTxnFirstOffset: number = NO_TXN,
    batches: BatchMetadata[] = [],
  ) {
    this.batches = batches;
  }

  /** Kafka's withProducerIdAndBatchMetadata(producerId, empty): what an append works on. */
  withoutBatches(): ProducerStateEntry {
    return new ProducerStateEntry(this.producerId, this.producerEpoch, this.coordinatorEpoch, this.lastTimestamp, this.currentTxnFirstOffset);
  }

  get isEmpty(): boolean {
    return this.batches.length === 0;
  }

  get lastSeq(): number {
    return this.isEmpty ? NO_SEQUENCE : this.batches[this.batches.length - 1]!.lastSeq;
  }

  get firstSeq(): number {
    return this.isEmpty ? NO_SEQUENCE : firstSeqOf(this.batches[0]!);
  }

  /** Offset of the last data batch's last record, -1 when none is retained. */
  get lastDataOffset(): number {
    return this.isEmpty ? -1 : this.batches[this.batches.length - 1]!.lastOffset;
  }

  get lastOffsetDelta(): number {
    return this.isEmpty ? 0 : this.batches[this.batches.length - 1]!.offsetDelta;
  }

  /** A new epoch drops the batches of the old one. */
  maybeUpdateProducerEpoch(epoch: number): boolean {
    if (this.producerEpoch === epoch) return false;
    this.batches = [];
    this.producerEpoch = epoch;
    return true;
  }

  addBatch(epoch: number, lastSeq: number, lastOffset: number, offsetDelta: number, timestamp: number): void {
    this.maybeUpdateProducerEpoch(epoch);
    this.addBatchMetadata({ lastSeq, lastOffset, offsetDelta, timestamp });
    this.lastTimestamp = timestamp;
  }

  private addBatchMetadata(batch: BatchMetadata): void {
    if (this.batches.length === NUM_BATCHES_TO_RETAIN) this.batches.shift();
    this.batches.push(batch);
  }

  /** Kafka's ProducerStateEntry.update: an append's entry merged into the stored one. */
  update(next: ProducerStateEntry): void {
    this.maybeUpdateProducerEpoch(next.producerEpoch);
    for (const batch of next.batches) this.addBatchMetadata(batch);
    this.coordinatorEpoch = next.coordinatorEpoch;
    this.currentTxnFirstOffset = next.currentTxnFirstOffset;
    this.lastTimestamp = next.lastTimestamp;
  }

  /** One of the retained batches with exactly this epoch and sequence range (a retry). */
  findDuplicateBatch(epoch: number, firstSeq: number, lastSeq: number): BatchMetadata | undefined {
    if (epoch !== this.producerEpoch) return undefined;
    for (const batch of this.batches) {
      if (batch.lastSeq === lastSeq && firstSeqOf(batch) === firstSeq) return batch;
    }
    return undefined;
  }
}
