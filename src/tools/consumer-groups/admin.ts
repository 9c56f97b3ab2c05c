// The Admin-client calls kafka-consumer-groups makes, on kt's own protocol client, sent where Java's
// KafkaAdminClient sends them: group requests to the group's coordinator (see
// consumer-groups-coordinator.ts), ListOffsets to each partition's leader (Metadata), ListGroups
// to every broker.
import { ApiKey } from '../../protocol/api.js';
import { decodeConsumerAssignment } from '../../protocol/coordinator-records.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { AdminClient, BrokerNode } from '../../client/admin-client.js';
import { GroupCoordinators, retryGroupErrors } from './coordinator.js';
import { GroupCommandFailure, groupApiError } from './errors.js';
import { GROUP_STATES, GROUP_TYPES } from './input.js';
import { tpKey, type TopicPartition } from './order.js';

export interface GroupListing {
  readonly groupId: string;
  /** Canonical state name (`Stable`), `Unknown` when the broker did not say. */
  readonly state: string;
  /** Canonical type name (`Classic`), `Unknown` when the broker did not say. */
  readonly type: string;
}

export interface MemberDescription {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly host: string;
  readonly assignment: readonly TopicPartition[];
}

export interface ConsumerGroupDescription {
  readonly groupId: string;
  readonly state: string;
  /** The assignor (DescribeGroups' protocolData); '' unless the group is Stable. */
  readonly assignor: string;
  readonly members: readonly MemberDescription[];
  readonly coordinator: BrokerNode;
}

export interface CommittedOffset {
  readonly tp: TopicPartition;
  /** null: the group has no committed offset for it. */
  readonly offset: number | null;
}

export class ConsumerGroupsAdmin {
  private readonly coordinators: GroupCoordinators;

  constructor(
    private readonly client: AdminClient,
    /** --timeout: how long a call keeps retrying. */
    private readonly timeoutMs: number,
  ) {
    this.coordinators = new GroupCoordinators(client, timeoutMs);
  }

  /** listConsumerGroups: every broker's groups of protocol type `consumer` (or none, for offsets-only groups). */
  async listConsumerGroups(states: readonly string[] = [], types: readonly string[] = []): Promise<GroupListing[]> {
    const metadata = await this.client.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: true }, 1);
    const minVersion = types.length > 0 ? 5 : states.length > 0 ? 4 : 0;
    const perBroker = await Promise.all(
      metadata.brokers.map(async (node) => {
        const broker = await this.client.toBroker(node);
        return await retryGroupErrors(
          this.timeoutMs,
          () => broker.send(ApiKey.ListGroups, { statesFilter: [...states], typesFilter: [...types] }, minVersion),
          (r) => r.errorCode,
        );
      }),
    );
    const listings: GroupListing[] = [];
    for (const response of perBroker) {
      if (response.errorCode !== ErrorCode.NONE) throw groupApiError(response.errorCode);
      for (const g of response.groups) {
        if (g.protocolType !== 'consumer' && g.protocolType !== '') continue;
        listings.push({ groupId: g.groupId, state: canonical(GROUP_STATES, g.groupState), type: canonical(GROUP_TYPES, g.groupType) });
      }
    }
    return listings;
  }

  /** describeConsumerGroups: each group's description, or the error its future fails with. */
  async describeConsumerGroups(groupIds: readonly string[]): Promise<Map<string, ConsumerGroupDescription | Error>> {
    const unique = [...new Set(groupIds)];
    const described = await Promise.all(unique.map((g) => this.describeGroup(g).catch((e: Error) => e)));
    return new Map(unique.map((g, i) => [g, described[i]!]));
  }

  private async describeGroup(groupId: string): Promise<ConsumerGroupDescription> {
    const { response, coordinator } = await this.coordinators.send(
      groupId,
      (c) => c.send(ApiKey.DescribeGroups, { groups: [groupId], includeAuthorizedOperations: false }),
      (r) => r.groups[0]?.errorCode ?? ErrorCode.NONE,
    );
    const group = response.groups[0];
    if (group === undefined) throw new GroupCommandFailure(`The broker did not describe group ${groupId}`);
    if (group.errorCode !== ErrorCode.NONE) throw groupApiError(group.errorCode);
    if (group.protocolType !== 'consumer' && group.protocolType !== '') {
      throw new GroupCommandFailure(`java.lang.IllegalArgumentException: GroupId ${groupId} is not a consumer group (${group.protocolType}).`);
    }
    return {
      groupId,
      state: canonical(GROUP_STATES, group.groupState),
      assignor: group.protocolData,
      coordinator,
      members: group.members.map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        host: m.clientHost,
        assignment: m.memberAssignment.length > 0 ? assignedPartitions(m.memberAssignment) : [],
      })),
    };
  }

  /** listConsumerGroupOffsets: every committed partition (partitions answered with an error are skipped). */
  async committedOffsets(groupId: string): Promise<Map<string, CommittedOffset>> {
    const { response } = await this.coordinators.send(
      groupId,
      (c) =>
        c.send(
          ApiKey.OffsetFetch,
          { groupId, topics: null, groups: [{ groupId, memberId: null, memberEpoch: -1, topics: null }], requireStable: false },
          2,
        ),
      (r) => r.groups[0]?.errorCode ?? r.errorCode,
    );
    const group = response.groups[0];
    const errorCode = group?.errorCode ?? response.errorCode;
    if (errorCode !== ErrorCode.NONE) throw groupApiError(errorCode);
    const out = new Map<string, CommittedOffset>();
    for (const t of group?.topics ?? response.topics) {
      for (const p of t.partitions) {
        if (p.errorCode !== ErrorCode.NONE) continue;
        const tp = { topic: t.name, partition: p.partitionIndex };
        out.set(tpKey(tp), { tp, offset: p.committedOffset < 0n ? null : Number(p.committedOffset) });
      }
    }
    return out;
  }

  /** describeTopics: the partitions of each topic; an unknown topic fails with its error. */
  async topicPartitions(topics: readonly string[]): Promise<Map<string, TopicPartition[] | Error>> {
    const out = new Map<string, TopicPartition[] | Error>();
    if (topics.length === 0) return out;
    const metadata = await this.client.send(ApiKey.Metadata, { topics: topics.map((name) => ({ name })), allowAutoTopicCreation: false }, 1);
    for (const t of metadata.topics) {
      const name = t.name ?? '';
      out.set(name, t.errorCode !== ErrorCode.NONE ? groupApiError(t.errorCode) : t.partitions.map((p) => ({ topic: name, partition: p.partitionIndex })));
    }
    return out;
  }

  /**
   * listOffsets(spec) for partitions, asked of each partition's leader. The result has the offset
   * (-1 when a timestamp matched nothing); a partition that cannot be looked up fails the call.
   */
  async listOffsets(partitions: readonly TopicPartition[], timestamp: bigint): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (partitions.length === 0) return out;
    const topics = [...new Set(partitions.map((tp) => tp.topic))];
    const metadata = await this.client.send(ApiKey.Metadata, { topics: topics.map((name) => ({ name })), allowAutoTopicCreation: false }, 1);
    const brokers = new Map(metadata.brokers.map((b) => [b.nodeId, b]));
    const leaders = new Map<string, number>();
    for (const t of metadata.topics) {
      if (t.errorCode !== ErrorCode.NONE) throw groupApiError(t.errorCode);
      for (const p of t.partitions) leaders.set(tpKey({ topic: t.name ?? '', partition: p.partitionIndex }), p.leaderId);
    }
    const byLeader = new Map<number, TopicPartition[]>();
    for (const tp of partitions) {
      const leader = leaders.get(tpKey(tp));
      if (leader === undefined) throw groupApiError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      if (leader < 0 || !brokers.has(leader)) throw groupApiError(ErrorCode.LEADER_NOT_AVAILABLE);
      let list = byLeader.get(leader);
      if (list === undefined) byLeader.set(leader, (list = []));
      list.push(tp);
    }
    await Promise.all(
      [...byLeader].map(async ([leader, list]) => {
        const broker = await this.client.toBroker(brokers.get(leader)!);
        const response = await broker.send(
          ApiKey.ListOffsets,
          {
            replicaId: -1,
            isolationLevel: 0,
            topics: groupByTopic(list).map(([name, ps]) => ({ name, partitions: ps.map((partitionIndex) => ({ partitionIndex, currentLeaderEpoch: -1, timestamp })) })),
            timeoutMs: this.timeoutMs,
          },
          1,
        );
        for (const t of response.topics) {
          for (const p of t.partitions) {
            if (p.errorCode !== ErrorCode.NONE) throw groupApiError(p.errorCode);
            out.set(tpKey({ topic: t.name, partition: p.partitionIndex }), Number(p.offset));
          }
        }
      }),
    );
    return out;
  }

  /** alterConsumerGroupOffsets: an OffsetCommit outside any generation (generation -1, no member id). */
  async alterOffsets(groupId: string, offsets: ReadonlyArray<TopicPartition & { offset: number }>): Promise<void> {
    const firstError = (r: { topics: { partitions: { errorCode: number }[] }[] }) =>
      r.topics.flatMap((t) => t.partitions).find((p) => p.errorCode !== ErrorCode.NONE)?.errorCode ?? ErrorCode.NONE;
    const byTopic = groupByTopic(offsets);
    const offsetOf = new Map(offsets.map((o) => [tpKey(o), o.offset]));
    const { response } = await this.coordinators.send(
      groupId,
      (c) =>
        c.send(ApiKey.OffsetCommit, {
          groupId,
          generationIdOrMemberEpoch: -1,
          memberId: '',
          groupInstanceId: null,
          retentionTimeMs: -1n,
          topics: byTopic.map(([name, ps]) => ({
            name,
            partitions: ps.map((partitionIndex) => ({
              partitionIndex,
              committedOffset: BigInt(offsetOf.get(tpKey({ topic: name, partition: partitionIndex }))!),
              committedLeaderEpoch: -1,
              commitTimestamp: -1n,
              committedMetadata: '',
            })),
          })),
        }),
      firstError,
    );
    const errorCode = firstError(response);
    if (errorCode !== ErrorCode.NONE) throw groupApiError(errorCode);
  }

  /** deleteConsumerGroups: each group's error code (NONE when deleted). */
  async deleteGroups(groupIds: readonly string[]): Promise<Map<string, number>> {
    const unique = [...new Set(groupIds)];
    const codes = await Promise.all(
      unique.map(async (groupId) => {
        const { response } = await this.coordinators.send(
          groupId,
          (c) => c.send(ApiKey.DeleteGroups, { groupsNames: [groupId] }),
          (r) => r.results[0]?.errorCode ?? ErrorCode.NONE,
        );
        return response.results[0]?.errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR;
      }),
    );
    return new Map(unique.map((g, i) => [g, codes[i]!]));
  }

  /** deleteConsumerGroupOffsets: the group-level error and each partition's error code. */
  async deleteOffsets(groupId: string, partitions: readonly TopicPartition[]): Promise<{ errorCode: number; partitions: Map<string, number> }> {
    const { response } = await this.coordinators.send(
      groupId,
      (c) =>
        c.send(ApiKey.OffsetDelete, {
          groupId,
          topics: groupByTopic(partitions).map(([name, ps]) => ({ name, partitions: ps.map((partitionIndex) => ({ partitionIndex })) })),
        }),
      (r) => r.errorCode,
    );
    const codes = new Map<string, number>();
    for (const t of response.topics) {
      for (const p of t.partitions) codes.set(tpKey({ topic: t.name, partition: p.partitionIndex }), p.errorCode);
    }
    return { errorCode: response.errorCode, partitions: codes };
  }
}

/** The partitions of a ConsumerProtocolAssignment (a HashSet in Java; order is irrelevant here). */
function assignedPartitions(bytes: Buffer): TopicPartition[] {
  try {
    return decodeConsumerAssignment(bytes).value.assignedPartitions.flatMap((t) => t.partitions.map((partition) => ({ topic: t.topic, partition })));
  } catch (e) {
    throw new GroupCommandFailure(`org.apache.kafka.common.protocol.types.SchemaException: ${(e as Error).message}`, { cause: e });
  }
}

/** Partitions grouped by topic, topics in first-seen order. */
function groupByTopic(partitions: readonly TopicPartition[]): Array<[string, number[]]> {
  const out = new Map<string, number[]>();
  for (const tp of partitions) {
    let list = out.get(tp.topic);
    if (list === undefined) out.set(tp.topic, (list = []));
    list.push(tp.partition);
  }
  return [...out];
}

/** Kafka's enum parse (case-insensitive) then toString(): the canonical name, `Unknown` otherwise. */
function canonical(names: readonly string[], value: string): string {
  return names.find((n) => n.toLowerCase() === value.toLowerCase()) ?? 'Unknown';
}
