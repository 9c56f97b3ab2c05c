// `kt consumer-groups` — kafka-consumer-groups.sh. Declared once here; oclif's help, the manifest, completion and the man
// page are derived from this declaration (src/cli/tool-command.ts), and the tool keeps Kafka's
// own parser, messages and --help.
import { CONSUMER_GROUPS_OPTIONS } from '../tools/consumer-groups/options.js';
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'consumer-groups',
  kafkaScript: 'kafka-consumer-groups.sh',
  summary: 'List, describe and delete consumer groups; reset or delete their offsets (kafka-consumer-groups.sh).',
  description: "Lists, describes (offsets, members, state) and deletes consumer groups, and resets or deletes their committed offsets, as Kafka's kafka-consumer-groups.sh does.",
  usage: 'consumer-groups --bootstrap-server <host:port> (--list | --describe | --delete | --reset-offsets | --delete-offsets) [options]',
  examples: ['consumer-groups --bootstrap-server localhost:9092 --list', 'consumer-groups --bootstrap-server localhost:9092 --describe --group audit', 'consumer-groups --bootstrap-server localhost:9092 --reset-offsets --group audit --topic orders --to-earliest --execute'],
  options: { jopt: CONSUMER_GROUPS_OPTIONS },
  repeatable: ['group', 'topic'],
  entry: { run: 'tools/consumer-groups/run.js#runConsumerGroups', options: 'tools/consumer-groups/options.js#CONSUMER_GROUPS_OPTIONS' },
});
