// The group coordinator as the broker sees it: one method per group API taking the decoded
// request and answering with the response for the request's version. The protocol logic lives in
// membership.ts (rebalances) and offsets.ts (commits); durability in offsets-topic-store.ts.
import { ErrorCode } from '../../protocol/errors.js';
import type {
  HeartbeatRequest,
  HeartbeatResponse,
  JoinGroupRequest,
  JoinGroupResponse,
  LeaveGroupRequest,
  LeaveGroupResponse,
  OffsetCommitRequest,
  OffsetCommitResponse,
  OffsetFetchRequest,
  OffsetFetchResponse,
  OffsetFetchResponseGroup,
  SyncGroupRequest,
  SyncGroupResponse,
  TxnOffsetCommitRequest,
  TxnOffsetCommitResponse,
} from '../../protocol/generated/types.js';
import type { Logger } from '../logger.js';
import { GroupAdmin, type DeleteOffsetsResult, type DeleteOffsetsTopic } from './admin.js';
import { DEFAULT_GROUP_COORDINATOR_CONFIG, type GroupCoordinatorConfig } from './config.js';
import type { ClassicGroup } from './group.js';
import { loadGroups } from './load.js';
import { GroupMembership } from './membership.js';
import { Rebalancer } from './rebalance.js';
import { OffsetManager, type FetchTopic } from './offsets.js';
import { OffsetsTopicStore, type OffsetsTopic } from './offsets-topic-store.js';
import { joinError } from './results.js';
import { systemScheduler, type Scheduler } from './scheduler.js';
import { describe, overviewOf, type GroupDescription, type GroupOverview } from './views.js';

/** The parts of a request context the coordinator uses (a subset of the handlers' RequestContext). */
export interface GroupRequestContext {
  readonly apiVersion: number;
  readonly clientId: string;
  readonly clientHost: string;
}

export interface GroupCoordinatorOptions {
  /** Defaults to Kafka's; see groupCoordinatorConfigFrom. */
  readonly config?: Partial<GroupCoordinatorConfig>;
  readonly offsetsTopic: OffsetsTopic;
  /** Whether a topic exists and has the partition (OffsetCommit answers UNKNOWN_TOPIC_OR_PARTITION otherwise). */
  readonly topicExists: (topic: string, partition: number) => boolean;
  readonly scheduler?: Scheduler;
  readonly logger?: Logger;
  /** Member ids are `${clientId}-${uuid}`; tests may make them predictable. */
  readonly newUuid?: () => string;
}

type Status = 'loading' | 'active' | 'closed';

export class GroupCoordinator {
  readonly config: GroupCoordinatorConfig;
  private readonly groups = new Map<string, ClassicGroup>();
  private readonly scheduler: Scheduler;
  private readonly logger: Logger | undefined;
  private readonly offsetsTopic: OffsetsTopic;
  private readonly store: OffsetsTopicStore;
  private readonly rebalancer: Rebalancer;
  private readonly membership: GroupMembership;
  private readonly offsets: OffsetManager;
  private readonly admin: GroupAdmin;
  private status: Status = 'loading';

  constructor(opts: GroupCoordinatorOptions) {
    this.config = { ...DEFAULT_GROUP_COORDINATOR_CONFIG, ...opts.config };
    const base = opts.scheduler ?? systemScheduler;
    // After close() nothing may fire: an append finishing late must not start new session timers.
    this.scheduler = {
      now: () => base.now(),
      schedule: (delayMs, task) => {
        if (this.status === 'closed') return () => {};
        return base.schedule(delayMs, () => {
          if (this.status !== 'closed') task();
        });
      },
    };
    this.logger = opts.logger;
    this.offsetsTopic = opts.offsetsTopic;
    this.store = new OffsetsTopicStore(opts.offsetsTopic, this.scheduler);
    const common = { groups: this.groups, config: this.config, scheduler: this.scheduler, store: this.store };
    this.rebalancer = new Rebalancer({ ...common, logger: opts.logger, partitionFor: (groupId) => this.store.partitionFor(groupId) });
    this.membership = new GroupMembership({ ...common, rebalancer: this.rebalancer, logger: opts.logger, newUuid: opts.newUuid });
    this.offsets = new OffsetManager({ ...common, rebalancer: this.rebalancer, topicExists: opts.topicExists });
    this.admin = new GroupAdmin(this.groups, this.store, this.rebalancer);
  }

  /** Replays __consumer_offsets. Until it finishes, group requests get COORDINATOR_LOAD_IN_PROGRESS. */
  async load(): Promise<void> {
    const loaded = loadGroups(this.offsetsTopic, this.scheduler.now(), this.logger);
    if (this.status === 'closed') return;
    for (const group of loaded) {
      this.groups.set(group.groupId, group);
      this.rebalancer.onGroupLoaded(group);
    }
    this.status = 'active';
    this.logger?.info(`Loaded ${loaded.length} groups from __consumer_offsets`);
    this.scheduleOffsetExpiration();
  }

  /** Kafka's delete-expired-group-metadata task, every offsets.retention.check.interval.ms. */
  private scheduleOffsetExpiration(): void {
    this.scheduler.schedule(this.config.offsetsRetentionCheckIntervalMs, () => {
      this.scheduleOffsetExpiration(); // fixed rate, as Kafka's scheduler; a pass still running skips the next
      if (this.expirationRunning) return;
      this.expirationRunning = true;
      void this.cleanupGroupMetadata().finally(() => (this.expirationRunning = false));
    });
  }

  private expirationRunning = false;

  /** Removes expired offsets and the Empty groups they leave behind; returns how many offsets went. */
  async cleanupGroupMetadata(): Promise<number> {
    if (this.status !== 'active') return 0;
    const started = this.scheduler.now();
    const removed = await this.admin.cleanupGroupMetadata(started, this.config.offsetsRetentionMs);
    this.logger?.info(`Removed ${removed} expired offsets in ${this.scheduler.now() - started} milliseconds.`);
    return removed;
  }

  /** Cancels every timer; later requests get COORDINATOR_NOT_AVAILABLE. Parked requests stay unanswered. */
  close(): void {
    this.status = 'closed';
    for (const group of this.groups.values()) this.rebalancer.cancelTimers(group);
  }

  /**
   * An end-transaction marker was appended to __consumer_offsets partition `partition`: the
   * producer's pending transactional offset commits (TxnOffsetCommit) of the groups on that
   * partition become visible (commit) or are dropped (abort).
   */
  onTxnMarker(partition: number, producerId: number, committed: boolean): void {
    for (const group of this.groups.values()) {
      if (group.pendingTxnOffsets.has(producerId) && this.store.partitionFor(group.groupId) === partition) group.completeTxnOffsets(producerId, committed);
    }
  }

  /** The __consumer_offsets partition that holds the group (FindCoordinator answers with its leader: us). */
  partitionFor(groupId: string): number {
    return this.store.partitionFor(groupId);
  }

  // ---------------------------------------------------------------- membership APIs

  async joinGroup(req: JoinGroupRequest, ctx: GroupRequestContext): Promise<JoinGroupResponse> {
    const v = ctx.apiVersion;
    const statusError = this.statusError(req.groupId, false);
    const groupInstanceId = v >= 5 ? req.groupInstanceId : null;
    const result =
      statusError !== ErrorCode.NONE
        ? joinError(req.memberId, statusError)
        : await this.membership.join({
            groupId: req.groupId,
            memberId: req.memberId,
            groupInstanceId,
            requireKnownMemberId: v >= 4 && groupInstanceId === null,
            supportSkippingAssignment: v >= 9,
            clientId: ctx.clientId,
            clientHost: ctx.clientHost,
            // v0 has no rebalance timeout; the session timeout doubles as one.
            rebalanceTimeoutMs: v === 0 ? req.sessionTimeoutMs : req.rebalanceTimeoutMs,
            sessionTimeoutMs: req.sessionTimeoutMs,
            protocolType: req.protocolType,
            protocols: req.protocols,
            reason: req.reason,
          });
    return {
      throttleTimeMs: 0,
      errorCode: result.errorCode,
      generationId: result.generationId,
      protocolType: result.protocolType,
      // The protocol name became nullable in v7: '' before, null (never '') from then on.
      protocolName: v < 7 ? (result.protocolName ?? '') : result.protocolName === '' ? null : result.protocolName,
      leader: result.leaderId,
      skipAssignment: result.skipAssignment,
      memberId: result.memberId,
      members: result.members,
    };
  }

  async syncGroup(req: SyncGroupRequest, ctx: GroupRequestContext): Promise<SyncGroupResponse> {
    let errorCode = this.statusError(req.groupId, false);
    // A loading coordinator lost the rebalance in progress: make the member rejoin right here.
    if (errorCode === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS) errorCode = ErrorCode.REBALANCE_IN_PROGRESS;
    // From v5 the client must say which protocol it thinks the group uses.
    if (errorCode === ErrorCode.NONE && ctx.apiVersion >= 5 && (req.protocolType === null || req.protocolName === null)) {
      errorCode = ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
    }
    const result =
      errorCode !== ErrorCode.NONE
        ? { errorCode, protocolType: null, protocolName: null, assignment: Buffer.alloc(0) }
        : await this.membership.sync({
            groupId: req.groupId,
            generationId: req.generationId,
            memberId: req.memberId,
            groupInstanceId: ctx.apiVersion >= 3 ? req.groupInstanceId : null,
            protocolType: ctx.apiVersion >= 5 ? req.protocolType : null,
            protocolName: ctx.apiVersion >= 5 ? req.protocolName : null,
            assignments: req.assignments,
          });
    return { throttleTimeMs: 0, ...result };
  }

  heartbeat(req: HeartbeatRequest, ctx: GroupRequestContext): HeartbeatResponse {
    const statusError = this.statusError(req.groupId, false);
    if (statusError === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS) return { throttleTimeMs: 0, errorCode: ErrorCode.NONE };
    if (statusError !== ErrorCode.NONE) return { throttleTimeMs: 0, errorCode: statusError };
    const errorCode = this.membership.heartbeat({
      groupId: req.groupId,
      generationId: req.generationId,
      memberId: req.memberId,
      groupInstanceId: ctx.apiVersion >= 3 ? req.groupInstanceId : null,
    });
    return { throttleTimeMs: 0, errorCode };
  }

  leaveGroup(req: LeaveGroupRequest, ctx: GroupRequestContext): LeaveGroupResponse {
    const v = ctx.apiVersion;
    // Before v3 a request names exactly one member and the response has one error code.
    const leaving = v >= 3 ? req.members : [{ memberId: req.memberId, groupInstanceId: null, reason: null }];
    const statusError = this.statusError(req.groupId, false);
    const result = statusError !== ErrorCode.NONE ? { errorCode: statusError, members: [] } : this.membership.leave(req.groupId, leaving);
    if (v >= 3) return { throttleTimeMs: 0, errorCode: result.errorCode, members: result.members };
    const errorCode = result.errorCode !== ErrorCode.NONE ? result.errorCode : (result.members[0]?.errorCode ?? ErrorCode.NONE);
    return { throttleTimeMs: 0, errorCode, members: [] };
  }

  // ---------------------------------------------------------------- offset APIs

  async offsetCommit(req: OffsetCommitRequest, ctx: GroupRequestContext): Promise<OffsetCommitResponse> {
    // The empty group id is allowed here for compatibility with old clients.
    const statusError = this.statusError(req.groupId, true);
    if (statusError !== ErrorCode.NONE) {
      return {
        throttleTimeMs: 0,
        topics: req.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: statusError })),
        })),
      };
    }
    const topics = await this.offsets.commit(
      {
        groupId: req.groupId,
        generationId: req.generationIdOrMemberEpoch,
        memberId: req.memberId,
        groupInstanceId: ctx.apiVersion >= 7 ? req.groupInstanceId : null,
        retentionTimeMs: Number(req.retentionTimeMs),
        topics: req.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p) => ({
            partitionIndex: p.partitionIndex,
            committedOffset: p.committedOffset,
            committedLeaderEpoch: p.committedLeaderEpoch,
            commitTimestamp: Number(p.commitTimestamp),
            committedMetadata: p.committedMetadata,
          })),
        })),
      },
      ctx.apiVersion,
    );
    return { throttleTimeMs: 0, topics };
  }

  /** TxnOffsetCommit: the commits of a transaction, visible once it commits (offsets.ts txnCommit). */
  async txnOffsetCommit(req: TxnOffsetCommitRequest, ctx: GroupRequestContext): Promise<TxnOffsetCommitResponse> {
    const statusError = this.statusError(req.groupId, false);
    const v = ctx.apiVersion;
    const topics =
      statusError !== ErrorCode.NONE
        ? req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: statusError })) }))
        : await this.offsets.txnCommit({
            groupId: req.groupId,
            producerId: Number(req.producerId),
            producerEpoch: req.producerEpoch,
            generationId: v >= 3 ? req.generationId : -1,
            memberId: v >= 3 ? req.memberId : '',
            groupInstanceId: v >= 3 ? req.groupInstanceId : null,
            topics: req.topics.map((t) => ({
              name: t.name,
              partitions: t.partitions.map((p) => ({
                partitionIndex: p.partitionIndex,
                committedOffset: p.committedOffset,
                committedLeaderEpoch: v >= 2 ? p.committedLeaderEpoch : -1,
                committedMetadata: p.committedMetadata,
              })),
            })),
          });
    return { throttleTimeMs: 0, topics };
  }

  /** requireStable (v7+, KIP-447): a partition with a pending transactional commit answers UNSTABLE_OFFSET_COMMIT. */
  offsetFetch(req: OffsetFetchRequest, ctx: GroupRequestContext): OffsetFetchResponse {
    const v = ctx.apiVersion;
    const requireStable = v >= 7 && req.requireStable;
    if (v >= 8) {
      const groups = req.groups.map((g) => this.fetchGroup(g.groupId, g.topics, requireStable));
      return { throttleTimeMs: 0, topics: [], errorCode: ErrorCode.NONE, groups };
    }
    const group = this.fetchGroup(req.groupId, req.topics, requireStable);
    if (group.errorCode !== ErrorCode.NONE && v < 2) {
      // No top-level error before v2: report it on every requested partition.
      const topics = (req.topics ?? []).map((t) => ({
        name: t.name,
        partitions: t.partitionIndexes.map((partitionIndex) => ({
          partitionIndex,
          committedOffset: -1n,
          committedLeaderEpoch: -1,
          metadata: '',
          errorCode: group.errorCode,
        })),
      }));
      return { throttleTimeMs: 0, topics, errorCode: group.errorCode, groups: [] };
    }
    return { throttleTimeMs: 0, topics: group.topics, errorCode: group.errorCode, groups: [] };
  }

  private fetchGroup(groupId: string, topics: readonly FetchTopic[] | null, requireStable: boolean): OffsetFetchResponseGroup {
    const errorCode = this.statusError(groupId, true);
    if (errorCode !== ErrorCode.NONE) return { groupId, topics: [], errorCode };
    return { groupId, topics: this.offsets.fetch(groupId, topics, requireStable), errorCode: ErrorCode.NONE };
  }

  // ---------------------------------------------------------------- admin (DeleteGroups, OffsetDelete)

  /** DeleteGroups: per group NONE, GROUP_ID_NOT_FOUND or NON_EMPTY_GROUP (the empty id is allowed, as in Kafka). */
  async deleteGroups(groupIds: readonly string[]): Promise<{ groupId: string; errorCode: number }[]> {
    return Promise.all(
      groupIds.map(async (groupId) => {
        const statusError = this.statusError(groupId, true);
        const errorCode = statusError !== ErrorCode.NONE ? statusError : await this.admin.deleteGroup(groupId);
        return { groupId, errorCode };
      }),
    );
  }

  /** OffsetDelete: a top-level error, or per-partition NONE / GROUP_SUBSCRIBED_TO_TOPIC. */
  async deleteOffsets(groupId: string, topics: readonly DeleteOffsetsTopic[]): Promise<DeleteOffsetsResult> {
    const statusError = this.statusError(groupId, false);
    if (statusError !== ErrorCode.NONE) return { errorCode: statusError, topics: [] };
    return this.admin.deleteOffsets(groupId, topics);
  }

  // ---------------------------------------------------------------- views (ListGroups, DescribeGroups)

  listGroups(): GroupOverview[] {
    return [...this.groups.values()].filter((g) => !g.is('Dead')).map(overviewOf);
  }

  /** A group that does not exist is described as Dead with no members, as Kafka does. */
  describeGroup(groupId: string): GroupDescription {
    return describe(groupId, this.groups.get(groupId));
  }

  /** COORDINATOR_LOAD_IN_PROGRESS / COORDINATOR_NOT_AVAILABLE while not serving, for the lead's other group APIs. */
  get statusErrorCode(): number {
    return this.status === 'active' ? ErrorCode.NONE : this.status === 'loading' ? ErrorCode.COORDINATOR_LOAD_IN_PROGRESS : ErrorCode.COORDINATOR_NOT_AVAILABLE;
  }

  /** Kafka's validateGroupStatus: a usable group id, and a coordinator that is up and loaded. */
  private statusError(groupId: string, allowEmptyGroupId: boolean): number {
    if (!allowEmptyGroupId && groupId === '') return ErrorCode.INVALID_GROUP_ID;
    return this.statusErrorCode;
  }
}
