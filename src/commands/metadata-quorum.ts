import { Command } from '@oclif/core';
import { TOOL_SUMMARIES } from '../cli/tool-summaries.js';

/** `kt metadata-quorum` — kafka-metadata-quorum.sh. The tool parses its own arguments (argparse4j semantics). */
export default class MetadataQuorum extends Command {
  static override summary = TOOL_SUMMARIES['metadata-quorum'];
  static override usage = 'metadata-quorum (--bootstrap-server <host:port> | --bootstrap-controller <host:port>) [--command-config <file>] describe (--status | --replication [--human-readable])';
  static override strict = false;
  /** kt's help class lets the tool print Kafka's own help. */
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    const { TOOLS } = await import('../cli/tools.js');
    await TOOLS['metadata-quorum']!(this.argv);
  }
}
