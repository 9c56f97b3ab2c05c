// oclif's command_not_found hook: "did you mean" for a mistyped command (`kt topic`). At an
// interactive terminal, @oclif/plugin-not-found asks "Did you mean topics?" and runs it when
// confirmed; everywhere else (scripts, pipes, CI) that plugin would only say the command does
// not exist, so kt prints the suggestion itself and exits 127 like the plugin.
import type { Hook } from '@oclif/core';

/** Edit distance between two command ids (a few dozen characters: the plain DP is plenty). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length]!;
}

/** The visible command id closest to `id`, as oclif's plugin chooses it. */
export function closestCommand(id: string, ids: readonly string[]): string | undefined {
  let best: { id: string; d: number } | undefined;
  for (const candidate of ids) {
    const d = distance(id, candidate);
    if (best === undefined || d < best.d) best = { id: candidate, d };
  }
  return best?.id;
}

const hook: Hook<'command_not_found'> = async function (options) {
  if (process.stdin.isTTY && process.stderr.isTTY) {
    const { default: pluginHook } = (await import('@oclif/plugin-not-found')) as { default: Hook<'command_not_found'> };
    return pluginHook.call(this, options);
  }
  const visible = options.config.commands.filter((c) => !c.hidden);
  const ids = [...visible.map((c) => c.id), ...visible.flatMap((c) => c.aliases)];
  const shown = (id: string) => id.replaceAll(':', ' ');
  const suggestion = closestCommand(options.id, ids);
  process.stderr.write(`${options.config.bin}: ${shown(options.id)} is not a ${options.config.bin} command.${suggestion === undefined ? '' : ` Did you mean ${shown(suggestion)}?`}\n`);
  this.error(`Run ${options.config.bin} help for a list of available commands.`, { exit: 127 });
};

export default hook;
