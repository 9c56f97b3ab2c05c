import { Command } from '@oclif/core';
import { TOOL_SUMMARIES } from '../cli/tool-summaries.js';

/** `kt e2e-latency`. The tool parses its own arguments with Kafka's semantics; oclif passes argv through. */
export default class EndToEndLatency extends Command {
  static override summary = TOOL_SUMMARIES['e2e-latency'];
  static override usage = 'e2e-latency broker_list topic num_messages producer_acks message_size_bytes [properties_file]';
  static override strict = false;
  /** kt's help class lets the tool print Kafka's own help. */
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    const { TOOLS } = await import('../cli/tools.js');
    await TOOLS['e2e-latency']!(this.argv);
  }
}
