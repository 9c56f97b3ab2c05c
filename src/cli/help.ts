// kt's oclif help class. oclif answers `--help` anywhere on the command line itself, before a
// command runs; Kafka's tools print their own description and option table on stderr and exit
// 1 instead. Commands that declare `static kafkaStyleHelp = true` get their argv (help flag
// included) and answer it themselves; every other command gets oclif's help.
import { Help, type Command } from '@oclif/core';

export default class KtHelp extends Help {
  override async showHelp(argv: string[]): Promise<void> {
    const command = await this.kafkaStyleCommand(argv);
    if (command === undefined) return await super.showHelp(argv);
    await command.class.run(argv.slice(command.idWords), this.config);
  }

  /** The command named by the leading words of argv, when it answers its own --help. */
  private async kafkaStyleCommand(argv: string[]): Promise<{ class: Command.Class; idWords: number } | undefined> {
    for (let words = Math.min(argv.length, 3); words >= 1; words--) {
      const id = argv.slice(0, words).join(':');
      const found = this.config.findCommand(id);
      if (found === undefined) continue;
      const loaded = await found.load();
      return (loaded as unknown as { kafkaStyleHelp?: boolean }).kafkaStyleHelp === true ? { class: loaded, idWords: words } : undefined;
    }
    return undefined;
  }
}
