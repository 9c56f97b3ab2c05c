// Read-only snapshots of groups for ListGroups and DescribeGroups (Kafka's GroupOverview / GroupSummary).
import type { ClassicGroup, GroupState } from './group.js';
import { EMPTY_BYTES } from './results.js';

export interface GroupOverview {
  readonly groupId: string;
  /** '' for simple groups (offsets only). */
  readonly protocolType: string;
  readonly state: GroupState;
  /** Always 'classic': kt has no KIP-848 consumer groups. */
  readonly groupType: 'classic';
}

export interface GroupMemberDescription {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  /** Subscription metadata for the selected protocol; empty unless the group is Stable. */
  readonly metadata: Buffer;
  /** Empty unless the group is Stable. */
  readonly assignment: Buffer;
}

export interface GroupDescription {
  readonly groupId: string;
  readonly state: GroupState;
  readonly protocolType: string;
  /** The selected protocol (assignor); '' unless the group is Stable. */
  readonly protocol: string;
  readonly members: GroupMemberDescription[];
}

export function overviewOf(group: ClassicGroup): GroupOverview {
  return { groupId: group.groupId, protocolType: group.protocolType ?? '', state: group.state, groupType: 'classic' };
}

/** A group that does not exist describes as Dead with nothing in it, as Kafka's DeadGroup. */
export function describe(groupId: string, group: ClassicGroup | undefined): GroupDescription {
  if (!group) return { groupId, state: 'Dead', protocolType: '', protocol: '', members: [] };
  const stable = group.is('Stable') && group.protocolName !== null;
  const protocol = stable ? group.protocolName! : '';
  return {
    groupId,
    state: group.state,
    protocolType: group.protocolType ?? '',
    protocol,
    members: [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      metadata: stable ? m.metadata(protocol) : EMPTY_BYTES,
      assignment: stable ? m.assignment : EMPTY_BYTES,
    })),
  };
}
