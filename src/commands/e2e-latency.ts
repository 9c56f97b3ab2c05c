import { Command } from '@oclif/core';

/** `kt e2e-latency`. The tool parses its own arguments with Kafka's semantics; oclif passes argv through. */
export default class EndToEndLatency extends Command {
  static override summary = 'Measure produce-to-consume latency one record at a time (kafka-e2e-latency.sh).';
  static override usage = 'e2e-latency broker_list topic num_messages producer_acks message_size_bytes [properties_file]';
  static override strict = false;
  /** kt's help class lets the tool print Kafka's own help. */
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    const { TOOLS } = await import('../cli/tools.js');
    await TOOLS['e2e-latency']!(this.argv);
  }
}
