// `kt features` — kafka-features.sh. Declared once here; oclif's help, the manifest, completion and the man
// page are derived from this declaration (src/cli/tool-command.ts), and the tool keeps Kafka's
// own parser (argparse4j with sub-commands), messages and --help.
import { FEATURES_PARSER } from '../tools/features/options.js';
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'features',
  kafkaScript: 'kafka-features.sh',
  summary: 'Describe, upgrade, downgrade and disable feature flags such as metadata.version (kafka-features.sh).',
  description: "Describes the cluster's supported and finalized feature levels and changes them (upgrade, downgrade, disable, with --dry-run), and prints the version mapping and dependencies of a release, as Kafka's kafka-features.sh does.",
  usage: 'features (--bootstrap-server <host:port> | --bootstrap-controller <host:port>) [--command-config <file>] {describe,upgrade,downgrade,disable,version-mapping,feature-dependencies} ...',
  examples: ['features --bootstrap-server localhost:9092 describe', 'features --bootstrap-server localhost:9092 upgrade --metadata 4.0-IV3 --dry-run'],
  options: { argparse4j: FEATURES_PARSER },
  entry: { run: 'tools/features/run.js#runFeatures', answersVersion: true },
});
