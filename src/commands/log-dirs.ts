import { Command } from '@oclif/core';
import { TOOL_SUMMARIES } from '../cli/tool-summaries.js';

/** `kt log-dirs` — kafka-log-dirs.sh. Options are parsed by the tool itself (jopt-simple semantics). */
export default class LogDirs extends Command {
  static override summary = TOOL_SUMMARIES['log-dirs'];
  static override usage = 'log-dirs --bootstrap-server <host:port> --describe [--topic-list <topics>] [--broker-list <ids>]';
  static override strict = false;
  /** kt's help class lets the tool print Kafka's own --help (stderr, exit 1). */
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    // Everything heavy loads inside the tool, so `kt --help` and usage errors stay instant.
    const { TOOLS } = await import('../cli/tools.js');
    await TOOLS['log-dirs']!(this.argv);
  }
}
