// `--json`, a kt extension of the read tools: the tool's typed result as one JSON document on
// stdout instead of Kafka's text. The shapes are API, documented in docs/json-output.md. Errors
// stay what they are without --json: one line on stderr and the tool's exit code.
import type { OptionSpec, ParsedOptions } from '../java-compat/jopt.js';

/** Appended to a read tool's option list; hidden from Kafka's help table. */
export const JSON_OPTION: OptionSpec = {
  name: 'json',
  description: 'kt: print the result as JSON (shapes in docs/json-output.md).',
  hidden: true,
};

/** Whether --json was given (for tools whose option list includes JSON_OPTION). */
export function wantsJson(options: ParsedOptions): boolean {
  return options.has('json');
}

/** For tools that do not parse with jopt (argparse, positional arguments). */
export function jsonRequested(argv: readonly string[]): boolean {
  return argv.includes('--json');
}

const BIGINT_MARK = '\u0000bigint:';

/**
 * The JSON text of `value`, pretty-printed with two spaces (as oclif prints --json), ending in a
 * newline. bigint values (offsets, sizes) are written as exact JSON numbers, never rounded.
 */
export function formatJson(value: unknown): string {
  return `${stringifyExact(value, 2)}\n`;
}

/** JSON.stringify that writes bigint values as exact numbers; `indent` 0 gives one line. */
export function stringifyExact(value: unknown, indent = 0): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${BIGINT_MARK}${v}` : v), indent === 0 ? undefined : indent);
  return text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}

/** Writes `value` as JSON on stdout. */
export function writeJson(value: unknown): void {
  process.stdout.write(formatJson(value));
}
