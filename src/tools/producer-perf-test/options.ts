// kafka-producer-perf-test's argparse4j options (prog `producer-performance`) and the checks
// Kafka's ConfigPostProcessor makes before anything runs.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ArgparseError, type ArgGroup, type ArgSpec, type ParsedArgs } from '../../java-compat/argparse.js';
import { type ClientProperties } from '../../client/config.js';
import { loadPropertiesFile } from '../../cli/client-config.js';

export const PRODUCER_PERF_PROG = 'producer-performance';

export const PRODUCER_PERF_DESCRIPTION =
  'This tool is used to verify the producer performance. To enable transactions, you can specify a transaction id or set a transaction duration using --transaction-duration-ms. There are three ways to specify the transaction id: set transaction.id=<id> via --producer-props, set transaction.id=<id> in the config file via --producer.config, or use --transaction-id <id>.';

export const PAYLOAD_GROUP: ArgGroup = {
  name: 'payload',
  required: true,
  title: '',
  description: 'either --record-size or --payload-file must be specified but not both.',
};

export const PRODUCER_PERF_ARGS: readonly ArgSpec[] = [
  { flags: ['-h', '--help'], kind: 'flag', help: 'show this help message and exit' },
  { flags: ['--topic'], metavar: 'TOPIC', required: true, help: 'produce messages to this topic' },
  { flags: ['--num-records'], metavar: 'NUM-RECORDS', type: 'Long', required: true, help: 'number of messages to produce' },
  {
    flags: ['--payload-delimiter'],
    metavar: 'PAYLOAD-DELIMITER',
    defaultValue: '\\n',
    help: 'provides delimiter to be used when --payload-file is provided. Defaults to new line. Note that this parameter will be ignored if --payload-file is not provided.',
  },
  {
    flags: ['--throughput'],
    metavar: 'THROUGHPUT',
    type: 'Double',
    required: true,
    help: 'throttle maximum message throughput to *approximately* THROUGHPUT messages/sec. Set this to -1 to disable throttling.',
  },
  {
    flags: ['--producer-props'],
    metavar: 'PROP-NAME=PROP-VALUE',
    kind: 'many',
    help: 'kafka producer related configuration properties like bootstrap.servers,client.id etc. These configs take precedence over those passed via --producer.config.',
  },
  { flags: ['--producer.config'], metavar: 'CONFIG-FILE', help: 'producer config properties file.' },
  { flags: ['--print-metrics'], kind: 'flag', help: 'print out metrics at the end of the test.' },
  {
    flags: ['--transactional-id'],
    metavar: 'TRANSACTIONAL-ID',
    help: 'The transactional id to use. This config takes precedence over the transactional.id specified via --producer.config or --producer-props. Note that if the transactional id is not specified while --transaction-duration-ms is provided, the default value for the transactional id will be performance-producer- followed by a random uuid.',
  },
  {
    flags: ['--transaction-duration-ms'],
    metavar: 'TRANSACTION-DURATION',
    type: 'Long',
    help: 'The max age of each transaction. The commitTransaction will be called after this time has elapsed. The value should be greater than 0. If the transactional id is specified via --producer-props, --producer.config, or --transactional-id but --transaction-duration-ms is not specified, the default value will be 3000.',
  },
  {
    flags: ['--record-size'],
    metavar: 'RECORD-SIZE',
    type: 'Integer',
    group: 'payload',
    help: 'message size in bytes. Note that you must provide exactly one of --record-size or --payload-file or --payload-monotonic.',
  },
  {
    flags: ['--payload-file'],
    metavar: 'PAYLOAD-FILE',
    group: 'payload',
    help: 'file to read the message payloads from. This works only for UTF-8 encoded text files. Payloads will be read from this file and a payload will be randomly selected when sending messages. Note that you must provide exactly one of --record-size or --payload-file or --payload-monotonic.',
  },
  {
    flags: ['--payload-monotonic'],
    kind: 'flag',
    group: 'payload',
    help: 'payload is monotonically increasing integer. Note that you must provide exactly one of --record-size or --payload-file or --payload-monotonic.',
  },
];

export interface ProducerPerfConfig {
  readonly topic: string;
  readonly numRecords: number;
  readonly throughput: number;
  readonly recordSize: number | undefined;
  readonly payloadFile: string | undefined;
  readonly payloadDelimiter: string;
  readonly payloadMonotonic: boolean;
  readonly printMetrics: boolean;
  readonly transactional: boolean;
  /** How long each transaction runs before it is committed (3000 by default when transactional). */
  readonly transactionDurationMs: number | undefined;
  /** The producer properties; with transactions on, transactional.id is set in them. */
  readonly props: ClientProperties;
}

/** ConfigPostProcessor's checks (usage errors) and the merged producer properties. */
export function producerPerfConfig(args: ParsedArgs): ProducerPerfConfig {
  const numRecords = args.get('num_records') as number;
  const recordSize = args.get('record_size') as number | undefined;
  const propsArgs = args.get('producer_props') as string[] | undefined;
  const configFile = args.get('producer.config') as string | undefined;
  const durationMs = args.get('transaction_duration_ms') as number | undefined;
  if (numRecords <= 0) throw new ArgparseError('--num-records should be greater than zero');
  if (recordSize !== undefined && recordSize <= 0) throw new ArgparseError('--record-size should be greater than zero');
  if (propsArgs === undefined && configFile === undefined) throw new ArgparseError('Either --producer-props or --producer.config must be specified.');
  if (durationMs !== undefined && durationMs <= 0) throw new ArgparseError('--transaction-duration-ms should be greater than zero');
  const props: ClientProperties = configFile !== undefined ? loadPropertiesFile(configFile) : new Map();
  for (const prop of propsArgs ?? []) {
    // Java's prop.split("="): trailing empty pieces vanish, so `a=` and `a=b=c` are both invalid.
    const pieces = prop.split('=');
    while (pieces.length > 0 && pieces[pieces.length - 1] === '') pieces.pop();
    if (pieces.length !== 2) throw new Error(`Invalid property: ${prop}`);
    props.set(pieces[0]!.trim(), pieces[1]!.trim());
  }
  if (!props.has('client.id')) props.set('client.id', 'perf-producer-client');
  const transactionalIdArg = args.get('transactional_id') as string | undefined;
  const transactional = transactionalIdArg !== undefined || durationMs !== undefined || props.has('transactional.id');
  if (transactional) {
    // The argument wins over the properties; without either, a random id (Java's Uuid text: 22 base64url characters).
    props.set('transactional.id', transactionalIdArg ?? props.get('transactional.id') ?? `performance-producer-${randomBytes(16).toString('base64url')}`);
  }
  return {
    topic: args.get('topic') as string,
    numRecords,
    throughput: args.get('throughput') as number,
    recordSize,
    payloadFile: args.get('payload_file') as string | undefined,
    payloadDelimiter: args.get('payload_delimiter') as string,
    payloadMonotonic: args.get('payload_monotonic') === true,
    printMetrics: args.get('print_metrics') === true,
    transactional,
    transactionDurationMs: transactional ? (durationMs ?? 3000) : undefined,
    props,
  };
}

/** Payloads of --payload-file: the file split at a Java regex, trailing empty pieces dropped. */
export function readPayloadFile(path: string, delimiter: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    text = '';
  }
  // Kafka unescapes only "\n" in the delimiter argument's default; the value is a Java regex.
  const pattern = delimiter === '\\n' ? '\n' : delimiter;
  const pieces = text === '' ? [] : text.split(new RegExp(pattern, 'u'));
  while (pieces.length > 0 && pieces[pieces.length - 1] === '') pieces.pop();
  return pieces;
}
