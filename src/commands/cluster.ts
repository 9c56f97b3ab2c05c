import { Command } from '@oclif/core';
import { TOOL_SUMMARIES } from '../cli/tool-summaries.js';

/** `kt cluster` — kafka-cluster.sh. The tool parses its own arguments (argparse4j semantics). */
export default class Cluster extends Command {
  static override summary = TOOL_SUMMARIES.cluster;
  static override usage = 'cluster {cluster-id,unregister} (--bootstrap-server <host:port> | --bootstrap-controller <host:port>) [--config <file>] [--id <broker id>]';
  static override strict = false;
  /** kt's help class lets the tool print Kafka's own help. */
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    const { TOOLS } = await import('../cli/tools.js');
    await TOOLS.cluster!(this.argv);
  }
}
