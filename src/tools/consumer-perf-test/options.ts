// kafka-consumer-perf-test's options (ConsumerPerfOptions, jopt-simple) and the consumer
// properties it builds from them.
import { JSON_OPTION } from '../../cli/json.js';
import { type ClientProperties } from '../../client/config.js';
import { loadPropertiesFile } from '../../cli/client-config.js';
import { DEFAULT_OPTIONS, parseArgs, type OptionSpec } from '../../java-compat/jopt.js';
import { UsageError, checkHelpOrVersion, checkRequired } from '../../cli/tool.js';

export const CONSUMER_PERF_HELP = 'This tool is used to verify the consumer performance.';

export const CONSUMER_PERF_OPTIONS: readonly OptionSpec[] = [
  ...DEFAULT_OPTIONS,
  { name: 'bootstrap-server', arg: 'required', argName: 'server to connect to', description: 'REQUIRED: The server(s) to connect to.' },
  { name: 'topic', arg: 'required', argName: 'topic', description: 'REQUIRED: The topic to consume from.' },
  {
    name: 'group',
    arg: 'required',
    argName: 'gid',
    description: 'The group id to consume on.',
    defaultValue: `perf-consumer-${Math.floor(Math.random() * 100_000)}`,
  },
  { name: 'fetch-size', arg: 'required', type: 'Integer', argName: 'size', defaultValue: '1048576', description: 'The amount of data to fetch in a single request.' },
  { name: 'from-latest', description: 'If the consumer does not already have an established offset to consume from, start with the latest message present in the log rather than the earliest message.' },
  { name: 'socket-buffer-size', arg: 'required', type: 'Integer', argName: 'size', defaultValue: '2097152', description: 'The size of the tcp RECV size.' },
  { name: 'consumer.config', arg: 'required', argName: 'config file', description: 'Consumer config properties file.' },
  { name: 'print-metrics', description: 'Print out the metrics.' },
  { name: 'show-detailed-stats', description: 'If set, stats are reported for each reporting interval as configured by reporting-interval' },
  {
    name: 'timeout',
    arg: 'optional',
    type: 'Long',
    argName: 'milliseconds',
    defaultValue: '10000',
    description: 'The maximum allowed time in milliseconds between returned records.',
  },
  { name: 'messages', arg: 'required', type: 'Long', argName: 'count', description: 'REQUIRED: The number of messages to send or consume' },
  { name: 'reporting-interval', arg: 'required', type: 'Long', argName: 'interval_ms', defaultValue: '5000', description: 'Interval in milliseconds at which to print progress info.' },
  {
    name: 'date-format',
    arg: 'required',
    argName: 'date format',
    defaultValue: 'yyyy-MM-dd HH:mm:ss:SSS',
    description: 'The date format to use for formatting the time field. See java.text.SimpleDateFormat for options.',
  },
  { name: 'hide-header', description: 'If set, skips printing the header for the stats' },
  JSON_OPTION,
];

export interface ConsumerPerfConfig {
  readonly topic: string;
  readonly messages: number;
  readonly groupId: string;
  readonly fromLatest: boolean;
  readonly fetchSize: number;
  readonly timeoutMs: number;
  readonly reportingIntervalMs: number;
  readonly showDetailedStats: boolean;
  readonly dateFormat: string;
  readonly hideHeader: boolean;
  readonly printMetrics: boolean;
  readonly props: ClientProperties;
}

export function consumerPerfConfig(argv: readonly string[]): ConsumerPerfConfig {
  const options = parseArgs(argv, CONSUMER_PERF_OPTIONS);
  checkHelpOrVersion(options, CONSUMER_PERF_HELP);
  checkRequired(options, 'topic', 'messages');
  const reportingIntervalMs = options.longValueOf('reporting-interval')!;
  if (options.has('reporting-interval') && reportingIntervalMs <= 0) throw new UsageError('Reporting interval must be greater than 0.', false);
  // Kafka does not check --bootstrap-server and fails with a NullPointerException; kt says what is missing.
  checkRequired(options, 'bootstrap-server');
  const props: ClientProperties = options.has('consumer.config') ? loadPropertiesFile(options.valueOf('consumer.config')!) : new Map();
  const groupId = options.valueOf('group')!;
  const fetchSize = options.intValueOf('fetch-size')!;
  props.set('bootstrap.servers', options.valueOf('bootstrap-server')!);
  props.set('group.id', groupId);
  props.set('receive.buffer.bytes', String(options.intValueOf('socket-buffer-size')));
  props.set('max.partition.fetch.bytes', String(fetchSize));
  props.set('auto.offset.reset', options.has('from-latest') ? 'latest' : 'earliest');
  props.set('check.crcs', 'false');
  if (!props.has('client.id')) props.set('client.id', 'perf-consumer-client');
  return {
    topic: options.valueOf('topic')!,
    messages: options.longValueOf('messages')!,
    groupId,
    fromLatest: options.has('from-latest'),
    fetchSize,
    // jopt returns the default for `--timeout` given without its optional value.
    timeoutMs: options.longValueOf('timeout') ?? 10_000,
    reportingIntervalMs,
    showDetailedStats: options.has('show-detailed-stats'),
    dateFormat: options.valueOf('date-format')!,
    hideHeader: options.has('hide-header'),
    printMetrics: options.has('print-metrics'),
    props,
  };
}
