import { Command } from '@oclif/core';
import { TOOL_SUMMARIES } from '../cli/tool-summaries.js';

/** `kt verifiable-consumer`. The tool parses its own arguments with Kafka's semantics; oclif passes argv through. */
export default class VerifiableConsumer extends Command {
  static override summary = TOOL_SUMMARIES['verifiable-consumer'];
  static override usage = 'verifiable-consumer --bootstrap-server <host:port> --topic <topic> --group-id <group> [--max-messages <n>] [--enable-autocommit] [--reset-policy earliest|latest|none] [--assignment-strategy <class>]';
  static override strict = false;
  /** kt's help class lets the tool print Kafka's own help. */
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    const { TOOLS } = await import('../cli/tools.js');
    await TOOLS['verifiable-consumer']!(this.argv);
  }
}
