// Admin.listTransactions, describeTransactions, describeProducers and abortTransaction, as Kafka's
// Admin client performs them: ListTransactions goes to every broker (each coordinates its own
// share of transactional ids), DescribeTransactions to each id's coordinator (FindCoordinator key
// type 1), DescribeProducers to the partition's leader (or the broker asked for), and an abort is a
// WriteTxnMarkers ABORT sent to the partition's leader. Retriable answers (coordinator loading or
// moved, leadership moved) are retried with backoff until the timeout, as Java does.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { KafkaApiError } from '../errors.js';
import { apiError, type AdminClient, type BrokerNode } from '../admin-client.js';
import { fetchMetadata } from '../cluster-metadata.js';
import { capacityAfterPuts, iterationOrderBy, topicPartitionHashCode } from '../../java-compat/java-hash-order.js';

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** Java's TopicPartition.toString(): `topic-partition`. */
export const topicPartitionText = (tp: TopicPartition): string => `${tp.topic}-${tp.partition}`;

export interface TransactionListing {
  readonly transactionalId: string;
  readonly producerId: bigint;
  /** The coordinator's state name: Ongoing, PrepareCommit, CompleteAbort, Empty, ... */
  readonly state: string;
}

export interface ListTransactionsOptions {
  readonly stateFilters?: readonly string[];
  readonly producerIdFilters?: readonly bigint[];
  /** Only transactions running longer than this many ms; negative for all (ListTransactions v1). */
  readonly durationFilterMs?: bigint;
}

export interface TransactionDescription {
  readonly coordinatorId: number;
  readonly state: string;
  readonly producerId: bigint;
  readonly producerEpoch: number;
  readonly transactionTimeoutMs: number;
  /** null when no transaction is open. */
  readonly transactionStartTimeMs: bigint | null;
  /** In Java's HashSet<TopicPartition> order, as Kafka prints them. */
  readonly topicPartitions: readonly TopicPartition[];
}

export interface ProducerState {
  readonly producerId: bigint;
  readonly producerEpoch: number;
  readonly lastSequence: number;
  readonly lastTimestamp: bigint;
  /** null when unknown (-1 on the wire). */
  readonly coordinatorEpoch: number | null;
  /** null when the producer has no open transaction (-1 on the wire). */
  readonly currentTransactionStartOffset: bigint | null;
}

export interface AbortTransactionSpec {
  readonly topicPartition: TopicPartition;
  readonly producerId: bigint;
  readonly producerEpoch: number;
  readonly coordinatorEpoch: number;
}

/** Java's AbortTransactionSpec.toString(), which kafka-transactions prints in its failure line. */
export function abortSpecText(spec: AbortTransactionSpec): string {
  return `AbortTransactionSpec(topicPartition=${topicPartitionText(spec.topicPartition)}, producerId=${spec.producerId}, producerEpoch=${spec.producerEpoch}, coordinatorEpoch=${spec.coordinatorEpoch})`;
}

/** Java's default.api.timeout.ms. */
export const DEFAULT_API_TIMEOUT_MS = 60_000;
const RETRY_BACKOFF_MS = 100;
const RETRY_BACKOFF_MAX_MS = 1000;
const COORDINATOR_MOVED = new Set<number>([ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.NOT_COORDINATOR]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function timeoutError(call: string): KafkaApiError {
  return new KafkaApiError(ErrorCode.REQUEST_TIMED_OUT, `Timed out waiting for a node assignment. Call: ${call}`);
}

/** Fails with Java's UnsupportedVersionException text when the node does not serve the API. */
function requireApi(client: AdminClient, apiKey: ApiKey, name: string, minVersion = 0): void {
  if (!client.supports(apiKey, minVersion)) throw new KafkaApiError(ErrorCode.UNSUPPORTED_VERSION, `The node does not support ${name}`);
}

/** Admin.listTransactions(options).allByBrokerId(): each broker's listings, in the brokers' id order. */
export async function listTransactions(client: AdminClient, options: ListTransactionsOptions = {}): Promise<Map<number, TransactionListing[]>> {
  const metadata = await fetchMetadata(client, []);
  const durationFilter = options.durationFilterMs ?? -1n;
  const brokers = [...metadata.brokers].sort((a, b) => a.nodeId - b.nodeId);
  const results = await Promise.all(
    brokers.map(async (node) => {
      const broker = await client.toBroker(node);
      requireApi(broker, ApiKey.ListTransactions, 'LIST_TRANSACTIONS', durationFilter >= 0n ? 1 : 0);
      const response = await broker.send(
        ApiKey.ListTransactions,
        { stateFilters: [...(options.stateFilters ?? [])], producerIdFilters: [...(options.producerIdFilters ?? [])], durationFilter },
        durationFilter >= 0n ? 1 : 0,
      );
      if (response.errorCode !== ErrorCode.NONE) throw apiError(response.errorCode, null);
      const listings = response.transactionStates.map((t) => ({ transactionalId: t.transactionalId, producerId: t.producerId, state: t.transactionState }));
      return [node.nodeId, listings] as const;
    }),
  );
  return new Map(results);
}

/** FindCoordinator for a transactional id (key type 1), retried while the coordinator is not there yet. */
export async function findTransactionCoordinator(client: AdminClient, transactionalId: string, deadline: number): Promise<BrokerNode> {
  let backoff = RETRY_BACKOFF_MS;
  for (;;) {
    const response = await client.send(ApiKey.FindCoordinator, { key: transactionalId, keyType: 1, coordinatorKeys: [transactionalId] }, 1);
    // v4+ answers per key; older versions at the top level.
    const answer = response.coordinators[0] ?? response;
    if (answer.errorCode === ErrorCode.NONE) return { nodeId: answer.nodeId, host: answer.host, port: answer.port };
    if (!(COORDINATOR_MOVED.has(answer.errorCode) || answer.errorCode === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS)) throw apiError(answer.errorCode, answer.errorMessage);
    if (Date.now() + backoff >= deadline) throw timeoutError('findCoordinator');
    await sleep(backoff);
    backoff = Math.min(backoff * 2, RETRY_BACKOFF_MAX_MS);
  }
}

/** Admin.describeTransactions for one id: its description, or the exception Java's future fails with. */
export async function describeTransaction(client: AdminClient, transactionalId: string, timeoutMs: number): Promise<TransactionDescription> {
  const deadline = Date.now() + timeoutMs;
  let backoff = RETRY_BACKOFF_MS;
  for (;;) {
    const node = await findTransactionCoordinator(client, transactionalId, deadline);
    const coordinator = await client.toBroker(node);
    requireApi(coordinator, ApiKey.DescribeTransactions, 'DESCRIBE_TRANSACTIONS');
    const response = await coordinator.send(ApiKey.DescribeTransactions, { transactionalIds: [transactionalId] });
    const state = response.transactionStates.find((s) => s.transactionalId === transactionalId);
    if (state === undefined) throw new KafkaApiError(ErrorCode.UNKNOWN_SERVER_ERROR, `DescribeTransactions response did not include transactionalId \`${transactionalId}\``);
    const id = `DescribeTransactions request for transactionalId \`${transactionalId}\``;
    switch (state.errorCode) {
      case ErrorCode.NONE:
        return describedTransaction(node.nodeId, state);
      case ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED:
        throw new KafkaApiError(state.errorCode, `${id} failed due to authorization failure`);
      case ErrorCode.TRANSACTIONAL_ID_NOT_FOUND:
        throw new KafkaApiError(state.errorCode, `${id} failed because the ID could not be found`);
      case ErrorCode.COORDINATOR_LOAD_IN_PROGRESS:
      case ErrorCode.NOT_COORDINATOR:
      case ErrorCode.COORDINATOR_NOT_AVAILABLE:
        if (Date.now() + backoff >= deadline) throw timeoutError('describeTransactions');
        await sleep(backoff);
        backoff = Math.min(backoff * 2, RETRY_BACKOFF_MAX_MS);
        continue;
      default:
        throw new KafkaApiError(state.errorCode, `${id} failed due to unexpected error`);
    }
  }
}

function describedTransaction(
  coordinatorId: number,
  state: { transactionState: string; producerId: bigint; producerEpoch: number; transactionTimeoutMs: number; transactionStartTimeMs: bigint; topics: ReadonlyArray<{ topic: string; partitions: readonly number[] }> },
): TransactionDescription {
  const inResponseOrder = state.topics.flatMap((t) => t.partitions.map((partition) => ({ topic: t.topic, partition })));
  // Java collects them into a new HashSet<TopicPartition>(): print them in its iteration order.
  const topicPartitions = iterationOrderBy(inResponseOrder, (tp) => topicPartitionHashCode(tp.topic, tp.partition), capacityAfterPuts(16, inResponseOrder.length));
  return {
    coordinatorId,
    state: state.transactionState,
    producerId: state.producerId,
    producerEpoch: state.producerEpoch,
    transactionTimeoutMs: state.transactionTimeoutMs,
    transactionStartTimeMs: state.transactionStartTimeMs < 0n ? null : state.transactionStartTimeMs,
    topicPartitions,
  };
}

/** Metadata answers that leave a partition unmapped for now: Java looks it up again until its timeout. */
const LOOKUP_RETRY = new Set<number>([ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.LEADER_NOT_AVAILABLE, ErrorCode.BROKER_NOT_AVAILABLE, ErrorCode.NOT_LEADER_OR_FOLLOWER]);

/**
 * The leader of each partition (by Metadata, PartitionLeaderStrategy): unknown partitions and
 * missing leaders are looked up again until `deadline`, then fail as Java's call times out.
 */
async function partitionLeaders(
  client: AdminClient,
  partitions: readonly TopicPartition[],
  call: string,
  deadline: number,
): Promise<{ nodes: Map<number, BrokerNode>; leaders: Map<string, number | KafkaApiError> }> {
  let backoff = RETRY_BACKOFF_MS;
  for (;;) {
    const metadata = await fetchMetadata(client, [...new Set(partitions.map((p) => p.topic))]);
    const nodes = new Map(metadata.brokers.map((b) => [b.nodeId, b]));
    const leaders = new Map<string, number | KafkaApiError>();
    let pending = false;
    for (const tp of partitions) {
      const topic = metadata.topics.find((t) => t.name === tp.topic);
      const partition = topic?.partitions.find((p) => p.partition === tp.partition);
      const code = topic === undefined ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : topic.errorCode !== ErrorCode.NONE ? topic.errorCode : (partition?.errorCode ?? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      if (code === ErrorCode.NONE && partition !== undefined && partition.leader >= 0 && nodes.has(partition.leader)) {
        leaders.set(topicPartitionText(tp), partition.leader);
      } else if (code === ErrorCode.NONE || LOOKUP_RETRY.has(code)) {
        pending = true;
        leaders.set(topicPartitionText(tp), timeoutError(`${call}(api=METADATA)`));
      } else {
        leaders.set(topicPartitionText(tp), apiError(code, null));
      }
    }
    if (!pending || Date.now() + backoff >= deadline) return { nodes, leaders };
    await sleep(backoff);
    backoff = Math.min(backoff * 2, RETRY_BACKOFF_MAX_MS);
  }
}

/**
 * Admin.describeProducers: each partition's active producers, asked of its leader or of
 * `brokerId` when given; a failed partition maps to the error its future fails with.
 */
export async function describeProducers(
  client: AdminClient,
  partitions: readonly TopicPartition[],
  brokerId?: number,
  timeoutMs = DEFAULT_API_TIMEOUT_MS,
): Promise<Map<string, ProducerState[] | KafkaApiError>> {
  const results = new Map<string, ProducerState[] | KafkaApiError>();
  // With a broker id given, Java sends to it without looking leaders up.
  const { nodes, leaders } = brokerId !== undefined ? { nodes: new Map<number, BrokerNode>(), leaders: new Map<string, number | KafkaApiError>() } : await partitionLeaders(client, partitions, 'describeProducers', Date.now() + timeoutMs);
  if (brokerId !== undefined && !nodes.has(brokerId)) {
    const metadata = await fetchMetadata(client, []);
    for (const b of metadata.brokers) nodes.set(b.nodeId, b);
  }
  const byBroker = new Map<number, TopicPartition[]>();
  for (const tp of partitions) {
    const target = brokerId ?? leaders.get(topicPartitionText(tp))!;
    if (target instanceof KafkaApiError) {
      results.set(topicPartitionText(tp), target);
      continue;
    }
    byBroker.set(target, [...(byBroker.get(target) ?? []), tp]);
  }
  await Promise.all(
    [...byBroker].map(async ([id, list]) => {
      const node = nodes.get(id);
      if (node === undefined) {
        // Java waits for the node to appear until its timeout, then fails with this text; kt fails at once.
        for (const tp of list) results.set(topicPartitionText(tp), timeoutError('describeProducers(api=DESCRIBE_PRODUCERS)'));
        return;
      }
      const broker = await client.toBroker(node);
      requireApi(broker, ApiKey.DescribeProducers, 'DESCRIBE_PRODUCERS');
      const topics = new Map<string, number[]>();
      for (const tp of list) topics.set(tp.topic, [...(topics.get(tp.topic) ?? []), tp.partition]);
      const response = await broker.send(ApiKey.DescribeProducers, { topics: [...topics].map(([name, partitionIndexes]) => ({ name, partitionIndexes })) });
      for (const topic of response.topics) {
        for (const p of topic.partitions) {
          const tp = { topic: topic.name, partition: p.partitionIndex };
          if (p.errorCode === ErrorCode.NONE) {
            results.set(topicPartitionText(tp), p.activeProducers.map(producerState));
          } else if (p.errorCode === ErrorCode.NOT_LEADER_OR_FOLLOWER && brokerId !== undefined) {
            results.set(topicPartitionText(tp), new KafkaApiError(p.errorCode, `Failed to describe active producers for partition ${topicPartitionText(tp)} on brokerId ${brokerId}`));
          } else {
            results.set(topicPartitionText(tp), apiError(p.errorCode, p.errorMessage));
          }
        }
      }
      for (const tp of list) if (!results.has(topicPartitionText(tp))) results.set(topicPartitionText(tp), apiError(ErrorCode.UNKNOWN_SERVER_ERROR, null));
    }),
  );
  return results;
}

function producerState(p: { producerId: bigint; producerEpoch: number; lastSequence: number; lastTimestamp: bigint; coordinatorEpoch: number; currentTxnStartOffset: bigint }): ProducerState {
  return {
    producerId: p.producerId,
    producerEpoch: p.producerEpoch,
    lastSequence: p.lastSequence,
    lastTimestamp: p.lastTimestamp,
    coordinatorEpoch: p.coordinatorEpoch < 0 ? null : p.coordinatorEpoch,
    currentTransactionStartOffset: p.currentTxnStartOffset < 0n ? null : p.currentTxnStartOffset,
  };
}

/** Admin.abortTransaction: an ABORT marker written by the partition's leader (WriteTxnMarkers). */
export async function abortTransaction(client: AdminClient, spec: AbortTransactionSpec, timeoutMs = DEFAULT_API_TIMEOUT_MS): Promise<void> {
  const { nodes, leaders } = await partitionLeaders(client, [spec.topicPartition], 'abortTransaction', Date.now() + timeoutMs);
  const leader = leaders.get(topicPartitionText(spec.topicPartition))!;
  if (leader instanceof KafkaApiError) throw leader;
  const broker = await client.toBroker(nodes.get(leader)!);
  requireApi(broker, ApiKey.WriteTxnMarkers, 'WRITE_TXN_MARKERS');
  const response = await broker.send(ApiKey.WriteTxnMarkers, {
    markers: [
      {
        producerId: spec.producerId,
        producerEpoch: spec.producerEpoch,
        transactionResult: false,
        coordinatorEpoch: spec.coordinatorEpoch,
        topics: [{ name: spec.topicPartition.topic, partitionIndexes: [spec.topicPartition.partition] }],
      },
    ],
  });
  const code = response.markers[0]?.topics[0]?.partitions[0]?.errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR;
  if (code === ErrorCode.NONE) return;
  // AbortTransactionHandler's wording for the errors it names.
  if (code === ErrorCode.CLUSTER_AUTHORIZATION_FAILED) throw new KafkaApiError(code, `WriteTxnMarkers request with ${abortSpecText(spec)} failed due to cluster authorization error`);
  if (code === ErrorCode.INVALID_PRODUCER_EPOCH || code === ErrorCode.TRANSACTION_COORDINATOR_FENCED) {
    throw new KafkaApiError(code, `WriteTxnMarkers request with ${abortSpecText(spec)} failed since the provided coordinator epoch ${spec.coordinatorEpoch} has been fenced by the active coordinator`);
  }
  throw apiError(code, `WriteTxnMarkers request with ${abortSpecText(spec)} failed due to unexpected error`);
}
