// Metadata as the consumer needs it: the leaders of the partitions of several topics (or of every
// topic, for a pattern subscription), learning broker addresses on the way.
import { ApiKey } from '../protocol/api.js';
import { ErrorCode } from '../protocol/errors.js';
import { Cluster, VERSIONS } from './cluster.js';

export interface ConsumerTopicMetadata {
  /** Leader node id per partition index (-1 while there is none). */
  readonly leaders: number[];
  readonly isInternal: boolean;
}

/**
 * Topics that exist, with their leaders; `topics` undefined asks for every topic. Asking for named
 * topics creates missing ones when `allowAutoCreation` (allow.auto.create.topics).
 */
export async function fetchTopicMetadata(cluster: Cluster, topics: readonly string[] | undefined, allowAutoCreation: boolean): Promise<Map<string, ConsumerTopicMetadata>> {
  const response = await cluster.bootstrap.send(ApiKey.Metadata, VERSIONS.metadata, {
    topics: topics === undefined ? null : topics.map((name) => ({ name })),
    allowAutoTopicCreation: allowAutoCreation,
  });
  for (const b of response.brokers) cluster.addBroker(b.nodeId, b.host, b.port);
  const out = new Map<string, ConsumerTopicMetadata>();
  for (const t of response.topics) {
    if (t.errorCode !== ErrorCode.NONE || t.name === null || t.partitions.length === 0) continue;
    const leaders: number[] = [];
    for (const p of t.partitions) leaders[p.partitionIndex] = p.leaderId;
    out.set(t.name, { leaders, isInternal: t.isInternal });
  }
  return out;
}
