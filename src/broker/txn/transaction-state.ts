// A transactional id's state as Kafka's TransactionMetadata keeps it, and the transitions between
// states (TransactionState.validPreviousStates). Kafka mutates the metadata in place after the
// __transaction_state write; here a transition builds the next value, the coordinator writes it,
// and only then replaces the old one, so a failed write changes nothing.

export type TxnState =
  | 'Empty'
  | 'Ongoing'
  | 'PrepareCommit'
  | 'PrepareAbort'
  | 'CompleteCommit'
  | 'CompleteAbort'
  | 'Dead'
  | 'PrepareEpochFence';

/** The transactionStatus byte of TransactionLogValue (Kafka's TransactionState.id). */
export const TXN_STATUS: Readonly<Record<TxnState, number>> = {
  Empty: 0,
  Ongoing: 1,
  PrepareCommit: 2,
  PrepareAbort: 3,
  CompleteCommit: 4,
  CompleteAbort: 5,
  Dead: 6,
  PrepareEpochFence: 7,
};

const STATE_BY_STATUS = new Map(Object.entries(TXN_STATUS).map(([name, id]) => [id, name as TxnState]));

export function txnStateOfStatus(status: number): TxnState | undefined {
  return STATE_BY_STATUS.get(status);
}

/** Kafka's TransactionState.fromName (ListTransactions state filters): exact, case-sensitive names. */
export function txnStateOfName(name: string): TxnState | undefined {
  return Object.prototype.hasOwnProperty.call(TXN_STATUS, name) ? (name as TxnState) : undefined;
}

/** Which states a state may be entered from (Kafka's validPreviousStates). */
const VALID_PREVIOUS: Readonly<Record<TxnState, readonly TxnState[]>> = {
  Empty: ['Empty', 'CompleteCommit', 'CompleteAbort'],
  Ongoing: ['Ongoing', 'Empty', 'CompleteCommit', 'CompleteAbort'],
  PrepareCommit: ['Ongoing'],
  PrepareAbort: ['Ongoing', 'PrepareEpochFence', 'Empty', 'CompleteCommit', 'CompleteAbort'],
  CompleteCommit: ['PrepareCommit'],
  CompleteAbort: ['PrepareAbort'],
  Dead: ['Empty', 'CompleteAbort', 'CompleteCommit'],
  PrepareEpochFence: ['Ongoing'],
};

export function isValidTransition(from: TxnState, to: TxnState): boolean {
  return VALID_PREVIOUS[to].includes(from);
}

export const NO_PRODUCER_ID = -1;
export const NO_PRODUCER_EPOCH = -1;
/** Short.MaxValue */
export const MAX_PRODUCER_EPOCH = 32767;

/** Kafka bumps to a new producer id once the epoch reaches Short.MaxValue - 1. */
export function isEpochExhausted(epoch: number): boolean {
  return epoch >= MAX_PRODUCER_EPOCH - 1;
}

export interface TopicPartitionRef {
  readonly topic: string;
  readonly partition: number;
}

export function tpKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/** One transactional id's metadata (immutable; see the file comment). */
export interface TxnMetadata {
  readonly transactionalId: string;
  readonly producerId: number;
  /** The producer id before the last rotation (epoch exhaustion), else -1. */
  readonly previousProducerId: number;
  /** The producer id the next transaction moves to (transactions v2 only; always -1 here). */
  readonly nextProducerId: number;
  readonly producerEpoch: number;
  /** The epoch before the last bump (for retried InitProducerId, KIP-360), else -1. */
  readonly lastProducerEpoch: number;
  readonly txnTimeoutMs: number;
  readonly state: TxnState;
  /** Partitions of the ongoing transaction, in the order they were added. */
  readonly partitions: ReadonlyMap<string, TopicPartitionRef>;
  /** When the ongoing transaction began (its first AddPartitions), -1 before any. */
  readonly txnStartTimestamp: number;
  readonly txnLastUpdateTimestamp: number;
}

/** Kafka's prepareTransitionTo: the next metadata value, or an Error for an illegal transition. */
export function transition(current: TxnMetadata, next: Partial<Omit<TxnMetadata, 'transactionalId'>> & { state: TxnState }): TxnMetadata {
  if (!isValidTransition(current.state, next.state)) {
    throw new Error(`TransactionalId ${current.transactionalId} failed transition to state ${next.state} from ${current.state}`);
  }
  return { ...current, ...next };
}

/** Partitions grouped by topic, topics and partitions in the order they were added. */
export function partitionsByTopic(partitions: Iterable<TopicPartitionRef>): { topic: string; partitions: number[] }[] {
  const byTopic = new Map<string, number[]>();
  for (const { topic, partition } of partitions) {
    let list = byTopic.get(topic);
    if (!list) byTopic.set(topic, (list = []));
    list.push(partition);
  }
  return [...byTopic].map(([topic, ps]) => ({ topic, partitions: ps }));
}
