// Admin.listOffsets as GetOffsetShell uses it: one ListOffsets request per partition leader,
// each partition's result being its offset or the exception Java would fail its future with.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { KafkaApiError } from '../../client/errors.js';
import type { AdminClient } from '../../client/admin-client.js';
import type { ClusterMetadata } from '../../client/cluster-metadata.js';
import { javaExceptionText } from '../../java-compat/java-exceptions.js';

export interface TopicPartitionRef {
  readonly topic: string;
  readonly partition: number;
}

/** A partition's offset, or the text of the exception (`<class>: <message>`) it failed with. */
export type OffsetResult = { readonly offset: bigint } | { readonly error: string };

export function partitionKey(tp: TopicPartitionRef): string {
  return `${tp.topic}-${tp.partition}`;
}

/** The ListOffsets version an offset spec needs (ListOffsetsRequest.Builder.forConsumer). */
function minimumVersion(timestamp: bigint): number {
  if (timestamp === -3n) return 7; // max-timestamp
  if (timestamp === -4n) return 8; // earliest-local
  if (timestamp === -5n) return 9; // latest-tiered
  // kt reads the offset field, which v0 lacks; every broker since 0.10.1 has v1.
  return 1;
}

const SPEC_NAMES: Readonly<Record<string, string>> = { '-3': 'MAX_TIMESTAMP', '-4': 'EARLIEST_LOCAL_TIMESTAMP', '-5': 'LATEST_TIERED_TIMESTAMP' };

export async function listOffsets(
  client: AdminClient,
  metadata: ClusterMetadata,
  partitions: readonly TopicPartitionRef[],
  timestamp: bigint,
  timeoutMs: number,
): Promise<Map<string, OffsetResult>> {
  const results = new Map<string, OffsetResult>();
  const leaders = new Map<string, number>();
  for (const t of metadata.topics) for (const p of t.partitions) leaders.set(partitionKey({ topic: t.name, partition: p.partition }), p.leader);

  const byLeader = new Map<number, TopicPartitionRef[]>();
  for (const tp of partitions) {
    const leader = leaders.get(partitionKey(tp)) ?? -1;
    const node = metadata.brokers.find((b) => b.nodeId === leader);
    if (node === undefined) {
      results.set(partitionKey(tp), { error: javaExceptionText(ErrorCode.LEADER_NOT_AVAILABLE) });
      continue;
    }
    let list = byLeader.get(leader);
    if (list === undefined) byLeader.set(leader, (list = []));
    list.push(tp);
  }

  await Promise.all(
    [...byLeader].map(async ([leader, list]) => {
      const node = metadata.brokers.find((b) => b.nodeId === leader)!;
      const broker = await client.toBroker(node);
      const minVersion = minimumVersion(timestamp);
      if (!broker.supports(ApiKey.ListOffsets, minVersion)) {
        const spec = SPEC_NAMES[String(timestamp)] ?? 'the requested';
        const error = `org.apache.kafka.common.errors.UnsupportedVersionException: Broker ${leader} does not support ${spec} offset specs`;
        for (const tp of list) results.set(partitionKey(tp), { error });
        return;
      }
      const topics = new Map<string, number[]>();
      for (const tp of list) {
        let ids = topics.get(tp.topic);
        if (ids === undefined) topics.set(tp.topic, (ids = []));
        ids.push(tp.partition);
      }
      try {
        const response = await broker.send(
          ApiKey.ListOffsets,
          {
            replicaId: -1,
            isolationLevel: 0,
            timeoutMs,
            topics: [...topics].map(([name, ids]) => ({ name, partitions: ids.map((partitionIndex) => ({ partitionIndex, currentLeaderEpoch: -1, timestamp })) })),
          },
          minVersion,
        );
        for (const t of response.topics) {
          for (const p of t.partitions) {
            const key = partitionKey({ topic: t.name, partition: p.partitionIndex });
            results.set(key, p.errorCode === ErrorCode.NONE ? { offset: p.offset } : { error: javaExceptionText(p.errorCode) });
          }
        }
      } catch (e) {
        if (!(e instanceof KafkaApiError)) throw e;
        for (const tp of list) results.set(partitionKey(tp), { error: javaExceptionText(e.code, e.message) });
      }
      for (const tp of list) {
        if (!results.has(partitionKey(tp))) {
          results.set(partitionKey(tp), {
            error: `org.apache.kafka.common.errors.ApiException: The response from broker ${leader} did not contain a result for topic partition ${partitionKey(tp)}`,
          });
        }
      }
    }),
  );
  return results;
}
