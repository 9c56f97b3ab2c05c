import { Command } from '@oclif/core';
import { TOOL_SUMMARIES } from '../cli/tool-summaries.js';

/**
 * `kt topics` — kafka-topics.sh. Kafka's jopt-simple option semantics and messages are
 * reproduced by kt's own parser (src/java-compat/jopt.ts), so oclif passes argv through untouched.
 */
export default class Topics extends Command {
  static override summary = TOOL_SUMMARIES['topics'];
  static override usage = 'topics --bootstrap-server <host:port> (--list | --describe | --create | --alter | --delete) [options]';
  static override strict = false;
  /** kt's help class lets the tool print Kafka's own --help (stderr, exit 1). */
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    // Everything heavy loads inside the tool, so `kt --help` and usage errors stay instant.
    const { TOOLS } = await import('../cli/tools.js');
    await TOOLS['topics']!(this.argv);
  }

}
