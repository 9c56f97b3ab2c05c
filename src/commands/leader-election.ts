import { Command } from '@oclif/core';
import { TOOL_SUMMARIES } from '../cli/tool-summaries.js';

/** `kt leader-election` — kafka-leader-election.sh. Options are parsed by the tool itself (jopt-simple semantics). */
export default class LeaderElection extends Command {
  static override summary = TOOL_SUMMARIES['leader-election'];
  static override usage = 'leader-election --bootstrap-server <host:port> --election-type <preferred|unclean> (--topic <topic> --partition <id> | --all-topic-partitions | --path-to-json-file <file>) [--admin.config <file>]';
  static override strict = false;
  /** kt's help class lets the tool print Kafka's own --help (stderr, exit 1). */
  static readonly kafkaStyleHelp = true;

  async run(): Promise<void> {
    const { TOOLS } = await import('../cli/tools.js');
    await TOOLS['leader-election']!(this.argv);
  }
}
