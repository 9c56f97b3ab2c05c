// kafka-transactions.sh's argparse4j declaration (TransactionsCommand, Kafka 4.0): the global
// options before the sub-command, then list, describe, describe-producers, abort and find-hanging
// with their own arguments. Help texts are Kafka's own, spacing included.
import type { Arg4j, Parser4j } from '../../java-compat/argparse4j-subcommands.js';

const PROG = 'kafka-transactions.sh';

const topic = (help = 'topic name'): Arg4j => ({ flags: ['--topic'], required: true, help });
const partition = (required = true): Arg4j => ({ flags: ['--partition'], type: 'Integer', required, help: 'partition number' });

export const TRANSACTIONS_PARSER: Parser4j = {
  prog: PROG,
  description: 'This tool is used to analyze the transactional state of producers in the cluster. It can be used to detect and recover from hanging transactions.',
  args: [
    { flags: ['-v', '--version'], kind: 'version', help: 'show the version of this Kafka distribution and exit' },
    { flags: ['--command-config'], metavar: 'FILE', help: 'property file containing configs to be passed to admin client' },
    {
      flags: ['--bootstrap-server'],
      metavar: 'host:port',
      required: true,
      // Kafka's text has two spaces after `host:port`.
      help: 'hostname and port for the broker to connect to, in the form `host:port`  (multiple comma-separated entries can be given)',
    },
  ],
  commandsTitle: 'commands',
  commandsMetavar: 'COMMAND',
  commands: [
    {
      name: 'list',
      help: 'list transactions',
      parser: {
        prog: PROG,
        args: [
          {
            flags: ['--duration-filter'],
            type: 'Long',
            help: 'Duration (in millis) to filter by: if < 0, all transactions will be returned; otherwise, only transactions running longer than this duration will be returned',
          },
        ],
      },
    },
    {
      name: 'describe',
      help: 'describe the state of an active transactional-id',
      parser: {
        prog: PROG,
        description: 'Describe the state of an active transactional-id.',
        args: [{ flags: ['--transactional-id'], required: true, help: 'transactional id' }],
      },
    },
    {
      name: 'describe-producers',
      help: 'describe the states of active producers for a topic partition',
      parser: {
        prog: PROG,
        args: [
          { flags: ['--broker-id'], type: 'Integer', help: 'optional broker id to describe the producer state on a specific replica' },
          topic(),
          partition(),
        ],
      },
    },
    {
      name: 'abort',
      help: 'abort a hanging transaction (requires administrative privileges)',
      parser: {
        prog: PROG,
        args: [
          topic(),
          partition(),
          { flags: ['--start-offset'], type: 'Long', titled: 'new', help: 'start offset of the transaction to abort' },
          { flags: ['--producer-id'], type: 'Long', titled: 'old', help: 'producer id' },
          { flags: ['--producer-epoch'], type: 'Short', titled: 'old', help: 'producer epoch' },
          { flags: ['--coordinator-epoch'], type: 'Integer', titled: 'old', help: 'coordinator epoch' },
        ],
        titled: [
          { name: 'new', title: 'Brokers on versions 3.0 and above', description: 'For newer brokers, only the start offset of the transaction to be aborted is required' },
          { name: 'old', title: 'Brokers on versions older than 3.0', description: 'For older brokers, you must provide all of these arguments' },
        ],
      },
    },
    {
      name: 'find-hanging',
      help: 'find hanging transactions',
      parser: {
        prog: PROG,
        args: [
          { flags: ['--broker-id'], type: 'Integer', help: 'broker id to search for hanging transactions' },
          {
            flags: ['--max-transaction-timeout'],
            type: 'Integer',
            defaultValue: '15',
            help: 'maximum transaction timeout in minutes to limit the scope of the search (15 minutes by default)',
          },
          { flags: ['--topic'], help: 'topic name to limit search to (required if --partition is specified)' },
          partition(false),
        ],
      },
    },
  ],
};
