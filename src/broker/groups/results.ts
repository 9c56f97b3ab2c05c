// What the coordinator answers a parked JoinGroup or SyncGroup with, before the facade shapes it
// into the response of the request's version.
import { ErrorCode } from '../../protocol/errors.js';
import type { JoinGroupResponseMember } from '../../protocol/generated/types.js';
import type { ClassicGroup } from './group.js';

export const EMPTY_BYTES: Buffer = Buffer.alloc(0);

export interface JoinResult {
  readonly errorCode: number;
  readonly memberId: string;
  readonly generationId: number;
  readonly protocolType: string | null;
  readonly protocolName: string | null;
  /** '' when there is no leader (error responses), as Kafka's NoLeader. */
  readonly leaderId: string;
  readonly skipAssignment: boolean;
  /** Every member's metadata for the selected protocol; only the leader gets it. */
  readonly members: JoinGroupResponseMember[];
}

export interface SyncResult {
  readonly errorCode: number;
  readonly protocolType: string | null;
  readonly protocolName: string | null;
  readonly assignment: Buffer;
}

export function joinError(memberId: string, errorCode: number): JoinResult {
  return {
    errorCode,
    memberId,
    generationId: -1,
    protocolType: null,
    protocolName: null,
    leaderId: '',
    skipAssignment: false,
    members: [],
  };
}

export function syncError(errorCode: number): SyncResult {
  return { errorCode, protocolType: null, protocolName: null, assignment: EMPTY_BYTES };
}

/** A successful JoinGroup answer for the group's current generation; only the leader gets `members`. */
export function generationResult(group: ClassicGroup, memberId: string, withMembers: boolean): JoinResult {
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
