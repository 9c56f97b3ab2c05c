import { Command } from '@oclif/core';
import { TOOL_SUMMARIES } from '../../cli/tool-summaries.js';

/**
 * `kt server stop [--process-role=<roles>] [--node-id=<id>]` — kafka-server-stop.sh: SIGTERM to
 * the brokers started from this install, then wait until they have exited.
 */
export default class ServerStop extends Command {
  static override summary = TOOL_SUMMARIES['server stop'];
  static override usage = 'server stop [--process-role=<process.roles>] [--node-id=<node.id>]';
  static override strict = false;
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    const { TOOLS } = await import('../../cli/tools.js');
    await TOOLS['server stop']!(this.argv);
  }
}
