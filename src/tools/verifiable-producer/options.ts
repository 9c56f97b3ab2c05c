// kafka-verifiable-producer's argparse4j options (prog `verifiable-producer`), declared as Kafka
// 4.0's VerifiableProducer declares them, and the producer properties they make (createFromArgs).
// Help, usage and usage errors come from the argparse4j engine (java-compat/argparse.ts).
import { ArgparseError, type ArgGroup, type ArgSpec, type ParsedArgs } from '../../java-compat/argparse.js';
import type { ArgparseTool } from '../../java-compat/argparse-tool.js';
import { loadPropertiesFile } from '../../cli/client-config.js';
import type { ClientProperties } from '../../client/config.js';

export const VERIFIABLE_PRODUCER_PROG = 'verifiable-producer';

export const VERIFIABLE_PRODUCER_DESCRIPTION =
  'This tool produces increasing integers to the specified topic and prints JSON metadata to stdout on each "send" request, making externally visible which messages have been acked and which have not.';

/**
 * Kafka declares --bootstrap-server in a required mutually exclusive group of one (a relic of
 * --broker-list), the argument itself not required: a missing one reads "one of the arguments
 * --bootstrap-server is required", and usage lists it after the plain arguments.
 */
export const CONNECTION_GROUP: ArgGroup = {
  name: 'connection',
  required: true,
  title: 'Connection Group',
  description: 'Group of arguments for connection to brokers',
};

export const VERIFIABLE_PRODUCER_ARGS: readonly ArgSpec[] = [
  { flags: ['-h', '--help'], kind: 'flag', help: 'show this help message and exit' },
  { flags: ['--topic'], metavar: 'TOPIC', required: true, help: 'Produce messages to this topic.' },
  {
    flags: ['--bootstrap-server'],
    metavar: 'HOST1:PORT1[,HOST2:PORT2[...]]',
    group: 'connection',
    help: 'REQUIRED: The server(s) to connect to. Comma-separated list of Kafka brokers in the form HOST1:PORT1,HOST2:PORT2,...',
  },
  {
    flags: ['--max-messages'],
    metavar: 'MAX-MESSAGES',
    type: 'Integer',
    defaultValue: '-1',
    help: 'Produce this many messages. If -1, produce messages until the process is killed externally.',
  },
  {
    flags: ['--throughput'],
    metavar: 'THROUGHPUT',
    type: 'Integer',
    defaultValue: '-1',
    help: 'If set >= 0, throttle maximum message throughput to *approximately* THROUGHPUT messages/sec.',
  },
  {
    flags: ['--acks'],
    metavar: 'ACKS',
    type: 'Integer',
    defaultValue: '-1',
    choices: ['0', '1', '-1'],
    help: 'Acks required on each produced message. See Kafka docs on acks for details.',
  },
  { flags: ['--producer.config'], metavar: 'CONFIG_FILE', help: 'Producer config properties file.' },
  {
    flags: ['--message-create-time'],
    metavar: 'CREATETIME',
    type: 'Long',
    defaultValue: '-1',
    help: 'Send messages with creation time starting at the arguments value, in milliseconds since epoch',
  },
  {
    flags: ['--value-prefix'],
    metavar: 'VALUE-PREFIX',
    type: 'Integer',
    help: 'If specified, each produced value will have this prefix with a dot separator',
  },
  {
    flags: ['--repeating-keys'],
    metavar: 'REPEATING-KEYS',
    type: 'Integer',
    help: 'If specified, each produced record will have a key starting at 0 increment by 1 up to the number specified (exclusive), then the key is set to 0 again',
  },
  // KIP-1147's name of --producer.config (later Kafka releases); not in Kafka 4.0's help.
  {
    flags: ['--command-config'],
    metavar: 'CONFIG_FILE',
    kt: true,
    help: 'Config properties file (config options shared with command line parameters will be overridden).',
  },
];

export const VERIFIABLE_PRODUCER_TOOL: ArgparseTool = {
  prog: VERIFIABLE_PRODUCER_PROG,
  description: VERIFIABLE_PRODUCER_DESCRIPTION,
  specs: VERIFIABLE_PRODUCER_ARGS,
  groups: [CONNECTION_GROUP],
};

export interface VerifiableProducerConfig {
  readonly topic: string;
  readonly maxMessages: number;
  readonly throughput: number;
  /** -1: the producer's own timestamps. */
  readonly createTime: number;
  readonly valuePrefix: number | undefined;
  readonly repeatingKeys: number | undefined;
  readonly props: ClientProperties;
}

/** createFromArgs: flags first, then the config file on top (it may override acks and retries). */
export function verifiableProducerConfig(args: ParsedArgs): VerifiableProducerConfig {
  // Later Kafka releases (KIP-1147) reject both with this message.
  if (args.has('producer.config') && args.has('command_config')) throw new ArgparseError('Options --producer.config and --command-config are mutually exclusive.');
  const configFile = (args.get('producer.config') ?? args.get('command_config')) as string | undefined;
  const props: ClientProperties = new Map();
  props.set('bootstrap.servers', args.get('bootstrap_server') as string);
  props.set('acks', String(args.get('acks')));
  // No retries: a retried send could duplicate or reorder what the system tests check.
  props.set('retries', '0');
  if (configFile !== undefined) for (const [k, v] of loadPropertiesFile(configFile)) props.set(k, v);
  return {
    topic: args.get('topic') as string,
    maxMessages: args.get('max_messages') as number,
    throughput: args.get('throughput') as number,
    createTime: args.get('message_create_time') as number,
    valuePrefix: args.get('value_prefix') as number | undefined,
    repeatingKeys: args.get('repeating_keys') as number | undefined,
    props,
  };
}
