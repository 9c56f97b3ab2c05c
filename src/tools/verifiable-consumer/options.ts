// kafka-verifiable-consumer's argparse4j options (prog `verifiable-consumer`), declared as Kafka
// 4.0's VerifiableConsumer declares them. Help, usage and usage errors come from the argparse4j
// engine (java-compat/argparse.ts).
import { type ArgGroup, type ArgSpec, type ParsedArgs } from '../../java-compat/argparse.js';
import type { ArgparseTool } from '../../java-compat/argparse-tool.js';
import { type ClientProperties } from '../../client/config.js';
import { loadPropertiesFile } from '../../cli/client-config.js';

export const VERIFIABLE_CONSUMER_PROG = 'verifiable-consumer';

export const VERIFIABLE_CONSUMER_DESCRIPTION =
  'This tool consumes messages from a specific topic and emits consumer events (e.g. group rebalances, received messages, and offsets committed) as JSON objects to STDOUT.';

/**
 * A required mutually exclusive group of one (a relic of --broker-list) whose argument is itself
 * required, so a missing --bootstrap-server reads "argument --bootstrap-server is required".
 */
export const CONNECTION_GROUP: ArgGroup = {
  name: 'connection',
  required: true,
  title: 'Connection Group',
  description: 'Group of arguments for connection to brokers',
};

export const VERIFIABLE_CONSUMER_ARGS: readonly ArgSpec[] = [
  { flags: ['-h', '--help'], kind: 'flag', help: 'show this help message and exit' },
  {
    flags: ['--bootstrap-server'],
    metavar: 'HOST1:PORT1[,HOST2:PORT2[...]]',
    required: true,
    group: 'connection',
    help: 'The server(s) to connect to. Comma-separated list of Kafka brokers in the form HOST1:PORT1,HOST2:PORT2,...',
  },
  { flags: ['--topic'], metavar: 'TOPIC', required: true, help: 'Consumes messages from this topic.' },
  { flags: ['--group-protocol'], metavar: 'GROUP_PROTOCOL', defaultValue: 'classic', help: 'Group protocol (must be one of CLASSIC, CONSUMER)' },
  { flags: ['--group-remote-assignor'], metavar: 'GROUP_REMOTE_ASSIGNOR', help: 'Group remote assignor; only used if the group protocol is CONSUMER' },
  { flags: ['--group-id'], metavar: 'GROUP_ID', required: true, help: 'The groupId shared among members of the consumer group' },
  { flags: ['--group-instance-id'], metavar: 'GROUP_INSTANCE_ID', help: 'A unique identifier of the consumer instance' },
  {
    flags: ['--max-messages'],
    metavar: 'MAX-MESSAGES',
    type: 'Integer',
    defaultValue: '-1',
    help: 'Consume this many messages. If -1 (the default), the consumer will consume until the process is killed externally',
  },
  { flags: ['--session-timeout'], metavar: 'TIMEOUT_MS', type: 'Integer', defaultValue: '30000', help: "Set the consumer's session timeout" },
  { flags: ['--verbose'], kind: 'flag', help: 'Enable to log individual consumed records' },
  { flags: ['--enable-autocommit'], kind: 'flag', help: 'Enable offset auto-commit on consumer' },
  // No metavar in Kafka: argparse4j's default, the dest (resetPolicy, assignmentStrategy) in upper case.
  { flags: ['--reset-policy'], metavar: 'RESETPOLICY', defaultValue: 'earliest', help: "Set reset policy (must be either 'earliest', 'latest', or 'none'" },
  {
    flags: ['--assignment-strategy'],
    metavar: 'ASSIGNMENTSTRATEGY',
    defaultValue: 'org.apache.kafka.clients.consumer.RangeAssignor',
    help: 'Set assignment strategy (e.g. org.apache.kafka.clients.consumer.RoundRobinAssignor); only used if the group protocol is CLASSIC',
  },
  {
    flags: ['--consumer.config'],
    metavar: 'CONFIG_FILE',
    help: 'Consumer config properties file (config options shared with command line parameters will be overridden).',
  },
];

export const VERIFIABLE_CONSUMER_TOOL: ArgparseTool = {
  prog: VERIFIABLE_CONSUMER_PROG,
  description: VERIFIABLE_CONSUMER_DESCRIPTION,
  specs: VERIFIABLE_CONSUMER_ARGS,
  groups: [CONNECTION_GROUP],
};

export interface VerifiableConsumerConfig {
  readonly topic: string;
  readonly groupProtocol: string;
  readonly maxMessages: number;
  readonly verbose: boolean;
  readonly useAutoCommit: boolean;
  readonly props: ClientProperties;
}

/** createFromArgs: the consumer properties, the config file first and the flags over it. */
export function verifiableConsumerConfig(args: ParsedArgs): VerifiableConsumerConfig {
  const props: ClientProperties = new Map();
  const configFile = args.get('consumer.config') as string | undefined;
  if (configFile !== undefined) for (const [k, v] of loadPropertiesFile(configFile)) props.set(k, v);
  const groupProtocol = args.get('group_protocol') as string;
  if (groupProtocol.toLowerCase() === 'consumer') {
    props.set('group.protocol', groupProtocol);
    const remote = args.get('group_remote_assignor') as string | undefined;
    if (remote !== undefined) props.set('group.remote.assignor', remote);
  } else {
    props.set('partition.assignment.strategy', args.get('assignment_strategy') as string);
  }
  props.set('group.id', args.get('group_id') as string);
  const instanceId = args.get('group_instance_id') as string | undefined;
  if (instanceId !== undefined) props.set('group.instance.id', instanceId);
  props.set('bootstrap.servers', args.get('bootstrap_server') as string);
  const useAutoCommit = args.get('enable_autocommit') === true;
  props.set('enable.auto.commit', String(useAutoCommit));
  props.set('auto.offset.reset', args.get('reset_policy') as string);
  props.set('session.timeout.ms', String(args.get('session_timeout')));
  return {
    topic: args.get('topic') as string,
    groupProtocol,
    maxMessages: args.get('max_messages') as number,
    verbose: args.get('verbose') === true,
    useAutoCommit,
    props,
  };
}
