import { Command } from '@oclif/core';
import { TOOL_SUMMARIES } from '../cli/tool-summaries.js';

/** `kt get-offsets` — kafka-get-offsets.sh. Options are parsed by the tool itself (jopt-simple semantics). */
export default class GetOffsets extends Command {
  static override summary = TOOL_SUMMARIES['get-offsets'];
  static override usage = 'get-offsets --bootstrap-server <host:port> [--topic <regex>] [--partitions <ids>] [--topic-partitions <rules>] [--time <spec>] [options]';
  static override strict = false;
  /** kt's help class lets the tool print Kafka's own --help (stderr, exit 1). */
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    // Everything heavy loads inside the tool, so `kt --help` and usage errors stay instant.
    const { TOOLS } = await import('../cli/tools.js');
    await TOOLS['get-offsets']!(this.argv);
  }
}
