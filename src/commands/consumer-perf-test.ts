import { Command } from '@oclif/core';
import { TOOL_SUMMARIES } from '../cli/tool-summaries.js';

/** `kt consumer-perf-test`. The tool parses its own arguments with Kafka's semantics; oclif passes argv through. */
export default class ConsumerPerfTest extends Command {
  static override summary = TOOL_SUMMARIES['consumer-perf-test'];
  static override usage = 'consumer-perf-test --bootstrap-server <host:port> --topic <topic> --messages <n> [options]';
  static override strict = false;
  /** kt's help class lets the tool print Kafka's own help. */
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    const { TOOLS } = await import('../cli/tools.js');
    await TOOLS['consumer-perf-test']!(this.argv);
  }
}
