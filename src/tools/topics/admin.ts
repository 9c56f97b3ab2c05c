// The Admin-client operations kafka-topics performs (listTopics, describeTopics, describeConfigs,
// listPartitionReassignments, createTopics, deleteTopics, createPartitions), as Java's
// KafkaAdminClient performs them: DescribeTopicPartitions when the broker has it (else Metadata),
// topic ids from Metadata v10+, broker error messages passed through verbatim.
import { ApiKey, type DescribeTopicPartitionsResponse } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { ZERO_UUID } from '../../protocol/primitives.js';
import { type AdminClient, apiError } from '../../client/admin-client.js';

export interface TopicListing {
  readonly name: string;
  readonly topicId: string;
  readonly isInternal: boolean;
}

export interface PartitionInfo {
  readonly partition: number;
  /** Leader broker id, or null when the partition has none. */
  readonly leader: number | null;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  /** ELR lists; null when the broker answered through the Metadata API (printed as N/A). */
  readonly elr: readonly number[] | null;
  readonly lastKnownElr: readonly number[] | null;
}

export interface TopicDescription {
  readonly name: string;
  readonly topicId: string;
  readonly partitions: readonly PartitionInfo[];
}

export interface ConfigEntry {
  readonly name: string;
  readonly value: string | null;
  /** Java's ConfigEntry.isDefault(): source == DEFAULT_CONFIG. */
  readonly isDefault: boolean;
}

export interface PartitionReassignment {
  readonly replicas: readonly number[];
  readonly adding: readonly number[];
  readonly removing: readonly number[];
}

export interface NewTopic {
  readonly name: string;
  /** -1: the broker's num.partitions. */
  readonly numPartitions: number;
  /** -1: the broker's default.replication.factor. */
  readonly replicationFactor: number;
  /** Partition index -> replica broker ids; when given, partitions/replication factor are -1. */
  readonly assignments: ReadonlyMap<number, readonly number[]>;
  readonly configs: ReadonlyMap<string, string>;
}

const TOPIC_RESOURCE = 2;
const DEFAULT_CONFIG_SOURCE = 5;
/** The timeout Java's Admin puts into CreateTopics/DeleteTopics/CreatePartitions requests. */
const OPERATION_TIMEOUT_MS = 30_000;

export class TopicAdmin {
  constructor(private readonly client: AdminClient) {}

  /** Every topic (Java's listTopics, with listInternal as given) and the live broker ids. */
  async listTopics(listInternal: boolean): Promise<{ topics: TopicListing[]; brokers: number[] }> {
    const response = await this.client.send(ApiKey.Metadata, { topics: null, allowAutoTopicCreation: false }, 1);
    const topics: TopicListing[] = [];
    for (const t of response.topics) {
      if (t.errorCode !== ErrorCode.NONE || t.name === null) continue;
      if (t.isInternal && !listInternal) continue;
      topics.push({ name: t.name, topicId: t.topicId, isInternal: t.isInternal });
    }
    return { topics, brokers: response.brokers.map((b) => b.nodeId) };
  }

  /** describeTopics(names): DescribeTopicPartitions pages when available, else Metadata. */
  async describeTopicsByName(names: readonly string[], partitionLimit: number): Promise<Map<string, TopicDescription>> {
    if (names.length === 0) return new Map();
    if (this.client.supports(ApiKey.DescribeTopicPartitions)) return await this.describeTopicPartitions(names, partitionLimit);
    const response = await this.client.send(ApiKey.Metadata, {
      topics: names.map((name) => ({ name, topicId: ZERO_UUID })),
      allowAutoTopicCreation: false,
    });
    const out = new Map<string, TopicDescription>();
    for (const t of response.topics) {
      if (t.errorCode !== ErrorCode.NONE) throw apiError(t.errorCode, null);
      const name = t.name ?? '';
      out.set(name, { name, topicId: t.topicId, partitions: t.partitions.map((p) => metadataPartition(p)) });
    }
    return out;
  }

  /** describeTopics(ids): Metadata v10+ by topic id (no ELR information: printed as N/A). */
  async describeTopicsById(ids: readonly string[]): Promise<TopicDescription[]> {
    const response = await this.client.send(ApiKey.Metadata, { topics: ids.map((topicId) => ({ topicId, name: null })), allowAutoTopicCreation: false }, 10);
    return response.topics.map((t) => {
      if (t.errorCode !== ErrorCode.NONE) throw apiError(t.errorCode, null);
      return { name: t.name ?? '', topicId: t.topicId, partitions: t.partitions.map((p) => metadataPartition(p)) };
    });
  }

  private async describeTopicPartitions(names: readonly string[], partitionLimit: number): Promise<Map<string, TopicDescription>> {
    const out = new Map<string, { name: string; topicId: string; partitions: PartitionInfo[] }>();
    let cursor: { topicName: string; partitionIndex: number } | null = null;
    do {
      const response: DescribeTopicPartitionsResponse = await this.client.send(ApiKey.DescribeTopicPartitions, {
        topics: names.map((name) => ({ name })),
        responsePartitionLimit: partitionLimit,
        cursor,
      });
      for (const t of response.topics) {
        if (t.errorCode !== ErrorCode.NONE) throw apiError(t.errorCode, null);
        const name = t.name ?? '';
        let entry = out.get(name);
        if (entry === undefined) out.set(name, (entry = { name, topicId: t.topicId, partitions: [] }));
        for (const p of t.partitions) {
          if (p.errorCode !== ErrorCode.NONE) throw apiError(p.errorCode, null);
          entry.partitions.push({
            partition: p.partitionIndex,
            leader: p.leaderId < 0 ? null : p.leaderId,
            replicas: p.replicaNodes,
            isr: p.isrNodes,
            elr: p.eligibleLeaderReplicas,
            lastKnownElr: p.lastKnownElr,
          });
        }
      }
      cursor = response.nextCursor;
    } while (cursor !== null);
    return out;
  }

  /**
   * describeConfigs for topics: each topic's entries, or the error the broker answered for it.
   * A broker without DescribeConfigs yields an empty list per topic.
   */
  async describeTopicConfigs(names: readonly string[]): Promise<Map<string, ConfigEntry[] | Error>> {
    const out = new Map<string, ConfigEntry[] | Error>();
    if (names.length === 0) return out;
    const version = this.client.negotiate(ApiKey.DescribeConfigs);
    if (version === undefined) {
      for (const name of names) out.set(name, []);
      return out;
    }
    const response = await this.client.send(ApiKey.DescribeConfigs, {
      resources: names.map((resourceName) => ({ resourceType: TOPIC_RESOURCE, resourceName, configurationKeys: null })),
      includeSynonyms: false,
      includeDocumentation: false,
    });
    for (const r of response.results) {
      if (r.errorCode !== ErrorCode.NONE) {
        out.set(r.resourceName, apiError(r.errorCode, r.errorMessage));
        continue;
      }
      out.set(
        r.resourceName,
        r.configs.map((c) => ({ name: c.name, value: c.value, isDefault: version >= 1 ? c.configSource === DEFAULT_CONFIG_SOURCE : c.isDefault })),
      );
    }
    return out;
  }

  /** Ongoing reassignments keyed `<topic>-<partition>`; none when the broker cannot tell. */
  async listReassignments(partitions: ReadonlyMap<string, readonly number[]>): Promise<Map<string, PartitionReassignment>> {
    const out = new Map<string, PartitionReassignment>();
    if (partitions.size === 0 || !this.client.supports(ApiKey.ListPartitionReassignments)) return out;
    const response = await this.client.send(ApiKey.ListPartitionReassignments, {
      timeoutMs: OPERATION_TIMEOUT_MS,
      topics: [...partitions].map(([name, partitionIndexes]) => ({ name, partitionIndexes: [...partitionIndexes] })),
    });
    // Java ignores UnsupportedVersion and ClusterAuthorization failures here.
    if (response.errorCode === ErrorCode.UNSUPPORTED_VERSION || response.errorCode === ErrorCode.CLUSTER_AUTHORIZATION_FAILED) return out;
    if (response.errorCode !== ErrorCode.NONE) throw apiError(response.errorCode, response.errorMessage);
    for (const t of response.topics) {
      for (const p of t.partitions) {
        out.set(`${t.name}-${p.partitionIndex}`, { replicas: p.replicas, adding: p.addingReplicas, removing: p.removingReplicas });
      }
    }
    return out;
  }

  async createTopic(topic: NewTopic): Promise<void> {
    const response = await this.client.send(ApiKey.CreateTopics, {
      topics: [
        {
          name: topic.name,
          numPartitions: topic.numPartitions,
          replicationFactor: topic.replicationFactor,
          assignments: [...topic.assignments].map(([partitionIndex, brokerIds]) => ({ partitionIndex, brokerIds: [...brokerIds] })),
          configs: [...topic.configs].map(([name, value]) => ({ name, value })),
        },
      ],
      timeoutMs: OPERATION_TIMEOUT_MS,
      validateOnly: false,
    });
    for (const t of response.topics) {
      if (t.errorCode !== ErrorCode.NONE) throw apiError(t.errorCode, t.errorMessage);
    }
  }

  async deleteTopics(names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    const response = await this.client.send(ApiKey.DeleteTopics, {
      topics: names.map((name) => ({ name, topicId: ZERO_UUID })),
      topicNames: [...names],
      timeoutMs: OPERATION_TIMEOUT_MS,
    });
    for (const r of response.responses) {
      if (r.errorCode !== ErrorCode.NONE) throw apiError(r.errorCode, r.errorMessage);
    }
  }

  /** createPartitions: each topic grows to `count` partitions (new replica lists optional). */
  async createPartitions(topics: ReadonlyArray<{ name: string; count: number; assignments: number[][] | null }>): Promise<void> {
    if (topics.length === 0) return;
    const response = await this.client.send(ApiKey.CreatePartitions, {
      topics: topics.map((t) => ({ name: t.name, count: t.count, assignments: t.assignments === null ? null : t.assignments.map((brokerIds) => ({ brokerIds })) })),
      timeoutMs: OPERATION_TIMEOUT_MS,
      validateOnly: false,
    });
    for (const r of response.results) {
      if (r.errorCode !== ErrorCode.NONE) throw apiError(r.errorCode, r.errorMessage);
    }
  }
}

function metadataPartition(p: { partitionIndex: number; leaderId: number; replicaNodes: number[]; isrNodes: number[]; errorCode: number }): PartitionInfo {
  return {
    partition: p.partitionIndex,
    leader: p.leaderId < 0 ? null : p.leaderId,
    replicas: p.replicaNodes,
    isr: p.isrNodes,
    elr: null,
    lastKnownElr: null,
  };
}
