// `kt log-dirs` — kafka-log-dirs.sh. Declared once here; oclif's help, the manifest, completion and the man
// page are derived from this declaration (src/cli/tool-command.ts), and the tool keeps Kafka's
// own parser, messages and --help.
import { LOG_DIRS_OPTIONS } from '../tools/log-dirs/run.js';
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'log-dirs',
  kafkaScript: 'kafka-log-dirs.sh',
  summary: 'Describe the log directories of brokers as JSON (kafka-log-dirs.sh).',
  description: "Prints the log directories of brokers and the size of each partition in them as JSON, as Kafka's kafka-log-dirs.sh does.",
  usage: 'log-dirs --bootstrap-server <host:port> --describe [--topic-list <topics>] [--broker-list <ids>]',
  examples: ['log-dirs --bootstrap-server localhost:9092 --describe', 'log-dirs --bootstrap-server localhost:9092 --describe --topic-list orders'],
  options: { jopt: LOG_DIRS_OPTIONS },
  entry: { run: 'tools/log-dirs/run.js#runLogDirs', options: 'tools/log-dirs/run.js#LOG_DIRS_OPTIONS' },
});
