// argparse4j as a flat option list, the way Kafka's producer-performance declares it (-h among
// its options, defaultHelp(true), mutually exclusive groups with a description). The parsing and
// the texts are argparse4j-subcommands.ts's engine; this is its stable face for the tools that
// declare ArgSpec lists. Usage errors become ArgparseError; the tool prints the usage block and
// `<prog>: error: <message>` on stderr and exits 1.
import { ArgparseError, HelpRequested } from './argparse-errors.js';
import {
  Argparse4jOutcome,
  dest,
  formatError4j,
  formatHelp4j,
  formatUsage4j,
  parse4j,
  type Arg4j,
  type ArgType4j,
  type Parser4j,
} from './argparse4j-subcommands.js';
import { FORMAT_WIDTH } from './argparse4j-text.js';

export { ArgparseError, HelpRequested };

export type ArgType = ArgType4j;

export interface ArgSpec {
  readonly flags: readonly string[]; // e.g. ['--topic'] or ['-h', '--help']
  readonly metavar?: string;
  readonly type?: ArgType;
  /** 'flag' = store true; 'one' = one value; 'many' = nargs('+'). Default 'one'. */
  readonly kind?: 'flag' | 'one' | 'many';
  readonly required?: boolean;
  readonly help: string;
  /** argparse4j's choices(...): the values allowed, as text (checked after conversion). */
  readonly choices?: readonly string[];
  readonly defaultValue?: string;
  /** Name of the mutually exclusive group this option belongs to. */
  readonly group?: string;
  /** Deprecated in Kafka: still accepted; `true` or the replacement's hint, shown by oclif's help. */
  readonly deprecated?: boolean | string;
  /** A kt extension: accepted, left out of Kafka's help. */
  readonly kt?: boolean;
}

export interface ArgGroup {
  readonly name: string;
  readonly required: boolean;
  readonly title: string;
  readonly description: string;
}

export type ArgValue = string | number | boolean | string[];

/** Parsed options keyed by dest (the long flag without dashes, `-` replaced by `_`). */
export type ParsedArgs = Map<string, ArgValue>;

export function destOf(spec: ArgSpec): string {
  return dest(arg4j(spec));
}

function arg4j(spec: ArgSpec): Arg4j {
  const { group, kt, deprecated: _deprecated, ...arg } = spec;
  return { ...arg, ...(group !== undefined && { mutex: group }), ...(kt === true && { hidden: true }) };
}

function parserOf(prog: string, description: string, specs: readonly ArgSpec[], groups: readonly ArgGroup[]): Parser4j {
  return {
    prog,
    ...(description !== '' && { description }),
    args: specs.map(arg4j),
    mutex: groups,
    defaultHelp: true,
    addHelp: false,
  };
}

export function parseArgparse(argv: readonly string[], specs: readonly ArgSpec[], groups: readonly ArgGroup[]): ParsedArgs {
  try {
    return parse4j(parserOf('', '', specs, groups), argv).values;
  } catch (e) {
    throw e instanceof Argparse4jOutcome ? e.reason : e;
  }
}

/** argparse4j's text width: 75 columns, its default when it does not ask the terminal. */
export const ARGPARSE_WIDTH = FORMAT_WIDTH;

/** argparse4j's usage block; members of a mutually exclusive group are separate items joined by `|` items. */
export function formatUsage(prog: string, specs: readonly ArgSpec[], groups: readonly ArgGroup[]): string {
  return formatUsage4j(parserOf(prog, '', specs, groups));
}

/** argparse4j's help: usage, description, optional arguments, then each group (title, description, members). */
export function formatHelp(prog: string, description: string, specs: readonly ArgSpec[], groups: readonly ArgGroup[]): string {
  return formatHelp4j(parserOf(prog, description, specs, groups));
}

/** A usage error as argparse4j's handleError prints it (stderr). */
export function formatError(prog: string, specs: readonly ArgSpec[], groups: readonly ArgGroup[], message: string): string {
  return formatError4j(parserOf(prog, '', specs, groups), message);
}
