// `kt topics` — kafka-topics.sh. Declared once here; oclif's help, the manifest, completion and the man
// page are derived from this declaration (src/cli/tool-command.ts), and the tool keeps Kafka's
// own parser, messages and --help.
import { TOPICS_OPTIONS } from '../tools/topics/options.js';
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'topics',
  kafkaScript: 'kafka-topics.sh',
  summary: 'Create, delete, describe, or change a topic (kafka-topics.sh).',
  description: "Creates, deletes, lists, describes and alters topics through the Admin API, with the options, messages and output of Kafka's kafka-topics.sh. --help prints Kafka's own option table (on stderr, exit 1).",
  usage: 'topics --bootstrap-server <host:port> (--list | --describe | --create | --alter | --delete) [options]',
  examples: ['topics --bootstrap-server localhost:9092 --list', 'topics --bootstrap-server localhost:9092 --create --topic orders --partitions 3', 'topics --bootstrap-server localhost:9092 --describe --topic orders'],
  options: { jopt: TOPICS_OPTIONS },
  repeatable: ['config'],
  entry: { run: 'tools/topics/run.js#runTopics', options: 'tools/topics/options.js#TOPICS_OPTIONS' },
});
