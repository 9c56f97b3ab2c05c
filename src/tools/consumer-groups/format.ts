// kafka-consumer-groups' tables, byte for byte: Java printf left-justified columns (`%-Ns`, padded,
// never truncated) separated by one space, `-` for missing values, and the tool's habit of
// starting lines with `\n` (so each block begins with a blank line).
import { compareJavaStrings, type TopicPartition } from './order.js';

export const MISSING = '-';

/** Java's `%-Ns`. */
export function padRight(value: string, width: number): string {
  return value.length >= width ? value : value + ' '.repeat(width - value.length);
}

function line(widths: readonly number[], values: readonly string[]): string {
  // The last column is `%s`: no padding.
  return values.map((v, i) => (i < widths.length ? `${padRight(v, widths[i]!)} ` : v)).join('');
}

// ---- --list --------------------------------------------------------------------------------

export interface GroupListingRow {
  readonly groupId: string;
  readonly type: string;
  readonly state: string;
}

/** printGroupInfo: GROUP width max(15, longest id) + 10, TYPE / STATE 20 each, padded to the end. */
export function formatGroupListing(rows: readonly GroupListingRow[], includeType: boolean, includeState: boolean): string {
  const groupWidth = Math.max(15, ...rows.map((r) => r.groupId.length)) + 10;
  const format = (group: string, type: string, state: string) => {
    let out = padRight(group, groupWidth);
    if (includeType) out += ` ${padRight(type, 20)}`;
    if (includeState) out += ` ${padRight(state, 20)}`;
    return `${out}\n`;
  };
  return format('GROUP', 'TYPE', 'STATE') + rows.map((r) => format(r.groupId, r.type, r.state)).join('');
}

// ---- --describe (offsets) --------------------------------------------------------------------

export interface OffsetRow {
  readonly group: string;
  readonly topic?: string;
  readonly partition?: number;
  readonly offset?: number;
  readonly logEndOffset?: number;
  readonly lag?: number;
  readonly consumerId?: string;
  readonly host?: string;
  readonly clientId?: string;
}

const opt = (v: string | number | undefined) => (v === undefined ? MISSING : String(v));

/** printOffsets for one group: header and rows, each after a newline, then a newline. */
export function formatOffsets(rows: readonly OffsetRow[]): string {
  const width = (pick: (r: OffsetRow) => string | undefined) => Math.max(15, ...rows.map((r) => opt(pick(r)).length));
  const widths = [width((r) => r.group), width((r) => r.topic), 10, 15, 15, 15, width((r) => r.consumerId), width((r) => r.host)];
  let out = `\n${line(widths, ['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID'])}`;
  for (const r of rows) {
    out += `\n${line(widths, [r.group, opt(r.topic), opt(r.partition), opt(r.offset), opt(r.logEndOffset), opt(r.lag), opt(r.consumerId), opt(r.host), opt(r.clientId)])}`;
  }
  return `${out}\n`;
}

// ---- --describe --members --------------------------------------------------------------------

export interface MemberRow {
  readonly group: string;
  readonly consumerId: string;
  /** '' when the member has none. */
  readonly groupInstanceId: string;
  readonly host: string;
  readonly clientId: string;
  readonly assignment: readonly TopicPartition[];
}

/**
 * printMembers for one group. `sized` is false when the state check said not to print: Kafka
 * still prints the header then, with the minimum widths (and no rows, as there are none).
 */
export function formatMembers(rows: readonly MemberRow[], verbose: boolean, sized: boolean): string {
  const measured = sized ? rows : [];
  const width = (min: number, pick: (r: MemberRow) => string) => Math.max(min, ...measured.map((r) => pick(r).length));
  const withInstanceId = measured.some((r) => r.groupInstanceId !== '');
  const columns = (r: { group: string; consumerId: string; groupInstanceId: string; host: string; clientId: string }, count: string) => {
    const values = withInstanceId ? [r.group, r.consumerId, r.groupInstanceId, r.host, r.clientId, count] : [r.group, r.consumerId, r.host, r.clientId, count];
    const widths = withInstanceId
      ? [width(15, (m) => m.group), width(15, (m) => m.consumerId), width(17, (m) => m.groupInstanceId), width(15, (m) => m.host), width(15, (m) => m.clientId), 15]
      : [width(15, (m) => m.group), width(15, (m) => m.consumerId), width(15, (m) => m.host), width(15, (m) => m.clientId), 15];
    // Every column, #PARTITIONS included, is followed by a space.
    return values.map((v, i) => `${padRight(v, widths[i]!)} `).join('');
  };
  const header = { group: 'GROUP', consumerId: 'CONSUMER-ID', groupInstanceId: 'GROUP-INSTANCE-ID', host: 'HOST', clientId: 'CLIENT-ID' };
  let out = `\n${columns(header, '#PARTITIONS')}${verbose ? 'ASSIGNMENT' : ''}\n`;
  for (const r of rows) out += `${columns(r, String(r.assignment.length))}${verbose ? formatAssignment(r.assignment) : ''}\n`;
  return out;
}

/** ASSIGNMENT: `topic(0,1), other(2)`: topics sorted, partitions ascending; `-` when empty. */
export function formatAssignment(assignment: readonly TopicPartition[]): string {
  if (assignment.length === 0) return MISSING;
  const byTopic = new Map<string, number[]>();
  for (const tp of assignment) {
    let list = byTopic.get(tp.topic);
    if (list === undefined) byTopic.set(tp.topic, (list = []));
    list.push(tp.partition);
  }
  return [...byTopic]
    .map(([topic, partitions]) => `${topic}(${[...partitions].sort((a, b) => a - b).join(',')})`)
    .sort(compareJavaStrings)
    .join(', ');
}

// ---- --describe --state ----------------------------------------------------------------------

export interface GroupStateRow {
  readonly group: string;
  /** `<host>:<port>  (<id>)` */
  readonly coordinator: string;
  readonly assignmentStrategy: string;
  readonly state: string;
  readonly members: number;
}

/** printStates for one group. Kafka sizes the GROUP column from the coordinator text. */
export function formatGroupState(row: GroupStateRow): string {
  const widths = [Math.max(25, row.coordinator.length), 25, 20, 15];
  const header = line(widths, ['GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS']);
  const values = line(widths, [row.group, row.coordinator, row.assignmentStrategy, row.state, String(row.members)]);
  return `\n${header}\n${values}\n`;
}

// ---- --reset-offsets -------------------------------------------------------------------------

export interface PlannedOffset extends TopicPartition {
  readonly offset: number;
}

/** printOffsetsToReset: a header when any group was processed, one line per partition, a newline. */
export function formatResetPlan(plan: ReadonlyArray<readonly [string, readonly PlannedOffset[]]>): string {
  const widths = [30, 30, 10];
  const row = (values: readonly string[]) => `\n${line(widths, values.slice(0, 3))}${padRight(values[3]!, 15)}`;
  let out = plan.length > 0 ? row(['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET']) : '';
  for (const [group, offsets] of plan) {
    for (const o of offsets) out += row([group, o.topic, String(o.partition), String(o.offset)]);
  }
  return `${out}\n`;
}

// ---- --delete-offsets ------------------------------------------------------------------------

export interface DeleteOffsetsRow {
  readonly topic: string;
  /** -1: the topic could not be described (`Not Provided`). */
  readonly partition: number;
  /** The exception text of the failure, or null when the offset was deleted. */
  readonly error: string | null;
}

/** The delete-offsets table: rows sorted by the string topic + partition, then a newline. */
export function formatDeleteOffsets(rows: readonly DeleteOffsetsRow[]): string {
  const row = (topic: string, partition: string, status: string) => `\n${padRight(topic, 30)} ${padRight(partition, 15)} ${padRight(status, 15)}`;
  const sorted = [...rows].sort((a, b) => compareJavaStrings(`${a.topic}${a.partition}`, `${b.topic}${b.partition}`));
  let out = row('TOPIC', 'PARTITION', 'STATUS');
  for (const r of sorted) out += row(r.topic, r.partition >= 0 ? String(r.partition) : 'Not Provided', r.error === null ? 'Successful' : `Error: :${r.error}`);
  return `${out}\n`;
}
