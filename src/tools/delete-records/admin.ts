// Admin.deleteRecords as Kafka's client performs it (DeleteRecordsHandler over
// PartitionLeaderStrategy): find each partition's leader by Metadata, send each leader one
// DeleteRecords request, and retry lookups while the answers are retriable (unknown topic,
// no leader yet, leadership moved) until default.api.timeout.ms runs out.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode, isRetriable } from '../../protocol/errors.js';
import { KafkaApiError } from '../../client/errors.js';
import type { AdminClient } from '../../client/admin-client.js';
import type { ConnectionSettings } from '../../client/config.js';
import { fetchMetadata, type ClusterMetadata } from '../../client/cluster-metadata.js';
import type { RecordsToDelete } from './json.js';
import { javaExceptionClass, javaExceptionText } from '../../java-compat/java-exceptions.js';

/** A partition's new log start offset, or the text of the exception its future failed with. */
export type DeleteResult = { readonly lowWatermark: bigint } | { readonly error: string };

const key = (r: { topic: string; partition: number }) => `${r.topic}-${r.partition}`;

/** Metadata answers that leave a partition unmapped for now: Java looks it up again. */
const LOOKUP_RETRY_TOPIC_ERRORS = new Set<number>([ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.LEADER_NOT_AVAILABLE, ErrorCode.BROKER_NOT_AVAILABLE]);
const LOOKUP_RETRY_PARTITION_ERRORS = new Set<number>([
  ErrorCode.NOT_LEADER_OR_FOLLOWER,
  ErrorCode.REPLICA_NOT_AVAILABLE,
  ErrorCode.LEADER_NOT_AVAILABLE,
  ErrorCode.BROKER_NOT_AVAILABLE,
  ErrorCode.KAFKA_STORAGE_ERROR,
  ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
]);

export async function deleteRecords(client: AdminClient, records: readonly RecordsToDelete[], settings: ConnectionSettings): Promise<Map<string, DeleteResult>> {
  const results = new Map<string, DeleteResult>();
  const deadline = Date.now() + settings.connectDeadlineMs;
  let pending = [...records];
  // The request each partition waits on when time runs out: its leader lookup, or the deletion.
  const phase = new Map<string, 'METADATA' | 'DELETE_RECORDS'>();
  while (pending.length > 0) {
    const metadata = await fetchMetadata(client, [...new Set(pending.map((r) => r.topic))]);
    const byLeader = new Map<number, RecordsToDelete[]>();
    for (const r of pending) {
      const leader = lookupLeader(metadata, r, results);
      phase.set(key(r), leader === undefined ? 'METADATA' : 'DELETE_RECORDS');
      if (leader === undefined) continue;
      let list = byLeader.get(leader);
      if (list === undefined) byLeader.set(leader, (list = []));
      list.push(r);
    }
    await Promise.all([...byLeader].map(([leader, list]) => deleteOnLeader(client, metadata, leader, list, results, settings)));
    pending = pending.filter((r) => !results.has(key(r)));
    if (pending.length === 0) break;
    if (Date.now() + settings.retryBackoffMs >= deadline) {
      for (const r of pending) {
        results.set(key(r), { error: `org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: deleteRecords(api=${phase.get(key(r))})` });
      }
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, settings.retryBackoffMs));
  }
  return results;
}

/** PartitionLeaderStrategy.handleResponse for one partition: its leader, a failure, or undefined to retry. */
function lookupLeader(metadata: ClusterMetadata, r: RecordsToDelete, results: Map<string, DeleteResult>): number | undefined {
  const topic = metadata.topics.find((t) => t.name === r.topic);
  if (topic === undefined) return undefined;
  const tp = key(r);
  if (topic.errorCode !== ErrorCode.NONE) {
    if (LOOKUP_RETRY_TOPIC_ERRORS.has(topic.errorCode)) return undefined;
    const why =
      topic.errorCode === ErrorCode.TOPIC_AUTHORIZATION_FAILED
        ? 'due to topic authorization failure'
        : topic.errorCode === ErrorCode.INVALID_TOPIC_EXCEPTION
          ? `due to invalid topic \`${r.topic}\``
          : `due to unexpected error for topic \`${r.topic}\``;
    results.set(tp, { error: `${javaExceptionClass(topic.errorCode)}: Failed to fetch metadata for partition ${tp} ${why}` });
    return undefined;
  }
  const partition = topic.partitions.find((p) => p.partition === r.partition);
  if (partition === undefined) return undefined;
  if (partition.errorCode !== ErrorCode.NONE) {
    if (!LOOKUP_RETRY_PARTITION_ERRORS.has(partition.errorCode)) {
      results.set(tp, { error: `${javaExceptionClass(partition.errorCode)}: Unexpected error during metadata lookup for ${tp}` });
    }
    return undefined;
  }
  return partition.leader >= 0 ? partition.leader : undefined;
}

/** One DeleteRecords request to a leader; retriable answers leave the partition pending. */
async function deleteOnLeader(
  client: AdminClient,
  metadata: ClusterMetadata,
  leader: number,
  list: readonly RecordsToDelete[],
  results: Map<string, DeleteResult>,
  settings: ConnectionSettings,
): Promise<void> {
  const node = metadata.brokers.find((b) => b.nodeId === leader);
  if (node === undefined) return;
  const broker = await client.toBroker(node);
  if (!broker.supports(ApiKey.DeleteRecords)) {
    for (const r of list) results.set(key(r), { error: 'org.apache.kafka.common.errors.UnsupportedVersionException: The node does not support DELETE_RECORDS' });
    return;
  }
  const topics = new Map<string, Array<{ partitionIndex: number; offset: bigint }>>();
  for (const r of list) {
    let partitions = topics.get(r.topic);
    if (partitions === undefined) topics.set(r.topic, (partitions = []));
    partitions.push({ partitionIndex: r.partition, offset: r.offset });
  }
  let response;
  try {
    response = await broker.send(ApiKey.DeleteRecords, {
      topics: [...topics].map(([name, partitions]) => ({ name, partitions })),
      timeoutMs: settings.connectDeadlineMs,
    });
  } catch (e) {
    if (!(e instanceof KafkaApiError)) throw e;
    for (const r of list) results.set(key(r), { error: javaExceptionText(e.code, e.message) });
    return;
  }
  for (const t of response.topics) {
    for (const p of t.partitions) {
      const tp = key({ topic: t.name, partition: p.partitionIndex });
      if (!list.some((r) => key(r) === tp)) continue;
      if (p.errorCode === ErrorCode.NONE) results.set(tp, { lowWatermark: p.lowWatermark });
      else if (!isRetriable(p.errorCode)) results.set(tp, { error: javaExceptionText(p.errorCode) });
    }
  }
  for (const r of list) {
    const answered = response.topics.some((t) => t.name === r.topic && t.partitions.some((p) => p.partitionIndex === r.partition));
    if (!answered) {
      results.set(key(r), {
        error: `org.apache.kafka.common.errors.ApiException: The response from broker ${leader} did not contain a result for topic partition ${key(r)}`,
      });
    }
  }
}
