// --describe: the offsets view (default, --offsets), --members [--verbose] and --state, as
// ConsumerGroupService collects and prints them: every group is described and collected first,
// then printed in group id order, each after Kafka's state check (missing / empty / rebalancing).
import type { DescribedGroup, GroupDescribeResult, GroupMembers, GroupOffsets } from './result.js';
import type { ConsumerGroupDescription, ConsumerGroupsAdmin, MemberDescription } from './admin.js';
import { GroupCommandFailure, throwableText, wrapping } from './errors.js';
import { MISSING, formatGroupState, formatMembers, formatOffsets, type OffsetRow } from './format.js';
import { compareJavaStrings, partitionMapOrder, tpKey, type TopicPartition } from './order.js';

export interface GroupOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

export type DescribeView = 'offsets' | 'members' | 'state';

/** ListOffsets' timestamp for the log end offset. */
const LATEST = -1n;

const REBALANCING = new Set(['PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling']);

/**
 * shouldPrintMemberState: prints the notice for the group's state and says whether its table
 * has anything to show.
 */
export function checkGroupState(groupId: string, state: string, rows: number, out: GroupOutput): boolean {
  if (state === 'Dead') out.stdout(`\nError: Consumer group '${groupId}' does not exist.\n`);
  else if (state === 'Empty') out.stderr(`\nConsumer group '${groupId}' has no active members.\n`);
  else if (REBALANCING.has(state)) out.stderr(`\nWarning: Consumer group '${groupId}' is rebalancing.\n`);
  else if (state !== 'Stable') throw new GroupCommandFailure(`Expected a valid consumer group state, but found '${state}'.`);
  return state !== 'Dead' && rows > 0;
}

/**
 * Describes the groups in `view`: prints Kafka's tables on `out`, or with `json` returns the typed
 * result and prints only the state notices (on stderr: stdout carries the JSON).
 */
export async function describeGroups(
  admin: ConsumerGroupsAdmin,
  groupIds: readonly string[],
  view: DescribeView,
  verbose: boolean,
  out: GroupOutput,
  json = false,
): Promise<GroupDescribeResult> {
  const groups = await describedGroups(admin, groupIds);
  if (json) {
    const notices: GroupOutput = { stdout: out.stderr, stderr: out.stderr };
    const described: DescribedGroup[] = [];
    for (const g of groups) {
      if (view === 'offsets') {
        const rows = await collectOffsetRows(admin, g);
        checkGroupState(g.groupId, g.state, rows.length, notices);
        described.push({ groupId: g.groupId, state: g.state, offsets: rows.map(offsetEntry) });
      } else if (view === 'members') {
        checkGroupState(g.groupId, g.state, g.members.length, notices);
        described.push({ groupId: g.groupId, state: g.state, members: g.members.map((m) => memberEntry(m, verbose)) });
      } else if (checkGroupState(g.groupId, g.state, 1, notices)) {
        const { host, port, nodeId } = g.coordinator;
        described.push({ groupId: g.groupId, coordinator: { id: nodeId, host, port }, assignmentStrategy: g.assignor, state: g.state, memberCount: g.members.length });
      }
    }
    return { view, groups: described };
  }
  if (view === 'offsets') {
    const collected: Array<[ConsumerGroupDescription, OffsetRow[]]> = [];
    for (const g of groups) collected.push([g, await collectOffsetRows(admin, g)]);
    for (const [g, rows] of collected) {
      if (checkGroupState(g.groupId, g.state, rows.length, out)) out.stdout(formatOffsets(rows));
    }
  } else if (view === 'members') {
    for (const g of groups) {
      const rows = g.members.map((m) => ({
        group: g.groupId,
        consumerId: m.memberId,
        groupInstanceId: m.groupInstanceId ?? '',
        host: m.host,
        clientId: m.clientId,
        assignment: m.assignment,
      }));
      const sized = checkGroupState(g.groupId, g.state, rows.length, out);
      // Kafka prints the header even when the state check finds nothing to show.
      out.stdout(formatMembers(rows, verbose, sized));
    }
  } else {
    for (const g of groups) {
      if (!checkGroupState(g.groupId, g.state, 1, out)) continue;
      const { host, port, nodeId } = g.coordinator;
      out.stdout(formatGroupState({ group: g.groupId, coordinator: `${host}:${port}  (${nodeId})`, assignmentStrategy: g.assignor, state: g.state, members: g.members.length }));
    }
  }
  return { view, groups: [] };
}

function offsetEntry(r: OffsetRow): GroupOffsets['offsets'][number] {
  const owned = (v: string | undefined) => (v === undefined || v === MISSING ? null : v);
  return {
    topic: r.topic!,
    partition: r.partition!,
    currentOffset: r.offset ?? null,
    logEndOffset: r.logEndOffset ?? null,
    lag: r.lag ?? null,
    consumerId: owned(r.consumerId),
    host: owned(r.host),
    clientId: owned(r.clientId),
  };
}

function memberEntry(m: MemberDescription, verbose: boolean): GroupMembers['members'][number] {
  const assignment = verbose ? [...m.assignment].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition)).map((tp) => ({ topic: tp.topic, partition: tp.partition })) : null;
  return { consumerId: m.memberId, groupInstanceId: m.groupInstanceId, host: m.host, clientId: m.clientId, partitionCount: m.assignment.length, assignment };
}

/** describeConsumerGroups then `future.get()` on each: the first failed group fails the command. */
async function describedGroups(admin: ConsumerGroupsAdmin, groupIds: readonly string[]): Promise<ConsumerGroupDescription[]> {
  const described = await admin.describeConsumerGroups(groupIds);
  const groups: ConsumerGroupDescription[] = [];
  for (const d of described.values()) {
    if (d instanceof GroupCommandFailure) throw d;
    if (d instanceof Error) throw new GroupCommandFailure(throwableText(d), { cause: d });
    groups.push(d);
  }
  return groups.sort((a, b) => compareJavaStrings(a.groupId, b.groupId));
}

/**
 * collectGroupsOffsets for one group: rows of members with partitions (most partitions first),
 * then committed partitions nobody is assigned.
 */
async function collectOffsetRows(admin: ConsumerGroupsAdmin, group: ConsumerGroupDescription): Promise<OffsetRow[]> {
  const committed = await wrapping(admin.committedOffsets(group.groupId));
  const rows: OffsetRow[] = [];
  const assigned = new Set<string>();
  const members = group.members.filter((m) => m.assignment.length > 0).sort((a, b) => b.assignment.length - a.assignment.length);
  for (const m of members) {
    for (const tp of m.assignment) assigned.add(tpKey(tp));
    rows.push(...(await partitionRows(admin, group.groupId, m.assignment, committed, { consumerId: m.memberId, host: m.host, clientId: m.clientId })));
  }
  const unassigned = [...committed.values()].map((c) => c.tp).filter((tp) => !assigned.has(tpKey(tp)));
  if (unassigned.length > 0) {
    rows.push(...(await partitionRows(admin, group.groupId, partitionMapOrder(unassigned), committed, { consumerId: MISSING, host: MISSING, clientId: MISSING })));
  }
  return rows;
}

/** describePartitions: each partition's committed offset, log end offset and lag, in Kafka's row order. */
async function partitionRows(
  admin: ConsumerGroupsAdmin,
  groupId: string,
  partitions: readonly TopicPartition[],
  committed: ReadonlyMap<string, { offset: number | null }>,
  owner: { consumerId: string; host: string; clientId: string },
): Promise<OffsetRow[]> {
  const ends = await wrapping(admin.listOffsets(partitions, LATEST));
  // Sorted by partition, then collected into a HashMap: the rows come out in its bucket order.
  const ordered = partitionMapOrder([...partitions].sort((a, b) => a.partition - b.partition));
  return ordered.map((tp) => {
    const offset = committed.get(tpKey(tp))?.offset ?? undefined;
    const logEndOffset = ends.get(tpKey(tp));
    const lag = offset !== undefined && offset !== -1 && logEndOffset !== undefined ? logEndOffset - offset : undefined;
    return { group: groupId, topic: tp.topic, partition: tp.partition, offset, logEndOffset, lag, ...owner };
  });
}
