// kafka-topics' options and its argument checks, in TopicCommandOptions' order and wording.
import { DEFAULT_OPTIONS, type OptionSpec, type ParsedOptions } from '../../java-compat/jopt.js';
import { UsageError, checkHelpOrVersion, checkInvalid, checkRequired } from '../../cli/tool.js';
import { TOPIC_CONFIGS } from '../../broker/topic-configs.js';
import { JSON_OPTION } from '../../cli/json.js';

const ALTER_CONFIGS_HINT = ' (To alter topic configurations, the kafka-configs tool can be used.)';

export const TOPICS_OPTIONS: readonly OptionSpec[] = [
  ...DEFAULT_OPTIONS,
  { name: 'bootstrap-server', arg: 'required', argName: 'server to connect to', description: 'REQUIRED: The Kafka server to connect to.' },
  {
    name: 'command-config',
    arg: 'required',
    argName: 'command config property file',
    description: 'Property file containing configs to be passed to Admin Client.',
  },
  { name: 'list', description: 'List all available topics.' },
  { name: 'create', description: 'Create a new topic.' },
  { name: 'delete', description: 'Delete a topic.' },
  { name: 'alter', description: `Alter the number of partitions and replica assignment.${ALTER_CONFIGS_HINT}` },
  { name: 'describe', description: 'List details for the given topics.' },
  {
    name: 'topic',
    arg: 'required',
    argName: 'topic',
    description: 'The topic to create, alter, describe or delete. It also accepts a regular expression, except for --create option. Put topic name in double quotes and use the \'\\\' prefix to escape regular expression symbols; e.g. "test\\.topic".',
  },
  { name: 'topic-id', arg: 'required', argName: 'topic-id', description: 'The topic-id to describe.' },
  {
    name: 'config',
    arg: 'required',
    argName: 'name=value',
    description: `A topic configuration override for the topic being created. The following is a list of valid configurations: \n${Object.keys(TOPIC_CONFIGS).sort().map((name) => `\t${name}`).join('\n')}\nSee the Kafka documentation for full details on the topic configs. It is supported only in combination with --create.${ALTER_CONFIGS_HINT}`,
  },
  { name: 'delete-config', arg: 'required', argName: 'name', description: 'This option is no longer supported and has been deprecated since 4.0' },
  {
    name: 'partitions',
    arg: 'required',
    type: 'Integer',
    argName: '# of partitions',
    description:
      'The number of partitions for the topic being created or altered. If not supplied with --create, the topic uses the cluster default. (WARNING: If partitions are increased for a topic that has a key, the partition logic or ordering of the messages will be affected).',
  },
  {
    name: 'replication-factor',
    arg: 'required',
    type: 'Integer',
    argName: 'replication factor',
    description: 'The replication factor for each partition in the topic being created. If not supplied, the topic uses the cluster default.',
  },
  {
    name: 'replica-assignment',
    arg: 'required',
    argName: 'broker_id_for_part1_replica1 : broker_id_for_part1_replica2 , broker_id_for_part2_replica1 : broker_id_for_part2_replica2 , ...',
    description: 'A list of manual partition-to-broker assignments for the topic being created or altered.',
  },
  { name: 'under-replicated-partitions', description: 'If set when describing topics, only show under-replicated partitions.' },
  { name: 'unavailable-partitions', description: 'If set when describing topics, only show partitions whose leader is not available.' },
  { name: 'under-min-isr-partitions', description: 'If set when describing topics, only show partitions whose isr count is less than the configured minimum.' },
  { name: 'at-min-isr-partitions', description: 'If set when describing topics, only show partitions whose isr count is equal to the configured minimum.' },
  { name: 'topics-with-overrides', description: 'If set when describing topics, only show topics that have overridden configs.' },
  { name: 'if-exists', description: 'If set when altering or deleting or describing topics, the action will only execute if the topic exists.' },
  {
    name: 'if-not-exists',
    description: 'If set when creating topics, the action will only execute if the topic does not already exist.',
  },
  {
    name: 'exclude-internal',
    description: 'Exclude internal topics when listing or describing topics. By default, the internal topics are included.',
  },
  {
    name: 'partition-size-limit-per-response',
    arg: 'required',
    type: 'Integer',
    argName: 'maximum number of partitions per response',
    description: 'The maximum partition size to be included in one DescribeTopicPartitions response.',
  },
  JSON_OPTION,
];

const ACTIONS = ['create', 'list', 'alter', 'describe', 'delete'] as const;
export type TopicAction = (typeof ACTIONS)[number];

/** Java's Set.of(alter, create, describe, list, delete): the candidates for "can't be used with". */
const ALL_ACTIONS = ['alter', 'create', 'describe', 'list', 'delete'];
const REPORT_OPTIONS = ['under-replicated-partitions', 'under-min-isr-partitions', 'at-min-isr-partitions', 'unavailable-partitions'];

/** TopicCommandOptions.checkArgs. Returns the action; throws UsageError / plain Error as Kafka does. */
export function checkTopicsArgs(options: ParsedOptions, notices: { stdout: string[]; stderr: string[] }): TopicAction {
  if (options.argCount === 0) throw new UsageError('Create, delete, describe, or change a topic.');
  checkHelpOrVersion(options, 'This tool helps to create, delete, describe, or change a topic.');

  const present = ACTIONS.filter((a) => options.has(a));
  if (present.length !== 1) throw new UsageError('Command must include exactly one action: --list, --describe, --create, --alter or --delete');
  const action = present[0]!;

  if (options.has('delete-config')) {
    notices.stderr.push('delete-config option is no longer supported and deprecated since version 4.0. The config will be fully removed in future releases.');
  }

  // checkRequiredArgs
  if (!options.has('bootstrap-server')) throw new Error('--bootstrap-server must be specified');
  if (options.has('describe') && options.has('if-exists')) {
    if (!options.has('topic') && !options.has('topic-id')) throw new UsageError('--topic or --topic-id is required to describe a topic');
    if (options.has('topic') && options.has('topic-id')) {
      notices.stdout.push('Only topic id will be used when both --topic and --topic-id are specified and topicId is not Uuid.ZERO_UUID');
    }
  }
  if (!options.has('list') && !options.has('describe')) checkRequired(options, 'topic');
  if (options.has('alter')) {
    if (options.has('bootstrap-server') && options.has('config')) {
      throw new UsageError(`Option combination "[[bootstrap-server], [config]]" can't be used with option "[alter]"${ALTER_CONFIGS_HINT}`);
    }
    checkRequired(options, 'partitions');
  }

  // checkInvalidArgs
  const others = (...allowed: string[]) => ALL_ACTIONS.filter((a) => !allowed.includes(a));
  checkInvalid(options, 'config', others('alter', 'create'));
  checkInvalid(options, 'partitions', others('alter', 'create'));
  checkInvalid(options, 'replication-factor', others('create'));
  checkInvalid(options, 'replica-assignment', others('alter', 'create'));
  if (options.has('create')) checkInvalid(options, 'replica-assignment', ['partitions', 'replication-factor']);
  for (const report of ['under-replicated-partitions', 'under-min-isr-partitions', 'at-min-isr-partitions', 'unavailable-partitions']) {
    checkInvalid(options, report, [...others('describe'), 'topics-with-overrides']);
  }
  checkInvalid(options, 'topics-with-overrides', [...others('describe'), ...REPORT_OPTIONS]);
  checkInvalid(options, 'if-exists', others('alter', 'delete', 'describe'));
  checkInvalid(options, 'if-not-exists', others('create'));
  checkInvalid(options, 'exclude-internal', others('list', 'describe'));
  return action;
}
