// `kt help [COMMAND]`: oclif's help for a command or a topic (`kt help topics`, `kt help server`,
// `kt help help`). A Kafka tool's own --help (`kt topics --help`) stays Kafka's text.
import { Args, Command, loadHelpClass } from '@oclif/core';
import type KtHelp from '../cli/help.js';

export default class HelpCommand extends Command {
  static override summary = 'Display help for kt or one of its commands.';
  static override description = 'Shows oclif\'s help: the command list, a topic (kt help server) or a command\'s flags, description and examples. A Kafka tool\'s own --help prints Kafka\'s text instead.';
  static override args = { command: Args.string({ description: 'The command to show help for, e.g. topics or server start.', required: false }) };
  static override examples = ['<%= config.bin %> help', '<%= config.bin %> help topics', '<%= config.bin %> help server start'];
  static override strict = false;

  async run(): Promise<void> {
    await this.parse(HelpCommand); // validates nothing (strict = false) but tells oclif the argv was read
    const Help = await loadHelpClass(this.config);
    const help = new Help(this.config, this.config.pjson.oclif.helpOptions) as KtHelp;
    await help.showOclifHelp(this.argv);
  }
}
