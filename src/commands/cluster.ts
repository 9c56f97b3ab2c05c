// `kt cluster` — kafka-cluster.sh. Declared once here; oclif's help, the manifest, completion and the man
// page are derived from this declaration (src/cli/tool-command.ts), and the tool keeps Kafka's
// own parser (argparse4j with sub-commands), messages and --help.
import { CLUSTER_PARSER } from '../tools/cluster/run.js';
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'cluster',
  kafkaScript: 'kafka-cluster.sh',
  summary: 'Print the cluster id or unregister a broker (kafka-cluster.sh).',
  description: "Prints the cluster's id (cluster-id) or removes a broker's registration (unregister --id N), with the sub-commands, messages and exit codes of Kafka's kafka-cluster.sh.",
  usage: 'cluster {cluster-id,unregister} (--bootstrap-server <host:port> | --bootstrap-controller <host:port>) [--config <file>] [--id <broker id>]',
  examples: ['cluster cluster-id --bootstrap-server localhost:9092', 'cluster unregister --bootstrap-server localhost:9092 --id 2'],
  options: { argparse4j: CLUSTER_PARSER },
  entry: { run: 'tools/cluster/run.js#runCluster', answersVersion: true },
});
