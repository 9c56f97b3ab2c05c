import { Command } from '@oclif/core';
import { TOOL_SUMMARIES } from '../cli/tool-summaries.js';

/** `kt configs` — kafka-configs.sh. Options are parsed by the tool itself (jopt-simple semantics). */
export default class Configs extends Command {
  static override summary = TOOL_SUMMARIES['configs'];
  static override usage = 'configs --bootstrap-server <host:port> (--describe | --alter) --entity-type <type> [--entity-name <name> | --entity-default] [options]';
  static override strict = false;
  /** kt's help class lets the tool print Kafka's own --help (stderr, exit 1). */
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    // Everything heavy loads inside the tool, so `kt --help` and usage errors stay instant.
    const { TOOLS } = await import('../cli/tools.js');
    await TOOLS['configs']!(this.argv);
  }
}
