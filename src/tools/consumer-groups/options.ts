// kafka-consumer-groups' options (ConsumerGroupCommandOptions) and its argument checks, in
// Kafka's order and wording. Usage errors carry the option table; jopt's own parse errors
// (unknown option, missing argument, an option unavailable without its action) do not.
import { JSON_OPTION } from '../../cli/json.js';
import { DEFAULT_OPTIONS, OptionError, parseArgs, type OptionSpec, type ParsedOptions } from '../../java-compat/jopt.js';
import { UsageError, checkHelpOrVersion, checkInvalid, checkRequired } from '../../cli/tool.js';

export const CONSUMER_GROUPS_HELP =
  'This tool helps to list all consumer groups, describe a consumer group, delete consumer group info, or reset consumer group offsets.';

export const DRY_RUN_WARNING =
  'WARN: No action will be performed as the --execute option is missing.In a future major release, the default behavior of this command will be to prompt the user before executing the reset rather than doing a dry run. You should add the --dry-run option explicitly if you are scripting this command and want to keep the current default behavior without prompting.';

const NL = '\n';

export const CONSUMER_GROUPS_OPTIONS: readonly OptionSpec[] = [
  // Kafka's tool has its own --verbose (describe only), so kt's hidden one is left out.
  ...DEFAULT_OPTIONS.filter((o) => o.name !== 'verbose'),
  { name: 'bootstrap-server', arg: 'required', argName: 'server to connect to', description: 'REQUIRED: The server(s) to connect to.' },
  { name: 'group', arg: 'required', argName: 'consumer group', description: 'The consumer group we wish to act on.' },
  {
    name: 'topic',
    arg: 'required',
    argName: 'topic',
    description:
      'The topic whose consumer group information should be deleted or topic whose should be included in the reset offset process. In `reset-offsets` case, partitions can be specified using this format: `topic1:0,1,2`, where 0,1,2 are the partition to be included in the process. Reset-offsets also supports multiple topic inputs.',
  },
  { name: 'all-topics', description: 'Consider all topics assigned to a group in the `reset-offsets` process.' },
  { name: 'list', description: 'List all consumer groups.' },
  { name: 'describe', description: 'Describe consumer group and list offset lag (number of messages not yet processed) related to given group.' },
  { name: 'all-groups', description: 'Apply to all consumer groups.' },
  {
    name: 'delete',
    description: 'Pass in groups to delete topic partition offsets and ownership information over the entire consumer group. For instance --group g1 --group g2',
  },
  {
    name: 'timeout',
    arg: 'required',
    type: 'Long',
    argName: 'timeout (ms)',
    defaultValue: '5000',
    description:
      'The timeout that can be set for some use cases. For example, it can be used when describing the group to specify the maximum amount of time in milliseconds to wait before the group stabilizes (when the group is just created, or is going through some changes).',
  },
  {
    name: 'command-config',
    arg: 'required',
    argName: 'command config property file',
    description: 'Property file containing configs to be passed to Admin Client and Consumer.',
  },
  {
    name: 'reset-offsets',
    description:
      `Reset offsets of consumer group. Supports one consumer group at the time, and instances should be inactive${NL}` +
      `Has 2 execution options: --dry-run (the default) to plan which offsets to reset, and --execute to update the offsets. Additionally, the --export option is used to export the results to a CSV format.${NL}` +
      `You must choose one of the following reset specifications: --to-datetime, --by-duration, --to-earliest, --to-latest, --shift-by, --from-file, --to-current, --to-offset.${NL}` +
      "To define the scope use --all-topics or --topic. One scope must be specified unless you use '--from-file'.",
  },
  { name: 'delete-offsets', description: 'Delete offsets of consumer group. Supports one consumer group at the time, and multiple topics.' },
  { name: 'dry-run', description: 'Only show results without executing changes on Consumer Groups. Supported operations: reset-offsets.' },
  { name: 'execute', description: 'Execute operation. Supported operations: reset-offsets.' },
  { name: 'export', description: 'Export operation execution to a CSV file. Supported operations: reset-offsets.' },
  { name: 'to-offset', arg: 'required', type: 'Long', argName: 'offset', description: 'Reset offsets to a specific offset.' },
  { name: 'from-file', arg: 'required', argName: 'path to CSV file', description: 'Reset offsets to values defined in CSV file.' },
  { name: 'to-datetime', arg: 'required', argName: 'datetime', description: "Reset offsets to offset from datetime. Format: 'YYYY-MM-DDTHH:mm:SS.sss'" },
  { name: 'by-duration', arg: 'required', argName: 'duration', description: "Reset offsets to offset by duration from current timestamp. Format: 'PnDTnHnMnS'" },
  { name: 'to-earliest', description: 'Reset offsets to earliest offset.' },
  { name: 'to-latest', description: 'Reset offsets to latest offset.' },
  { name: 'to-current', description: 'Reset offsets to current offset.' },
  {
    name: 'shift-by',
    arg: 'required',
    type: 'Long',
    argName: 'number-of-offsets',
    description: "Reset offsets shifting current offset by 'n', where 'n' can be positive or negative.",
  },
  {
    name: 'members',
    description: `Describe members of the group. This option may be used with '--describe' and '--bootstrap-server' options only.${NL}Example: --bootstrap-server localhost:9092 --describe --group group1 --members`,
  },
  {
    name: 'verbose',
    description: `Provide additional information, if any, when describing the group. This option may be used with '--offsets'/'--members'/'--state' and '--bootstrap-server' options only.${NL}Example: --bootstrap-server localhost:9092 --describe --group group1 --members --verbose`,
  },
  {
    name: 'offsets',
    description: `Describe the group and list all topic partitions in the group along with their offset lag. This is the default sub-action of and may be used with '--describe' and '--bootstrap-server' options only.${NL}Example: --bootstrap-server localhost:9092 --describe --group group1 --offsets`,
  },
  {
    name: 'state',
    arg: 'optional',
    description:
      `When specified with '--describe', includes the state of the group.${NL}Example: --bootstrap-server localhost:9092 --describe --group group1 --state${NL}` +
      `When specified with '--list', it displays the state of all groups. It can also be used to list groups with specific states.${NL}Example: --bootstrap-server localhost:9092 --list --state stable,empty${NL}` +
      "This option may be used with '--describe', '--list' and '--bootstrap-server' options only.",
  },
  {
    name: 'type',
    arg: 'optional',
    description:
      `When specified with '--list', it displays the types of all the groups. It can also be used to list groups with specific types.${NL}Example: --bootstrap-server localhost:9092 --list --type classic,consumer${NL}` +
      "This option may be used with the '--list' option only.",
  },
  JSON_OPTION,
];

export const ACTIONS = ['list', 'describe', 'delete', 'reset-offsets', 'delete-offsets'] as const;
export type GroupAction = (typeof ACTIONS)[number];

/** The reset scenarios, in the order Kafka declares them (used for its messages). */
export const RESET_SCENARIOS = ['to-offset', 'shift-by', 'to-datetime', 'by-duration', 'to-earliest', 'to-latest', 'to-current', 'from-file'] as const;
export type ResetScenario = (typeof RESET_SCENARIOS)[number];

/** The order ConsumerGroupCommandOptions checks scenarios against each other. */
const SCENARIO_CHECK_ORDER: readonly ResetScenario[] = ['to-offset', 'to-datetime', 'by-duration', 'to-earliest', 'to-latest', 'to-current', 'shift-by', 'from-file'];

/** jopt's availableIf: these options are rejected unless one of the listed options is present. */
const AVAILABLE_IF: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['members', ['describe']],
  ['verbose', ['describe']],
  ['offsets', ['describe']],
  ['state', ['describe', 'list']],
  ['type', ['list']],
];

/** parseArgs plus jopt's availableIf check, which jopt performs while parsing. */
export function parseConsumerGroupsArgs(argv: readonly string[]): ParsedOptions {
  const options = parseArgs(argv, CONSUMER_GROUPS_OPTIONS);
  const unavailable = AVAILABLE_IF.filter(([name, requires]) => options.has(name) && !requires.some((r) => options.has(r))).map(([name]) => name);
  if (unavailable.length > 0) throw new OptionError(`Option(s) [${unavailable.join(', ')}] are unavailable given other options on the command line`);
  return options;
}

/**
 * ConsumerGroupCommandOptions.checkArgs followed by main's one-action check. Returns the action;
 * `warnings` receives what Kafka prints on stderr while checking (the dry-run notice).
 */
export function checkConsumerGroupsArgs(options: ParsedOptions, warnings: string[]): GroupAction {
  checkHelpOrVersion(options, CONSUMER_GROUPS_HELP);
  checkRequired(options, 'bootstrap-server');
  const groupScope = () => options.has('group') || options.has('all-groups');

  if (options.has('describe')) {
    if (!groupScope()) throw new UsageError('Option [describe] takes one of these options: [all-groups], [group]');
    if (['members', 'offsets', 'state'].filter((o) => options.has(o)).length > 1) {
      throw new UsageError('Option [describe] takes at most one of these options: [members], [offsets], [state]');
    }
    if (options.has('state') && options.valueOf('state') !== undefined) throw new UsageError('Option [describe] does not take a value for [state]');
  }

  if (options.has('delete')) {
    if (!groupScope()) throw new UsageError('Option [delete] takes one of these options: [all-groups], [group]');
    if (options.has('topic')) throw new UsageError('The consumer does not support topic-specific offset deletion from a consumer group.');
  }

  if (options.has('delete-offsets') && (!options.has('group') || !options.has('topic'))) {
    throw new UsageError('Option [delete-offsets] takes the following options: [topic], [group]');
  }

  if (options.has('reset-offsets')) {
    if (options.has('dry-run') && options.has('execute')) throw new UsageError('Option [reset-offsets] only accepts one of [execute] and [dry-run]');
    if (!options.has('dry-run') && !options.has('execute')) warnings.push(DRY_RUN_WARNING);
    if (!groupScope()) throw new UsageError('Option [reset-offsets] takes one of these options: [all-groups], [group]');
    for (const scenario of SCENARIO_CHECK_ORDER) {
      checkInvalid(
        options,
        scenario,
        RESET_SCENARIOS.filter((s) => s !== scenario),
      );
    }
  }

  checkInvalid(options, 'group', ['all-groups']);
  checkInvalid(options, 'group', ['list']);
  checkInvalid(options, 'topic', ['list', 'describe']);

  const present = ACTIONS.filter((a) => options.has(a));
  if (present.length !== 1) throw new UsageError('Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets');
  return present[0]!;
}

/** Kafka's message when --reset-offsets has no scenario (the set printed in declaration order). */
export const MISSING_SCENARIO_MESSAGE = `Option '[reset-offsets]' requires one of the following scenarios: [${RESET_SCENARIOS.map((s) => `[${s}]`).join(', ')}]`;
export const MISSING_SCOPE_MESSAGE = 'One of the reset scopes should be defined: --all-topics, --topic.';
