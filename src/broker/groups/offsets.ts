// OffsetCommit and OffsetFetch for classic and simple groups (Kafka's OffsetMetadataManager).
import { ErrorCode } from '../../protocol/errors.js';
import type { OffsetFetchResponsePartitions, OffsetFetchResponseTopics } from '../../protocol/generated/types.js';
import type { GroupCoordinatorConfig } from './config.js';
import { ClassicGroup } from './group.js';
import type { Rebalancer } from './rebalance.js';
import type { Scheduler } from './scheduler.js';
import type { GroupStore, OffsetCommitEntry } from './store.js';

export interface CommitPartition {
  readonly partitionIndex: number;
  readonly committedOffset: bigint;
  readonly committedLeaderEpoch: number;
  /** OffsetCommit v1 only; -1 = now. */
  readonly commitTimestamp: number;
  readonly committedMetadata: string | null;
}

export interface CommitRequest {
  readonly groupId: string;
  /** -1 for simple (non-member) commits. */
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  /** OffsetCommit v2-v4 retention_time_ms; -1 = broker default. */
  readonly retentionTimeMs: number;
  readonly topics: readonly { readonly name: string; readonly partitions: readonly CommitPartition[] }[];
}

/** TxnOffsetCommit, as the coordinator sees it (v0-2 carry no member fields: -1, '', null). */
export interface TxnCommitRequest {
  readonly groupId: string;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly topics: readonly { readonly name: string; readonly partitions: readonly Omit<CommitPartition, 'commitTimestamp'>[] }[];
}

export interface CommitTopicResult {
  name: string;
  partitions: { partitionIndex: number; errorCode: number }[];
}

export interface FetchTopic {
  readonly name: string;
  readonly partitionIndexes: readonly number[];
}

export interface OffsetsDeps {
  readonly groups: Map<string, ClassicGroup>;
  readonly config: GroupCoordinatorConfig;
  readonly scheduler: Scheduler;
  readonly store: GroupStore;
  readonly rebalancer: Rebalancer;
  /** Whether the topic exists and has this partition. */
  readonly topicExists: (topic: string, partition: number) => boolean;
}

/** Position of a partition in the request: topic index, partition index. */
interface Slot {
  readonly topic: number;
  readonly partition: number;
}

export class OffsetManager {
  constructor(private readonly deps: OffsetsDeps) {}

  /** Resolves once the accepted commits are appended to __consumer_offsets (or failed to be). */
  async commit(req: CommitRequest, apiVersion: number): Promise<CommitTopicResult[]> {
    const { groups, config, scheduler, store, topicExists } = this.deps;
    // Partitions of existing topics are the ones the coordinator looks at.
    const candidates: Slot[] = [];
    const results: CommitTopicResult[] = req.topics.map((t, topic) => ({
      name: t.name,
      partitions: t.partitions.map((p, partition) => {
        const exists = topicExists(t.name, p.partitionIndex);
        if (exists) candidates.push({ topic, partition });
        return { partitionIndex: p.partitionIndex, errorCode: exists ? ErrorCode.NONE : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
      }),
    }));
    if (candidates.length === 0) return results;

    const { group, errorCode } = this.validateCommit(req, apiVersion);
    if (group === null || errorCode !== ErrorCode.NONE) {
      for (const c of candidates) results[c.topic]!.partitions[c.partition]!.errorCode = errorCode;
      return results;
    }

    const now = scheduler.now();
    const expireTimestamp = req.retentionTimeMs === -1 ? null : now + req.retentionTimeMs;
    const accepted: (Slot & { entry: OffsetCommitEntry })[] = [];
    for (const c of candidates) {
      const p = req.topics[c.topic]!.partitions[c.partition]!;
      const metadata = p.committedMetadata ?? '';
      // Java measures String.length(), UTF-16 code units, as JS does.
      if (metadata.length > config.offsetMetadataMaxBytes) {
        results[c.topic]!.partitions[c.partition]!.errorCode = ErrorCode.OFFSET_METADATA_TOO_LARGE;
        continue;
      }
      accepted.push({
        ...c,
        entry: {
          topic: req.topics[c.topic]!.name,
          partition: p.partitionIndex,
          offset: p.committedOffset,
          leaderEpoch: p.committedLeaderEpoch,
          metadata,
          commitTimestamp: p.commitTimestamp === -1 ? now : p.commitTimestamp,
          expireTimestamp,
        },
      });
    }
    if (accepted.length === 0) return results;

    const stored = await store.storeOffsets(req.groupId, accepted.map((a) => a.entry), now);
    if (stored.errorCode === ErrorCode.NONE) {
      // The group may have been deleted meanwhile; its offsets went with it.
      if (groups.get(req.groupId) === group && !group.is('Dead')) {
        for (const { entry } of accepted) group.putOffset(entry.topic, entry.partition, { ...entry, recordOffset: stored.baseOffset });
      }
    } else {
      for (const a of accepted) results[a.topic]!.partitions[a.partition]!.errorCode = stored.errorCode;
    }
    return results;
  }

  /**
   * TxnOffsetCommit (Kafka 4.0's commitTransactionalOffset): validated like a commit of the
   * group's members, written to __consumer_offsets as a batch of the producer's transaction and
   * held pending in the group until the transaction's marker (onTxnMarker). Partitions of unknown
   * topics were answered by the caller.
   */
  async txnCommit(req: TxnCommitRequest): Promise<CommitTopicResult[]> {
    const { groups, config, scheduler, store } = this.deps;
    const results: CommitTopicResult[] = req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE })) }));
    const failAll = (errorCode: number) => {
      for (const t of results) for (const p of t.partitions) p.errorCode = errorCode;
      return results;
    };
    let group = groups.get(req.groupId);
    if (!group) {
      // A group nobody joined: a simple group is created for commits without a generation.
      if (req.generationId >= 0) return failAll(ErrorCode.ILLEGAL_GENERATION);
      group = new ClassicGroup(req.groupId, scheduler.now());
      groups.set(req.groupId, group);
    }
    const errorCode = txnCommitError(group, req);
    if (errorCode !== ErrorCode.NONE) return failAll(errorCode);

    const now = scheduler.now();
    const accepted: { result: { errorCode: number }; entry: OffsetCommitEntry }[] = [];
    req.topics.forEach((t, ti) =>
      t.partitions.forEach((p, pi) => {
        const metadata = p.committedMetadata ?? '';
        const result = results[ti]!.partitions[pi]!;
        if (metadata.length > config.offsetMetadataMaxBytes) {
          result.errorCode = ErrorCode.OFFSET_METADATA_TOO_LARGE;
          return;
        }
        const entry = { topic: t.name, partition: p.partitionIndex, offset: p.committedOffset, leaderEpoch: p.committedLeaderEpoch, metadata, commitTimestamp: now, expireTimestamp: null };
        accepted.push({ result, entry });
      }),
    );
    if (accepted.length === 0) return results;
    const stored = await store.storeTxnOffsets(req.groupId, accepted.map((a) => a.entry), now, { producerId: req.producerId, producerEpoch: req.producerEpoch });
    if (stored.errorCode !== ErrorCode.NONE) {
      for (const a of accepted) a.result.errorCode = stored.errorCode;
      return results;
    }
    if (groups.get(req.groupId) === group && !group.is('Dead')) {
      for (const { entry } of accepted) group.stageTxnOffset(req.producerId, entry.topic, entry.partition, { ...entry, recordOffset: stored.baseOffset });
    }
    return results;
  }

  /** Who may commit: members of the current generation, or anyone (generation -1) while the group is empty. */
  private validateCommit(req: CommitRequest, apiVersion: number): { group: ClassicGroup; errorCode: number } | { group: null; errorCode: number } {
    const { groups, scheduler } = this.deps;
    let group = groups.get(req.groupId);
    if (!group) {
      if (req.generationId >= 0) {
        // v9 reports the missing group; older versions keep ILLEGAL_GENERATION for compatibility.
        return { group: null, errorCode: apiVersion >= 9 ? ErrorCode.GROUP_ID_NOT_FOUND : ErrorCode.ILLEGAL_GENERATION };
      }
      // A "simple" group: offsets only, no membership (consumers using assign(), admin tools).
      group = new ClassicGroup(req.groupId, scheduler.now());
      groups.set(req.groupId, group);
    }
    const errorCode = this.commitError(group, req);
    return { group, errorCode };
  }

  private commitError(group: ClassicGroup, req: CommitRequest): number {
    const error = memberCommitError(group, req);
    // No member id and no generation: only allowed while nobody is in the group.
    if (error === null) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (error !== ErrorCode.NONE) return error;

    // The member got its JoinGroup response but not its assignment yet.
    if (group.is('CompletingRebalance')) return ErrorCode.REBALANCE_IN_PROGRESS;

    // A commit proves the member is alive. During PreparingRebalance commits are still accepted;
    // the member learns about the rebalance from its next heartbeat.
    if (group.is('Stable') || group.is('PreparingRebalance')) {
      const member = group.members.get(req.memberId);
      if (member) this.deps.rebalancer.scheduleHeartbeatExpiry(group, member);
    }
    return ErrorCode.NONE;
  }

  /**
   * Committed offsets of one group: the listed partitions (-1 when nothing is committed), or
   * every committed partition when `topics` is null. Works in every group state.
   */
  fetch(groupId: string, topics: readonly FetchTopic[] | null, requireStable = false): OffsetFetchResponseTopics[] {
    const group = this.deps.groups.get(groupId);
    const known = group !== undefined && !group.is('Dead') ? group : undefined;
    // KIP-447: a consumer that asks for stable offsets must wait while a transaction may still commit one.
    const unstable = (topic: string, partitionIndex: number) => requireStable && known !== undefined && known.hasPendingTxnOffset(topic, partitionIndex);
    if (topics === null) {
      if (!known) return [];
      return [...known.offsets].map(([name, byPartition]) => ({
        name,
        partitions: [...byPartition].map(([partitionIndex, c]) =>
          unstable(name, partitionIndex) ? unstablePartition(partitionIndex) : committedPartition(partitionIndex, c.offset, c.leaderEpoch, c.metadata),
        ),
      }));
    }
    return topics.map((t) => ({
      name: t.name,
      partitions: t.partitionIndexes.map((partitionIndex) => {
        if (unstable(t.name, partitionIndex)) return unstablePartition(partitionIndex);
        const c = known?.offset(t.name, partitionIndex);
        return c ? committedPartition(partitionIndex, c.offset, c.leaderEpoch, c.metadata) : committedPartition(partitionIndex, -1n, -1, '');
      }),
    }));
  }
}

function unstablePartition(partitionIndex: number): OffsetFetchResponsePartitions {
  return { partitionIndex, committedOffset: -1n, committedLeaderEpoch: -1, metadata: '', errorCode: ErrorCode.UNSTABLE_OFFSET_COMMIT };
}

/**
 * Kafka's ClassicGroup.validateOffsetCommit for a transactional commit: anyone while the group is
 * Empty and no generation is given; otherwise a known member of the current generation. Unlike a
 * plain commit, a rebalance in progress does not refuse it.
 */
function txnCommitError(group: ClassicGroup, req: TxnCommitRequest): number {
  return memberCommitError(group, req) ?? ErrorCode.NONE;
}

/**
 * The checks of Kafka's validateOffsetCommit that plain and transactional commits share: a Dead
 * group, an Empty group without a generation (anyone may commit), else the member and generation
 * the request names. Null when it names neither while the group is not Empty: a plain commit is
 * refused then, a transactional one accepted.
 */
function memberCommitError(group: ClassicGroup, req: CommitRequest | TxnCommitRequest): number | null {
  if (group.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
  if (req.generationId < 0 && group.is('Empty')) return ErrorCode.NONE;
  if (req.generationId < 0 && req.memberId === '' && req.groupInstanceId === null) return null;
  const memberError = group.validateMember(req.memberId, req.groupInstanceId);
  if (memberError !== ErrorCode.NONE) return memberError;
  return req.generationId !== group.generationId ? ErrorCode.ILLEGAL_GENERATION : ErrorCode.NONE;
}

function committedPartition(partitionIndex: number, committedOffset: bigint, committedLeaderEpoch: number, metadata: string): OffsetFetchResponsePartitions {
  return { partitionIndex, committedOffset, committedLeaderEpoch, metadata, errorCode: ErrorCode.NONE };
}
