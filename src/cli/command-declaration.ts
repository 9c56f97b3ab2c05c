// The one declaration of a kt command: what oclif's help, the shipped manifest, completion, the
// man pages and the fast dispatch in bin/run.js are all derived from. Plain data, no oclif
// import: bin/run.js must reach a tool's code without loading oclif (see run-entry.ts).
import type { ArgSpec } from '../java-compat/argparse.js';
import type { Parser4j } from '../java-compat/argparse4j-subcommands.js';
import type { OptionSpec } from '../java-compat/jopt.js';

/** A module under dist/ and the name of one of its exports, e.g. `tools/topics/run.js#runTopics`. */
export type DistExport = `${string}.js#${string}`;

/** Where a tool's code lives: bin/run.js's fast path and the oclif command both call runEntry with it. */
export interface ToolEntry {
  /** `(argv: string[]) => Promise<number>`: the tool itself, returning its exit code. */
  readonly run: DistExport;
  /** The tool's jopt OptionSpec[] (its usage errors print the option table); none for other parsers. */
  readonly options?: DistExport;
  /**
   * kt answers `--version` before the tool runs: for tools whose Kafka parser has no --version
   * (argparse4j's producer-performance, positional e2e-latency, the stop script), so that
   * `--version` works in every kt command.
   */
  readonly answersVersion?: boolean;
  /**
   * A long-running process (the broker) that must outlive a closed stdout/stderr: the tools'
   * "exit 0 on EPIPE" rule does not apply to it.
   */
  readonly outlivesConsole?: boolean;
}

/** A positional argument (kafka-e2e-latency.sh takes only those), for help and man pages. */
export interface PositionalSpec {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
}

export interface ToolDeclaration {
  /** Words of the command line, space-separated: `topics`, `server start`. */
  readonly id: string;
  /** Kafka's script this command mirrors (SEE ALSO in the man page). */
  readonly kafkaScript: string;
  /** One line, for command lists. */
  readonly summary: string;
  /** A paragraph or more, for `kt help <cmd>` and the man page. */
  readonly description: string;
  /** Command lines without the leading `kt ` (added when shown). */
  readonly examples: readonly string[];
  /** The synopsis, without the leading `kt `. */
  readonly usage: string;
  /** The tool's options as its parser knows them (jopt-simple or argparse4j style). */
  readonly options: { readonly jopt: readonly OptionSpec[] } | { readonly argparse: readonly ArgSpec[] } | { readonly argparse4j: Parser4j };
  /** Options that may be given more than once, all values kept (jopt reads them with valuesOf). */
  readonly repeatable?: readonly string[];
  readonly positionals?: readonly PositionalSpec[];
  readonly entry: ToolEntry;
}
