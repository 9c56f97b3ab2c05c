import { Command } from '@oclif/core';
import { TOOL_SUMMARIES } from '../cli/tool-summaries.js';

/** `kt verifiable-producer`. The tool parses its own arguments with Kafka's semantics; oclif passes argv through. */
export default class VerifiableProducer extends Command {
  static override summary = TOOL_SUMMARIES['verifiable-producer'];
  static override usage = 'verifiable-producer --topic <topic> --bootstrap-server <host:port> [--max-messages <n>] [--throughput <msg/s>] [--acks <acks>]';
  static override strict = false;
  /** kt's help class lets the tool print Kafka's own help. */
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    const { TOOLS } = await import('../cli/tools.js');
    await TOOLS['verifiable-producer']!(this.argv);
  }
}
