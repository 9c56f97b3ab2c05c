// kt topics = kafka-topics.sh: TopicCommand's flow, messages, streams and exit codes.
// Parse errors and failures before the admin client exists go to stderr (exit 1); failures of
// the action itself print `Error while executing topic command : <message>` on stdout (exit 1).
import type { AdminClient } from '../../client/admin-client.js';
import { type ClientProperties, connectionSettings } from '../../client/config.js';
import { adminToolProperties } from '../../cli/client-config.js';
import { TopicIncludeList, isInternalTopic } from '../../java-compat/java-regex.js';
import { describeTopicsOrder } from '../../java-compat/java-hash-order.js';
import { OptionError, parseArgs, type ParsedOptions } from '../../java-compat/jopt.js';
import type { TopicAdmin, TopicDescription } from './admin.js';
import { describeTopic, formatDescribedTopic, type DescribeFilters, type DescribedTopic } from './describe.js';
import { wantsJson, writeJson } from '../../cli/json.js';
import { TOPICS_OPTIONS, checkTopicsArgs, type TopicAction } from './options.js';
import { COLLISION_WARNING, TopicCommandError, hasCollisionChars, parseReplicaAssignment, parseTopicConfigs, parseTopicId } from './input.js';
import { ReportedFailure, UsageError, VersionRequested, describeError, isVerbose } from '../../cli/tool.js';
import { ZERO_UUID } from '../../protocol/primitives.js';
import { ErrorCode } from '../../protocol/errors.js';

export async function runTopics(argv: readonly string[]): Promise<number> {
  const verbose = isVerbose(argv);
  let options: ParsedOptions;
  let action: TopicAction;
  const notices = { stdout: [] as string[], stderr: [] as string[] };
  try {
    options = parseArgs(argv, TOPICS_OPTIONS);
    action = checkTopicsArgs(options, notices);
  } catch (e) {
    if (e instanceof OptionError) {
      // TopicCommand lets jopt's exceptions escape to main: message on stderr, no option table.
      // (runTool adds the one-line hint for --zookeeper and --broker-list.)
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    if (e instanceof UsageError || e instanceof VersionRequested) throw e;
    process.stderr.write(`${describeError(e, verbose)}\n`);
    return 1;
  }
  for (const line of notices.stderr) process.stderr.write(`${line}\n`);
  for (const line of notices.stdout) process.stdout.write(`${line}\n`);

  let props: ClientProperties;
  try {
    props = adminToolProperties(options);
    // Admin.create validates the configuration before any action runs.
    connectionSettings(props, { clientId: 'adminclient-1', requestTimeoutMs: 30_000 });
  } catch (e) {
    process.stderr.write(`${describeError(e, verbose)}\n`);
    return 1;
  }

  const service = new TopicService(options, props);
  try {
    switch (action) {
      case 'create':
        await service.createTopic();
        break;
      case 'alter':
        await service.alterTopic();
        break;
      case 'list':
        await service.listTopics();
        break;
      case 'describe':
        await service.describeTopic();
        break;
      case 'delete':
        await service.deleteTopic();
        break;
    }
    return 0;
  } catch (e) {
    if (e instanceof ReportedFailure) return e.exitCode;
    process.stdout.write(`Error while executing topic command : ${e instanceof Error ? e.message : String(e)}\n`);
    if (verbose && e instanceof Error && e.stack !== undefined) process.stderr.write(`${e.stack}\n`);
    return 1;
  } finally {
    service.close();
  }
}

/** TopicCommand.TopicService: the admin client is created lazily, as Java's connects lazily. */
class TopicService {
  private client: AdminClient | undefined;
  private admin: TopicAdmin | undefined;

  constructor(
    private readonly options: ParsedOptions,
    private readonly props: ClientProperties,
  ) {}

  private async topicAdmin(): Promise<TopicAdmin> {
    if (this.admin === undefined) {
      // The protocol codecs load only once a command needs the cluster.
      const { AdminClient } = await import('../../client/admin-client.js');
      const { TopicAdmin } = await import('./admin.js');
      this.client = await AdminClient.connect(connectionSettings(this.props, { clientId: 'adminclient-1', requestTimeoutMs: 30_000 }));
      this.admin = new TopicAdmin(this.client);
    }
    return this.admin;
  }

  close(): void {
    this.client?.close();
  }

  private get excludeInternal(): boolean {
    return this.options.has('exclude-internal');
  }

  async createTopic(): Promise<void> {
    const opts = this.options;
    // CommandTopicPartition: every value is parsed before the request is sent.
    const name = opts.valueOf('topic')!;
    const partitions = opts.intValueOf('partitions');
    const replicationFactor = opts.intValueOf('replication-factor');
    const assignment = this.replicaAssignment();
    const { configs, warnings } = parseTopicConfigs(opts.valuesOf('config'));
    for (const w of warnings) process.stdout.write(`${w}\n`);

    if (hasCollisionChars(name)) process.stdout.write(`${COLLISION_WARNING}\n`);
    if (replicationFactor !== undefined && (replicationFactor > 32767 || replicationFactor < 1)) {
      throw new TopicCommandError('The replication factor must be between 1 and 32767 inclusive');
    }
    if (partitions !== undefined && partitions < 1) throw new TopicCommandError('The partitions must be greater than 0');

    const admin = await this.topicAdmin();
    const withAssignment = assignment.size > 0;
    try {
      await admin.createTopic({
        name,
        numPartitions: withAssignment ? -1 : (partitions ?? -1),
        replicationFactor: withAssignment ? -1 : (replicationFactor ?? -1),
        assignments: assignment,
        configs,
      });
    } catch (e) {
      if (opts.has('if-not-exists') && (e as { code?: number }).code === ErrorCode.TOPIC_ALREADY_EXISTS) return;
      throw e;
    }
    process.stdout.write(`Created topic ${name}.\n`);
  }

  async listTopics(): Promise<void> {
    const result: TopicListResult = { topics: await this.getTopics(this.options.valueOf('topic')) };
    if (wantsJson(this.options)) writeJson(result);
    else process.stdout.write(`${result.topics.join('\n')}\n`);
  }

  async alterTopic(): Promise<void> {
    const opts = this.options;
    const partitions = opts.intValueOf('partitions')!;
    const assignment = this.replicaAssignment();
    parseTopicConfigs(opts.valuesOf('config'));
    const requested = opts.valueOf('topic');
    const topics = await this.getTopics(requested);
    ensureTopicExists(topics, requested, !opts.has('if-exists'));
    if (topics.length === 0) return;
    const admin = await this.topicAdmin();
    // With --replica-assignment, only the entries for partitions beyond the current count are sent.
    const current = assignment.size > 0 ? await admin.describeTopicsByName(topics, 2000) : undefined;
    await admin.createPartitions(
      topics.map((name) => ({
        name,
        count: partitions,
        assignments: current === undefined ? null : [...assignment.values()].slice(current.get(name)?.partitions.length ?? 0),
      })),
    );
  }

  async deleteTopic(): Promise<void> {
    const requested = this.options.valueOf('topic');
    const topics = await this.getTopics(requested);
    ensureTopicExists(topics, requested, !this.options.has('if-exists'));
    await (await this.topicAdmin()).deleteTopics(topics);
  }

  async describeTopic(): Promise<void> {
    const opts = this.options;
    const rawId = opts.valueOf('topic-id');
    const inputTopicId = rawId === undefined ? undefined : parseTopicId(rawId);
    const useTopicId = inputTopicId !== undefined && inputTopicId !== ZERO_UUID;
    const admin = await this.topicAdmin();

    let descriptions: TopicDescription[];
    let brokers: number[];
    if (useTopicId) {
      const listing = await admin.listTopics(!this.excludeInternal);
      brokers = listing.brokers;
      const found = listing.topics.some((t) => t.topicId === inputTopicId);
      if (!found && !opts.has('if-exists')) throw new TopicCommandError(`TopicId '${inputTopicId}' does not exist as expected`);
      descriptions = found ? await admin.describeTopicsById([inputTopicId]) : [];
    } else {
      const requested = opts.valueOf('topic');
      const listing = await admin.listTopics(!this.excludeInternal);
      brokers = listing.brokers;
      const topics = filterTopics(
        listing.topics.map((t) => t.name),
        requested,
        this.excludeInternal,
      );
      ensureTopicExists(topics, requested, !opts.has('if-exists'));
      const limit = opts.intValueOf('partition-size-limit-per-response') ?? 2000;
      const byName = await admin.describeTopicsByName(topics, limit);
      descriptions = describeTopicsOrder([...byName.keys()].sort(compareJavaStrings)).map((n) => byName.get(n)!);
    }

    const names = descriptions.map((d) => d.name);
    const configs = await admin.describeTopicConfigs(names);
    const partitionsByTopic = new Map(descriptions.map((d) => [d.name, d.partitions.map((p) => p.partition)]));
    const reassignments = await admin.listReassignments(partitionsByTopic);
    const filters: DescribeFilters = {
      underReplicated: opts.has('under-replicated-partitions'),
      unavailable: opts.has('unavailable-partitions'),
      underMinIsr: opts.has('under-min-isr-partitions'),
      atMinIsr: opts.has('at-min-isr-partitions'),
      topicsWithOverrides: opts.has('topics-with-overrides'),
    };
    const ctx = { filters, liveBrokers: new Set(brokers), reassignments };
    const result: TopicDescribeResult = { topics: [] };
    for (const d of descriptions) {
      const entries = configs.get(d.name);
      // A broker that answers DescribeConfigs with an error gets `Configs: ` with nothing after it.
      const described = describeTopic(d, Array.isArray(entries) ? entries : [], ctx);
      if (described !== undefined) result.topics.push(described);
    }
    if (wantsJson(opts)) return writeJson(result);
    let out = '';
    for (const topic of result.topics) for (const line of formatDescribedTopic(topic)) out += `${line}\n`;
    process.stdout.write(out);
  }

  /** TopicService.getTopics: every topic (internal ones unless excluded), sorted, regex-filtered. */
  private async getTopics(include: string | undefined): Promise<string[]> {
    const admin = await this.topicAdmin();
    const { topics } = await admin.listTopics(!this.excludeInternal);
    return filterTopics(
      topics.map((t) => t.name),
      include,
      this.excludeInternal,
    );
  }

  private replicaAssignment(): Map<number, number[]> {
    const value = this.options.valueOf('replica-assignment');
    return value === undefined || value === '' ? new Map() : parseReplicaAssignment(value);
  }
}

/** `kt topics --list`: the topic names, in the text's order. */
export interface TopicListResult {
  readonly topics: readonly string[];
}

/** `kt topics --describe`: the topics the text shows, in its order. */
export interface TopicDescribeResult {
  readonly topics: DescribedTopic[];
}

/** Java's String.compareTo: UTF-16 code unit order. */
function compareJavaStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function filterTopics(all: readonly string[], include: string | undefined, excludeInternal: boolean): string[] {
  const sorted = [...all].sort(compareJavaStrings);
  if (include === undefined) return sorted.filter((t) => !(excludeInternal && isInternalTopic(t)));
  const filter = new TopicIncludeList(include);
  return sorted.filter((t) => filter.isTopicAllowed(t, excludeInternal));
}

/** Kafka 4.0 formats the Optional itself into the message: `Topic 'Optional[x]' does not exist as expected`. */
function ensureTopicExists(found: readonly string[], requested: string | undefined, requireTopicExists: boolean): void {
  if (requested !== undefined && requested !== '' && requireTopicExists && found.length === 0) {
    throw new TopicCommandError(`Topic 'Optional[${requested}]' does not exist as expected`);
  }
}
