// kafka-console-consumer's options (ConsoleConsumerOptions): checks in Kafka's order and with its
// messages, consumer property assembly (group id, auto.offset.reset, isolation level), the start
// offset, the timeout and the formatter.
import { type ClientProperties } from '../../client/config.js';
import { loadPropertiesFile, parseKeyValueArgs, putAll } from '../../cli/client-config.js';
import { iterationOrder } from '../../java-compat/java-hash-order.js';
import { DEFAULT_MESSAGE_FORMATTER, FormatterConfigError, createFormatter, type MessageFormatter } from './message-formatter.js';
import { JSON_ENCODINGS, JsonFormatter, type JsonEncoding } from './format/json-formatter.js';
import { DEFAULT_OPTIONS, type OptionSpec, type ParsedOptions } from '../../java-compat/jopt.js';
import { eitherSpelling } from '../console-producer/options.js';
import { ReportedFailure, UsageError, checkHelpOrVersion, checkRequired } from '../../cli/tool.js';

const FORMATTER_PROPERTY_HELP =
  'The properties to initialize the message formatter. Default properties include: \n print.timestamp=true|false\n print.key=true|false\n' +
  ' print.offset=true|false\n print.epoch=true|false\n print.partition=true|false\n print.headers=true|false\n print.value=true|false\n' +
  ' key.separator=<key.separator>\n line.separator=<line.separator>\n headers.separator=<line.separator>\n null.literal=<null.literal>\n' +
  ' key.deserializer=<key.deserializer>\n value.deserializer=<value.deserializer>\n header.deserializer=<header.deserializer>\n' +
  "\nUsers can also pass in customized properties for their formatter; more specifically, users can pass in properties keyed with 'key.deserializer.', 'value.deserializer.' and 'headers.deserializer.' prefixes to configure their deserializers.";

export const CONSUMER_OPTIONS: readonly OptionSpec[] = [
  ...DEFAULT_OPTIONS,
  { name: 'topic', arg: 'required', argName: 'topic', description: 'The topic to consume on.' },
  { name: 'include', arg: 'required', argName: 'Java regex (String)', description: 'Regular expression specifying list of topics to include for consumption.' },
  {
    name: 'partition',
    arg: 'required',
    type: 'Integer',
    argName: 'partition',
    description: "The partition to consume from. Consumption starts from the end of the partition unless '--offset' is specified.",
  },
  {
    name: 'offset',
    arg: 'required',
    argName: 'consume offset',
    defaultValue: 'latest',
    description: "The offset to consume from (a non-negative number), or 'earliest' which means from beginning, or 'latest' which means from end",
  },
  { name: 'consumer-property', arg: 'required', argName: 'consumer_prop', description: 'A mechanism to pass user-defined properties in the form key=value to the consumer.' },
  { name: 'command-property', arg: 'required', kt: true, argName: 'consumer_prop', description: 'KIP-1147 name of --consumer-property: consumer config properties in the form key=value.' },
  {
    name: 'consumer.config',
    arg: 'required',
    argName: 'config file',
    description: 'Consumer config properties file. Note that [consumer-property] takes precedence over this config.',
  },
  { name: 'command-config', arg: 'required', kt: true, argName: 'config file', description: 'KIP-1147 name of --consumer.config: consumer config properties file.' },
  {
    name: 'formatter',
    arg: 'required',
    argName: 'class',
    defaultValue: DEFAULT_MESSAGE_FORMATTER,
    description: 'The name of a class to use for formatting kafka messages for display.',
  },
  { name: 'property', arg: 'required', argName: 'prop', description: FORMATTER_PROPERTY_HELP },
  { name: 'formatter-property', arg: 'required', kt: true, argName: 'prop', description: `KIP-1147 name of --property. ${FORMATTER_PROPERTY_HELP}` },
  {
    name: 'formatter-config',
    arg: 'required',
    argName: 'config file',
    description: 'Config properties file to initialize the message formatter. Note that [property] takes precedence over this config.',
  },
  {
    name: 'from-beginning',
    description: 'If the consumer does not already have an established offset to consume from, start with the earliest message present in the log rather than the latest message.',
  },
  {
    name: 'max-messages',
    arg: 'required',
    type: 'Integer',
    argName: 'num_messages',
    description: 'The maximum number of messages to consume before exiting. If not set, consumption is continual.',
  },
  {
    name: 'timeout-ms',
    arg: 'required',
    type: 'Long',
    argName: 'timeout_ms',
    description: 'If specified, exit if no message is available for consumption for the specified interval.',
  },
  { name: 'skip-message-on-error', description: 'If there is an error when processing a message, skip it instead of halt.' },
  { name: 'bootstrap-server', arg: 'required', argName: 'server to connect to', description: 'REQUIRED: The server(s) to connect to.' },
  { name: 'key-deserializer', arg: 'required', argName: 'deserializer for key', description: '' },
  { name: 'value-deserializer', arg: 'required', argName: 'deserializer for values', description: '' },
  {
    name: 'enable-systest-events',
    description: 'Log lifecycle events of the consumer in addition to logging consumed messages. (This is specific for system tests.)',
  },
  {
    name: 'isolation-level',
    arg: 'required',
    defaultValue: 'read_uncommitted',
    description: 'Set to read_committed in order to filter out transactional messages which are not committed. Set to read_uncommitted to read all messages.',
  },
  { name: 'group', arg: 'required', argName: 'consumer group id', description: 'The consumer group id of the consumer.' },
  // kt extensions, not in Kafka's --help.
  { name: 'json', description: 'kt: print one JSON object per record (docs/json-output.md) instead of the formatter output.', hidden: true },
  { name: 'json-encoding', arg: 'required', argName: 'utf8|base64', defaultValue: 'utf8', description: 'kt: how --json prints keys, values and header values.', hidden: true },
];

/** Where to start reading a --partition: the log's start, its end, or an offset. */
export type StartOffset = 'earliest' | 'latest' | number;

export interface ConsoleConsumerConfig {
  readonly topic: string | undefined;
  /** --include's Java regex. */
  readonly include: string | undefined;
  readonly partition: number | undefined;
  readonly startOffset: StartOffset;
  readonly fromBeginning: boolean;
  /** -1: unlimited. */
  readonly maxMessages: number;
  /** undefined: no timeout. */
  readonly timeoutMs: number | undefined;
  readonly skipMessageOnError: boolean;
  readonly enableSystestEvents: boolean;
  readonly consumerProps: ClientProperties;
  readonly formatter: MessageFormatter;
}

/** ConsoleConsumerOptions, in Kafka's order. */
export function consoleConsumerConfig(options: ParsedOptions, random: () => number = Math.random): ConsoleConsumerConfig {
  checkHelpOrVersion(options, 'This tool helps to read data from Kafka topics and outputs it to standard output.');

  // checkRequiredArgs
  if (Number(options.has('topic')) + Number(options.has('include')) !== 1) throw new UsageError('Exactly one of --include/--topic is required. ');
  const partition = options.intValueOf('partition');
  const fromBeginning = options.has('from-beginning');
  if (partition !== undefined) {
    if (!options.has('topic')) throw new UsageError('The topic is required when partition is specified.');
    if (fromBeginning && options.has('offset')) throw new UsageError('Options from-beginning and offset cannot be specified together.');
  } else if (options.has('offset')) {
    throw new UsageError('The partition is required when offset is specified.');
  }
  checkRequired(options, 'bootstrap-server');

  const propertyOpt = eitherSpelling(options, 'consumer-property', 'command-property');
  const configOpt = eitherSpelling(options, 'consumer.config', 'command-config');
  const fromFile: ClientProperties = options.has(configOpt) ? loadPropertiesFile(options.valueOf(configOpt)!) : new Map();
  const extra = parseKeyValueArgs(options.valuesOf(propertyOpt));
  const groupIds = checkConsumerGroup(options, fromFile, extra, partition !== undefined);
  const consumerProps = buildConsumerProps(options, fromFile, extra, groupIds, fromBeginning, random);

  const timeout = options.longValueOf('timeout-ms');
  return {
    topic: options.valueOf('topic'),
    include: options.valueOf('include'),
    partition,
    startOffset: parseOffset(options, fromBeginning),
    fromBeginning,
    maxMessages: options.intValueOf('max-messages') ?? -1,
    timeoutMs: timeout === undefined || timeout < 0 ? undefined : timeout,
    skipMessageOnError: options.has('skip-message-on-error'),
    enableSystestEvents: options.has('enable-systest-events'),
    consumerProps,
    formatter: buildFormatter(options),
  };
}

/** The group ids given in the three places must agree; a group excludes --partition. */
function checkConsumerGroup(options: ParsedOptions, fromFile: ClientProperties, extra: ClientProperties, hasPartition: boolean): string[] {
  const provided: string[] = [];
  const add = (id: string | undefined) => {
    if (id !== undefined && !provided.includes(id)) provided.push(id);
  };
  add(options.valueOf('group'));
  add(fromFile.get('group.id'));
  add(extra.get('group.id'));
  if (provided.length > 1) {
    // Kafka lists them from a HashSet: Java's hash order.
    const listed = iterationOrder(provided, 16)
      .map((g) => `'${g}'`)
      .join(', ');
    throw new UsageError(
      "The group ids provided in different places (directly using '--group', via '--consumer-property', or via '--consumer.config') do not match. " +
        `Detected group ids: ${listed}`,
    );
  }
  if (provided.length > 0 && hasPartition) throw new UsageError('Options group and partition cannot be specified together.');
  return provided;
}

function buildConsumerProps(
  options: ParsedOptions,
  fromFile: ClientProperties,
  extra: ClientProperties,
  groupIds: string[],
  fromBeginning: boolean,
  random: () => number,
): ClientProperties {
  const props = putAll(putAll(new Map(), fromFile), extra);
  const reset = props.get('auto.offset.reset');
  if (reset !== undefined) {
    if (fromBeginning && reset !== 'earliest') {
      process.stderr.write(`Can't simultaneously specify --from-beginning and 'auto.offset.reset=${reset}', please remove one option\n`);
      throw new ReportedFailure(1);
    }
  } else {
    props.set('auto.offset.reset', fromBeginning ? 'earliest' : 'latest');
  }
  props.set('bootstrap.servers', options.valueOf('bootstrap-server')!);
  if (props.get('client.id') === undefined) props.set('client.id', 'console-consumer');
  if (options.has('isolation-level') || !props.has('isolation.level')) props.set('isolation.level', options.valueOf('isolation-level')!);
  if (groupIds.length === 0) {
    props.set('group.id', `console-consumer-${Math.floor(random() * 100000)}`);
    // The generated group is not meant to be reused: do not commit its offsets.
    if (!props.has('enable.auto.commit')) props.set('enable.auto.commit', 'false');
  } else {
    props.set('group.id', groupIds[0]!);
  }
  return props;
}

function parseOffset(options: ParsedOptions, fromBeginning: boolean): StartOffset {
  if (options.has('offset')) {
    const text = options.valueOf('offset')!;
    const lower = text.toLowerCase();
    if (lower === 'earliest') return 'earliest';
    if (lower === 'latest') return 'latest';
    const invalid = () => new UsageError(`The provided offset value '${text}' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long.`);
    if (!/^[-+]?[0-9]+$/.test(text)) throw invalid();
    const n = BigInt(text);
    if (n < 0n || n > 9223372036854775807n) throw invalid();
    return Number(n);
  }
  return fromBeginning ? 'earliest' : 'latest';
}

function buildFormatter(options: ParsedOptions): MessageFormatter {
  if (options.has('json')) {
    const encoding = options.valueOf('json-encoding')!;
    if (!JSON_ENCODINGS.includes(encoding as JsonEncoding)) throw new UsageError(`--json-encoding must be one of: ${JSON_ENCODINGS.join(', ')}; got '${encoding}'.`);
    return new JsonFormatter(encoding as JsonEncoding);
  }
  try {
    const propertyOpt = eitherSpelling(options, 'property', 'formatter-property');
    const args: ClientProperties = options.has('formatter-config') ? loadPropertiesFile(options.valueOf('formatter-config')!) : new Map();
    const keyDeserializer = options.valueOf('key-deserializer');
    if (keyDeserializer !== undefined && keyDeserializer !== '') args.set('key.deserializer', keyDeserializer);
    const valueDeserializer = options.valueOf('value-deserializer');
    if (valueDeserializer !== undefined && valueDeserializer !== '') args.set('value.deserializer', valueDeserializer);
    putAll(args, parseKeyValueArgs(options.valuesOf(propertyOpt)));
    return createFormatter(options.valueOf('formatter')!, args);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if (e instanceof FormatterConfigError || e instanceof Error) throw new UsageError(e.message);
    throw e;
  }
}
