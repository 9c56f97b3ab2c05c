// `kt verifiable-consumer` — kafka-verifiable-consumer.sh. Declared once here; oclif's help, the
// manifest, completion and the man page are derived from this declaration
// (src/cli/tool-command.ts), and the tool keeps Kafka's own parser (argparse4j), messages and --help.
import { VERIFIABLE_CONSUMER_ARGS } from '../tools/verifiable-consumer/options.js';
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'verifiable-consumer',
  kafkaScript: 'kafka-verifiable-consumer.sh',
  summary: 'Consume a topic in a group and print rebalance, consumption and commit events as JSON lines (kafka-verifiable-consumer.sh).',
  description:
    "Subscribes to one topic in a classic consumer group and prints Kafka's JSON event lines (startup_complete, partitions_assigned, partitions_revoked, records_consumed, offsets_committed, shutdown_complete), as Kafka's kafka-verifiable-consumer.sh does for system tests. Without --enable-autocommit it commits after every poll.",
  usage: 'verifiable-consumer --bootstrap-server <host:port> --topic <topic> --group-id <group> [--max-messages <n>] [--enable-autocommit] [--reset-policy earliest|latest|none] [--assignment-strategy <class>]',
  examples: ['verifiable-consumer --bootstrap-server localhost:9092 --topic orders --group-id checker --max-messages 1000'],
  options: { argparse: VERIFIABLE_CONSUMER_ARGS },
  entry: { run: 'tools/verifiable-consumer/run.js#runVerifiableConsumer', answersVersion: true },
});
