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

/** The lines kafka-topics prints for one topic (without line terminators). */
export function describeTopicLines(topic: TopicDescription, configs: readonly ConfigEntry[], ctx: DescribeContext): string[] {
  const { filters } = ctx;
  const partitionFilter = filters.underReplicated || filters.unavailable || filters.underMinIsr || filters.atMinIsr;
  const sorted = [...topic.partitions].sort((a, b) => a.partition - b.partition);
  const lines: string[] = [];

  if (!partitionFilter && sorted.length > 0) {
    const hasNonDefault = configs.some((c) => !c.isDefault);
    if (!filters.topicsWithOverrides || hasNonDefault) {
      const first = sorted[0]!;
      const rf = replicationFactor(first, ctx.reassignments.get(`${topic.name}-${first.partition}`));
      lines.push(headerLine(topic, sorted.length, rf, configs));
    }
  }
  if (filters.topicsWithOverrides) return lines;

  const minIsr = () => minIsrCount(configs);
  for (const p of sorted) {
    const reassignment = ctx.reassignments.get(`${topic.name}-${p.partition}`);
    const show =
      !partitionFilter ||
      (filters.underReplicated && replicationFactor(p, reassignment) - p.isr.length > 0) ||
      (filters.unavailable && (p.leader === null || !ctx.liveBrokers.has(p.leader))) ||
      (filters.underMinIsr && (p.leader === null || p.isr.length < minIsr())) ||
      (filters.atMinIsr && minIsr() === p.isr.length);
    if (show) lines.push(partitionLine(topic.name, p, reassignment));
  }
  return lines;
}

function headerLine(topic: TopicDescription, partitionCount: number, rf: number, configs: readonly ConfigEntry[]): string {
  const configText = configs
    .filter((c) => !c.isDefault)
    .map((c) => `${c.name}=${c.value}`)
    .join(',');
  const id = topic.topicId === ZERO_UUID ? '' : `\tTopicId: ${topic.topicId}`;
  return `Topic: ${topic.name}${id}\tPartitionCount: ${partitionCount}\tReplicationFactor: ${rf}\tConfigs: ${configText}`;
}

function partitionLine(topic: string, p: PartitionInfo, reassignment: PartitionReassignment | undefined): string {
  let line = `\tTopic: ${topic}\tPartition: ${p.partition}\tLeader: ${p.leader === null ? 'none' : p.leader}`;
  line += `\tReplicas: ${p.replicas.join(',')}\tIsr: ${p.isr.join(',')}`;
  if (reassignment !== undefined) {
    line += `\tAdding Replicas: ${reassignment.adding.join(',')}\tRemoving Replicas: ${reassignment.removing.join(',')}`;
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
