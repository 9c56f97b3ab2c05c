import { Command } from '@oclif/core';
import { TOOL_SUMMARIES } from '../../cli/tool-summaries.js';

/**
 * `kt server start [server.properties] [--override key=value]...` — kafka-server-start.sh.
 * The properties file is optional (kt runs with Kafka's defaults and node.id 1 without one).
 */
export default class ServerStart extends Command {
  static override summary = TOOL_SUMMARIES['server start'];
  static override usage = 'server start [-daemon] [server.properties] [--override property=value]*';
  static override strict = false;
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    // Everything heavy loads inside the tool, so `kt --help` and usage errors stay instant.
    const { TOOLS } = await import('../../cli/tools.js');
    await TOOLS['server start']!(this.argv);
  }
}
