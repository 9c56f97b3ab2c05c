import { Command } from '@oclif/core';
import { TOOL_SUMMARIES } from '../cli/tool-summaries.js';

/** `kt features` — kafka-features.sh. The tool parses its own arguments (argparse4j semantics). */
export default class Features extends Command {
  static override summary = TOOL_SUMMARIES.features;
  static override usage = 'features (--bootstrap-server <host:port> | --bootstrap-controller <host:port>) [--command-config <file>] {describe,upgrade,downgrade,disable,version-mapping,feature-dependencies} ...';
  static override strict = false;
  /** kt's help class lets the tool print Kafka's own help. */
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    const { TOOLS } = await import('../cli/tools.js');
    await TOOLS.features!(this.argv);
  }
}
