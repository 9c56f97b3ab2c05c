// One Metadata request, read the way Kafka's Admin client reads it: the brokers (Node) with
// their racks, and each topic's partitions with their leaders. Tools that talk to a given broker
// (partition leaders, every broker in turn) find its address here.
import type { AdminClient, BrokerNode } from './admin-client.js';
import { javaStringHash, topicPartitionHashCode } from '../java-compat/java-hash-order.js';

export { topicPartitionHashCode };

export interface ClusterNode extends BrokerNode {
  readonly rack: string | null;
}

export interface PartitionMetadata {
  readonly partition: number;
  readonly errorCode: number;
  /** -1 when the partition has no leader. */
  readonly leader: number;
}

export interface TopicMetadata {
  readonly name: string;
  readonly errorCode: number;
  readonly isInternal: boolean;
  readonly partitions: readonly PartitionMetadata[];
}

export interface ClusterMetadata {
  readonly brokers: readonly ClusterNode[];
  readonly topics: readonly TopicMetadata[];
}

/** Metadata for the given topics, or every topic when `topics` is null (never auto-creates). */
export async function fetchMetadata(client: AdminClient, topics: readonly string[] | null): Promise<ClusterMetadata> {
  // The codecs load only once a tool talks to the cluster: usage errors stay instant.
  const { ApiKey } = await import('../protocol/api.js');
  const response = await client.send(
    ApiKey.Metadata,
    { topics: topics === null ? null : topics.map((name) => ({ name })), allowAutoTopicCreation: false },
    // v1 is the first version where null means "all topics".
    1,
  );
  return {
    brokers: response.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack })),
    topics: response.topics.map((t) => ({
      name: t.name ?? '',
      errorCode: t.errorCode,
      isInternal: t.isInternal,
      partitions: t.partitions.map((p) => ({ partition: p.partitionIndex, errorCode: p.errorCode, leader: p.leaderId })),
    })),
  };
}

/** Java's Node.toString() (Kafka 4.0: brokers listed by Metadata are never fenced). */
export function nodeText(node: ClusterNode): string {
  return `${node.host}:${node.port} (id: ${node.nodeId} rack: ${node.rack ?? 'null'} isFenced: false)`;
}

/** Java's Node.hashCode(), for output Kafka prints in HashMap<Node, ...> order. */
export function nodeHashCode(node: ClusterNode): number {
  let h = (31 + javaStringHash(node.host)) | 0;
  h = (Math.imul(31, h) + node.nodeId) | 0;
  h = (Math.imul(31, h) + node.port) | 0;
  h = (Math.imul(31, h) + (node.rack === null ? 0 : javaStringHash(node.rack))) | 0;
  // Boolean.hashCode(false)
  return (Math.imul(31, h) + 1237) | 0;
}

