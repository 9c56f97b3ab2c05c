#!/usr/bin/env node
// Entry point of the `kt` CLI. A Kafka-style tool named on the command line (`kt topics ...`,
// `kt server start ...`) is found in the oclif manifest that `npm run build` writes and run
// straight from its declared entry (dist/cli/run-entry.js), without loading oclif, whose plugin
// loading would cost more than the rest of the CLI's start-up. The oclif command class runs the
// same entry, so both ways behave the same. Anything else (`kt`, `kt help ...`, `kt autocomplete`,
// a typo) goes through oclif. KT_NO_FAST_PATH=1 forces oclif for every command (tests compare both).
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);

/** The manifest's command named by argv's leading words, with the rest of argv; undefined otherwise. */
function fastCommand() {
  if (process.env.KT_NO_FAST_PATH === '1' || argv.length === 0) return undefined;
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('../oclif.manifest.json', import.meta.url), 'utf8'));
  } catch {
    return undefined; // no manifest (a build in progress): oclif finds the commands itself
  }
  for (const words of [2, 1]) {
    const command = manifest.commands[argv.slice(0, words).join(':')];
    if (command?.ktEntry !== undefined) return { entry: command.ktEntry, args: argv.slice(words) };
  }
  return undefined;
}

const command = fastCommand();
if (command !== undefined) {
  // The tool's one-file bundle (scripts/bundle-tools.mjs), else its modules one by one.
  const bundle = command.entry.run.includes('.bundle.js#') ? undefined : command.entry.run.replace(/\.js#.*$/, '.bundle.js');
  const bundled = bundle === undefined ? undefined : await import(`../dist/${bundle}`).catch(() => undefined);
  if (bundled !== undefined) {
    await bundled.runBundled(command.entry, command.args);
  } else {
    const { runEntry } = await import('../dist/cli/run-entry.js');
    await runEntry(command.entry, command.args);
  }
} else {
  const [{ execute }, { completionScriptRuns }] = await Promise.all([import('@oclif/core'), import('../dist/cli/completion.js')]);
  const runs = completionScriptRuns(argv, process.stdout.isTTY === true) ?? [argv];
  for (const args of runs) await execute({ dir: import.meta.url, args });
}
