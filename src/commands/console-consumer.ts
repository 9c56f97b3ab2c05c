import { Command } from '@oclif/core';

/** `kt console-consumer` — kafka-console-consumer.sh: records to standard output. */
export default class ConsoleConsumer extends Command {
  static override summary = 'Read records from Kafka topics and write them to standard output (kafka-console-consumer.sh).';
  static override usage = 'console-consumer --bootstrap-server <host:port> (--topic <topic> | --include <regex>) [options]';
  static override strict = false;
  /** kt's help class lets the tool print Kafka's own --help (stderr, exit 1). */
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    const { runTool } = await import('../cli/tool.js');
    const { runConsoleConsumer } = await import('../cli/console-consumer.js');
    const { CONSUMER_OPTIONS } = await import('../cli/consumer-options.js');
    await runTool(this.argv, CONSUMER_OPTIONS, () => runConsoleConsumer(this.argv));
  }
}
