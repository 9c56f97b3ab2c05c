import { Command } from '@oclif/core';
import { TOOL_SUMMARIES } from '../cli/tool-summaries.js';

/** `kt dump-log` — kafka-dump-log.sh. The tool parses its own arguments with Kafka's semantics; oclif passes argv through. */
export default class DumpLog extends Command {
  static override summary = TOOL_SUMMARIES['dump-log'];
  static override usage = 'dump-log --files <file1,file2,...> [options]';
  static override strict = false;
  /** kt's help class lets the tool print Kafka's own --help (stderr, exit 1). */
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    const { TOOLS } = await import('../cli/tools.js');
    await TOOLS['dump-log']!(this.argv);
  }
}
