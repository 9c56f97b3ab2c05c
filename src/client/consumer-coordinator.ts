// The classic consumer-group protocol from the member's side (Java's ConsumerCoordinator):
// FindCoordinator, JoinGroup with one protocol per configured assignor, SyncGroup (the leader
// runs the chosen assignor for everyone), Heartbeat on a timer that notices rebalances and a lost
// membership, OffsetFetch / OffsetCommit, and LeaveGroup. What to do about a rebalance (revoke,
// rejoin) is the consumer's business; this class only reports that one is needed.
import { ApiKey } from '../protocol/api.js';
import { decodeConsumerAssignment, decodeConsumerSubscription, encodeConsumerAssignment, encodeConsumerSubscription } from '../protocol/coordinator-records.js';
import { ErrorCode, errorName } from '../protocol/errors.js';
import { Cluster, VERSIONS } from './cluster.js';
import { KafkaApiError } from './errors.js';
import type { PipelinedConnection } from './connection.js';
import type { Assignor, MemberSubscription, RebalanceProtocol, TopicPartition } from './assignors.js';
import { decodeStickyUserData, encodeCooperativeUserData, encodeStickyUserData } from './sticky-user-data.js';

export interface GroupConfig {
  readonly groupId: string;
  /** group.instance.id (static membership); null for a dynamic member. */
  readonly groupInstanceId: string | null;
  readonly sessionTimeoutMs: number;
  /** max.poll.interval.ms */
  readonly rebalanceTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly retryBackoffMs: number;
  /** partition.assignment.strategy, in preference order. */
  readonly assignors: readonly Assignor[];
}

const RETRIABLE_COORDINATOR = new Set<number>([ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, ErrorCode.NOT_COORDINATOR]);

export class ConsumerCoordinator {
  memberId = '';
  generationId = -1;
  /** The assignor the coordinator chose in the last join. */
  protocolName: string | undefined;
  /** A rebalance is due: the consumer rejoins in its next poll. */
  needsRejoin = true;
  /** The membership was lost (fenced): partitions are lost, not revoked, and nothing is committed. */
  lost = false;
  /** Called when a heartbeat finds that a rebalance is needed. */
  onRejoinNeeded: () => void = () => undefined;
  private connection: Promise<PipelinedConnection> | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private joinInFlight = false;
  private closed = false;

  constructor(
    private readonly cluster: Cluster,
    readonly config: GroupConfig,
  ) {}

  /** Eager unless every configured assignor is cooperative (Java's rule). */
  get rebalanceProtocol(): RebalanceProtocol {
    return this.config.assignors.every((a) => a.protocol === 'cooperative') ? 'cooperative' : 'eager';
  }

  /**
   * JoinGroup + SyncGroup until this member has an assignment for the current generation.
   * `owned` goes in the subscription (cooperative), `previous` in sticky's user data (eager).
   */
  async join(
    topics: readonly string[],
    owned: readonly TopicPartition[],
    previous: readonly TopicPartition[],
    partitionCounts: (topics: readonly string[]) => Promise<Map<string, number>>,
  ): Promise<TopicPartition[]> {
    this.stopHeartbeat();
    const { groupId } = this.config;
    this.joinInFlight = true;
    try {
      for (;;) {
        this.needsRejoin = false;
        const coordinator = await this.coordinator();
        const protocols = this.config.assignors.map((a) => ({ name: a.name, metadata: this.subscription(a, topics, owned, previous) }));
        const joined = await coordinator.send(ApiKey.JoinGroup, VERSIONS.joinGroup, {
          groupId,
          sessionTimeoutMs: this.config.sessionTimeoutMs,
          rebalanceTimeoutMs: this.config.rebalanceTimeoutMs,
          memberId: this.memberId,
          groupInstanceId: this.config.groupInstanceId,
          protocolType: 'consumer',
          protocols,
        });
        if (joined.errorCode === ErrorCode.MEMBER_ID_REQUIRED) {
          this.memberId = joined.memberId;
          continue;
        }
        if (joined.errorCode === ErrorCode.UNKNOWN_MEMBER_ID || joined.errorCode === ErrorCode.ILLEGAL_GENERATION) {
          this.memberId = '';
          this.generationId = -1;
          continue;
        }
        if (joined.errorCode === ErrorCode.REBALANCE_IN_PROGRESS) continue;
        if (RETRIABLE_COORDINATOR.has(joined.errorCode)) {
          this.resetCoordinator();
          await sleep(this.config.retryBackoffMs);
          continue;
        }
        if (joined.errorCode !== ErrorCode.NONE) throw new KafkaApiError(joined.errorCode, `JoinGroup failed: ${errorName(joined.errorCode)}`);
        this.memberId = joined.memberId;
        this.generationId = joined.generationId;
        this.protocolName = joined.protocolName ?? undefined;
        const assignments = joined.leader === joined.memberId ? await this.leaderAssign(joined.members, joined.protocolName ?? '', partitionCounts) : [];
        const synced = await coordinator.send(ApiKey.SyncGroup, VERSIONS.syncGroup, {
          groupId,
          generationId: this.generationId,
          memberId: this.memberId,
          groupInstanceId: this.config.groupInstanceId,
          assignments,
        });
        if (synced.errorCode === ErrorCode.REBALANCE_IN_PROGRESS) continue;
        if (synced.errorCode === ErrorCode.UNKNOWN_MEMBER_ID || synced.errorCode === ErrorCode.ILLEGAL_GENERATION) {
          this.memberId = synced.errorCode === ErrorCode.UNKNOWN_MEMBER_ID ? '' : this.memberId;
          this.generationId = -1;
          continue;
        }
        if (RETRIABLE_COORDINATOR.has(synced.errorCode)) {
          this.resetCoordinator();
          continue;
        }
        if (synced.errorCode !== ErrorCode.NONE) throw new KafkaApiError(synced.errorCode, `SyncGroup failed: ${errorName(synced.errorCode)}`);
        this.lost = false;
        this.startHeartbeat();
        if (synced.assignment.length === 0) return [];
        const assignment = decodeConsumerAssignment(synced.assignment).value;
        return assignment.assignedPartitions.flatMap((t) => t.partitions.map((partition) => ({ topic: t.topic, partition })));
      }
    } finally {
      this.joinInFlight = false;
    }
  }

  /** Committed offsets of the group (OffsetFetch); partitions without one are absent. Keys: `topic\0partition`. */
  async committed(partitions: readonly TopicPartition[], requireStable: boolean): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (partitions.length === 0) return out;
    for (let attempt = 0; ; attempt++) {
      const coordinator = await this.coordinator();
      const response = await coordinator.send(ApiKey.OffsetFetch, VERSIONS.offsetFetch, {
        groupId: this.config.groupId,
        topics: groupByTopic(partitions).map(([name, list]) => ({ name, partitionIndexes: list })),
        requireStable,
      });
      if ((RETRIABLE_COORDINATOR.has(response.errorCode) || response.errorCode === ErrorCode.UNSTABLE_OFFSET_COMMIT) && attempt < 50) {
        if (response.errorCode !== ErrorCode.UNSTABLE_OFFSET_COMMIT) this.resetCoordinator();
        await sleep(this.config.retryBackoffMs);
        continue;
      }
      if (response.errorCode !== ErrorCode.NONE) throw new KafkaApiError(response.errorCode, `OffsetFetch failed: ${errorName(response.errorCode)}`);
      for (const t of response.topics) {
        for (const p of t.partitions) if (p.errorCode === ErrorCode.NONE && p.committedOffset >= 0n) out.set(`${t.name}\0${p.partitionIndex}`, Number(p.committedOffset));
      }
      return out;
    }
  }

  /** OffsetCommit of `offsets` for the current generation; throws the first partition error. */
  async commit(offsets: ReadonlyArray<{ readonly topic: string; readonly partition: number; readonly offset: number }>): Promise<void> {
    if (offsets.length === 0) return;
    const coordinator = await this.coordinator();
    const topics = new Map<string, Array<{ partitionIndex: number; committedOffset: bigint; committedLeaderEpoch: number; committedMetadata: string }>>();
    for (const o of offsets) {
      let list = topics.get(o.topic);
      if (list === undefined) topics.set(o.topic, (list = []));
      list.push({ partitionIndex: o.partition, committedOffset: BigInt(o.offset), committedLeaderEpoch: -1, committedMetadata: '' });
    }
    const response = await coordinator.send(ApiKey.OffsetCommit, VERSIONS.offsetCommit, {
      groupId: this.config.groupId,
      generationIdOrMemberEpoch: this.generationId,
      memberId: this.memberId,
      groupInstanceId: this.config.groupInstanceId,
      topics: [...topics].map(([name, partitions]) => ({ name, partitions })),
    });
    for (const t of response.topics) {
      for (const p of t.partitions) {
        if (p.errorCode === ErrorCode.NONE) continue;
        if (p.errorCode === ErrorCode.REBALANCE_IN_PROGRESS || p.errorCode === ErrorCode.ILLEGAL_GENERATION || p.errorCode === ErrorCode.UNKNOWN_MEMBER_ID) this.requestRejoin();
        if (RETRIABLE_COORDINATOR.has(p.errorCode)) this.resetCoordinator();
        throw new KafkaApiError(p.errorCode, `OffsetCommit failed: ${errorName(p.errorCode)}`);
      }
    }
  }

  /** Leaves the group (LeaveGroup) and stops heartbeating; a parked JoinGroup is left behind on its connection. */
  async leave(): Promise<void> {
    this.closed = true;
    this.stopHeartbeat();
    const connection = this.connection;
    this.connection = undefined;
    if (this.memberId !== '' && this.config.groupInstanceId === null) {
      // A JoinGroup parked on the coordinator would hold a LeaveGroup behind it: use a fresh connection then.
      const target = this.joinInFlight ? await this.findCoordinator().catch(() => undefined) : await connection?.catch(() => undefined);
      await target
        ?.send(ApiKey.LeaveGroup, VERSIONS.leaveGroup, { groupId: this.config.groupId, members: [{ memberId: this.memberId, groupInstanceId: null, reason: 'the consumer is being closed' }] }, 5_000)
        .catch(() => undefined);
      if (this.joinInFlight) target?.close();
    }
    (await connection?.catch(() => undefined))?.close();
  }

  private subscription(assignor: Assignor, topics: readonly string[], owned: readonly TopicPartition[], previous: readonly TopicPartition[]): Buffer {
    const cooperative = assignor.protocol === 'cooperative';
    const userData = assignor.name === 'sticky' ? encodeStickyUserData(previous, this.generationId) : cooperative ? encodeCooperativeUserData(this.generationId) : null;
    return encodeConsumerSubscription({
      topics: [...topics],
      userData,
      ownedPartitions: groupByTopic(owned).map(([topic, partitions]) => ({ topic, partitions })),
      generationId: this.generationId,
      rackId: null,
    });
  }

  private async leaderAssign(
    members: ReadonlyArray<{ memberId: string; metadata: Buffer }>,
    protocolName: string,
    partitionCounts: (topics: readonly string[]) => Promise<Map<string, number>>,
  ): Promise<Array<{ memberId: string; assignment: Buffer }>> {
    const assignor = this.config.assignors.find((a) => a.name === protocolName);
    if (assignor === undefined) throw new Error(`Coordinator selected invalid assignment protocol: ${protocolName}`);
    const subscriptions: MemberSubscription[] = members.map((m) => {
      const s = decodeConsumerSubscription(m.metadata).value;
      let owned: TopicPartition[] = s.ownedPartitions.flatMap((t) => t.partitions.map((partition) => ({ topic: t.topic, partition })));
      let generation = s.generationId;
      if (assignor.name === 'sticky' && s.userData !== null && s.userData.length > 0) {
        const previous = decodeStickyUserData(s.userData);
        if (previous !== undefined) ({ owned, generation } = previous);
      }
      return { memberId: m.memberId, topics: s.topics, owned, generation };
    });
    const counts = await partitionCounts([...new Set(subscriptions.flatMap((s) => s.topics))].sort());
    const assigned = assignor.assign(subscriptions, counts);
    return members.map((m) => ({
      memberId: m.memberId,
      assignment: encodeConsumerAssignment({ assignedPartitions: groupByTopic(assigned.get(m.memberId) ?? []).map(([topic, partitions]) => ({ topic, partitions })), userData: null }),
    }));
  }

  private requestRejoin(): void {
    if (this.needsRejoin) return;
    this.needsRejoin = true;
    this.stopHeartbeat();
    this.onRejoinNeeded();
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    const beat = async () => {
      const coordinator = await this.coordinator();
      const response = await coordinator.send(ApiKey.Heartbeat, VERSIONS.heartbeat, {
        groupId: this.config.groupId,
        generationId: this.generationId,
        memberId: this.memberId,
        groupInstanceId: this.config.groupInstanceId,
      });
      if (this.closed || this.joinInFlight) return;
      switch (response.errorCode) {
        case ErrorCode.NONE:
          return;
        case ErrorCode.REBALANCE_IN_PROGRESS:
          return this.requestRejoin();
        case ErrorCode.ILLEGAL_GENERATION:
        case ErrorCode.UNKNOWN_MEMBER_ID:
        case ErrorCode.FENCED_INSTANCE_ID:
          if (response.errorCode === ErrorCode.UNKNOWN_MEMBER_ID) this.memberId = '';
          this.generationId = -1;
          this.lost = true;
          return this.requestRejoin();
        default:
          if (RETRIABLE_COORDINATOR.has(response.errorCode)) this.resetCoordinator();
      }
    };
    this.heartbeatTimer = setInterval(() => {
      beat().catch(() => this.resetCoordinator());
    }, this.config.heartbeatIntervalMs);
    this.heartbeatTimer.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer !== undefined) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private coordinator(): Promise<PipelinedConnection> {
    this.connection ??= this.findCoordinator();
    const connection = this.connection;
    connection.catch(() => {
      if (this.connection === connection) this.connection = undefined;
    });
    return connection;
  }

  private resetCoordinator(): void {
    const old = this.connection;
    this.connection = undefined;
    void old?.then((c) => c.close()).catch(() => undefined);
  }

  private async findCoordinator(): Promise<PipelinedConnection> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.cluster.bootstrap.send(ApiKey.FindCoordinator, VERSIONS.findCoordinator, { key: this.config.groupId, keyType: 0 });
      if (response.errorCode === ErrorCode.NONE) {
        this.cluster.addBroker(response.nodeId, response.host, response.port);
        return await this.cluster.openDedicated(response.nodeId);
      }
      if (!RETRIABLE_COORDINATOR.has(response.errorCode) || attempt >= 50) {
        throw new KafkaApiError(response.errorCode, response.errorMessage ?? errorName(response.errorCode));
      }
      await sleep(this.config.retryBackoffMs);
    }
  }
}

function groupByTopic(partitions: readonly TopicPartition[]): Array<[string, number[]]> {
  const out = new Map<string, number[]>();
  for (const tp of partitions) {
    let list = out.get(tp.topic);
    if (list === undefined) out.set(tp.topic, (list = []));
    list.push(tp.partition);
  }
  return [...out].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([t, list]) => [t, list.sort((a, b) => a - b)]);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(ms, 10)));
}
