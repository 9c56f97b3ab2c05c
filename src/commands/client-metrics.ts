import { Command } from '@oclif/core';
import { TOOL_SUMMARIES } from '../cli/tool-summaries.js';

/** `kt client-metrics` — kafka-client-metrics.sh. Options are parsed by the tool itself (jopt-simple semantics). */
export default class ClientMetrics extends Command {
  static override summary = TOOL_SUMMARIES['client-metrics'];
  static override usage =
    'client-metrics --bootstrap-server <host:port> (--list | --describe [--name <name>] | --alter (--name <name> | --generate-name) [--metrics <m1,m2>] [--interval <ms>] [--match <k1=v1,k2=v2>] | --delete --name <name>) [--command-config <file>]';
  static override strict = false;
  /** kt's help class lets the tool print Kafka's own --help (stderr, exit 1). */
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    const { TOOLS } = await import('../cli/tools.js');
    await TOOLS['client-metrics']!(this.argv);
  }
}
