// Runs a tool from its declared entry. Both ways into a tool go through here: bin/run.js's fast
// path (entry read from oclif.manifest.json, oclif never loaded) and the oclif command class's
// run(), so `kt topics ...` behaves the same whichever way it arrives.
import type { OptionSpec } from '../java-compat/jopt.js';
import type { DistExport, ToolEntry } from './command-declaration.js';

type ToolRun = (argv: string[]) => Promise<number>;

/** dist/, where the entry modules are (this file is dist/cli/run-entry.js). */
const DIST = new URL('../', import.meta.url);

async function load<T>(ref: DistExport): Promise<T> {
  const hash = ref.lastIndexOf('#');
  const module = (await import(new URL(ref.slice(0, hash), DIST).href)) as Record<string, unknown>;
  const value = module[ref.slice(hash + 1)];
  if (value === undefined) throw new Error(`kt bug: ${ref} does not exist`);
  return value as T;
}

/** Runs the tool and exits the process with its code once stdout and stderr have drained. */
export async function runEntry(entry: ToolEntry, argv: string[]): Promise<never> {
  if (answersVersionHere(entry, argv)) return printVersion();
  const [run, specs] = await Promise.all([
    load<ToolRun>(entry.run),
    entry.options === undefined ? ([] as readonly OptionSpec[]) : load<readonly OptionSpec[]>(entry.options),
  ]);
  return runLoaded(entry, argv, run, specs);
}

/**
 * runEntry with the tool's code already loaded: what the per-tool bundles call
 * (scripts/bundle-tools.mjs), so that the tool, this module and src/cli/tool.ts share one copy.
 */
export async function runLoaded(entry: ToolEntry, argv: string[], run: ToolRun, specs: readonly OptionSpec[]): Promise<never> {
  if (answersVersionHere(entry, argv)) return printVersion();
  const { runTool } = await import('./tool.js');
  return runTool(argv, specs, () => run(argv), { outlivesConsole: entry.outlivesConsole === true });
}

function answersVersionHere(entry: ToolEntry, argv: readonly string[]): boolean {
  return entry.answersVersion === true && argv.includes('--version');
}

async function printVersion(): Promise<never> {
  const [{ ktVersion }, { exitAfterFlush }] = await Promise.all([import('../common/version.js'), import('./tool.js')]);
  process.stdout.write(`${ktVersion()}\n`);
  return exitAfterFlush(0);
}
