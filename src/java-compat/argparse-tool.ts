// How an argparse4j tool reports its command line: help on stdout, usage errors as the usage
// line plus `<prog>: error: <message>` on stderr (exit 1).
import { ArgparseError, HelpRequested, formatError, formatHelp, type ArgGroup, type ArgSpec } from './argparse.js';

export interface ArgparseTool {
  readonly prog: string;
  readonly description: string;
  readonly specs: readonly ArgSpec[];
  readonly groups: readonly ArgGroup[];
}

/** Prints help or a usage error and returns the exit code, or undefined for other errors. */
export function reportArgparseOutcome(tool: ArgparseTool, e: unknown): number | undefined {
  if (e instanceof HelpRequested) {
    process.stdout.write(formatHelp(tool.prog, tool.description, tool.specs, tool.groups));
    return 1;
  }
  if (e instanceof ArgparseError) {
    process.stderr.write(formatError(tool.prog, tool.specs, tool.groups, e.message));
    return 1;
  }
  return undefined;
}
