// kafka-verifiable-producer's argparse4j options (prog `verifiable-producer`) and the producer
// properties they make (VerifiableProducer.createFromArgs). The help and usage blocks are
// argparse4j's exact text for these options (its justified wrapping at 75 columns).
import { ArgparseError, type ArgGroup, type ArgSpec, type ParsedArgs } from '../../java-compat/argparse.js';
import { loadPropertiesFile } from '../../cli/client-config.js';
import type { ClientProperties } from '../../client/config.js';

export const VERIFIABLE_PRODUCER_PROG = 'verifiable-producer';

export const CONNECTION_GROUP: ArgGroup = {
  name: 'connection',
  required: true,
  title: 'Connection Group',
  description: 'Group of arguments for connection to brokers',
};

export const VERIFIABLE_PRODUCER_ARGS: readonly ArgSpec[] = [
  { flags: ['-h', '--help'], kind: 'flag', help: 'show this help message and exit' },
  { flags: ['--topic'], metavar: 'TOPIC', required: true, help: 'Produce messages to this topic.' },
  { flags: ['--max-messages'], metavar: 'MAX-MESSAGES', type: 'Integer', defaultValue: '-1', help: 'Produce this many messages. If -1, produce messages until the process is killed externally.' },
  { flags: ['--throughput'], metavar: 'THROUGHPUT', type: 'Integer', defaultValue: '-1', help: 'If set >= 0, throttle maximum message throughput to *approximately* THROUGHPUT messages/sec.' },
  { flags: ['--acks'], metavar: 'ACKS', type: 'Integer', defaultValue: '-1', help: 'Acks required on each produced message. See Kafka docs on acks for details.' },
  { flags: ['--producer.config'], metavar: 'CONFIG_FILE', help: 'Producer config properties file.' },
  // KIP-1147's name of --producer.config; not in this Kafka build's help.
  { flags: ['--command-config'], metavar: 'CONFIG_FILE', help: 'Producer config properties file.' },
  { flags: ['--message-create-time'], metavar: 'CREATETIME', type: 'Long', defaultValue: '-1', help: 'Send messages with creation time starting at the arguments value, in milliseconds since epoch' },
  { flags: ['--value-prefix'], metavar: 'VALUE-PREFIX', type: 'Integer', help: 'If specified, each produced value will have this prefix with a dot separator' },
  { flags: ['--repeating-keys'], metavar: 'REPEATING-KEYS', type: 'Integer', help: 'If specified, each produced record will have a key starting at 0 increment by 1 up to the number specified (exclusive), then the key is set to 0 again' },
  { flags: ['--bootstrap-server'], metavar: 'HOST1:PORT1[,HOST2:PORT2[...]]', group: 'connection', help: 'REQUIRED: The server(s) to connect to. Comma-separated list of Kafka brokers in the form HOST1:PORT1,HOST2:PORT2,...' },
];

/** argparse4j's usage block, printed above a usage error. */
export const VERIFIABLE_PRODUCER_USAGE = "usage: verifiable-producer [-h] --topic TOPIC [--max-messages MAX-MESSAGES]\n                           [--throughput THROUGHPUT] [--acks ACKS]\n                           [--producer.config CONFIG_FILE]\n                           [--message-create-time CREATETIME]\n                           [--value-prefix VALUE-PREFIX]\n                           [--repeating-keys REPEATING-KEYS]\n                           --bootstrap-server HOST1:PORT1[,HOST2:PORT2[...]]\n";

/** `--help`: argparse4j's full help text. */
export const VERIFIABLE_PRODUCER_HELP = "usage: verifiable-producer [-h] --topic TOPIC [--max-messages MAX-MESSAGES]\n                           [--throughput THROUGHPUT] [--acks ACKS]\n                           [--producer.config CONFIG_FILE]\n                           [--message-create-time CREATETIME]\n                           [--value-prefix VALUE-PREFIX]\n                           [--repeating-keys REPEATING-KEYS]\n                           --bootstrap-server HOST1:PORT1[,HOST2:PORT2[...]]\n\nThis tool produces increasing integers  to  the  specified topic and prints\nJSON metadata to stdout on  each  \"send\" request, making externally visible\nwhich messages have been acked and which have not.\n\noptional arguments:\n  -h, --help             show this help message and exit\n  --topic TOPIC          Produce messages to this topic.\n  --max-messages MAX-MESSAGES\n                         Produce  this  many   messages.   If  -1,  produce\n                         messages until the  process  is killed externally.\n                         (default: -1)\n  --throughput THROUGHPUT\n                         If set >= 0,  throttle  maximum message throughput\n                         to   *approximately*    THROUGHPUT   messages/sec.\n                         (default: -1)\n  --acks ACKS            Acks required on each  produced message. See Kafka\n                         docs on acks for details. (default: -1)\n  --producer.config CONFIG_FILE\n                         Producer config properties file.\n  --message-create-time CREATETIME\n                         Send messages with creation  time  starting at the\n                         arguments  value,  in   milliseconds  since  epoch\n                         (default: -1)\n  --value-prefix VALUE-PREFIX\n                         If specified, each produced  value  will have this\n                         prefix with a dot separator\n  --repeating-keys REPEATING-KEYS\n                         If specified, each  produced  record  will  have a\n                         key starting at 0 increment by  1 up to the number\n                         specified (exclusive), then the  key  is  set to 0\n                         again\n\nConnection Group:\n  Group of arguments for connection to brokers\n\n  --bootstrap-server HOST1:PORT1[,HOST2:PORT2[...]]\n                         REQUIRED: The  server(s)  to  connect  to.  Comma-\n                         separated list of Kafka brokers in the form HOST1:\n                         PORT1,HOST2:PORT2,...\n";

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
  if (args.has('producer.config') && args.has('command_config')) throw new ArgparseError('argument --command-config: not allowed with argument --producer.config');
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
