// `kt transactions` — kafka-transactions.sh. Declared once here; oclif's help, the manifest,
// completion and the man page are derived from this declaration (src/cli/tool-command.ts), and the
// tool keeps Kafka's own parser (argparse4j with sub-commands), messages and --help.
import { TRANSACTIONS_PARSER } from '../tools/transactions/options.js';
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'transactions',
  kafkaScript: 'kafka-transactions.sh',
  summary: 'List, describe and abort transactions, describe producers, find hanging transactions (kafka-transactions.sh).',
  description:
    "Lists the transactions each coordinator knows (list), describes a transactional id's state (describe), shows the active producers of a partition with their open transactions (describe-producers), aborts a transaction by writing an ABORT marker to the partition (abort, by --start-offset or by producer id, epoch and coordinator epoch) and finds open transactions no coordinator will complete (find-hanging), with the tables and messages of Kafka's kafka-transactions.sh. With --json the result is printed as JSON (docs/json-output.md).",
  usage: 'transactions [--command-config <file>] --bootstrap-server <host:port> {list,describe,describe-producers,abort,find-hanging} ...',
  examples: [
    'transactions --bootstrap-server localhost:9092 list',
    'transactions --bootstrap-server localhost:9092 describe --transactional-id my-txn',
    'transactions --bootstrap-server localhost:9092 describe-producers --topic orders --partition 0',
    'transactions --bootstrap-server localhost:9092 abort --topic orders --partition 0 --start-offset 42',
    'transactions --bootstrap-server localhost:9092 find-hanging --broker-id 1',
  ],
  options: { argparse4j: TRANSACTIONS_PARSER },
  entry: { run: 'tools/transactions/run.js#runTransactions' },
});
