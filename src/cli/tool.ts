// What every Kafka-style tool shares: usage errors (message + option table on stderr, exit 1),
// --help (the same, exit 1: jopt tools exit 1 on help), --version (stdout, exit 0), one-line
// errors unless verbose, and an exit that waits for stdout/stderr to drain.
import { formatOptionTable } from '../java-compat/jopt-help.js';
import { OptionError, type OptionSpec, type ParsedOptions } from '../java-compat/jopt.js';
import { ktVersion } from '../common/version.js';

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
 * (client libraries may leave timers behind; a CLI must not hang on them).
 */
export async function runTool(argv: readonly string[], specs: readonly OptionSpec[], body: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await body();
  } catch (e) {
    code = reportError(e, specs, isVerbose(argv));
  }
  return exitAfterFlush(code);
}

function reportError(e: unknown, specs: readonly OptionSpec[], verbose: boolean): number {
  if (e instanceof VersionRequested) {
    process.stdout.write(`${ktVersion()}\n`);
    return 0;
  }
  if (e instanceof ReportedFailure) return e.exitCode;
  if (e instanceof UsageError || e instanceof OptionError) {
    const withUsage = e instanceof UsageError ? e.withUsage : true;
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
