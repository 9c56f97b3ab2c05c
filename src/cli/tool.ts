// What every Kafka-style tool shares: usage errors (message + option table on stderr, exit 1),
// --help (the same, exit 1: jopt tools exit 1 on help), --version (stdout, exit 0), one-line
// errors unless verbose, and an exit that waits for stdout/stderr to drain.
import { formatOptionTable } from '../java-compat/jopt-help.js';
import { OptionError, type OptionSpec, type ParsedOptions } from '../java-compat/jopt.js';
import { ktVersion } from '../common/version.js';
import { startTerminalSession } from './terminal.js';
import { stdoutClosureHandled } from './output-writer.js';

/** A usage error: the message then, when `withUsage`, the option table; stderr, exit 1. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly withUsage = true,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** --version was given: print the version on stdout and exit 0. */
export class VersionRequested extends Error {
  constructor() {
    super('version requested');
    this.name = 'VersionRequested';
  }
}

/** A failure whose text the tool has already printed in Kafka's format; only sets the exit code. */
export class ReportedFailure extends Error {
  constructor(readonly exitCode = 1) {
    super(`exit ${exitCode}`);
    this.name = 'ReportedFailure';
  }
}

/** Kafka's CommandLineUtils.maybePrintHelpOrVersion: no arguments or --help, then --version. */
export function checkHelpOrVersion(options: ParsedOptions, helpMessage: string): void {
  if (options.argCount === 0 || options.has('help')) throw new UsageError(helpMessage);
  if (options.has('version')) throw new VersionRequested();
}

/** CommandLineUtils.checkRequiredArgs. */
export function checkRequired(options: ParsedOptions, ...names: string[]): void {
  for (const name of names) {
    if (!options.has(name)) throw new UsageError(`Missing required argument "[${name}]"`);
  }
}

/** CommandLineUtils.checkInvalidArgs: `used` may not appear with any of `invalid` (checked in order). */
export function checkInvalid(options: ParsedOptions, used: string, invalid: readonly string[]): void {
  if (!options.has(used)) return;
  for (const other of invalid) {
    if (options.has(other)) throw new UsageError(`Option "[${used}]" can't be used with option "[${other}]"`);
  }
}

/** Stack traces and client logs: `--verbose` (a kt extension) or a DEBUG environment variable. */
export function isVerbose(argv: readonly string[]): boolean {
  return argv.includes('--verbose') || (process.env.DEBUG ?? '') !== '';
}

export function describeError(e: unknown, verbose: boolean): string {
  if (!(e instanceof Error)) return String(e);
  return verbose && e.stack !== undefined ? e.stack : e.message;
}

/**
 * Runs a tool body and exits the process with its code once stdout and stderr have drained
 * (client libraries may leave timers behind; a CLI must not hang on them). Around the body:
 * a reader that goes away (`| head -1`) ends the tool quietly with exit 0, errors nobody caught
 * are one line (stack traces with --verbose or DEBUG), `--version` works in tools whose own
 * parser has no such option, and options Kafka 4 removed get a one-line hint.
 */
export async function runTool(
  argv: readonly string[],
  specs: readonly OptionSpec[],
  body: () => Promise<number>,
  { outlivesConsole = false }: { outlivesConsole?: boolean } = {},
): Promise<never> {
  const verbose = isVerbose(argv);
  // The broker must keep serving when its console goes away (`kt server start | head -1`).
  if (!outlivesConsole) guardStandardStreams(verbose);
  if (versionOnly(argv, specs)) {
    process.stdout.write(`${ktVersion()}\n`);
    return exitAfterFlush(0);
  }
  const removed = removedOptionIn(argv, specs);
  const terminal = await startTerminalSession();
  let code: number;
  try {
    code = await body();
  } catch (e) {
    terminal.end(1);
    code = reportError(e, specs, verbose, removed);
  }
  terminal.end(code);
  if (code !== 0 && removed !== undefined) process.stderr.write(`${REMOVED_OPTION_HINTS[removed]}\n`);
  return exitAfterFlush(code);
}

/** Options of ZooKeeper-era tools that Kafka 4 dropped, and what to use instead (one line each). */
export const REMOVED_OPTION_HINTS = {
  zookeeper: 'kt has no ZooKeeper mode (neither has Kafka 4): use --bootstrap-server <host:port> to reach the cluster.',
  'broker-list': 'kt has no --broker-list here (Kafka 4 removed it): use --bootstrap-server <host:port> to reach the cluster.',
} as const;

type RemovedOption = keyof typeof REMOVED_OPTION_HINTS;

/** The first removed option on the command line that this tool does not define itself. */
export function removedOptionIn(argv: readonly string[], specs: readonly OptionSpec[]): RemovedOption | undefined {
  for (const arg of argv) {
    if (arg === '--') return undefined;
    const name = /^--(zookeeper|broker-list)(?:=|$)/.exec(arg)?.[1] as RemovedOption | undefined;
    if (name !== undefined && !specs.some((s) => s.name === name)) return name;
  }
  return undefined;
}

/**
 * `--version` for tools whose parser does not know it (argparse and positional tools: specs
 * without a `version` option), and `kt <tool> --version` alone in any tool.
 */
function versionOnly(argv: readonly string[], specs: readonly OptionSpec[]): boolean {
  if (argv.length === 1 && argv[0] === '--version') return true;
  return !specs.some((s) => s.name === 'version') && argv.includes('--version');
}

let guarded = false;

/**
 * A closed stdout or stderr (EPIPE: `kt topics --list | head -1`) ends the process at once with
 * exit 0, as a shell pipeline expects, unless an OutputWriter handles it (it stops its producer
 * and lets the tool finish). Errors escaping the tool's promise chain become one line.
 */
function guardStandardStreams(verbose: boolean): void {
  if (guarded) return;
  guarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') {
        if (stream === process.stdout && stdoutClosureHandled()) return;
        process.exit(0);
      }
      process.exit(1);
    });
  }
  const fatal = (e: unknown) => {
    try {
      process.stderr.write(`${describeError(e, verbose)}\n`);
    } finally {
      process.exit(1);
    }
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
}

function reportError(e: unknown, specs: readonly OptionSpec[], verbose: boolean, removed?: RemovedOption): number {
  if (e instanceof VersionRequested) {
    process.stdout.write(`${ktVersion()}\n`);
    return 0;
  }
  if (e instanceof ReportedFailure) return e.exitCode;
  if (e instanceof UsageError || e instanceof OptionError) {
    // A removed option gets its one-line hint instead of the whole option table.
    const withUsage = removed === undefined && (e instanceof UsageError ? e.withUsage : true);
    process.stderr.write(`${e.message}\n${withUsage ? formatOptionTable(specs) : ''}`);
    return 1;
  }
  process.stderr.write(`${describeError(e, verbose)}\n`);
  return 1;
}

export async function exitAfterFlush(code: number): Promise<never> {
  await Promise.all([drain(process.stdout), drain(process.stderr)]);
  process.exit(code);
}

function drain(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.write('', () => resolve());
  });
}
