// kafka-console-producer's options (ConsoleProducerConfig), their checks, and the producer and
// reader properties they assemble, with Kafka's precedence rules.
import { parseHostPort, type ClientProperties } from '../../client/config.js';
import { producerConfig, type ProducerConfig } from '../../client/producer-config.js';
import { loadPropertiesFile, parseKeyValueArgs, putAll } from '../../cli/client-config.js';
import { DEFAULT_OPTIONS, type OptionSpec, type ParsedOptions } from '../../java-compat/jopt.js';
import { UsageError, checkHelpOrVersion, checkRequired } from '../../cli/tool.js';

const PROPERTY_HELP =
  'A mechanism to pass user-defined properties in the form key=value to the message reader. This allows custom configuration for a user-defined message reader.\n' +
  'Default properties include:\n parse.key=false\n parse.headers=false\n ignore.error=false\n key.separator=\\t\n headers.delimiter=\\t\n headers.separator=,\n headers.key.separator=:\n' +
  ' null.marker=   When set, any fields (key, value and headers) equal to this will be replaced by null\nDefault parsing pattern when:\n' +
  ' parse.headers=true and parse.key=true:\n  "h1:v1,h2:v2...\\tkey\\tvalue"\n parse.key=true:\n  "key\\tvalue"\n parse.headers=true:\n  "h1:v1,h2:v2...\\tvalue"';

export const LINE_MESSAGE_READER = 'org.apache.kafka.tools.LineMessageReader';

export const PRODUCER_OPTIONS: readonly OptionSpec[] = [
  ...DEFAULT_OPTIONS,
  { name: 'topic', arg: 'required', argName: 'topic', description: 'REQUIRED: The topic name to produce messages to.' },
  {
    name: 'bootstrap-server',
    arg: 'required',
    argName: 'server to connect to',
    description: 'REQUIRED: The server(s) to connect to. The broker list string in the form HOST1:PORT1,HOST2:PORT2.',
  },
  { name: 'sync', description: 'If set message send requests to the brokers are synchronously, one at a time as they arrive.' },
  {
    name: 'compression-codec',
    arg: 'optional',
    argName: 'compression-codec',
    description: "The compression codec: either 'none', 'gzip', 'snappy', 'lz4', or 'zstd'.If specified without value, then it defaults to 'gzip'",
  },
  {
    name: 'batch-size',
    arg: 'required',
    type: 'Integer',
    argName: 'size',
    defaultValue: '16384',
    description: 'Number of messages to send in a single batch if they are not being sent synchronously. please note that this option will be replaced if max-partition-memory-bytes is also set',
  },
  {
    name: 'message-send-max-retries',
    arg: 'required',
    type: 'Integer',
    defaultValue: '3',
    description:
      'Brokers can fail receiving the message for multiple reasons, and being unavailable transiently is just one of them. This property specifies the number of retries before the producer give up and drop this message. This is the option to control `retries` in producer configs.',
  },
  {
    name: 'retry-backoff-ms',
    arg: 'required',
    type: 'Long',
    defaultValue: '100',
    description:
      'Before each retry, the producer refreshes the metadata of relevant topics. Since leader election takes a bit of time, this property specifies the amount of time that the producer waits before refreshing the metadata. This is the option to control `retry.backoff.ms` in producer configs.',
  },
  {
    name: 'timeout',
    arg: 'required',
    type: 'Long',
    argName: 'timeout_ms',
    defaultValue: '1000',
    description:
      'If set and the producer is running in asynchronous mode, this gives the maximum amount of time a message will queue awaiting sufficient batch size. The value is given in ms. This is the option to control `linger.ms` in producer configs.',
  },
  {
    name: 'request-required-acks',
    arg: 'required',
    argName: 'request required acks',
    defaultValue: '-1',
    description: 'The required `acks` of the producer requests',
  },
  {
    name: 'request-timeout-ms',
    arg: 'required',
    type: 'Integer',
    argName: 'request timeout ms',
    defaultValue: '1500',
    description: 'The ack timeout of the producer requests. Value must be non-negative and non-zero.',
  },
  {
    name: 'metadata-expiry-ms',
    arg: 'required',
    type: 'Long',
    argName: 'metadata expiration interval',
    defaultValue: '300000',
    description:
      "The period of time in milliseconds after which we force a refresh of metadata even if we haven't seen any leadership changes. This is the option to control `metadata.max.age.ms` in producer configs.",
  },
  {
    name: 'max-block-ms',
    arg: 'required',
    type: 'Long',
    argName: 'max block on send',
    defaultValue: '60000',
    description: 'The max time that the producer will block for during a send request.',
  },
  {
    name: 'max-memory-bytes',
    arg: 'required',
    type: 'Long',
    argName: 'total memory in bytes',
    defaultValue: '33554432',
    description: 'The total memory used by the producer to buffer records waiting to be sent to the server. This is the option to control `buffer.memory` in producer configs.',
  },
  {
    name: 'max-partition-memory-bytes',
    arg: 'required',
    type: 'Integer',
    argName: 'memory in bytes per partition',
    defaultValue: '16384',
    description:
      'The buffer size allocated for a partition. When records are received which are smaller than this size the producer will attempt to optimistically group them together until this size is reached. This is the option to control `batch.size` in producer configs.',
  },
  {
    name: 'line-reader',
    arg: 'required',
    argName: 'reader_class',
    defaultValue: LINE_MESSAGE_READER,
    description: 'The class name of the class to use for reading lines from standard in. By default each line is read as a separate message.',
  },
  {
    name: 'socket-buffer-size',
    arg: 'required',
    type: 'Integer',
    argName: 'size',
    defaultValue: '102400',
    description: 'The size of the tcp RECV size. This is the option to control `send.buffer.bytes` in producer configs.',
  },
  { name: 'property', arg: 'required', argName: 'prop', description: PROPERTY_HELP },
  { name: 'reader-property', arg: 'required', kt: true, argName: 'prop', description: PROPERTY_HELP.replace('A mechanism', 'KIP-1147 name of --property. A mechanism') },
  { name: 'reader-config', arg: 'required', argName: 'config file', description: 'Config properties file for the message reader. Note that [property] takes precedence over this config.' },
  { name: 'producer-property', arg: 'required', argName: 'producer_prop', description: 'A mechanism to pass user-defined properties in the form key=value to the producer. ' },
  { name: 'command-property', arg: 'required', kt: true, argName: 'producer_prop', description: 'KIP-1147 name of --producer-property: producer config properties in the form key=value.' },
  {
    name: 'producer.config',
    arg: 'required',
    argName: 'config file',
    description: 'Producer config properties file. Note that [producer-property] takes precedence over this config.',
  },
  { name: 'command-config', arg: 'required', kt: true, argName: 'config file', description: 'KIP-1147 name of --producer.config: producer config properties file.' },
];

/** Which of two spellings of an option was used; both at once is a usage error (KIP-1147). */
export function eitherSpelling(options: ParsedOptions, legacy: string, current: string): string {
  if (options.has(legacy) && options.has(current)) {
    throw new UsageError(`Options --${legacy} and --${current} cannot be specified together.`);
  }
  return options.has(current) ? current : legacy;
}

/** ToolsUtils.validateBootstrapServer (messages end in a newline: a blank line follows). */
export function validateBootstrapServer(value: string | undefined): void {
  if (value === undefined || value.trim() === '') throw new UsageError('Error while validating the bootstrap address\n');
  const entries = value.includes(',') ? value.split(',') : [value];
  if (!entries.every((e) => parseHostPort(e) !== undefined)) {
    throw new UsageError('Please provide valid host:port like host1:9091,host2:9092\n');
  }
}

export interface ConsoleProducerConfig {
  readonly topic: string;
  readonly sync: boolean;
  readonly readerClass: string;
  readonly readerProps: ClientProperties;
  readonly producerProps: ClientProperties;
}

/** ConsoleProducerConfig: validation in Kafka's order, then the reader and producer properties. */
export function consoleProducerConfig(options: ParsedOptions): ConsoleProducerConfig {
  checkHelpOrVersion(options, 'This tool helps to read data from standard input and publish it to Kafka.');
  checkRequired(options, 'topic');
  validateBootstrapServer(options.valueOf('bootstrap-server'));
  const propertyOpt = eitherSpelling(options, 'property', 'reader-property');
  const producerPropertyOpt = eitherSpelling(options, 'producer-property', 'command-property');
  const producerConfigOpt = eitherSpelling(options, 'producer.config', 'command-config');

  const topic = options.valueOf('topic')!;
  const readerProps: ClientProperties = options.has('reader-config') ? loadPropertiesFile(options.valueOf('reader-config')!) : new Map();
  readerProps.set('topic', topic);
  putAll(readerProps, parseKeyValueArgs(options.valuesOf(propertyOpt)));

  const props: ClientProperties = options.has(producerConfigOpt) ? loadPropertiesFile(options.valueOf(producerConfigOpt)!) : new Map();
  putAll(props, parseKeyValueArgs(options.valuesOf(producerPropertyOpt)));
  props.set('bootstrap.servers', options.valueOf('bootstrap-server')!);
  // The codec option always wins over compression.type from the properties (Kafka does this too).
  props.set('compression.type', compressionCodec(options));
  if (props.get('client.id') === undefined) props.set('client.id', 'console-producer');
  props.set('key.serializer', 'org.apache.kafka.common.serialization.ByteArraySerializer');
  props.set('value.serializer', 'org.apache.kafka.common.serialization.ByteArraySerializer');
  mergeOption(options, props, 'linger.ms', 'timeout', 'long');
  mergeOption(options, props, 'acks', 'request-required-acks', 'string');
  mergeOption(options, props, 'request.timeout.ms', 'request-timeout-ms', 'int');
  mergeOption(options, props, 'retries', 'message-send-max-retries', 'int');
  mergeOption(options, props, 'retry.backoff.ms', 'retry-backoff-ms', 'long');
  mergeOption(options, props, 'send.buffer.bytes', 'socket-buffer-size', 'int');
  mergeOption(options, props, 'buffer.memory', 'max-memory-bytes', 'long');
  mergeOption(options, props, 'batch.size', 'batch-size', 'int');
  mergeOption(options, props, 'batch.size', 'max-partition-memory-bytes', 'int');
  mergeOption(options, props, 'metadata.max.age.ms', 'metadata-expiry-ms', 'long');
  mergeOption(options, props, 'max.block.ms', 'max-block-ms', 'long');

  return { topic, sync: options.has('sync'), readerClass: options.valueOf('line-reader')!, readerProps, producerProps: props };
}

function compressionCodec(options: ParsedOptions): string {
  if (!options.has('compression-codec')) return 'none';
  const value = options.valueOf('compression-codec');
  return value === undefined || value === '' ? 'gzip' : value;
}

/** CommandLineUtils.maybeMergeOptions: explicit option > existing property > option default. */
function mergeOption(options: ParsedOptions, props: ClientProperties, key: string, option: string, type: 'int' | 'long' | 'string'): void {
  if (options.has(option) || !props.has(key)) {
    const value = type === 'int' ? options.intValueOf(option) : type === 'long' ? options.longValueOf(option) : options.valueOf(option);
    if (value === undefined) props.delete(key);
    else props.set(key, String(value));
  }
}

/** The producer settings the console producer runs with (the client's ProducerConfig). */
export function producerSettings(props: ClientProperties): ProducerConfig {
  return producerConfig(props, { clientId: 'console-producer' });
}
