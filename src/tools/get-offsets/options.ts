// kafka-get-offsets' options (GetOffsetShell.GetOffsetShellOptions) and its checks, in Kafka's
// order: no arguments -> usage; jopt errors -> `Error occurred: ...`; --help/--version; a
// missing or malformed --bootstrap-server -> usage.
import { DEFAULT_OPTIONS, OptionError, parseArgs, type OptionSpec, type ParsedOptions } from '../../java-compat/jopt.js';
import { validateBootstrapServer } from '../console-producer/options.js';
import { UsageError, checkHelpOrVersion, checkRequired } from '../../cli/tool.js';
import { JSON_OPTION } from '../../cli/json.js';

export const GET_OFFSETS_USAGE = 'An interactive shell for getting topic-partition offsets.';

/** The topic-partition rule syntax, shown in --topic-partitions' help as Java prints its Pattern. */
export const TOPIC_PARTITION_PATTERN_TEXT = '([^:,]*)(?::(?:([0-9]*)|(?:([0-9]*)-([0-9]*))))?';

export const GET_OFFSETS_OPTIONS: readonly OptionSpec[] = [
  ...DEFAULT_OPTIONS,
  {
    name: 'bootstrap-server',
    arg: 'required',
    argName: 'HOST1:PORT1,...,HOST3:PORT3',
    description: 'REQUIRED. The server(s) to connect to in the form HOST1:PORT1,HOST2:PORT2.',
  },
  {
    name: 'topic-partitions',
    arg: 'required',
    argName: 'topic1:1,topic2:0-3,topic3,topic4:5-,topic5:-3',
    description:
      `Comma separated list of topic-partition patterns to get the offsets for, with the format of '${TOPIC_PARTITION_PATTERN_TEXT}'.` +
      ' The first group is an optional regex for the topic name, if omitted, it matches any topic name.' +
      " The section after ':' describes a 'partition' pattern, which can be: a number, a range in the format of 'NUMBER-NUMBER' (lower inclusive, upper exclusive), an inclusive lower bound in the format of 'NUMBER-', an exclusive upper bound in the format of '-NUMBER' or may be omitted to accept all partitions.",
  },
  {
    name: 'topic',
    arg: 'required',
    argName: 'topic',
    description:
      'The topic to get the offsets for. It also accepts a regular expression. If not present, all authorized topics are queried. Cannot be used if --topic-partitions is present.',
  },
  {
    name: 'partitions',
    arg: 'required',
    argName: 'partition ids',
    description:
      'Comma separated list of partition ids to get the offsets for. If not present, all partitions of the authorized topics are queried. Cannot be used if --topic-partitions is present.',
  },
  {
    name: 'time',
    arg: 'required',
    argName: '<timestamp> / -1 or latest / -2 or earliest / -3 or max-timestamp / -4 or earliest-local / -5 or latest-tiered',
    defaultValue: 'latest',
    description:
      'timestamp of the offsets before that. [Note: No offset is returned, if the timestamp greater than recently committed record timestamp is given.]',
  },
  { name: 'command-config', arg: 'required', argName: 'config file', description: 'Property file containing configs to be passed to Admin Client.' },
  { name: 'exclude-internal-topics', description: 'By default, internal topics are included. If specified, internal topics are excluded.' },
  JSON_OPTION,
];

/** A failure GetOffsetShell reports as `Error occurred: <message>` (its TerseException). */
export class GetOffsetsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TerseException';
  }
}

/** GetOffsetShellOptions' constructor. */
export function parseGetOffsetsArgs(argv: readonly string[]): ParsedOptions {
  if (argv.length === 0) throw new UsageError(GET_OFFSETS_USAGE);
  let options: ParsedOptions;
  try {
    options = parseArgs(argv, GET_OFFSETS_OPTIONS);
  } catch (e) {
    if (e instanceof OptionError) throw new GetOffsetsError(e.message);
    throw e;
  }
  checkHelpOrVersion(options, GET_OFFSETS_USAGE);
  checkRequired(options, 'bootstrap-server');
  validateBootstrapServer(options.valueOf('bootstrap-server'));
  return options;
}
