// The phases of a classic rebalance and the timers that move a group between them (Kafka's
// GroupCoordinator prepareRebalance / onCompleteJoin / DelayedJoin / DelayedSync / DelayedHeartbeat).
// No I/O except through GroupStore, and no clock except the injected Scheduler.
import { ErrorCode } from '../../protocol/errors.js';
import type { Logger } from '../logger.js';
import type { GroupCoordinatorConfig } from './config.js';
import type { ClassicGroup } from './group.js';
import type { ClassicGroupMember } from './member.js';
import type { SyncRequest } from './membership.js';
import { EMPTY_BYTES, generationResult, joinError } from './results.js';
import type { Scheduler } from './scheduler.js';
import type { GroupStore } from './store.js';

/**
 * New members cannot heartbeat until their JoinGroup returns, and a client whose JoinGroup timed
 * out simply retries with a fresh member, so a parked new member is dropped after this long.
 */
export const NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;

export interface RebalancerDeps {
  readonly config: GroupCoordinatorConfig;
  readonly scheduler: Scheduler;
  readonly store: GroupStore;
  readonly logger?: Logger;
  /** For log lines, which name the group's __consumer_offsets partition as Kafka's do. */
  readonly partitionFor?: (groupId: string) => number;
}

export class Rebalancer {
  private readonly config: GroupCoordinatorConfig;
  private readonly scheduler: Scheduler;
  private readonly store: GroupStore;
  private readonly logger: Logger | undefined;
  private readonly partitionFor: (groupId: string) => number;

  constructor(deps: RebalancerDeps) {
    this.config = deps.config;
    this.scheduler = deps.scheduler;
    this.store = deps.store;
    this.logger = deps.logger;
    this.partitionFor = deps.partitionFor ?? (() => 0);
  }

  // ---------------------------------------------------------------- join phase (PreparingRebalance)

  maybePrepareRebalance(group: ClassicGroup, reason: string): void {
    if (group.canRebalance()) this.prepareRebalance(group, reason);
  }

  prepareRebalance(group: ClassicGroup, reason: string): void {
    if (group.is('CompletingRebalance')) this.resetAndPropagateAssignmentError(group, ErrorCode.REBALANCE_IN_PROGRESS);
    this.removeSyncExpiration(group);
    this.cancelJoinTimer(group);

    const isInitialRebalance = group.is('Empty');
    group.transitionTo('PreparingRebalance', this.scheduler.now());
    this.logger?.info(
      `Preparing to rebalance group ${group.groupId} in state PreparingRebalance with old generation ${group.generationId} (${this.partitionName(group)}) (reason: ${reason})`,
    );
    if (isInitialRebalance) {
      // An empty group waits group.initial.rebalance.delay.ms for more members to arrive.
      const delayMs = this.config.groupInitialRebalanceDelayMs;
      this.scheduleInitialJoin(group, delayMs, Math.max(group.rebalanceTimeoutMs - delayMs, 0));
    } else {
      this.scheduleJoin(group);
      this.maybeCompleteJoin(group);
    }
  }

  private scheduleJoin(group: ClassicGroup): void {
    const cancel = this.scheduler.schedule(group.rebalanceTimeoutMs, () => {
      group.joinTimer = null;
      this.completeJoin(group);
    });
    group.joinTimer = { cancel, initial: false };
  }

  /**
   * Kafka's InitialDelayedJoin: when the delay ends, if members kept arriving and rebalance time
   * remains, wait another delay (capped by what remains); otherwise complete the join phase.
   */
  private scheduleInitialJoin(group: ClassicGroup, delayMs: number, remainingMs: number): void {
    const cancel = this.scheduler.schedule(delayMs, () => {
      group.joinTimer = null;
      if (group.newMemberAdded && remainingMs !== 0) {
        group.newMemberAdded = false;
        const nextDelay = Math.min(this.config.groupInitialRebalanceDelayMs, remainingMs);
        this.scheduleInitialJoin(group, nextDelay, Math.max(remainingMs - delayMs, 0));
      } else {
        this.completeJoin(group);
      }
    });
    group.joinTimer = { cancel, initial: true };
  }

  private cancelJoinTimer(group: ClassicGroup): void {
    group.joinTimer?.cancel();
    group.joinTimer = null;
  }

  /** Completes the join phase early once every member rejoined (never during the initial delay). */
  maybeCompleteJoin(group: ClassicGroup): void {
    if (!group.is('PreparingRebalance')) return;
    if (group.joinTimer?.initial) return;
    if (group.hasAllMembersJoined) this.completeJoin(group);
  }

  private completeJoin(group: ClassicGroup): void {
    this.cancelJoinTimer(group);
    if (!group.is('PreparingRebalance')) return;

    // Dynamic members that did not rejoin are gone; static ones keep their place.
    for (const m of group.notYetRejoinedMembers()) {
      if (!m.isStatic) group.remove(m.memberId);
    }

    if (!group.maybeElectNewJoinedLeader() && group.size > 0) {
      // Nobody rejoined: wait another rebalance timeout while session timeouts clear out members.
      this.logger?.error(`Group ${group.groupId} could not complete rebalance because no members rejoined`);
      this.scheduleJoin(group);
      return;
    }

    group.initNextGeneration(this.scheduler.now());
    if (group.is('Empty')) {
      this.logger?.info(`Group ${group.groupId} with generation ${group.generationId} is now empty (${this.partitionName(group)})`);
      void this.store.storeGroup(group, new Map()).then(({ errorCode }) => {
        // Harmless: an empty generation has no members that could act on stale metadata.
        if (errorCode !== ErrorCode.NONE) this.logger?.warn(`Failed to write empty metadata for group ${group.groupId}: error ${errorCode}`);
      });
      return;
    }

    this.logger?.info(`Stabilized group ${group.groupId} generation ${group.generationId} (${this.partitionName(group)}) with ${group.size} members`);
    for (const member of [...group.members.values()]) {
      group.invokeJoin(member, generationResult(group, member.memberId, group.isLeader(member.memberId)));
      this.scheduleHeartbeatExpiry(group, member);
      member.isNew = false;
      group.pendingSyncMembers.add(member.memberId);
    }
    this.schedulePendingSync(group);
  }

  // ---------------------------------------------------------------- sync phase (CompletingRebalance)

  /** Members that got the new generation but never send SyncGroup are removed after the rebalance timeout. */
  private schedulePendingSync(group: ClassicGroup): void {
    group.syncTimer?.();
    const generationId = group.generationId;
    group.syncTimer = this.scheduler.schedule(group.rebalanceTimeoutMs, () => {
      group.syncTimer = null;
      this.expirePendingSync(group, generationId);
    });
  }

  private expirePendingSync(group: ClassicGroup, generationId: number): void {
    if (generationId !== group.generationId) return;
    if (!group.is('CompletingRebalance') && !group.is('Stable')) return;
    if (group.pendingSyncMembers.size === 0) return;
    const missing = [...group.pendingSyncMembers];
    for (const memberId of missing) group.remove(memberId);
    this.prepareRebalance(group, `Removing ${missing.join(', ')} on pending sync request expiration`);
  }

  private removeSyncExpiration(group: ClassicGroup): void {
    group.pendingSyncMembers.clear();
    group.syncTimer?.();
    group.syncTimer = null;
  }

  removePendingSyncMember(group: ClassicGroup, memberId: string): void {
    group.pendingSyncMembers.delete(memberId);
    if (group.pendingSyncMembers.size === 0) {
      group.syncTimer?.();
      group.syncTimer = null;
    }
  }

  /** The leader's SyncGroup: persist the assignment, then hand every member its part. */
  storeLeaderAssignment(group: ClassicGroup, leaderId: string, assignments: SyncRequest['assignments']): void {
    const assignment = new Map<string, Buffer>();
    for (const a of assignments) assignment.set(a.memberId, a.assignment);
    // Members the leader left out get an empty assignment.
    for (const memberId of group.members.keys()) if (!assignment.has(memberId)) assignment.set(memberId, EMPTY_BYTES);

    const generationId = group.generationId;
    this.logger?.info(`Assignment received from leader ${leaderId} for group ${group.groupId} for generation ${generationId}. The group has ${group.size} members, ${group.staticMembers.size} of which are static.`);
    void this.store.storeGroup(group, assignment).then(({ errorCode }) => {
      // A join or leave may have started a new rebalance while we were writing.
      if (!group.is('CompletingRebalance') || group.generationId !== generationId) return;
      if (errorCode !== ErrorCode.NONE) {
        this.resetAndPropagateAssignmentError(group, errorCode);
        this.maybePrepareRebalance(group, `Error ${errorCode} when storing group assignment during SyncGroup (member: ${leaderId})`);
      } else {
        for (const m of group.members.values()) m.assignment = assignment.get(m.memberId) ?? EMPTY_BYTES;
        this.propagateAssignment(group, ErrorCode.NONE);
        group.transitionTo('Stable', this.scheduler.now());
      }
    });
  }

  private resetAndPropagateAssignmentError(group: ClassicGroup, errorCode: number): void {
    for (const m of group.members.values()) m.assignment = EMPTY_BYTES;
    this.propagateAssignment(group, errorCode);
  }

  private propagateAssignment(group: ClassicGroup, errorCode: number): void {
    const ok = errorCode === ErrorCode.NONE;
    for (const member of group.members.values()) {
      const answered = group.invokeSync(member, {
        errorCode,
        protocolType: ok ? group.protocolType : null,
        protocolName: ok ? group.protocolName : null,
        assignment: member.assignment,
      });
      // A member parked in SyncGroup had no heartbeat deadline; start one now.
      if (answered) this.scheduleHeartbeatExpiry(group, member);
    }
  }

  // ---------------------------------------------------------------- liveness and departures

  /** Restarts the member's session timer (heartbeats, commits and syncs all count as liveness). */
  scheduleHeartbeatExpiry(group: ClassicGroup, member: ClassicGroupMember, timeoutMs: number = member.sessionTimeoutMs): void {
    member.cancelHeartbeat?.();
    // The id at scheduling time: a static member replaced since then must not be expired by it.
    const memberId = member.memberId;
    member.cancelHeartbeat = this.scheduler.schedule(timeoutMs, () => this.expireHeartbeat(group, memberId));
  }

  private expireHeartbeat(group: ClassicGroup, memberId: string): void {
    if (group.is('Dead')) return;
    const member = group.members.get(memberId);
    if (!member) return;
    member.cancelHeartbeat = null;
    if (member.hasSatisfiedHeartbeat()) return;
    this.logger?.info(`Member ${memberId} in group ${group.groupId} has failed, removing it from the group`);
    this.removeMemberAndUpdateGroup(group, member, `removing member ${memberId} on heartbeat expiration`);
  }

  expirePendingMember(group: ClassicGroup, memberId: string): void {
    if (group.is('Dead') || !group.isPendingMember(memberId)) return;
    this.logger?.info(`Pending member ${memberId} in group ${group.groupId} has been removed after session timeout expiration`);
    this.removePendingMemberAndUpdateGroup(group, memberId);
  }

  removeMemberAndUpdateGroup(group: ClassicGroup, member: ClassicGroupMember, reason: string): void {
    // A new member may be parked in JoinGroup; tell it to start over.
    group.invokeJoin(member, joinError('', ErrorCode.UNKNOWN_MEMBER_ID));
    group.remove(member.memberId);
    switch (group.state) {
      case 'Stable':
      case 'CompletingRebalance':
        this.maybePrepareRebalance(group, reason);
        return;
      case 'PreparingRebalance':
        this.maybeCompleteJoin(group);
        return;
      default:
        return;
    }
  }

  removePendingMemberAndUpdateGroup(group: ClassicGroup, memberId: string): void {
    group.remove(memberId);
    if (group.is('PreparingRebalance')) this.maybeCompleteJoin(group);
  }

  // ---------------------------------------------------------------- lifecycle

  private partitionName(group: ClassicGroup): string {
    return `__consumer_offsets-${this.partitionFor(group.groupId)}`;
  }

  /** Cancels every timer of the group (broker shutdown, group deletion). */
  cancelTimers(group: ClassicGroup): void {
    this.cancelJoinTimer(group);
    group.syncTimer?.();
    group.syncTimer = null;
    for (const cancel of group.pendingMembers.values()) cancel();
    for (const m of group.members.values()) {
      m.cancelHeartbeat?.();
      m.cancelHeartbeat = null;
    }
  }

  /** After loading a group from the log: start session timers, and shrink it if group.max.size dropped. */
  onGroupLoaded(group: ClassicGroup): void {
    if (group.size > this.config.groupMaxSize) {
      this.prepareRebalance(group, `Freshly-loaded group is over capacity (${this.config.groupMaxSize}). Rebalancing in order to give a chance for consumers to commit offsets`);
    }
    for (const m of group.members.values()) this.scheduleHeartbeatExpiry(group, m);
  }
}
