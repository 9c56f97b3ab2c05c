// A minimal classic consumer-group member for one topic: FindCoordinator, JoinGroup (protocol
// type "consumer", the "range" assignor), SyncGroup (the leader computes the assignment for
// every member), Heartbeat on a timer, LeaveGroup at close. Enough for a tool that consumes
// from a group and reports how long joining took; it does not follow later rebalances.
import { ApiKey } from '../protocol/api.js';
import { decodeConsumerAssignment, decodeConsumerSubscription, encodeConsumerAssignment, encodeConsumerSubscription } from '../protocol/coordinator-records.js';
import { ErrorCode, errorName } from '../protocol/errors.js';
import { Cluster, VERSIONS } from './cluster.js';
import { KafkaApiError } from './errors.js';
import type { PipelinedConnection } from './connection.js';
import { rangeAssign } from './range-assignor.js';

export interface GroupSettings {
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
}

const RETRIABLE_COORDINATOR = new Set<number>([ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, ErrorCode.NOT_COORDINATOR]);

export class GroupMember {
  private memberId = '';
  private generationId = -1;
  private heartbeat: NodeJS.Timeout | undefined;

  private constructor(
    private readonly coordinator: PipelinedConnection,
    private readonly settings: GroupSettings,
  ) {}

  /** Finds the group's coordinator and opens a connection to it. */
  static async connect(cluster: Cluster, settings: GroupSettings): Promise<GroupMember> {
    for (let attempt = 0; ; attempt++) {
      const response = await cluster.bootstrap.send(ApiKey.FindCoordinator, VERSIONS.findCoordinator, { key: settings.groupId, keyType: 0 });
      if (response.errorCode === ErrorCode.NONE) {
        cluster.addBroker(response.nodeId, response.host, response.port);
        return new GroupMember(await cluster.openDedicated(response.nodeId), settings);
      }
      if (!RETRIABLE_COORDINATOR.has(response.errorCode) || attempt >= 50) {
        throw new KafkaApiError(response.errorCode, response.errorMessage ?? errorName(response.errorCode));
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Joins the group subscribed to `topic` and returns the partitions assigned to this member. */
  async join(topic: string, partitionCount: number): Promise<number[]> {
    const { groupId } = this.settings;
    const metadata = encodeConsumerSubscription({ topics: [topic], userData: null, ownedPartitions: [] });
    for (;;) {
      const joined = await this.coordinator.send(ApiKey.JoinGroup, VERSIONS.joinGroup, {
        groupId,
        sessionTimeoutMs: this.settings.sessionTimeoutMs,
        rebalanceTimeoutMs: this.settings.rebalanceTimeoutMs,
        memberId: this.memberId,
        groupInstanceId: null,
        protocolType: 'consumer',
        protocols: [{ name: 'range', metadata }],
      });
      if (joined.errorCode === ErrorCode.MEMBER_ID_REQUIRED) {
        this.memberId = joined.memberId;
        continue;
      }
      if (joined.errorCode === ErrorCode.UNKNOWN_MEMBER_ID) {
        this.memberId = '';
        continue;
      }
      if (joined.errorCode !== ErrorCode.NONE) throw new KafkaApiError(joined.errorCode, `JoinGroup failed: ${errorName(joined.errorCode)}`);
      this.memberId = joined.memberId;
      this.generationId = joined.generationId;
      const assignments = joined.leader === joined.memberId ? this.assign(joined.members, topic, partitionCount) : [];
      const synced = await this.coordinator.send(ApiKey.SyncGroup, VERSIONS.syncGroup, {
        groupId,
        generationId: this.generationId,
        memberId: this.memberId,
        groupInstanceId: null,
        assignments,
      });
      if (synced.errorCode === ErrorCode.REBALANCE_IN_PROGRESS) continue;
      if (synced.errorCode !== ErrorCode.NONE) throw new KafkaApiError(synced.errorCode, `SyncGroup failed: ${errorName(synced.errorCode)}`);
      this.startHeartbeat();
      if (synced.assignment.length === 0) return [];
      const assignment = decodeConsumerAssignment(synced.assignment).value;
      return assignment.assignedPartitions.filter((tp) => tp.topic === topic).flatMap((tp) => tp.partitions);
    }
  }

  /** Committed offsets of the group for `partitions` (OffsetFetch); partitions without one are absent. */
  async committedOffsets(topic: string, partitions: readonly number[]): Promise<Map<number, number>> {
    const response = await this.coordinator.send(ApiKey.OffsetFetch, VERSIONS.offsetFetch, {
      groupId: this.settings.groupId,
      topics: [{ name: topic, partitionIndexes: [...partitions] }],
      requireStable: false,
    });
    if (response.errorCode !== ErrorCode.NONE) throw new KafkaApiError(response.errorCode, `OffsetFetch failed: ${errorName(response.errorCode)}`);
    const out = new Map<number, number>();
    for (const t of response.topics) {
      for (const p of t.partitions) if (p.errorCode === ErrorCode.NONE && p.committedOffset >= 0n) out.set(p.partitionIndex, Number(p.committedOffset));
    }
    return out;
  }

  /** Commits positions (OffsetCommit), as the Java consumer's auto-commit does at close. */
  async commit(topic: string, positions: ReadonlyMap<number, number>): Promise<void> {
    if (positions.size === 0) return;
    const response = await this.coordinator.send(ApiKey.OffsetCommit, VERSIONS.offsetCommit, {
      groupId: this.settings.groupId,
      generationIdOrMemberEpoch: this.generationId,
      memberId: this.memberId,
      groupInstanceId: null,
      topics: [
        {
          name: topic,
          partitions: [...positions].map(([partitionIndex, offset]) => ({ partitionIndex, committedOffset: BigInt(offset), committedLeaderEpoch: -1, committedMetadata: '' })),
        },
      ],
    });
    for (const t of response.topics) {
      for (const p of t.partitions) {
        if (p.errorCode !== ErrorCode.NONE) throw new KafkaApiError(p.errorCode, `OffsetCommit failed: ${errorName(p.errorCode)}`);
      }
    }
  }

  /** Leaves the group (LeaveGroup) and stops heartbeating. */
  async leave(): Promise<void> {
    this.stopHeartbeat();
    if (this.memberId !== '') {
      await this.coordinator.send(ApiKey.LeaveGroup, VERSIONS.leaveGroup, { groupId: this.settings.groupId, members: [{ memberId: this.memberId, groupInstanceId: null }] }).catch(() => undefined);
    }
    this.coordinator.close();
  }

  private assign(members: ReadonlyArray<{ memberId: string; metadata: Buffer }>, topic: string, partitionCount: number) {
    const subscribed = members.filter((m) => decodeConsumerSubscription(m.metadata).value.topics.includes(topic)).map((m) => m.memberId);
    const ranges = rangeAssign(subscribed, partitionCount);
    return members.map((m) => ({
      memberId: m.memberId,
      assignment: encodeConsumerAssignment({ assignedPartitions: [{ topic, partitions: ranges.get(m.memberId) ?? [] }], userData: null }),
    }));
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.heartbeat = setInterval(() => {
      // Errors (a rebalance started by another member) are ignored: this member keeps its assignment.
      this.coordinator
        .send(ApiKey.Heartbeat, VERSIONS.heartbeat, { groupId: this.settings.groupId, generationId: this.generationId, memberId: this.memberId, groupInstanceId: null })
        .catch(() => undefined);
    }, this.settings.heartbeatIntervalMs);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}
