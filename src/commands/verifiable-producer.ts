// `kt verifiable-producer` — kafka-verifiable-producer.sh. Declared once here; oclif's help, the
// manifest, completion and the man page are derived from this declaration
// (src/cli/tool-command.ts), and the tool keeps Kafka's own parser (argparse4j), messages and --help.
import { VERIFIABLE_PRODUCER_ARGS } from '../tools/verifiable-producer/options.js';
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'verifiable-producer',
  kafkaScript: 'kafka-verifiable-producer.sh',
  summary: 'Produce increasing integers and print every acknowledgement as JSON, for system tests (kafka-verifiable-producer.sh).',
  description:
    "Produces increasing integers (optionally keyed, prefixed, throttled) and prints Kafka's JSON event lines (startup_complete, producer_send_success, producer_send_error, shutdown_complete, tool_data), making externally visible which records were acknowledged, as Kafka's kafka-verifiable-producer.sh does for system tests.",
  usage: 'verifiable-producer --topic <topic> --bootstrap-server <host:port> [--max-messages <n>] [--throughput <msg/s>] [--acks <acks>] [--value-prefix <n>] [--repeating-keys <n>]',
  examples: ['verifiable-producer --bootstrap-server localhost:9092 --topic orders --max-messages 1000 --throughput 500'],
  options: { argparse: VERIFIABLE_PRODUCER_ARGS },
  entry: { run: 'tools/verifiable-producer/run.js#runVerifiableProducer', answersVersion: true },
});
