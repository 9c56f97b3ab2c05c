// __transaction_state: one record per state change of a transactional id, keyed by the id
// (TransactionLogKey v0), valued by TransactionLogValue v0 (transaction.version 0, as Kafka writes
// it then), a null value (tombstone) once the id expires. The topic is compacted, so the last
// record of each id is what a restart loads (Kafka's TransactionLog and TransactionStateManager).
import {
  decodeTransactionLogKey,
  decodeTransactionLogValue,
  encodeTransactionLogKey,
  encodeTransactionLogValue,
} from '../../protocol/coordinator-records.js';
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import { encodeRecordBatch, type KafkaRecord } from '../../protocol/records/record-batch.js';
import { batchesOf } from '../groups/load.js';
import type { OffsetsPartitionLog } from '../groups/offsets-topic-store.js';
import { javaStringHashCode } from '../groups/partition-for.js';
import { partitionsByTopic, tpKey, txnStateOfStatus, TXN_STATUS, type TopicPartitionRef, type TxnMetadata } from './transaction-state.js';

export const TRANSACTION_STATE_TOPIC = '__transaction_state';

/** The broker's __transaction_state partitions (the same log slice the group coordinator uses). */
export interface TransactionStateTopic {
  /** transaction.state.log.num.partitions */
  readonly partitionCount: number;
  /** The partition's log; the topic is created on first use, as Kafka does. */
  log(partition: number): OffsetsPartitionLog;
  /** The partition's log if the topic exists (loading must not create it). */
  existingLog(partition: number): OffsetsPartitionLog | undefined;
}

/** Kafka's TransactionStateManager.partitionFor: abs(String.hashCode) % partitions (Utils.abs). */
export function transactionPartitionFor(transactionalId: string, partitionCount: number): number {
  const h = javaStringHashCode(transactionalId);
  return (h === -2147483648 ? 0 : Math.abs(h)) % partitionCount;
}

/** The record Kafka writes for this metadata: a tombstone for Dead, else TransactionLogValue v0. */
export function transactionLogRecord(m: TxnMetadata, timestamp: number): KafkaRecord {
  const key = encodeTransactionLogKey({ transactionalId: m.transactionalId });
  if (m.state === 'Dead') return { timestamp, key, value: null };
  if (m.state === 'Empty' && m.partitions.size > 0) {
    throw new Error(`Transaction is not expected to have any partitions since its state is Empty: ${m.transactionalId}`);
  }
  const value = encodeTransactionLogValue(0, {
    producerId: BigInt(m.producerId),
    producerEpoch: m.producerEpoch,
    transactionTimeoutMs: m.txnTimeoutMs,
    transactionStatus: TXN_STATUS[m.state],
    // Empty writes null, every other state a (possibly empty) list.
    transactionPartitions: m.state === 'Empty' ? null : partitionsByTopic(m.partitions.values()).map((t) => ({ topic: t.topic, partitionIds: t.partitions })),
    transactionLastUpdateTimestampMs: BigInt(m.txnLastUpdateTimestamp),
    transactionStartTimestampMs: BigInt(m.txnStartTimestamp),
  });
  return { timestamp, key, value };
}

/** Metadata from a TransactionLogValue (Kafka's TransactionLog.readTxnRecordValue). */
export function metadataFromRecord(transactionalId: string, value: Buffer): TxnMetadata {
  const { value: v } = decodeTransactionLogValue(value);
  const state = txnStateOfStatus(v.transactionStatus);
  if (state === undefined) throw new Error(`Unknown transaction status ${v.transactionStatus}`);
  const partitions = new Map<string, TopicPartitionRef>();
  for (const t of v.transactionPartitions ?? []) for (const p of t.partitionIds) partitions.set(tpKey(t.topic, p), { topic: t.topic, partition: p });
  return {
    transactionalId,
    producerId: Number(v.producerId),
    previousProducerId: Number(v.previousProducerId),
    nextProducerId: Number(v.nextProducerId),
    producerEpoch: v.producerEpoch,
    // Kafka does not persist the last epoch.
    lastProducerEpoch: -1,
    txnTimeoutMs: v.transactionTimeoutMs,
    state,
    partitions,
    txnStartTimestamp: Number(v.transactionStartTimestampMs),
    txnLastUpdateTimestamp: Number(v.transactionLastUpdateTimestampMs),
  };
}

/**
 * Appends the metadata's record to its partition; Kafka's error for a failed write
 * (TransactionStateManager.appendTransactionToLog's mapping), NONE on success.
 */
export function appendTransactionRecord(topic: TransactionStateTopic, m: TxnMetadata): number {
  // Kafka stamps the record with the metadata's update time.
  const records = [transactionLogRecord(m, m.txnLastUpdateTimestamp)];
  const batch = encodeRecordBatch({ records });
  try {
    topic.log(transactionPartitionFor(m.transactionalId, topic.partitionCount)).append(batch, [{ position: 0, size: batch.length, lastOffsetDelta: 0, maxTimestamp: m.txnLastUpdateTimestamp }]);
    return ErrorCode.NONE;
  } catch (err) {
    const code = err instanceof KafkaError ? err.code : ErrorCode.KAFKA_STORAGE_ERROR;
    switch (code) {
      case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
      case ErrorCode.NOT_ENOUGH_REPLICAS:
      case ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND:
      case ErrorCode.REQUEST_TIMED_OUT:
        return ErrorCode.COORDINATOR_NOT_AVAILABLE;
      case ErrorCode.NOT_LEADER_OR_FOLLOWER:
      case ErrorCode.KAFKA_STORAGE_ERROR:
        return ErrorCode.NOT_COORDINATOR;
      default:
        return ErrorCode.UNKNOWN_SERVER_ERROR;
    }
  }
}

/** Replays every partition: the last record of each id wins, a tombstone removes it. */
export function loadTransactionLog(topic: TransactionStateTopic, warn: (message: string) => void): Map<string, TxnMetadata> {
  const loaded = new Map<string, TxnMetadata>();
  for (let partition = 0; partition < topic.partitionCount; partition++) {
    const log = topic.existingLog(partition);
    if (!log) continue;
    for (const batch of batchesOf(log)) {
      if (batch.isControl) continue;
      for (const record of batch.records) {
        try {
          if (record.key === null) throw new Error('null key');
          const { transactionalId } = decodeTransactionLogKey(record.key);
          if (record.value === null) loaded.delete(transactionalId);
          else loaded.set(transactionalId, metadataFromRecord(transactionalId, record.value));
        } catch (err) {
          warn(`Skipping undecodable record at offset ${record.offset} of ${TRANSACTION_STATE_TOPIC}-${partition}: ${(err as Error).message}`);
        }
      }
    }
  }
  return loaded;
}
