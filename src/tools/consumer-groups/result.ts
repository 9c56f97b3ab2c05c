// The typed results of kt consumer-groups' read actions: what Kafka's tables show and what
// `--json` prints (docs/json-output.md). Offsets are JSON numbers; a value the table shows as
// `-` is null.

/** --list (with or without --type/--state: the JSON always has both). */
export interface GroupListResult {
  readonly groups: readonly { readonly groupId: string; readonly type: string; readonly state: string }[];
}

/** --describe in one of its views, groups in the text's order (by group id). */
export interface GroupDescribeResult {
  readonly view: 'offsets' | 'members' | 'state';
  readonly groups: readonly DescribedGroup[];
}

export type DescribedGroup = GroupOffsets | GroupMembers | GroupState;

/** --describe [--offsets]: one entry per row of the table. */
export interface GroupOffsets {
  readonly groupId: string;
  readonly state: string;
  readonly offsets: readonly {
    readonly topic: string;
    readonly partition: number;
    /** CURRENT-OFFSET: the committed offset, null when none. */
    readonly currentOffset: number | null;
    readonly logEndOffset: number | null;
    readonly lag: number | null;
    /** null for partitions no member is assigned. */
    readonly consumerId: string | null;
    readonly host: string | null;
    readonly clientId: string | null;
  }[];
}

/** --describe --members [--verbose]. */
export interface GroupMembers {
  readonly groupId: string;
  readonly state: string;
  readonly members: readonly {
    readonly consumerId: string;
    readonly groupInstanceId: string | null;
    readonly host: string;
    readonly clientId: string;
    /** #PARTITIONS */
    readonly partitionCount: number;
    /** ASSIGNMENT, with --verbose only (null without). */
    readonly assignment: readonly { readonly topic: string; readonly partition: number }[] | null;
  }[];
}

/** --describe --state. */
export interface GroupState {
  readonly groupId: string;
  readonly coordinator: { readonly id: number; readonly host: string; readonly port: number };
  /** ASSIGNMENT-STRATEGY; '' unless the group is Stable. */
  readonly assignmentStrategy: string;
  readonly state: string;
  /** #MEMBERS */
  readonly memberCount: number;
}
