// `kt metadata-quorum` — kafka-metadata-quorum.sh. Declared once here; oclif's help, the manifest,
// completion and the man page are derived from this declaration (src/cli/tool-command.ts), and the
// tool keeps Kafka's own parser (argparse4j with sub-commands), messages and --help.
import { METADATA_QUORUM_PARSER } from '../tools/metadata-quorum/run.js';
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'metadata-quorum',
  kafkaScript: 'kafka-metadata-quorum.sh',
  summary: 'Describe the KRaft metadata quorum (kafka-metadata-quorum.sh).',
  description: "Describes the KRaft metadata quorum: its leader, epoch and high watermark (describe --status) and each voter's and observer's replication state (describe --replication), as Kafka's kafka-metadata-quorum.sh prints them. kt's broker answers as a single-voter quorum.",
  usage: 'metadata-quorum (--bootstrap-server <host:port> | --bootstrap-controller <host:port>) [--command-config <file>] {describe,add-controller,remove-controller} ...',
  examples: ['metadata-quorum --bootstrap-server localhost:9092 describe --status', 'metadata-quorum --bootstrap-server localhost:9092 describe --replication --human-readable'],
  options: { argparse4j: METADATA_QUORUM_PARSER },
  entry: { run: 'tools/metadata-quorum/run.js#runMetadataQuorum', answersVersion: true },
});
