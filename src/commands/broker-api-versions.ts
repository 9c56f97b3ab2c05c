import { Command } from '@oclif/core';
import { TOOL_SUMMARIES } from '../cli/tool-summaries.js';

/** `kt broker-api-versions` — kafka-broker-api-versions.sh. Options are parsed by the tool itself (jopt-simple semantics). */
export default class BrokerApiVersions extends Command {
  static override summary = TOOL_SUMMARIES['broker-api-versions'];
  static override usage = 'broker-api-versions --bootstrap-server <host:port> [--command-config <file>]';
  static override strict = false;
  /** kt's help class lets the tool print Kafka's own --help (stderr, exit 1). */
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    // Everything heavy loads inside the tool, so `kt --help` and usage errors stay instant.
    const { TOOLS } = await import('../cli/tools.js');
    await TOOLS['broker-api-versions']!(this.argv);
  }
}
