// `kt get-offsets` — kafka-get-offsets.sh. Declared once here; oclif's help, the manifest, completion and the man
// page are derived from this declaration (src/cli/tool-command.ts), and the tool keeps Kafka's
// own parser, messages and --help.
import { GET_OFFSETS_OPTIONS } from '../tools/get-offsets/options.js';
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'get-offsets',
  kafkaScript: 'kafka-get-offsets.sh',
  summary: 'Print the offsets of topic-partitions, by offset spec or timestamp (kafka-get-offsets.sh).',
  description: "Prints topic:partition:offset for the partitions selected by topic, partition or topic-partition rules, at the latest or earliest offset, the max timestamp or a given timestamp, as Kafka's kafka-get-offsets.sh does.",
  usage: 'get-offsets --bootstrap-server <host:port> [--topic <regex>] [--partitions <ids>] [--topic-partitions <rules>] [--time <spec>] [options]',
  examples: ['get-offsets --bootstrap-server localhost:9092 --topic orders', "get-offsets --bootstrap-server localhost:9092 --topic-partitions 'orders:0-2' --time earliest"],
  options: { jopt: GET_OFFSETS_OPTIONS },
  entry: { run: 'tools/get-offsets/run.js#runGetOffsets', options: 'tools/get-offsets/options.js#GET_OFFSETS_OPTIONS' },
});
