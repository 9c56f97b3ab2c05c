// The classic rebalance protocol: JoinGroup, SyncGroup, Heartbeat, LeaveGroup and the timers that
// drive them (Kafka's GroupCoordinator.scala / the group-coordinator module's classic group paths).
// No I/O here except through GroupStore, and no clock except the injected Scheduler.
import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../../protocol/errors.js';
import type { Logger } from '../logger.js';
import type { GroupCoordinatorConfig } from './config.js';
import { ClassicGroup } from './group.js';
import { ClassicGroupMember, type MemberProtocol } from './member.js';
import { EMPTY_BYTES, joinError, syncError, type JoinResult, type SyncResult } from './results.js';
import type { Scheduler } from './scheduler.js';
import type { GroupStore } from './store.js';

/**
 * New members cannot heartbeat until their JoinGroup returns, and a client whose JoinGroup timed
 * out simply retries with a fresh member, so a parked new member is dropped after this long.
 */
export const NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;

export interface JoinRequest {
  readonly groupId: string;
  /** '' for a member that has no id yet. */
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  /** JoinGroup v4+ dynamic members get MEMBER_ID_REQUIRED and must rejoin with the id handed out. */
  readonly requireKnownMemberId: boolean;
  /** JoinGroup v9+: a rejoining static leader of a Stable group is told to skip the assignment. */
  readonly supportSkippingAssignment: boolean;
  readonly clientId: string;
  readonly clientHost: string;
  readonly rebalanceTimeoutMs: number;
  readonly sessionTimeoutMs: number;
  readonly protocolType: string;
  readonly protocols: readonly MemberProtocol[];
}

export interface SyncRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  /** v5+: must match the group's; null when not sent. */
  readonly protocolType: string | null;
  readonly protocolName: string | null;
  readonly assignments: readonly { readonly memberId: string; readonly assignment: Buffer }[];
}

export interface HeartbeatRequestInfo {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
}

export interface LeavingMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
}

export interface LeaveResult {
  readonly errorCode: number;
  readonly members: { memberId: string; groupInstanceId: string | null; errorCode: number }[];
}

export interface MembershipDeps {
  readonly groups: Map<string, ClassicGroup>;
  readonly config: GroupCoordinatorConfig;
  readonly scheduler: Scheduler;
  readonly store: GroupStore;
  readonly logger?: Logger;
  readonly newUuid?: () => string;
}

export class GroupMembership {
  private readonly groups: Map<string, ClassicGroup>;
  private readonly config: GroupCoordinatorConfig;
  private readonly scheduler: Scheduler;
  private readonly store: GroupStore;
  private readonly logger: Logger | undefined;
  private readonly newUuid: () => string;

  constructor(deps: MembershipDeps) {
    this.groups = deps.groups;
    this.config = deps.config;
    this.scheduler = deps.scheduler;
    this.store = deps.store;
    this.logger = deps.logger;
    this.newUuid = deps.newUuid ?? randomUUID;
  }

  // ---------------------------------------------------------------- JoinGroup

  /** Resolves when the member's JoinGroup is answered, which may take a whole join phase. */
  join(req: JoinRequest): Promise<JoinResult> {
    return new Promise((resolve) => this.handleJoin(req, resolve));
  }

  private handleJoin(req: JoinRequest, respond: (r: JoinResult) => void): void {
    if (req.sessionTimeoutMs < this.config.groupMinSessionTimeoutMs || req.sessionTimeoutMs > this.config.groupMaxSessionTimeoutMs) {
      respond(joinError(req.memberId, ErrorCode.INVALID_SESSION_TIMEOUT));
      return;
    }
    const isUnknownMember = req.memberId === '';
    let group = this.groups.get(req.groupId);
    if (!group) {
      // Only a member without an id may create the group.
      if (!isUnknownMember) {
        respond(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
        return;
      }
      group = new ClassicGroup(req.groupId, this.scheduler.now());
      this.groups.set(req.groupId, group);
    }

    if (!this.acceptJoiningMember(group, req.memberId)) {
      group.remove(req.memberId);
      respond(joinError('', ErrorCode.GROUP_MAX_SIZE_REACHED));
    } else if (isUnknownMember) {
      this.joinNewMember(group, req, respond);
    } else {
      this.joinExistingMember(group, req, respond);
    }

    if (group.is('PreparingRebalance')) this.maybeCompleteJoin(group);
  }

  /** group.max.size: existing members that are already rejoining always fit; new ones up to the limit. */
  private acceptJoiningMember(group: ClassicGroup, memberId: string): boolean {
    switch (group.state) {
      case 'Empty':
      case 'Dead':
        return true;
      case 'PreparingRebalance':
        // Counting parked members (not group size) lets a group shrink after group.max.size was lowered.
        return (group.members.get(memberId)?.isAwaitingJoin ?? false) || group.numAwaiting < this.config.groupMaxSize;
      case 'CompletingRebalance':
      case 'Stable':
        return group.members.has(memberId) || group.size < this.config.groupMaxSize;
    }
  }

  private joinNewMember(group: ClassicGroup, req: JoinRequest, respond: (r: JoinResult) => void): void {
    if (group.is('Dead')) {
      respond(joinError('', ErrorCode.COORDINATOR_NOT_AVAILABLE));
      return;
    }
    if (!group.supportsProtocols(req.protocolType, req.protocols.map((p) => p.name))) {
      respond(joinError('', ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
      return;
    }
    const newMemberId = `${req.groupInstanceId ?? req.clientId}-${this.newUuid()}`;
    if (req.groupInstanceId !== null) {
      const oldMemberId = group.staticMembers.get(req.groupInstanceId);
      if (oldMemberId !== undefined) {
        this.replaceStaticMemberAndMaybeRebalance(group, oldMemberId, newMemberId, req.groupInstanceId, req, respond);
      } else {
        this.addMemberAndRebalance(group, newMemberId, req, respond);
      }
    } else if (req.requireKnownMemberId) {
      // Hand out the id and make the client come back with it, so a client that never receives
      // this response does not leave a phantom member behind.
      const cancel = this.scheduler.schedule(req.sessionTimeoutMs, () => this.expirePendingMember(group, newMemberId));
      group.addPendingMember(newMemberId, cancel);
      respond(joinError(newMemberId, ErrorCode.MEMBER_ID_REQUIRED));
    } else {
      this.addMemberAndRebalance(group, newMemberId, req, respond);
    }
  }

  private joinExistingMember(group: ClassicGroup, req: JoinRequest, respond: (r: JoinResult) => void): void {
    const memberId = req.memberId;
    if (group.is('Dead')) {
      respond(joinError(memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
      return;
    }
    if (!group.supportsProtocols(req.protocolType, req.protocols.map((p) => p.name))) {
      respond(joinError(memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
      return;
    }
    if (group.isPendingMember(memberId)) {
      // Pending ids are only handed to dynamic members; Kafka treats a static one here as a bug.
      if (req.groupInstanceId !== null) respond(joinError(memberId, ErrorCode.UNKNOWN_SERVER_ERROR));
      else this.addMemberAndRebalance(group, memberId, req, respond);
      return;
    }
    const memberError = this.validateCurrentMember(group, memberId, req.groupInstanceId);
    if (memberError !== ErrorCode.NONE) {
      respond(joinError(memberId, memberError));
      return;
    }
    const member = group.members.get(memberId)!;
    switch (group.state) {
      case 'PreparingRebalance':
        this.updateMemberAndRebalance(group, member, req, respond);
        return;
      case 'CompletingRebalance':
        if (member.matches(req.protocols)) {
          // Probably a retry after a lost JoinGroup response: answer with the current generation.
          respond(this.currentGenerationResult(group, memberId, group.isLeader(memberId)));
        } else {
          this.updateMemberAndRebalance(group, member, req, respond);
        }
        return;
      case 'Stable':
        if (group.isLeader(memberId) || !member.matches(req.protocols)) {
          // A leader's JoinGroup forces a rebalance: it is how consumers react to metadata changes
          // that do not change their subscription.
          this.updateMemberAndRebalance(group, member, req, respond);
        } else {
          respond(this.currentGenerationResult(group, memberId, false));
        }
        return;
      case 'Empty':
      case 'Dead':
        respond(joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID));
        return;
    }
  }

  private currentGenerationResult(group: ClassicGroup, memberId: string, withMembers: boolean): JoinResult {
    return {
      errorCode: ErrorCode.NONE,
      memberId,
      generationId: group.generationId,
      protocolType: group.protocolType,
      protocolName: group.protocolName,
      leaderId: group.leaderId ?? '',
      skipAssignment: false,
      members: withMembers ? group.currentMemberMetadata() : [],
    };
  }

  private addMemberAndRebalance(group: ClassicGroup, memberId: string, req: JoinRequest, respond: (r: JoinResult) => void): void {
    const member = new ClassicGroupMember(
      memberId,
      req.groupInstanceId,
      req.clientId,
      req.clientHost,
      req.rebalanceTimeoutMs,
      req.sessionTimeoutMs,
      req.protocolType,
      req.protocols,
    );
    member.isNew = true;
    // Members arriving during the initial rebalance may extend the initial delay.
    if (group.is('PreparingRebalance') && group.previousState === 'Empty') group.newMemberAdded = true;
    group.add(member, respond);
    this.scheduleHeartbeatExpiry(group, member, NEW_MEMBER_JOIN_TIMEOUT_MS);
    this.maybePrepareRebalance(group);
  }

  private updateMemberAndRebalance(group: ClassicGroup, member: ClassicGroupMember, req: JoinRequest, respond: (r: JoinResult) => void): void {
    group.updateMember(member, req.protocols, req.rebalanceTimeoutMs, req.sessionTimeoutMs, respond);
    this.maybePrepareRebalance(group);
  }

  /** A known static member rejoined without its member id (e.g. after a restart). */
  private replaceStaticMemberAndMaybeRebalance(
    group: ClassicGroup,
    oldMemberId: string,
    newMemberId: string,
    groupInstanceId: string,
    req: JoinRequest,
    respond: (r: JoinResult) => void,
  ): void {
    const previousLeader = group.leaderId ?? '';
    const member = group.replaceStaticMember(groupInstanceId, oldMemberId, newMemberId, ErrorCode.FENCED_INSTANCE_ID);
    this.scheduleHeartbeatExpiry(group, member);
    const old = { protocols: member.supportedProtocols, rebalanceTimeoutMs: member.rebalanceTimeoutMs, sessionTimeoutMs: member.sessionTimeoutMs };
    group.updateMember(member, req.protocols, req.rebalanceTimeoutMs, req.sessionTimeoutMs, respond);

    switch (group.state) {
      case 'Stable': {
        if (group.protocolName !== group.selectProtocol()) {
          this.maybePrepareRebalance(group);
          return;
        }
        // Nothing the assignment depends on changed: persist the new member id and hand the
        // member its current generation without a rebalance.
        const generationId = group.generationId;
        const assignment = new Map([...group.members.values()].map((m) => [m.memberId, m.assignment]));
        void this.store.storeGroup(group, assignment).then(({ errorCode }) => {
          if (group.members.get(newMemberId) !== member || !group.is('Stable') || group.generationId !== generationId) {
            return; // Something else (a rebalance, a leave) took over this member meanwhile.
          }
          if (errorCode !== ErrorCode.NONE) {
            this.logger?.warn(`Failed to persist metadata for group ${group.groupId}: error ${errorCode}`);
            group.updateMember(member, old.protocols, old.rebalanceTimeoutMs, old.sessionTimeoutMs, null);
            const restored = group.replaceStaticMember(groupInstanceId, newMemberId, oldMemberId, ErrorCode.FENCED_INSTANCE_ID);
            this.scheduleHeartbeatExpiry(group, restored);
            respond({ ...this.currentGenerationResult(group, '', false), errorCode, leaderId: previousLeader });
          } else if (req.supportSkippingAssignment) {
            // v9+: tell a returning leader it leads, but must not re-run the assignor on a Stable group.
            const isLeader = group.isLeader(newMemberId);
            group.invokeJoin(member, { ...this.currentGenerationResult(group, newMemberId, isLeader), skipAssignment: isLeader });
          } else {
            // Older clients would run the assignor if they saw themselves as leader, and a Stable
            // group would drop that assignment; report the previous leader id so they do not.
            group.invokeJoin(member, { ...this.currentGenerationResult(group, newMemberId, false), leaderId: previousLeader });
          }
        });
        return;
      }
      case 'CompletingRebalance':
        // The leader may already be assigning to the old member id; start over.
        this.prepareRebalance(group);
        return;
      case 'PreparingRebalance':
        return; // The member is parked and will be answered when the join phase completes.
      case 'Empty':
      case 'Dead':
        throw new Error(`Group ${group.groupId} cannot be ${group.state} while static member ${groupInstanceId} exists`);
    }
  }

  // ---------------------------------------------------------------- rebalance phases

  private maybePrepareRebalance(group: ClassicGroup): void {
    if (group.canRebalance()) this.prepareRebalance(group);
  }

  private prepareRebalance(group: ClassicGroup): void {
    if (group.is('CompletingRebalance')) this.resetAndPropagateAssignmentError(group, ErrorCode.REBALANCE_IN_PROGRESS);
    this.removeSyncExpiration(group);
    this.cancelJoinTimer(group);

    const isInitialRebalance = group.is('Empty');
    group.transitionTo('PreparingRebalance', this.scheduler.now());
    this.logger?.info(`Preparing to rebalance group ${group.groupId} in state PreparingRebalance with old generation ${group.generationId}`);
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
  private maybeCompleteJoin(group: ClassicGroup): void {
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
      this.logger?.info(`Group ${group.groupId} with generation ${group.generationId} is now empty`);
      void this.store.storeGroup(group, new Map()).then(({ errorCode }) => {
        // Harmless: an empty generation has no members that could act on stale metadata.
        if (errorCode !== ErrorCode.NONE) this.logger?.warn(`Failed to write empty metadata for group ${group.groupId}: error ${errorCode}`);
      });
      return;
    }

    this.logger?.info(`Stabilized group ${group.groupId} generation ${group.generationId} with ${group.size} members`);
    for (const member of [...group.members.values()]) {
      group.invokeJoin(member, this.currentGenerationResult(group, member.memberId, group.isLeader(member.memberId)));
      this.scheduleHeartbeatExpiry(group, member);
      member.isNew = false;
      group.pendingSyncMembers.add(member.memberId);
    }
    this.schedulePendingSync(group);
  }

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
    this.logger?.info(`Group ${group.groupId} removed members who haven't sent their sync request: ${missing.join(', ')}`);
    this.prepareRebalance(group);
  }

  private removeSyncExpiration(group: ClassicGroup): void {
    group.pendingSyncMembers.clear();
    group.syncTimer?.();
    group.syncTimer = null;
  }

  private removePendingSyncMember(group: ClassicGroup, memberId: string): void {
    group.pendingSyncMembers.delete(memberId);
    if (group.pendingSyncMembers.size === 0) {
      group.syncTimer?.();
      group.syncTimer = null;
    }
  }

  // ---------------------------------------------------------------- SyncGroup

  sync(req: SyncRequest): Promise<SyncResult> {
    return new Promise((resolve) => this.handleSync(req, resolve));
  }

  private handleSync(req: SyncRequest, respond: (r: SyncResult) => void): void {
    const group = this.groups.get(req.groupId);
    if (!group) {
      respond(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
      return;
    }
    const error = this.validateSync(group, req);
    if (error !== ErrorCode.NONE) {
      respond(syncError(error));
      return;
    }
    const member = group.members.get(req.memberId)!;
    switch (group.state) {
      case 'Empty':
        respond(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
        return;
      case 'PreparingRebalance':
        respond(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
        return;
      case 'CompletingRebalance': {
        member.awaitingSync = respond;
        this.removePendingSyncMember(group, req.memberId);
        if (group.isLeader(req.memberId)) this.storeLeaderAssignment(group, req);
        return;
      }
      case 'Stable':
        this.removePendingSyncMember(group, req.memberId);
        respond({ errorCode: ErrorCode.NONE, protocolType: group.protocolType, protocolName: group.protocolName, assignment: member.assignment });
        this.scheduleHeartbeatExpiry(group, member);
        return;
      case 'Dead':
        respond(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
        return;
    }
  }

  private validateSync(group: ClassicGroup, req: SyncRequest): number {
    if (group.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    const memberError = this.validateCurrentMember(group, req.memberId, req.groupInstanceId);
    if (memberError !== ErrorCode.NONE) return memberError;
    if (req.generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    if (req.protocolType !== null && req.protocolType !== group.protocolType) return ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
    if (req.protocolName !== null && req.protocolName !== group.protocolName) return ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
    return ErrorCode.NONE;
  }

  /** The leader's SyncGroup: persist the assignment, then hand every member its part. */
  private storeLeaderAssignment(group: ClassicGroup, req: SyncRequest): void {
    const assignment = new Map<string, Buffer>();
    for (const a of req.assignments) assignment.set(a.memberId, a.assignment);
    // Members the leader left out get an empty assignment.
    for (const memberId of group.members.keys()) if (!assignment.has(memberId)) assignment.set(memberId, EMPTY_BYTES);

    const generationId = group.generationId;
    void this.store.storeGroup(group, assignment).then(({ errorCode }) => {
      // A join or leave may have started a new rebalance while we were writing.
      if (!group.is('CompletingRebalance') || group.generationId !== generationId) return;
      if (errorCode !== ErrorCode.NONE) {
        this.resetAndPropagateAssignmentError(group, errorCode);
        this.maybePrepareRebalance(group);
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

  // ---------------------------------------------------------------- Heartbeat

  heartbeat(req: HeartbeatRequestInfo): number {
    const group = this.groups.get(req.groupId);
    if (!group) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (group.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    const memberError = this.validateCurrentMember(group, req.memberId, req.groupInstanceId);
    if (memberError !== ErrorCode.NONE) return memberError;
    if (req.generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    const member = group.members.get(req.memberId)!;
    switch (group.state) {
      case 'Empty':
        return ErrorCode.UNKNOWN_MEMBER_ID;
      case 'PreparingRebalance':
        this.scheduleHeartbeatExpiry(group, member);
        return ErrorCode.REBALANCE_IN_PROGRESS;
      case 'CompletingRebalance':
      case 'Stable':
        // Consumers start heartbeating right after JoinGroup, before SyncGroup returns.
        this.scheduleHeartbeatExpiry(group, member);
        return ErrorCode.NONE;
      case 'Dead':
        return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    }
  }

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
    this.removeMemberAndUpdateGroup(group, member);
  }

  private expirePendingMember(group: ClassicGroup, memberId: string): void {
    if (group.is('Dead') || !group.isPendingMember(memberId)) return;
    this.logger?.info(`Pending member ${memberId} in group ${group.groupId} has been removed after session timeout expiration`);
    this.removePendingMemberAndUpdateGroup(group, memberId);
  }

  private removeMemberAndUpdateGroup(group: ClassicGroup, member: ClassicGroupMember): void {
    // A new member may be parked in JoinGroup; tell it to start over.
    group.invokeJoin(member, joinError('', ErrorCode.UNKNOWN_MEMBER_ID));
    group.remove(member.memberId);
    switch (group.state) {
      case 'Stable':
      case 'CompletingRebalance':
        this.maybePrepareRebalance(group);
        return;
      case 'PreparingRebalance':
        this.maybeCompleteJoin(group);
        return;
      default:
        return;
    }
  }

  private removePendingMemberAndUpdateGroup(group: ClassicGroup, memberId: string): void {
    group.remove(memberId);
    if (group.is('PreparingRebalance')) this.maybeCompleteJoin(group);
  }

  // ---------------------------------------------------------------- LeaveGroup

  /** LeaveGroup in its v3+ shape: per-member errors; a missing group fails every member, not the request. */
  leave(groupId: string, leaving: readonly LeavingMember[]): LeaveResult {
    const group = this.groups.get(groupId);
    const answer = (m: LeavingMember, errorCode: number) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, errorCode });
    if (!group) return { errorCode: ErrorCode.NONE, members: leaving.map((m) => answer(m, ErrorCode.UNKNOWN_MEMBER_ID)) };
    if (group.is('Dead')) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] };

    const members = leaving.map((m) => {
      if (m.memberId === '') {
        // Administrative removal by group.instance.id (kafka-consumer-groups --remove-members).
        const current = m.groupInstanceId === null ? undefined : group.staticMembers.get(m.groupInstanceId);
        if (current === undefined) return answer(m, ErrorCode.UNKNOWN_MEMBER_ID);
        this.removeMemberAndUpdateGroup(group, group.members.get(current)!);
        return answer(m, ErrorCode.NONE);
      }
      if (group.isPendingMember(m.memberId)) {
        this.removePendingMemberAndUpdateGroup(group, m.memberId);
        return answer(m, ErrorCode.NONE);
      }
      const error = this.validateCurrentMember(group, m.memberId, m.groupInstanceId);
      if (error !== ErrorCode.NONE) return answer(m, error);
      this.logger?.info(`Member ${m.memberId} has left group ${groupId} through explicit LeaveGroup`);
      this.removeMemberAndUpdateGroup(group, group.members.get(m.memberId)!);
      return answer(m, ErrorCode.NONE);
    });
    return { errorCode: ErrorCode.NONE, members };
  }

  // ---------------------------------------------------------------- shared checks

  /**
   * A static member's instance id must map to this member id (else FENCED_INSTANCE_ID: another
   * process took over the instance), and the member id must be in the group.
   */
  validateCurrentMember(group: ClassicGroup, memberId: string, groupInstanceId: string | null): number {
    if (groupInstanceId !== null) {
      const current = group.staticMembers.get(groupInstanceId);
      if (current === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
      if (current !== memberId) return ErrorCode.FENCED_INSTANCE_ID;
      return ErrorCode.NONE;
    }
    return group.members.has(memberId) ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
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
    if (group.size > this.config.groupMaxSize) this.prepareRebalance(group);
    for (const m of group.members.values()) this.scheduleHeartbeatExpiry(group, m);
  }
}
