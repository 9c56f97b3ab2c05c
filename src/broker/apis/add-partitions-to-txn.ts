// AddPartitionsToTxn (24): partitions join a transaction before the producer writes to them.
// v0-3 come from clients and name one transaction; v4+ (brokers, KIP-890) batch several and may
// only verify (verifyOnly) that partitions are in a transaction. As in Kafka's KafkaApis: if any
// partition of a transaction fails (does not exist: UNKNOWN_TOPIC_OR_PARTITION; an internal topic
// from a client: TOPIC_AUTHORIZATION_FAILED), nothing is added and the rest get
// OPERATION_NOT_ATTEMPTED.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import type { AddPartitionsToTxnRequestAddPartitionsToTxnTopic as RequestTopic } from '../../protocol/generated/types.js';
import type { Broker } from '../broker.js';
import { INTERNAL_TOPICS } from '../metadata/topic-registry.js';
import type { TopicPartitionRef } from '../txn/transaction-state.js';
import { defineHandler } from './handler.js';

interface TopicResult {
  name: string;
  resultsByPartition: { partitionIndex: number; partitionErrorCode: number }[];
}

export default defineHandler({
  apiKey: ApiKey.AddPartitionsToTxn,
  minVersion: 0,
  maxVersion: 5,
  handle(ctx, req) {
    const { broker, apiVersion } = ctx;
    if (apiVersion < 4) {
      const topicResults = addToTransaction(broker, apiVersion, req.v3AndBelowTransactionalId, Number(req.v3AndBelowProducerId), req.v3AndBelowProducerEpoch, false, req.v3AndBelowTopics);
      return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, resultsByTransaction: [], resultsByTopicV3AndBelow: topicResults };
    }
    const resultsByTransaction = req.transactions.map((t) => {
      if (t.transactionalId === null) throw new KafkaError(ErrorCode.INVALID_REQUEST, 'Transactional ID can not be null in request.');
      return { transactionalId: t.transactionalId, topicResults: addToTransaction(broker, apiVersion, t.transactionalId, Number(t.producerId), t.producerEpoch, t.verifyOnly, t.topics) };
    });
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, resultsByTransaction, resultsByTopicV3AndBelow: [] };
  },
  errorResponse(req, error, apiVersion) {
    if (apiVersion < 4) return { throttleTimeMs: 0, resultsByTopicV3AndBelow: sameError(uniqueTopics(req.v3AndBelowTopics), error.code) };
    return { throttleTimeMs: 0, errorCode: error.code, resultsByTransaction: [] };
  },
});

function addToTransaction(broker: Broker, apiVersion: number, transactionalId: string, producerId: number, producerEpoch: number, verifyOnly: boolean, requested: readonly RequestTopic[]): TopicResult[] {
  const topics = uniqueTopics(requested);
  const partitions: TopicPartitionRef[] = topics.flatMap((t) => t.partitions.map((partition) => ({ topic: t.name, partition })));
  // Clients (v0-3) are never authorized to write to internal topics (Kafka filters them out of
  // the WRITE check); partitions that do not exist fail too.
  const failure = (topic: string, partition: number): number | null => {
    if (apiVersion < 4 && INTERNAL_TOPICS.has(topic)) return ErrorCode.TOPIC_AUTHORIZATION_FAILED;
    if (broker.lookupPartition(topic, partition).errorCode !== ErrorCode.NONE) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
    return null;
  };
  if (partitions.some((p) => failure(p.topic, p.partition) !== null)) {
    return topics.map((t) => ({
      name: t.name,
      resultsByPartition: t.partitions.map((partitionIndex) => ({ partitionIndex, partitionErrorCode: failure(t.name, partitionIndex) ?? ErrorCode.OPERATION_NOT_ATTEMPTED })),
    }));
  }
  if (verifyOnly) {
    const verified = broker.transactions.verifyPartitions(transactionalId, producerId, producerEpoch, partitions);
    if ('error' in verified) return sameError(topics, verified.error);
    let i = 0;
    return topics.map((t) => ({ name: t.name, resultsByPartition: t.partitions.map((partitionIndex) => ({ partitionIndex, partitionErrorCode: verified.perPartition[i++]! })) }));
  }
  const error = broker.transactions.addPartitions(transactionalId, producerId, producerEpoch, partitions);
  // Clients before v2 do not know PRODUCER_FENCED (KIP-588).
  return sameError(topics, apiVersion < 2 && error === ErrorCode.PRODUCER_FENCED ? ErrorCode.INVALID_PRODUCER_EPOCH : error);
}

/** Topics are a keyed collection in Kafka's request: one entry per name, partitions once each. */
function uniqueTopics(requested: readonly RequestTopic[]): { name: string; partitions: number[] }[] {
  const byName = new Map<string, Set<number>>();
  for (const t of requested) {
    let set = byName.get(t.name);
    if (!set) byName.set(t.name, (set = new Set()));
    for (const p of t.partitions) set.add(p);
  }
  return [...byName].map(([name, ps]) => ({ name, partitions: [...ps] }));
}

function sameError(topics: readonly { name: string; partitions: readonly number[] }[], errorCode: number): TopicResult[] {
  return topics.map((t) => ({ name: t.name, resultsByPartition: t.partitions.map((partitionIndex) => ({ partitionIndex, partitionErrorCode: errorCode })) }));
}
