// A classic group's membership and state (Kafka's GroupMetadata / ClassicGroup). Pure data and
// invariants; the rebalance protocol that drives it lives in membership.ts and rebalance.ts.
import { ErrorCode } from '../../protocol/errors.js';
import type { JoinGroupResponseMember } from '../../protocol/generated/types.js';
import type { ClassicGroupMember, MemberProtocol } from './member.js';
import { joinError, syncError, type JoinResult, type SyncResult } from './results.js';
import type { Cancel } from './scheduler.js';

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

const VALID_PREVIOUS_STATES: Record<GroupState, readonly GroupState[]> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
};

/** A committed offset as the coordinator keeps it (OffsetCommitValue plus where it was written). */
export interface CommittedOffset {
  readonly offset: bigint;
  /** -1 when the client did not send one. */
  readonly leaderEpoch: number;
  readonly metadata: string;
  readonly commitTimestamp: number;
  /** Only set by OffsetCommit v2-v4 with an explicit retention time. */
  readonly expireTimestamp: number | null;
  /** Base offset of the __consumer_offsets batch that wrote it; of two commits, the later write wins. */
  readonly recordOffset: number;
}

export class ClassicGroup {
  state: GroupState = 'Empty';
  previousState: GroupState | null = null;
  stateTimestamp: number;
  protocolType: string | null = null;
  protocolName: string | null = null;
  generationId = 0;
  leaderId: string | null = null;

  readonly members = new Map<string, ClassicGroupMember>();
  /** group.instance.id -> current member id. */
  readonly staticMembers = new Map<string, string>();
  /** Member ids handed out with MEMBER_ID_REQUIRED, each with its expiry timer. */
  readonly pendingMembers = new Map<string, Cancel>();
  /** Members of the new generation that have not sent SyncGroup yet. */
  readonly pendingSyncMembers = new Set<string>();
  private numAwaitingJoin = 0;
  /** Protocol name -> how many members support it. */
  private readonly protocolSupport = new Map<string, number>();

  /** A member joined during the initial (from Empty) rebalance, so the initial delay may be extended. */
  newMemberAdded = false;
  joinTimer: { readonly cancel: Cancel; readonly initial: boolean } | null = null;
  syncTimer: Cancel | null = null;

  /** topic -> partition -> committed offset. */
  readonly offsets = new Map<string, Map<number, CommittedOffset>>();
  /**
   * Transactional commits (TxnOffsetCommit) by producer id, topic and partition: invisible to
   * OffsetFetch until their transaction's COMMIT marker, dropped by its ABORT marker.
   */
  readonly pendingTxnOffsets = new Map<number, Map<string, Map<number, CommittedOffset>>>();

  constructor(
    readonly groupId: string,
    now: number,
  ) {
    this.stateTimestamp = now;
  }

  is(state: GroupState): boolean {
    return this.state === state;
  }

  get size(): number {
    return this.members.size;
  }

  get numAwaiting(): number {
    return this.numAwaitingJoin;
  }

  isLeader(memberId: string): boolean {
    return this.leaderId === memberId;
  }

  /**
   * Whether a request comes from a current member: a static member's instance id must map to
   * this member id (else FENCED_INSTANCE_ID: another process took over the instance), and the
   * member id must be in the group (else UNKNOWN_MEMBER_ID).
   */
  validateMember(memberId: string, groupInstanceId: string | null): number {
    if (groupInstanceId !== null) {
      const current = this.staticMembers.get(groupInstanceId);
      if (current === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
      return current === memberId ? ErrorCode.NONE : ErrorCode.FENCED_INSTANCE_ID;
    }
    return this.members.has(memberId) ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
  }

  isPendingMember(memberId: string): boolean {
    return this.pendingMembers.has(memberId);
  }

  /** The largest rebalance timeout among members: how long a rebalance may wait for them. */
  get rebalanceTimeoutMs(): number {
    let max = 0;
    for (const m of this.members.values()) max = Math.max(max, m.rebalanceTimeoutMs);
    return max;
  }

  get hasAllMembersJoined(): boolean {
    return this.members.size === this.numAwaitingJoin && this.pendingMembers.size === 0;
  }

  canRebalance(): boolean {
    return VALID_PREVIOUS_STATES.PreparingRebalance.includes(this.state);
  }

  transitionTo(target: GroupState, now: number): void {
    if (!VALID_PREVIOUS_STATES[target].includes(this.state)) {
      throw new Error(`Group ${this.groupId} should be in one of ${VALID_PREVIOUS_STATES[target].join(',')} before moving to ${target}, but is ${this.state}`);
    }
    this.previousState = this.state;
    this.state = target;
    this.stateTimestamp = now;
  }

  add(member: ClassicGroupMember, onJoin: ((r: JoinResult) => void) | null): void {
    if (member.groupInstanceId !== null) {
      if (this.staticMembers.has(member.groupInstanceId)) {
        throw new Error(`Static member ${member.groupInstanceId} is already a member of group ${this.groupId}`);
      }
      this.staticMembers.set(member.groupInstanceId, member.memberId);
    }
    if (this.members.size === 0) this.protocolType = member.protocolType;
    if (this.leaderId === null) this.leaderId = member.memberId;
    this.members.set(member.memberId, member);
    this.countProtocols(member, 1);
    member.awaitingJoin = onJoin;
    if (onJoin !== null) this.numAwaitingJoin++;
    this.removePending(member.memberId);
  }

  /** Removes a member or a pending member id; cancels its timers. Unknown ids are ignored. */
  remove(memberId: string): void {
    const member = this.members.get(memberId);
    if (member) {
      this.members.delete(memberId);
      this.countProtocols(member, -1);
      if (member.isAwaitingJoin) this.numAwaitingJoin--;
      if (member.groupInstanceId !== null) this.staticMembers.delete(member.groupInstanceId);
      member.cancelHeartbeat?.();
      member.cancelHeartbeat = null;
    }
    if (this.isLeader(memberId)) {
      const next = this.members.keys().next();
      this.leaderId = next.done ? null : next.value;
    }
    this.removePending(memberId);
    this.pendingSyncMembers.delete(memberId);
  }

  addPendingMember(memberId: string, cancelExpiry: Cancel): void {
    if (this.members.has(memberId)) throw new Error(`Pending member ${memberId} is already a member of group ${this.groupId}`);
    this.pendingMembers.set(memberId, cancelExpiry);
  }

  private removePending(memberId: string): void {
    const cancel = this.pendingMembers.get(memberId);
    if (cancel) {
      cancel();
      this.pendingMembers.delete(memberId);
    }
  }

  /**
   * A static member rejoined with a new member id: move its state to the new id, and answer any
   * request the old id still has parked with FENCED_INSTANCE_ID.
   */
  replaceStaticMember(groupInstanceId: string, oldMemberId: string, newMemberId: string, fenced: number): ClassicGroupMember {
    const member = this.members.get(oldMemberId);
    if (!member) throw new Error(`Cannot replace non-existing member id ${oldMemberId}`);
    this.members.delete(oldMemberId);
    this.invokeJoin(member, joinError(oldMemberId, fenced));
    this.invokeSync(member, syncError(fenced));
    member.cancelHeartbeat?.();
    member.cancelHeartbeat = null;
    member.memberId = newMemberId;
    this.members.set(newMemberId, member);
    if (this.isLeader(oldMemberId)) this.leaderId = newMemberId;
    this.staticMembers.set(groupInstanceId, newMemberId);
    return member;
  }

  /** New protocols and timeouts for a rejoining member; `onJoin` parks (or, null, un-parks) its JoinGroup. */
  updateMember(
    member: ClassicGroupMember,
    protocols: readonly MemberProtocol[],
    rebalanceTimeoutMs: number,
    sessionTimeoutMs: number,
    onJoin: ((r: JoinResult) => void) | null,
  ): void {
    this.countProtocols(member, -1);
    member.supportedProtocols = protocols;
    this.countProtocols(member, 1);
    member.rebalanceTimeoutMs = rebalanceTimeoutMs;
    member.sessionTimeoutMs = sessionTimeoutMs;
    if (onJoin !== null && !member.isAwaitingJoin) this.numAwaitingJoin++;
    else if (onJoin === null && member.isAwaitingJoin) this.numAwaitingJoin--;
    // A JoinGroup already parked for this member is superseded and never answered, as in Kafka
    // (a client only re-sends JoinGroup after giving up on the previous one).
    member.awaitingJoin = onJoin;
  }

  /** Answers the member's parked JoinGroup, if any. */
  invokeJoin(member: ClassicGroupMember, result: JoinResult): boolean {
    const respond = member.awaitingJoin;
    if (respond === null) return false;
    member.awaitingJoin = null;
    this.numAwaitingJoin--;
    respond(result);
    return true;
  }

  /** Answers the member's parked SyncGroup, if any. */
  invokeSync(member: ClassicGroupMember, result: SyncResult): boolean {
    const respond = member.awaitingSync;
    if (respond === null) return false;
    member.awaitingSync = null;
    respond(result);
    return true;
  }

  /**
   * Before completing a join phase: keep the leader if it rejoined, else pick any rejoined member.
   * False when there is no leader or nobody rejoined.
   */
  maybeElectNewJoinedLeader(): boolean {
    if (this.leaderId === null) return false;
    const leader = this.members.get(this.leaderId);
    if (leader?.isAwaitingJoin) return true;
    for (const m of this.members.values()) {
      if (m.isAwaitingJoin) {
        this.leaderId = m.memberId;
        return true;
      }
    }
    return false;
  }

  initNextGeneration(now: number): void {
    this.generationId++;
    if (this.members.size > 0) {
      this.protocolName = this.selectProtocol();
      this.transitionTo('CompletingRebalance', now);
    } else {
      this.protocolName = null;
      this.transitionTo('Empty', now);
    }
    this.pendingSyncMembers.clear();
  }

  /** The protocol every member supports that most members prefer (ties: the first one voted for). */
  selectProtocol(): string {
    if (this.members.size === 0) throw new Error(`Cannot select protocol for empty group ${this.groupId}`);
    const candidates = new Set<string>();
    for (const [name, count] of this.protocolSupport) if (count === this.members.size) candidates.add(name);
    const votes = new Map<string, number>();
    for (const m of this.members.values()) {
      const choice = m.vote(candidates);
      votes.set(choice, (votes.get(choice) ?? 0) + 1);
    }
    let best = '';
    let bestVotes = -1;
    for (const [name, n] of votes) {
      if (n > bestVotes) {
        best = name;
        bestVotes = n;
      }
    }
    return best;
  }

  /** Whether a member with these protocols may join: same protocol type and one protocol all members share. */
  supportsProtocols(protocolType: string, protocolNames: readonly string[]): boolean {
    if (this.is('Empty')) return protocolType.length > 0 && protocolNames.length > 0;
    return (
      this.protocolType === protocolType &&
      protocolNames.some((name) => (this.protocolSupport.get(name) ?? 0) === this.members.size)
    );
  }

  /** JoinGroup's member list for the leader: each member's metadata for the selected protocol. */
  currentMemberMetadata(): JoinGroupResponseMember[] {
    if (this.is('Dead') || this.is('PreparingRebalance') || this.protocolName === null) {
      throw new Error(`Cannot obtain member metadata for group ${this.groupId} in state ${this.state}`);
    }
    const protocol = this.protocolName;
    return [...this.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      metadata: m.metadata(protocol),
    }));
  }

  notYetRejoinedMembers(): ClassicGroupMember[] {
    return [...this.members.values()].filter((m) => !m.isAwaitingJoin);
  }

  private countProtocols(member: ClassicGroupMember, delta: number): void {
    for (const p of member.supportedProtocols) {
      const n = (this.protocolSupport.get(p.name) ?? 0) + delta;
      if (n === 0) this.protocolSupport.delete(p.name);
      else this.protocolSupport.set(p.name, n);
    }
  }

  // ---- committed offsets ----

  offset(topic: string, partition: number): CommittedOffset | undefined {
    return this.offsets.get(topic)?.get(partition);
  }

  /** Installs a commit unless a later-written one is already there. */
  putOffset(topic: string, partition: number, committed: CommittedOffset): void {
    let byPartition = this.offsets.get(topic);
    if (!byPartition) {
      byPartition = new Map();
      this.offsets.set(topic, byPartition);
    }
    const current = byPartition.get(partition);
    if (current === undefined || current.recordOffset <= committed.recordOffset) byPartition.set(partition, committed);
  }

  removeOffset(topic: string, partition: number): void {
    const byPartition = this.offsets.get(topic);
    if (!byPartition) return;
    byPartition.delete(partition);
    if (byPartition.size === 0) this.offsets.delete(topic);
  }

  /** Committed or pending transactional offsets (an Empty group without either may be removed, as in Kafka). */
  get hasOffsets(): boolean {
    return this.offsets.size > 0 || this.pendingTxnOffsets.size > 0;
  }

  /** Holds a transactional commit until its transaction ends; a later commit of the same producer replaces it. */
  stageTxnOffset(producerId: number, topic: string, partition: number, committed: CommittedOffset): void {
    let byTopic = this.pendingTxnOffsets.get(producerId);
    if (!byTopic) this.pendingTxnOffsets.set(producerId, (byTopic = new Map()));
    let byPartition = byTopic.get(topic);
    if (!byPartition) byTopic.set(topic, (byPartition = new Map()));
    byPartition.set(partition, committed);
  }

  /**
   * The producer's transaction ended: on commit its offsets are installed (unless a later-written
   * commit is there, Kafka's completePendingTxnOffsetCommit), on abort dropped. Whether it had any.
   */
  completeTxnOffsets(producerId: number, commit: boolean): boolean {
    const byTopic = this.pendingTxnOffsets.get(producerId);
    if (!byTopic) return false;
    this.pendingTxnOffsets.delete(producerId);
    if (commit) for (const [topic, byPartition] of byTopic) for (const [partition, committed] of byPartition) this.putOffset(topic, partition, committed);
    return true;
  }

  /** Whether some transaction has an unresolved commit for the partition (OffsetFetch requireStable). */
  hasPendingTxnOffset(topic: string, partition: number): boolean {
    for (const byTopic of this.pendingTxnOffsets.values()) if (byTopic.get(topic)?.has(partition)) return true;
    return false;
  }
}
