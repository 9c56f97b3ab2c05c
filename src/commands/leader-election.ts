// `kt leader-election` — kafka-leader-election.sh. Declared once here; oclif's help, the manifest,
// completion and the man page are derived from this declaration (src/cli/tool-command.ts), and the
// tool keeps Kafka's own parser, messages and --help.
import { LEADER_ELECTION_OPTIONS } from '../tools/leader-election/options.js';
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'leader-election',
  kafkaScript: 'kafka-leader-election.sh',
  summary: 'Trigger preferred or unclean leader elections (kafka-leader-election.sh).',
  description: "Asks the controller to elect the preferred (or, unclean, any in-sync) replica as leader for the given partitions, a topic's partitions, a JSON file's partitions or all of them, and prints which elections succeeded, were not needed or failed, as Kafka's kafka-leader-election.sh does. On kt's single-node broker every partition already has its preferred leader.",
  usage: 'leader-election --bootstrap-server <host:port> --election-type <preferred|unclean> (--all-topic-partitions | --topic <topic> --partition <n> | --path-to-json-file <file>)',
  examples: ['leader-election --bootstrap-server localhost:9092 --election-type preferred --all-topic-partitions', 'leader-election --bootstrap-server localhost:9092 --election-type preferred --topic orders --partition 0'],
  options: { jopt: LEADER_ELECTION_OPTIONS },
  entry: { run: 'tools/leader-election/run.js#runLeaderElection', options: 'tools/leader-election/options.js#LEADER_ELECTION_OPTIONS' },
});
