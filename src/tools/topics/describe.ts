// kafka-topics --describe output: one TAB-separated header line per topic and one line per
// partition, filtered by the report options, exactly as TopicCommand prints them.
import type { ConfigEntry, PartitionInfo, PartitionReassignment, TopicDescription } from './admin.js';
import { ZERO_UUID } from '../../protocol/primitives.js';

export interface DescribeFilters {
  readonly underReplicated: boolean;
  readonly unavailable: boolean;
  readonly underMinIsr: boolean;
  readonly atMinIsr: boolean;
  readonly topicsWithOverrides: boolean;
}

export interface DescribeContext {
  readonly filters: DescribeFilters;
  readonly liveBrokers: ReadonlySet<number>;
  /** Ongoing reassignments keyed `<topic>-<partition>`. */
  readonly reassignments: ReadonlyMap<string, PartitionReassignment>;
}

/** The typed form of one topic's --describe block (`--json` prints a list of these). */
export interface DescribedTopic {
  readonly name: string;
  /** null for the zero UUID (a broker without topic ids); the text then omits `TopicId:`. */
  readonly topicId: string | null;
  readonly partitionCount: number;
  readonly replicationFactor: number;
  /** The topic's non-default configs, in the broker's order (the header's `Configs:`). */
  readonly configs: Readonly<Record<string, string | null>>;
  /** Whether the text prints the header line (not under a partition filter). */
  readonly summaryShown: boolean;
  /** The partitions the text lists: all, those the report option selects, none with --topics-with-overrides. */
  readonly partitions: readonly DescribedPartition[];
}

export interface DescribedPartition {
  readonly partition: number;
  /** null: no leader (the text prints `none`). */
  readonly leader: number | null;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  /** During a reassignment the replicas being added and removed; null otherwise. */
  readonly addingReplicas: readonly number[] | null;
  readonly removingReplicas: readonly number[] | null;
  /** null: the broker does not report it (the text prints `N/A`). */
  readonly elr: readonly number[] | null;
  readonly lastKnownElr: readonly number[] | null;
}

/** The lines kafka-topics prints for one topic (without line terminators). */
export function describeTopicLines(topic: TopicDescription, configs: readonly ConfigEntry[], ctx: DescribeContext): string[] {
  const described = describeTopic(topic, configs, ctx);
  return described === undefined ? [] : formatDescribedTopic(described);
}

/** One topic as --describe shows it under the filters; undefined when it prints nothing. */
export function describeTopic(topic: TopicDescription, configs: readonly ConfigEntry[], ctx: DescribeContext): DescribedTopic | undefined {
  const { filters } = ctx;
  const partitionFilter = filters.underReplicated || filters.unavailable || filters.underMinIsr || filters.atMinIsr;
  const sorted = [...topic.partitions].sort((a, b) => a.partition - b.partition);
  const first = sorted[0];
  const rf = first === undefined ? 0 : replicationFactor(first, ctx.reassignments.get(`${topic.name}-${first.partition}`));
  const summaryShown = !partitionFilter && first !== undefined && (!filters.topicsWithOverrides || configs.some((c) => !c.isDefault));

  const partitions: DescribedPartition[] = [];
  const minIsr = () => minIsrCount(configs);
  for (const p of filters.topicsWithOverrides ? [] : sorted) {
    const reassignment = ctx.reassignments.get(`${topic.name}-${p.partition}`);
    const show =
      !partitionFilter ||
      (filters.underReplicated && replicationFactor(p, reassignment) - p.isr.length > 0) ||
      (filters.unavailable && (p.leader === null || !ctx.liveBrokers.has(p.leader))) ||
      (filters.underMinIsr && (p.leader === null || p.isr.length < minIsr())) ||
      (filters.atMinIsr && minIsr() === p.isr.length);
    if (show) partitions.push(describedPartition(p, reassignment));
  }
  if (!summaryShown && partitions.length === 0) return undefined;
  return {
    name: topic.name,
    topicId: topic.topicId === ZERO_UUID ? null : topic.topicId,
    partitionCount: sorted.length,
    replicationFactor: rf,
    configs: Object.fromEntries(configs.filter((c) => !c.isDefault).map((c) => [c.name, c.value])),
    summaryShown,
    partitions,
  };
}

function describedPartition(p: PartitionInfo, reassignment: PartitionReassignment | undefined): DescribedPartition {
  return {
    partition: p.partition,
    leader: p.leader,
    replicas: p.replicas,
    isr: p.isr,
    addingReplicas: reassignment?.adding ?? null,
    removingReplicas: reassignment?.removing ?? null,
    elr: p.elr,
    lastKnownElr: p.lastKnownElr,
  };
}

/** The text lines of one described topic. */
export function formatDescribedTopic(topic: DescribedTopic): string[] {
  const lines = topic.summaryShown ? [headerLine(topic)] : [];
  for (const p of topic.partitions) lines.push(partitionLine(topic.name, p));
  return lines;
}

function headerLine(topic: DescribedTopic): string {
  const configText = Object.entries(topic.configs)
    .map(([name, value]) => `${name}=${value}`)
    .join(',');
  const id = topic.topicId === null ? '' : `\tTopicId: ${topic.topicId}`;
  return `Topic: ${topic.name}${id}\tPartitionCount: ${topic.partitionCount}\tReplicationFactor: ${topic.replicationFactor}\tConfigs: ${configText}`;
}

function partitionLine(topic: string, p: DescribedPartition): string {
  let line = `\tTopic: ${topic}\tPartition: ${p.partition}\tLeader: ${p.leader === null ? 'none' : p.leader}`;
  line += `\tReplicas: ${p.replicas.join(',')}\tIsr: ${p.isr.join(',')}`;
  if (p.addingReplicas !== null) {
    line += `\tAdding Replicas: ${p.addingReplicas.join(',')}\tRemoving Replicas: ${(p.removingReplicas ?? []).join(',')}`;
  }
  line += `\tElr: ${p.elr === null ? 'N/A' : p.elr.join(',')}`;
  line += `\tLastKnownElr: ${p.lastKnownElr === null ? 'N/A' : p.lastKnownElr.join(',')}`;
  return line;
}

/** Replicas minus the ones being added, while a reassignment touching the partition is in progress. */
function replicationFactor(p: PartitionInfo, reassignment: PartitionReassignment | undefined): number {
  if (reassignment !== undefined) {
    const changing = new Set([...reassignment.adding, ...reassignment.removing]);
    if (p.replicas.some((r) => changing.has(r))) return reassignment.replicas.length - reassignment.adding.length;
  }
  return p.replicas.length;
}

function minIsrCount(configs: readonly ConfigEntry[]): number {
  const value = configs.find((c) => c.name === 'min.insync.replicas')?.value;
  const n = value === null || value === undefined ? NaN : Number.parseInt(value, 10);
  // Without configs (a broker that cannot describe them) Kafka's default of 1 applies.
  return Number.isNaN(n) ? 1 : n;
}
