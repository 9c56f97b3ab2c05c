import { Command } from '@oclif/core';
import { TOOL_SUMMARIES } from '../cli/tool-summaries.js';

/** `kt producer-perf-test`. The tool parses its own arguments with Kafka's semantics; oclif passes argv through. */
export default class ProducerPerfTest extends Command {
  static override summary = TOOL_SUMMARIES['producer-perf-test'];
  static override usage = 'producer-perf-test --topic <topic> --num-records <n> (--record-size <bytes> | --payload-file <file> | --payload-monotonic) --throughput <rec/s> (--producer-props k=v... | --producer.config <file>)';
  static override strict = false;
  /** kt's help class lets the tool print Kafka's own help. */
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    const { TOOLS } = await import('../cli/tools.js');
    await TOOLS['producer-perf-test']!(this.argv);
  }
}
