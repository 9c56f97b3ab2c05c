// The classic group membership APIs: JoinGroup, SyncGroup, Heartbeat, LeaveGroup (Kafka's
// GroupCoordinator.scala handle* methods / the group-coordinator module's classic group paths).
// The phase transitions and timers they trigger live in rebalance.ts.
import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../../protocol/errors.js';
import type { Logger } from '../logger.js';
import type { GroupCoordinatorConfig } from './config.js';
import { ClassicGroup } from './group.js';
import { ClassicGroupMember, type MemberProtocol } from './member.js';
import { NEW_MEMBER_JOIN_TIMEOUT_MS, type Rebalancer } from './rebalance.js';
import { generationResult, joinError, syncError, type JoinResult, type SyncResult } from './results.js';
import type { Scheduler } from './scheduler.js';
import type { GroupStore } from './store.js';

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
  /** v8+: why the client (re)joins; only logged. */
  readonly reason: string | null;
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
  /** v5+: only logged. */
  readonly reason?: string | null;
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
  readonly rebalancer: Rebalancer;
  readonly logger?: Logger;
  readonly newUuid?: () => string;
}

export class GroupMembership {
  private readonly groups: Map<string, ClassicGroup>;
  private readonly config: GroupCoordinatorConfig;
  private readonly scheduler: Scheduler;
  private readonly store: GroupStore;
  private readonly rebalancer: Rebalancer;
  private readonly logger: Logger | undefined;
  private readonly newUuid: () => string;

  constructor(deps: MembershipDeps) {
    this.groups = deps.groups;
    this.config = deps.config;
    this.scheduler = deps.scheduler;
    this.store = deps.store;
    this.rebalancer = deps.rebalancer;
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

    if (group.is('PreparingRebalance')) this.rebalancer.maybeCompleteJoin(group);
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
      const cancel = this.scheduler.schedule(req.sessionTimeoutMs, () => this.rebalancer.expirePendingMember(group, newMemberId));
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
    const memberError = group.validateMember(memberId, req.groupInstanceId);
    if (memberError !== ErrorCode.NONE) {
      respond(joinError(memberId, memberError));
      return;
    }
    const member = group.members.get(memberId)!;
    switch (group.state) {
      case 'PreparingRebalance':
        this.updateMemberAndRebalance(group, member, req, respond, `Member ${memberId} joining group during PreparingRebalance; client reason: ${reasonOf(req)}`);
        return;
      case 'CompletingRebalance':
        if (member.matches(req.protocols)) {
          // Probably a retry after a lost JoinGroup response: answer with the current generation.
          respond(generationResult(group, memberId, group.isLeader(memberId)));
        } else {
          this.updateMemberAndRebalance(group, member, req, respond, `Updating metadata for member ${memberId} during CompletingRebalance; client reason: ${reasonOf(req)}`);
        }
        return;
      case 'Stable':
        if (group.isLeader(memberId)) {
          // A leader's JoinGroup forces a rebalance: it is how consumers react to metadata changes
          // that do not change their subscription.
          this.updateMemberAndRebalance(group, member, req, respond, `Leader ${memberId} re-joining group during Stable; client reason: ${reasonOf(req)}`);
        } else if (!member.matches(req.protocols)) {
          this.updateMemberAndRebalance(group, member, req, respond, `Updating metadata for member ${memberId} during Stable; client reason: ${reasonOf(req)}`);
        } else {
          respond(generationResult(group, memberId, false));
        }
        return;
      case 'Empty':
      case 'Dead':
        respond(joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID));
        return;
    }
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
    this.rebalancer.scheduleHeartbeatExpiry(group, member, NEW_MEMBER_JOIN_TIMEOUT_MS);
    this.rebalancer.maybePrepareRebalance(group, `Adding new member ${memberId} with group instance id ${req.groupInstanceId ?? 'None'}; client reason: ${reasonOf(req)}`);
  }

  private updateMemberAndRebalance(group: ClassicGroup, member: ClassicGroupMember, req: JoinRequest, respond: (r: JoinResult) => void, reason: string): void {
    group.updateMember(member, req.protocols, req.rebalanceTimeoutMs, req.sessionTimeoutMs, respond);
    this.rebalancer.maybePrepareRebalance(group, reason);
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
    this.rebalancer.scheduleHeartbeatExpiry(group, member);
    const old = { protocols: member.supportedProtocols, rebalanceTimeoutMs: member.rebalanceTimeoutMs, sessionTimeoutMs: member.sessionTimeoutMs };
    group.updateMember(member, req.protocols, req.rebalanceTimeoutMs, req.sessionTimeoutMs, respond);

    switch (group.state) {
      case 'Stable': {
        if (group.protocolName !== group.selectProtocol()) {
          this.rebalancer.maybePrepareRebalance(group, `Group's selectedProtocol will change because static member ${newMemberId} with instance id ${groupInstanceId} joined with change of protocol; client reason: ${reasonOf(req)}`);
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
            this.rebalancer.scheduleHeartbeatExpiry(group, restored);
            respond({ ...generationResult(group, '', false), errorCode, leaderId: previousLeader });
          } else if (req.supportSkippingAssignment) {
            // v9+: tell a returning leader it leads, but must not re-run the assignor on a Stable group.
            const isLeader = group.isLeader(newMemberId);
            group.invokeJoin(member, { ...generationResult(group, newMemberId, isLeader), skipAssignment: isLeader });
          } else {
            // Older clients would run the assignor if they saw themselves as leader, and a Stable
            // group would drop that assignment; report the previous leader id so they do not.
            group.invokeJoin(member, { ...generationResult(group, newMemberId, false), leaderId: previousLeader });
          }
        });
        return;
      }
      case 'CompletingRebalance':
        // The leader may already be assigning to the old member id; start over.
        this.rebalancer.prepareRebalance(group, `Updating metadata for static member ${newMemberId} with instance id ${groupInstanceId}; client reason: ${reasonOf(req)}`);
        return;
      case 'PreparingRebalance':
        return; // The member is parked and will be answered when the join phase completes.
      case 'Empty':
      case 'Dead':
        throw new Error(`Group ${group.groupId} cannot be ${group.state} while static member ${groupInstanceId} exists`);
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
        this.rebalancer.removePendingSyncMember(group, req.memberId);
        if (group.isLeader(req.memberId)) this.rebalancer.storeLeaderAssignment(group, req.memberId, req.assignments);
        return;
      }
      case 'Stable':
        this.rebalancer.removePendingSyncMember(group, req.memberId);
        respond({ errorCode: ErrorCode.NONE, protocolType: group.protocolType, protocolName: group.protocolName, assignment: member.assignment });
        this.rebalancer.scheduleHeartbeatExpiry(group, member);
        return;
      case 'Dead':
        respond(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
        return;
    }
  }

  private validateSync(group: ClassicGroup, req: SyncRequest): number {
    if (group.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    const memberError = group.validateMember(req.memberId, req.groupInstanceId);
    if (memberError !== ErrorCode.NONE) return memberError;
    if (req.generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    if (req.protocolType !== null && req.protocolType !== group.protocolType) return ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
    if (req.protocolName !== null && req.protocolName !== group.protocolName) return ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
    return ErrorCode.NONE;
  }

  // ---------------------------------------------------------------- Heartbeat

  heartbeat(req: HeartbeatRequestInfo): number {
    const group = this.groups.get(req.groupId);
    if (!group) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (group.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    const memberError = group.validateMember(req.memberId, req.groupInstanceId);
    if (memberError !== ErrorCode.NONE) return memberError;
    if (req.generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    const member = group.members.get(req.memberId)!;
    switch (group.state) {
      case 'Empty':
        return ErrorCode.UNKNOWN_MEMBER_ID;
      case 'PreparingRebalance':
        this.rebalancer.scheduleHeartbeatExpiry(group, member);
        return ErrorCode.REBALANCE_IN_PROGRESS;
      case 'CompletingRebalance':
      case 'Stable':
        // Consumers start heartbeating right after JoinGroup, before SyncGroup returns.
        this.rebalancer.scheduleHeartbeatExpiry(group, member);
        return ErrorCode.NONE;
      case 'Dead':
        return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    }
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
        this.removeLeavingMember(group, current, m.reason);
        return answer(m, ErrorCode.NONE);
      }
      if (group.isPendingMember(m.memberId)) {
        this.rebalancer.removePendingMemberAndUpdateGroup(group, m.memberId);
        return answer(m, ErrorCode.NONE);
      }
      const error = group.validateMember(m.memberId, m.groupInstanceId);
      if (error !== ErrorCode.NONE) return answer(m, error);
      this.removeLeavingMember(group, m.memberId, m.reason);
      return answer(m, ErrorCode.NONE);
    });
    return { errorCode: ErrorCode.NONE, members };
  }

  private removeLeavingMember(group: ClassicGroup, memberId: string, clientReason: string | null | undefined): void {
    const reason = clientReason ?? 'not provided';
    this.logger?.info(`Member ${memberId} has left group ${group.groupId} through explicit LeaveGroup; client reason: ${reason}`);
    this.rebalancer.removeMemberAndUpdateGroup(group, group.members.get(memberId)!, `Removing member ${memberId} on LeaveGroup; client reason: ${reason}`);
  }
}

function reasonOf(req: JoinRequest): string {
  return req.reason ?? 'not provided';
}
