import { Command } from '@oclif/core';
import { TOOL_SUMMARIES } from '../cli/tool-summaries.js';

/** `kt console-consumer` — kafka-console-consumer.sh: records to standard output. */
export default class ConsoleConsumer extends Command {
  static override summary = TOOL_SUMMARIES['console-consumer'];
  static override usage = 'console-consumer --bootstrap-server <host:port> (--topic <topic> | --include <regex>) [options]';
  static override strict = false;
  /** kt's help class lets the tool print Kafka's own --help (stderr, exit 1). */
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    // Everything heavy loads inside the tool, so `kt --help` and usage errors stay instant.
    const { TOOLS } = await import('../cli/tools.js');
    await TOOLS['console-consumer']!(this.argv);
  }

}
