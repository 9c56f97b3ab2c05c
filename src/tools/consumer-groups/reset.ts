// --reset-offsets planning for one inactive group (ConsumerGroupService.getPartitionsToReset and
// prepareOffsetsToReset): which partitions the scope names, and the new offset of each under the
// chosen scenario. Requested offsets are clamped to [log start, log end] with Kafka's warnings.
import { readFileSync } from 'node:fs';
import type { CommittedOffset } from './admin.js';
import { parseResetPlan } from './csv.js';
import { GroupCommandFailure, wrappedFailure, wrapping } from './errors.js';
import type { PlannedOffset } from './format.js';
import { splitTopicArgs } from './input.js';
import { MISSING_SCENARIO_MESSAGE, MISSING_SCOPE_MESSAGE } from './options.js';
import { partitionMapOrder, stringMapOrder, tpKey, tpString, type TopicPartition } from './order.js';
import { parseIsoDuration, parseResetDateTime, timestampBefore } from './time.js';
import { OptionError, type ParsedOptions } from '../../java-compat/jopt.js';
import { UsageError } from '../../cli/tool.js';

/** The cluster look-ups planning needs (ConsumerGroupsAdmin; stubbed in tests). */
export interface OffsetLookups {
  committedOffsets(groupId: string): Promise<Map<string, CommittedOffset>>;
  topicPartitions(topics: readonly string[]): Promise<Map<string, TopicPartition[] | Error>>;
  listOffsets(partitions: readonly TopicPartition[], timestamp: bigint): Promise<Map<string, number>>;
}

export interface PlannerOutput {
  /** Text for stdout (Kafka's `Warn:` / `Error:` notices are printed there). */
  stdout(text: string): void;
  /** A WARN log line (stderr). */
  warn(message: string): void;
}

const EARLIEST = -2n;
const LATEST = -1n;
/** ListOffsetsResponse.UNKNOWN_OFFSET: no record at or after the timestamp. */
const UNKNOWN_OFFSET = -1;

export class ResetPlanner {
  constructor(
    private readonly options: ParsedOptions,
    private readonly lookups: OffsetLookups,
    private readonly out: PlannerOutput,
    private readonly now: () => number = Date.now,
  ) {}

  /** The new offsets of one group, in the order Kafka's HashMap holds them. */
  async plan(groupId: string): Promise<PlannedOffset[]> {
    const partitions = await this.partitionsToReset(groupId);
    return partitionMapOrder(await this.prepare(groupId, partitions));
  }

  /** getPartitionsToReset: --all-topics, --topic, or nothing (allowed only with --from-file). */
  private async partitionsToReset(groupId: string): Promise<TopicPartition[]> {
    if (this.options.has('all-topics')) return [...(await this.committed(groupId)).values()].map((c) => c.tp);
    if (this.options.has('topic')) {
      const { partitions, wholeTopics } = splitTopicArgs(this.options.valuesOf('topic'));
      const described = await wrapping(this.lookups.topicPartitions(wholeTopics));
      for (const topic of wholeTopics) {
        const found = described.get(topic);
        if (found instanceof Error) throw wrappedFailure(found);
        partitions.push(...(found ?? []));
      }
      return partitions;
    }
    if (!this.options.has('from-file')) throw new UsageError(MISSING_SCOPE_MESSAGE);
    return [];
  }

  private async prepare(groupId: string, partitions: TopicPartition[]): Promise<PlannedOffset[]> {
    const opts = this.options;
    if (opts.has('to-offset')) {
      const offset = longOption(opts, 'to-offset');
      return await this.clamp(partitions.map((tp) => ({ ...tp, offset })));
    }
    if (opts.has('to-earliest')) return await this.logOffsets(partitions, EARLIEST);
    if (opts.has('to-latest')) return await this.logOffsets(partitions, LATEST);
    if (opts.has('shift-by')) {
      const committed = await this.committed(groupId);
      const shift = longOption(opts, 'shift-by');
      const requested = partitions.map((tp) => {
        const current = committed.get(tpKey(tp))?.offset ?? null;
        if (current === null) throw new UsageError(`Cannot shift offset for partition ${tpString(tp)} since there is no current committed offset`);
        return { ...tp, offset: current + shift };
      });
      return await this.clamp(requested);
    }
    if (opts.has('to-datetime')) return await this.timestampOffsets(partitions, parseResetDateTime(opts.valueOf('to-datetime')!));
    if (opts.has('by-duration')) {
      const duration = parseIsoDuration(opts.valueOf('by-duration')!);
      return await this.timestampOffsets(partitions, timestampBefore(this.now(), duration));
    }
    if (opts.has('from-file')) return await this.fromFile(groupId);
    if (opts.has('to-current')) {
      const committed = await this.committed(groupId);
      const withCommit: PlannedOffset[] = [];
      const withoutCommit: TopicPartition[] = [];
      for (const tp of partitions) {
        const current = committed.get(tpKey(tp));
        if (current?.offset !== null && current !== undefined) withCommit.push({ ...tp, offset: current.offset });
        else withoutCommit.push(tp);
      }
      return [...withCommit, ...(await this.logOffsets(withoutCommit, LATEST))];
    }
    throw new UsageError(MISSING_SCENARIO_MESSAGE);
  }

  private async fromFile(groupId: string): Promise<PlannedOffset[]> {
    const path = this.options.valueOf('from-file')!;
    let csv: string;
    try {
      csv = readFileSync(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new GroupCommandFailure(code === 'ENOENT' ? `java.nio.file.NoSuchFileException: ${path}` : `java.io.IOException: ${(e as Error).message}`);
    }
    const groups = this.options.valuesOf('group');
    const plan = parseResetPlan(csv, groups.length === 1 ? groups[0] : undefined).get(groupId);
    if (plan === undefined) {
      this.out.stdout(`\nError: No reset plan for group ${groupId} found\n`);
      return [];
    }
    return await this.clamp([...plan.values()]);
  }

  /** The log start or end offset of each partition. */
  private async logOffsets(partitions: readonly TopicPartition[], spec: bigint): Promise<PlannedOffset[]> {
    const offsets = await this.listOffsets(partitions, spec);
    return partitions.map((tp) => ({ ...tp, offset: offsets.get(tpKey(tp))! }));
  }

  /** getLogTimestampOffsets: the first offset at or after the timestamp; log end when there is none. */
  private async timestampOffsets(partitions: readonly TopicPartition[], timestamp: number): Promise<PlannedOffset[]> {
    const offsets = await this.listOffsets(partitions, BigInt(timestamp));
    const found: PlannedOffset[] = [];
    const empty: TopicPartition[] = [];
    for (const tp of partitions) {
      const offset = offsets.get(tpKey(tp));
      if (offset === undefined) continue;
      if (offset !== UNKNOWN_OFFSET) found.push({ ...tp, offset });
      else empty.push(tp);
    }
    for (const tp of partitionMapOrder(empty)) {
      this.out.stdout(`\nWarn: Partition ${tp.partition} from topic ${tp.topic} is empty. Falling back to latest known offset.\n`);
    }
    return [...found, ...(await this.logOffsets(empty, LATEST))];
  }

  /** checkOffsetsRange: offsets beyond the log end or before the log start are moved to it. */
  private async clamp(requested: readonly PlannedOffset[]): Promise<PlannedOffset[]> {
    const starts = await this.listOffsets(requested, EARLIEST);
    const ends = await this.listOffsets(requested, LATEST);
    return partitionMapOrder(requested).map((r) => {
      const key = tpKey(r);
      const end = ends.get(key)!;
      const start = starts.get(key)!;
      if (r.offset > end) {
        this.out.warn(`New offset (${r.offset}) is higher than latest offset for topic partition ${tpString(r)}. Value will be set to ${end}`);
        return { ...r, offset: end };
      }
      if (r.offset < start) {
        this.out.warn(`New offset (${r.offset}) is lower than earliest offset for topic partition ${tpString(r)}. Value will be set to ${start}`);
        return { ...r, offset: start };
      }
      return r;
    });
  }

  private committed(groupId: string): Promise<Map<string, CommittedOffset>> {
    return wrapping(this.lookups.committedOffsets(groupId));
  }

  private listOffsets(partitions: readonly TopicPartition[], spec: bigint): Promise<Map<string, number>> {
    return wrapping(this.lookups.listOffsets(partitions, spec));
  }
}

/** A Long option read when Kafka reads it: a bad value is a runtime failure, not a usage error. */
function longOption(options: ParsedOptions, name: string): number {
  try {
    return options.longValueOf(name)!;
  } catch (e) {
    if (e instanceof OptionError) throw new GroupCommandFailure(e.message);
    throw e;
  }
}

/** The parts of ConsumerGroupsAdmin the reset needs besides the look-ups. */
export interface ResetAdmin extends OffsetLookups {
  describeConsumerGroups(groupIds: readonly string[]): Promise<Map<string, { readonly state: string } | Error>>;
  alterOffsets(groupId: string, offsets: readonly PlannedOffset[]): Promise<void>;
}

/**
 * ConsumerGroupService.resetOffsets: plans (and with --execute commits) the new offsets of every
 * Empty or Dead group; other groups are refused with Kafka's error and contribute no rows.
 * Groups come out in HashMap<String> order, as Kafka prints them.
 */
export async function resetOffsets(
  admin: ResetAdmin,
  groupIds: readonly string[],
  options: ParsedOptions,
  out: PlannerOutput,
  now: () => number = Date.now,
): Promise<Array<[string, PlannedOffset[]]>> {
  const described = await admin.describeConsumerGroups(groupIds);
  const planner = new ResetPlanner(options, admin, out, now);
  const execute = options.has('execute') && !options.has('dry-run');
  const result: Array<[string, PlannedOffset[]]> = [];
  for (const groupId of stringMapOrder([...described.keys()])) {
    const description = described.get(groupId)!;
    if (description instanceof Error) throw wrappedFailure(description);
    if (description.state !== 'Empty' && description.state !== 'Dead') {
      out.stdout(`\nError: Assignments can only be reset if the group '${groupId}' is inactive, but the current state is ${description.state}.\n`);
      result.push([groupId, []]);
      continue;
    }
    const plan = await planner.plan(groupId);
    if (execute && plan.length > 0) await wrapping(admin.alterOffsets(groupId, plan));
    result.push([groupId, plan]);
  }
  return result;
}
