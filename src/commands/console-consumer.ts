// `kt console-consumer` — kafka-console-consumer.sh. Declared once here; oclif's help, the manifest, completion and the man
// page are derived from this declaration (src/cli/tool-command.ts), and the tool keeps Kafka's
// own parser, messages and --help.
import { CONSUMER_OPTIONS } from '../tools/console-consumer/options.js';
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'console-consumer',
  kafkaScript: 'kafka-console-consumer.sh',
  summary: 'Read records from Kafka topics and write them to standard output (kafka-console-consumer.sh).',
  description: "Consumes records from one topic, a regular expression of topics or one partition, in a consumer group or not, and prints them with Kafka's message formatters, as Kafka's kafka-console-consumer.sh does.",
  usage: 'console-consumer --bootstrap-server <host:port> (--topic <topic> | --include <regex>) [options]',
  examples: ['console-consumer --bootstrap-server localhost:9092 --topic orders --from-beginning', 'console-consumer --bootstrap-server localhost:9092 --topic orders --partition 0 --offset earliest --max-messages 10', "console-consumer --bootstrap-server localhost:9092 --include 'orders.*' --group audit --property print.key=true"],
  options: { jopt: CONSUMER_OPTIONS },
  repeatable: ['property', 'formatter-property', 'consumer-property', 'command-property'],
  entry: { run: 'tools/console-consumer/run.js#runConsoleConsumer', options: 'tools/console-consumer/options.js#CONSUMER_OPTIONS' },
});
