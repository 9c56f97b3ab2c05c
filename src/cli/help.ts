// kt's oclif help class. oclif answers `--help` anywhere on the command line itself, before a
// command runs; Kafka's tools print their own description and option table on stderr and exit
// 1 instead, so a command marked `kafkaStyleHelp` (every Kafka tool, see tool-command.ts) gets
// its argv, help flag included, and answers it itself. `kt help <cmd>` (src/commands/help.ts)
// asks for oclif's help explicitly. Section headings are bold only where colors are enabled
// (src/cli/terminal.ts: a TTY, NO_COLOR and FORCE_COLOR honoured).
import { Chalk } from 'chalk';
import { CommandHelp, Help, type Command } from '@oclif/core';
import { colorsEnabled } from './terminal.js';

const ANSI = /\u001b\[[0-9;]*m/g;

/** A heading in bold on a color-enabled stdout; everything plain otherwise. */
function styledSection(text: string, header: string): string {
  const plain = text.replace(ANSI, '');
  if (!colorsEnabled(process.stdout)) return plain;
  return plain.replace(header, new Chalk({ level: 1 }).bold(header));
}

class KtCommandHelp extends CommandHelp {
  override section(header: string, body: Parameters<CommandHelp['section']>[1]): string {
    return styledSection(super.section(header, body), header);
  }
}

export default class KtHelp extends Help {
  protected override CommandHelpClass = KtCommandHelp;

  override section(header: string, body: Parameters<Help['section']>[1]): string {
    return styledSection(super.section(header, body), header);
  }

  override async showHelp(argv: string[]): Promise<void> {
    const command = this.kafkaStyleCommand(argv);
    if (command === undefined) return await this.showOclifHelp(argv);
    const loaded = await command.command.load();
    await loaded.run(argv.slice(command.idWords), this.config);
  }

  /** oclif's own help for argv's command or topic, or the root help. */
  async showOclifHelp(argv: string[]): Promise<void> {
    // oclif skips the word `help` when it looks for the subject: `kt help help` must find it.
    const command = this.config.findCommand(argv.filter((a) => !a.startsWith('-')).join(':'));
    if (command !== undefined) return await this.showCommandHelp(command);
    await super.showHelp(argv);
  }

  /** The command named by the leading words of argv, when it answers its own --help. */
  private kafkaStyleCommand(argv: string[]): { command: Command.Loadable; idWords: number } | undefined {
    for (let words = Math.min(argv.length, 3); words >= 1; words--) {
      const found = this.config.findCommand(argv.slice(0, words).join(':'));
      if (found === undefined) continue;
      return (found as { kafkaStyleHelp?: boolean }).kafkaStyleHelp === true ? { command: found, idWords: words } : undefined;
    }
    return undefined;
  }
}
