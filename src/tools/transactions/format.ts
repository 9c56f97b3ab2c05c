// kafka-transactions' results as typed values (what --json prints, docs/json-output.md) and the
// tables TransactionsCommand prints from them (ToolsUtils-style: every cell padded and followed by
// a TAB, the header always printed).
import type { ProducerState, TopicPartition, TransactionDescription, TransactionListing } from '../../client/admin/transactions.js';
import { prettyTable } from '../metadata-quorum/format.js';

export interface ListedTransaction {
  readonly transactionalId: string;
  /** The id of the broker that listed it (its coordinator). */
  readonly coordinator: number;
  readonly producerId: bigint;
  readonly state: string;
}

export interface DescribedTransaction {
  readonly coordinatorId: number;
  readonly transactionalId: string;
  readonly producerId: bigint;
  readonly producerEpoch: number;
  readonly state: string;
  readonly transactionTimeoutMs: number;
  readonly currentTransactionStartTimeMs: bigint | null;
  /** now - start, when a transaction is open. */
  readonly transactionDurationMs: bigint | null;
  readonly topicPartitions: readonly TopicPartition[];
}

export interface DescribedProducer {
  readonly producerId: bigint;
  readonly producerEpoch: number;
  readonly latestCoordinatorEpoch: number | null;
  readonly lastSequence: number;
  readonly lastTimestamp: bigint;
  readonly currentTransactionStartOffset: bigint | null;
}

export interface HangingTransaction {
  readonly topic: string;
  readonly partition: number;
  readonly producerId: bigint;
  readonly producerEpoch: number;
  readonly coordinatorEpoch: number | null;
  readonly startOffset: bigint;
  readonly lastTimestamp: bigint;
  /** Whole minutes since the producer's last timestamp. */
  readonly durationMinutes: number;
}

export function listedTransactions(byBroker: ReadonlyMap<number, readonly TransactionListing[]>): ListedTransaction[] {
  return [...byBroker].flatMap(([coordinator, listings]) => listings.map((l) => ({ transactionalId: l.transactionalId, coordinator, producerId: l.producerId, state: l.state })));
}

export function describedTransaction(transactionalId: string, d: TransactionDescription, nowMs: number): DescribedTransaction {
  return {
    coordinatorId: d.coordinatorId,
    transactionalId,
    producerId: d.producerId,
    producerEpoch: d.producerEpoch,
    state: d.state,
    transactionTimeoutMs: d.transactionTimeoutMs,
    currentTransactionStartTimeMs: d.transactionStartTimeMs,
    transactionDurationMs: d.transactionStartTimeMs === null ? null : BigInt(nowMs) - d.transactionStartTimeMs,
    topicPartitions: d.topicPartitions,
  };
}

export function describedProducers(states: readonly ProducerState[]): DescribedProducer[] {
  return states.map((p) => ({
    producerId: p.producerId,
    producerEpoch: p.producerEpoch,
    latestCoordinatorEpoch: p.coordinatorEpoch,
    lastSequence: p.lastSequence,
    lastTimestamp: p.lastTimestamp,
    currentTransactionStartOffset: p.currentTransactionStartOffset,
  }));
}

const orNone = (v: bigint | number | null): string => (v === null ? 'None' : String(v));

export function listTable(rows: readonly ListedTransaction[]): string {
  return prettyTable(
    ['TransactionalId', 'Coordinator', 'ProducerId', 'TransactionState'],
    rows.map((r) => [r.transactionalId, String(r.coordinator), String(r.producerId), r.state]),
  );
}

export function describeTable(d: DescribedTransaction): string {
  return prettyTable(
    ['CoordinatorId', 'TransactionalId', 'ProducerId', 'ProducerEpoch', 'TransactionState', 'TransactionTimeoutMs', 'CurrentTransactionStartTimeMs', 'TransactionDurationMs', 'TopicPartitions'],
    [
      [
        String(d.coordinatorId),
        d.transactionalId,
        String(d.producerId),
        String(d.producerEpoch),
        d.state,
        String(d.transactionTimeoutMs),
        orNone(d.currentTransactionStartTimeMs),
        orNone(d.transactionDurationMs),
        d.topicPartitions.map((tp) => `${tp.topic}-${tp.partition}`).join(','),
      ],
    ],
  );
}

export function producersTable(rows: readonly DescribedProducer[]): string {
  return prettyTable(
    ['ProducerId', 'ProducerEpoch', 'LatestCoordinatorEpoch', 'LastSequence', 'LastTimestamp', 'CurrentTransactionStartOffset'],
    rows.map((p) => [String(p.producerId), String(p.producerEpoch), String(p.latestCoordinatorEpoch ?? -1), String(p.lastSequence), String(p.lastTimestamp), orNone(p.currentTransactionStartOffset)]),
  );
}

export function hangingTable(rows: readonly HangingTransaction[]): string {
  return prettyTable(
    ['Topic', 'Partition', 'ProducerId', 'ProducerEpoch', 'CoordinatorEpoch', 'StartOffset', 'LastTimestamp', 'Duration(min)'],
    rows.map((h) => [h.topic, String(h.partition), String(h.producerId), String(h.producerEpoch), String(h.coordinatorEpoch ?? -1), String(h.startOffset), String(h.lastTimestamp), String(h.durationMinutes)]),
  );
}
