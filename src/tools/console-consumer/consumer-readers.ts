// The two ways the console consumer reads, both on kafkajs:
//  * subscribe (--topic / --include without --partition): a kafkajs consumer in a group, offsets
//    committed for the records printed when auto commit is on;
//  * assign (--partition): no group at all, as Java's consumer.assign(): a fetch loop on kafkajs's
//    cluster/broker layer, starting from earliest/latest/an offset, with auto.offset.reset applied
//    when the offset is out of range. kafkajs has no assign(), and a group-based emulation would
//    create a group on the broker and re-read committed offsets.
import { createRequire } from 'node:module';
import type { Consumer, KafkaMessage } from 'kafkajs';
import type { ConsumeSession } from './consume-session.js';
import type { StartOffset } from './options.js';
import { ORDERED_HEADERS, type OrderedHeaders } from '../console-producer/kafkajs-shims.js';
import type { Kafkajs } from '../console-producer/kafkajs-loader.js';
import type { ConsumedRecord, TimestampTypeName } from './message-formatter.js';

export interface FetchSettings {
  readonly minBytes: number;
  readonly maxBytes: number;
  readonly maxBytesPerPartition: number;
  readonly maxWaitTimeMs: number;
  readonly readCommitted: boolean;
  readonly retryBackoffMs: number;
}

type KafkajsMessage = KafkaMessage & {
  magicByte?: number;
  attributes?: number;
  batchContext?: { timestampType?: number };
  [ORDERED_HEADERS]?: OrderedHeaders;
};

/** A kafkajs message as the formatter sees it. */
export function consumedRecord(topic: string, partition: number, m: KafkajsMessage): ConsumedRecord {
  return {
    topic,
    partition,
    offset: m.offset,
    timestamp: m.timestamp,
    timestampType: timestampType(m),
    key: m.key ?? null,
    value: m.value ?? null,
    headers: m[ORDERED_HEADERS] ?? headersFromObject(m.headers),
  };
}

function timestampType(m: KafkajsMessage): TimestampTypeName {
  if (m.magicByte === 0) return 'NoTimestampType';
  if (m.batchContext !== undefined) return m.batchContext.timestampType === 1 ? 'LogAppendTime' : 'CreateTime';
  return ((m.attributes ?? 0) & 0x08) !== 0 ? 'LogAppendTime' : 'CreateTime';
}

function headersFromObject(headers: KafkaMessage['headers']): OrderedHeaders {
  const out: OrderedHeaders = [];
  for (const [k, v] of Object.entries(headers ?? {})) {
    for (const value of Array.isArray(v) ? v : [v]) out.push([k, value === undefined || value === null ? null : Buffer.from(value)]);
  }
  return out;
}

export interface SubscribeOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly fromBeginning: boolean;
  readonly autoCommit: boolean;
  readonly autoCommitIntervalMs: number;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly fetch: FetchSettings;
}

/** Runs a group consumer feeding the session; resolves with the consumer once it is running. */
export async function subscribeAndConsume(kafka: InstanceType<Kafkajs['Kafka']>, options: SubscribeOptions, session: ConsumeSession): Promise<Consumer> {
  const consumer = kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: options.sessionTimeoutMs,
    rebalanceTimeout: options.rebalanceTimeoutMs,
    heartbeatInterval: options.heartbeatIntervalMs,
    minBytes: options.fetch.minBytes,
    maxBytes: options.fetch.maxBytes,
    maxBytesPerPartition: options.fetch.maxBytesPerPartition,
    maxWaitTimeInMs: options.fetch.maxWaitTimeMs,
    readUncommitted: !options.fetch.readCommitted,
    allowAutoTopicCreation: true,
    // A failed consumer ends the tool (Kafka's poll() throws) instead of restarting forever.
    retry: { retries: 5, restartOnFailure: async () => false },
  });
  consumer.on(consumer.events.CRASH, (event) => session.stop({ kind: 'consumer-error', error: event.payload.error }));
  await consumer.connect();
  await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning });
  await consumer.run({
    autoCommit: options.autoCommit,
    autoCommitInterval: options.autoCommitIntervalMs,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset }) => {
      if (session.isStopped) return;
      const records = batch.messages.map((m) => consumedRecord(batch.topic, batch.partition, m as KafkajsMessage));
      await session.accept(records, (r) => resolveOffset(r.offset));
    },
  });
  return consumer;
}

export interface AssignOptions {
  readonly topic: string;
  readonly partition: number;
  readonly start: StartOffset;
  /** auto.offset.reset, applied when the broker reports OFFSET_OUT_OF_RANGE. */
  readonly resetPolicy: 'earliest' | 'latest' | 'none';
  readonly fetch: FetchSettings;
}

interface KafkajsCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addTargetTopic(topic: string): Promise<void>;
  refreshMetadata(): Promise<void>;
  findTopicPartitionMetadata(topic: string): Array<{ partitionId: number; leader: number }>;
  findBroker(args: { nodeId: number }): Promise<KafkajsBroker>;
  fetchTopicsOffset(topics: Array<{ topic: string; fromBeginning: boolean; partitions: Array<{ partition: number }> }>): Promise<Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>>;
}

interface KafkajsBroker {
  fetch(request: {
    replicaId: number;
    isolationLevel: number;
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    topics: Array<{ topic: string; partitions: Array<{ partition: number; fetchOffset: string; maxBytes: number }> }>;
  }): Promise<{ responses: Array<{ topicName: string; partitions: Array<{ partition: number; messages: KafkajsMessage[] }> }> }>;
}

type BatchClass = new (topic: string, fetchedOffset: string, partitionData: unknown) => { messages: KafkajsMessage[] };

const require = createRequire(import.meta.url);

/** Builds a kafkajs Cluster the way kafkajs's Client does for its consumers. */
export function createCluster(kafkaConfig: Record<string, unknown>, readCommitted: boolean): KafkajsCluster {
  const Cluster = require('kafkajs/src/cluster/index.js') as new (args: Record<string, unknown>) => KafkajsCluster;
  const { createLogger } = require('kafkajs/src/loggers/index.js') as { createLogger(args: unknown): unknown };
  const socketFactory = require('kafkajs/src/network/socketFactory.js') as () => unknown;
  const Emitter = require('kafkajs/src/instrumentation/emitter.js') as new () => unknown;
  return new Cluster({
    logger: createLogger({ level: kafkaConfig.logLevel, logCreator: kafkaConfig.logCreator }),
    socketFactory: socketFactory(),
    brokers: kafkaConfig.brokers,
    clientId: kafkaConfig.clientId,
    connectionTimeout: kafkaConfig.connectionTimeout,
    requestTimeout: kafkaConfig.requestTimeout,
    enforceRequestTimeout: true,
    retry: kafkaConfig.retry,
    metadataMaxAge: 300_000,
    allowAutoTopicCreation: true,
    isolationLevel: readCommitted ? 1 : 0,
    instrumentationEmitter: new Emitter(),
    offsets: new Map(),
  });
}

/** Reads one partition without a group until the session stops. */
export async function assignAndConsume(cluster: KafkajsCluster, options: AssignOptions, session: ConsumeSession): Promise<void> {
  const Batch = require('kafkajs/src/consumer/batch.js') as BatchClass;
  const { topic, partition, fetch } = options;
  await cluster.connect();
  await cluster.addTargetTopic(topic);
  const sleep = () => new Promise((r) => setTimeout(r, Math.max(fetch.retryBackoffMs, 50)));

  const leaderOf = async (): Promise<KafkajsBroker | undefined> => {
    const meta = cluster.findTopicPartitionMetadata(topic).find((p) => p.partitionId === partition);
    if (meta === undefined || meta.leader < 0) return undefined;
    return await cluster.findBroker({ nodeId: meta.leader });
  };
  const listOffset = async (fromBeginning: boolean): Promise<number> => {
    const [result] = await cluster.fetchTopicsOffset([{ topic, fromBeginning, partitions: [{ partition }] }]);
    return Number(result!.partitions.find((p) => p.partition === partition)!.offset);
  };

  // An assigned partition that does not exist (yet) is simply waited for, as Java does.
  while (!session.isStopped && (await leaderOf()) === undefined) {
    await sleep();
    await cluster.refreshMetadata().catch(() => undefined);
  }
  let offset = typeof options.start === 'number' ? options.start : await listOffset(options.start === 'earliest');

  while (!session.isStopped) {
    const broker = await leaderOf();
    if (broker === undefined) {
      await sleep();
      await cluster.refreshMetadata().catch(() => undefined);
      continue;
    }
    let partitionData: { partition: number; messages: KafkajsMessage[] } | undefined;
    try {
      const response = await broker.fetch({
        replicaId: -1,
        isolationLevel: fetch.readCommitted ? 1 : 0,
        maxWaitTime: fetch.maxWaitTimeMs,
        minBytes: fetch.minBytes,
        maxBytes: fetch.maxBytes,
        topics: [{ topic, partitions: [{ partition, fetchOffset: String(offset), maxBytes: fetch.maxBytesPerPartition }] }],
      });
      partitionData = response.responses[0]?.partitions.find((p) => p.partition === partition);
    } catch (e) {
      if (session.isStopped) break;
      const error = e as { type?: string; retriable?: boolean };
      if (error.type === 'OFFSET_OUT_OF_RANGE') {
        if (options.resetPolicy === 'none') throw e;
        offset = await listOffset(options.resetPolicy === 'earliest');
        continue;
      }
      if (error.retriable === true) {
        await sleep();
        await cluster.refreshMetadata().catch(() => undefined);
        continue;
      }
      throw e;
    }
    if (partitionData === undefined || session.isStopped) continue;
    const raw = partitionData.messages;
    const batch = new Batch(topic, String(offset), partitionData);
    await session.accept(
      batch.messages.map((m) => consumedRecord(topic, partition, m)),
      () => undefined,
    );
    // Skip past everything the fetch returned, control records and aborted data included.
    const last = raw.length > 0 ? Number(raw[raw.length - 1]!.offset) : -1;
    if (last >= offset) offset = last + 1;
  }
}
