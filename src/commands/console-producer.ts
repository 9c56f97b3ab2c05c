// `kt console-producer` — kafka-console-producer.sh. Declared once here; oclif's help, the manifest, completion and the man
// page are derived from this declaration (src/cli/tool-command.ts), and the tool keeps Kafka's
// own parser, messages and --help.
import { PRODUCER_OPTIONS } from '../tools/console-producer/options.js';
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'console-producer',
  kafkaScript: 'kafka-console-producer.sh',
  summary: 'Read lines from standard input and publish them to Kafka (kafka-console-producer.sh).',
  description: "Reads records from standard input, one per line (keys and headers with parse.key / parse.headers), and sends them to a topic, as Kafka's kafka-console-producer.sh does.",
  usage: 'console-producer --bootstrap-server <host:port> --topic <topic> [options]',
  examples: ['console-producer --bootstrap-server localhost:9092 --topic orders < orders.txt', 'console-producer --bootstrap-server localhost:9092 --topic orders --property parse.key=true --property key.separator=:'],
  options: { jopt: PRODUCER_OPTIONS },
  repeatable: ['property', 'reader-property', 'producer-property', 'command-property'],
  entry: { run: 'tools/console-producer/run.js#runConsoleProducer', options: 'tools/console-producer/options.js#PRODUCER_OPTIONS' },
});
