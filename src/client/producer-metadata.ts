// What the producer needs from the cluster before its first record: the topic's partition
// leaders (KafkaProducer.waitOnMetadata: retried until max.block.ms, auto-creation asked for) and,
// when idempotent, a producer id and epoch from InitProducerId (TransactionManager's handling of
// its answer: retriable errors are retried, anything else is a fatal error for every send).
import { ApiKey } from '../protocol/api.js';
import { ErrorCode, isRetriable } from '../protocol/errors.js';
import { VERSIONS, type Cluster, type TopicLayout } from './cluster.js';
import { ProducerRecordError } from './producer-errors.js';

const INIT_PRODUCER_ID_VERSION = 4;
const JAVA_INT_MAX = 2_147_483_647;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The topic's leaders; a ProducerRecordError with Java's text when it does not come in time. */
export async function waitForTopic(cluster: Cluster, topic: string, maxBlockMs: number, retryBackoffMs: number): Promise<TopicLayout> {
  const deadline = Date.now() + maxBlockMs;
  for (;;) {
    const response = await cluster.bootstrap.send(ApiKey.Metadata, VERSIONS.metadata, { topics: [{ name: topic }], allowAutoTopicCreation: true });
    for (const b of response.brokers) cluster.addBroker(b.nodeId, b.host, b.port);
    const t = response.topics[0];
    const code = t?.errorCode ?? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
    if (t !== undefined && code === ErrorCode.NONE && t.partitions.length > 0 && t.partitions.every((p) => p.leaderId >= 0)) {
      const leaders: number[] = [];
      for (const p of t.partitions) leaders[p.partitionIndex] = p.leaderId;
      return { name: topic, leaders };
    }
    if (code === ErrorCode.INVALID_TOPIC_EXCEPTION) {
      throw new ProducerRecordError('org.apache.kafka.common.errors.InvalidTopicException', `Invalid topics: [${topic}]`, code);
    }
    if (code === ErrorCode.TOPIC_AUTHORIZATION_FAILED) {
      throw new ProducerRecordError('org.apache.kafka.common.errors.TopicAuthorizationException', `Not authorized to access topics: [${topic}]`, code);
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw ProducerRecordError.topicNotPresent(topic, maxBlockMs);
    await sleep(Math.min(Math.max(retryBackoffMs, 1), remaining));
  }
}

export interface ProducerIdAndEpoch {
  readonly producerId: number;
  readonly epoch: number;
}

/** InitProducerId for an idempotent (non-transactional) producer. */
export async function initProducerId(cluster: Cluster, retryBackoffMs: number, deadlineMs: number): Promise<ProducerIdAndEpoch> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const response = await cluster.bootstrap.send(ApiKey.InitProducerId, INIT_PRODUCER_ID_VERSION, {
      transactionalId: null,
      transactionTimeoutMs: JAVA_INT_MAX,
      producerId: -1n,
      producerEpoch: -1,
    });
    const code = response.errorCode;
    if (code === ErrorCode.NONE) return { producerId: Number(response.producerId), epoch: response.producerEpoch };
    if (isRetriable(code) && Date.now() < deadline) {
      await sleep(Math.max(retryBackoffMs, 1));
      continue;
    }
    if (code === ErrorCode.CLUSTER_AUTHORIZATION_FAILED || code === ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED || isRetriable(code)) {
      throw ProducerRecordError.fromCode(code);
    }
    throw ProducerRecordError.initProducerIdFailed(code);
  }
}
