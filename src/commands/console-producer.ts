import { Command } from '@oclif/core';
import { TOOL_SUMMARIES } from '../cli/tool-summaries.js';

/** `kt console-producer` — kafka-console-producer.sh: stdin lines become records. */
export default class ConsoleProducer extends Command {
  static override summary = TOOL_SUMMARIES['console-producer'];
  static override usage = 'console-producer --bootstrap-server <host:port> --topic <topic> [options]';
  static override strict = false;
  /** kt's help class lets the tool print Kafka's own --help (stderr, exit 1). */
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    // Everything heavy loads inside the tool, so `kt --help` and usage errors stay instant.
    const { TOOLS } = await import('../cli/tools.js');
    await TOOLS['console-producer']!(this.argv);
  }

}
