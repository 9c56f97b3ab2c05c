// `kt autocomplete bash|zsh|powershell` into a pipe or a file: the completion script itself, so
// `eval "$(kt autocomplete bash)"` or `kt autocomplete zsh > ~/.kt-completion.zsh` just work (as
// `kubectl completion bash` and `rpk generate shell-completion` behave). At a terminal the oclif
// plugin's setup instructions are more useful, so it is left to answer. The script oclif prints
// sources a cache, so the cache is built first (its progress line goes to stderr).

const SHELLS = ['bash', 'zsh', 'powershell'];

/** The oclif command lines to run instead of argv, or undefined to run argv as it is. */
export function completionScriptRuns(argv: readonly string[], stdoutIsTty: boolean): string[][] | undefined {
  if (stdoutIsTty || argv.length !== 2 || argv[0] !== 'autocomplete' || !SHELLS.includes(argv[1]!)) return undefined;
  return [
    ['autocomplete', '--refresh-cache'],
    ['autocomplete', 'script', argv[1]!],
  ];
}
