// A small command-line parser with jopt-simple's semantics, which Kafka's scripts use and oclif
// cannot reproduce: long options only (`--name value` or `--name=value`), no abbreviations,
// repeatable options whose values are kept in order, lazily typed values, and jopt's messages.

export type ArgMode = 'none' | 'required' | 'optional';
export type ValueType = 'String' | 'Integer' | 'Long';

export interface OptionSpec {
  readonly name: string;
  readonly description: string;
  /** Whether the option takes an argument; default 'none'. */
  readonly arg?: ArgMode;
  /** The Java type jopt converts the value to; shown in the help table. Default 'String'. */
  readonly type?: ValueType;
  /** jopt's `describedAs`: the argument's name in the help table. */
  readonly argName?: string;
  /** jopt's `defaultsTo`: returned by valueOf when the option is absent. */
  readonly defaultValue?: string;
  /** kt extensions that are accepted but not listed in the help table. */
  readonly hidden?: boolean;
  /** Other spellings the parser accepts for this option (KIP-1147 old/new names); not in Kafka's help table. */
  readonly aliases?: readonly string[];
  /** Deprecated in Kafka: still accepted; `true` or the replacement's hint, shown by oclif's help. */
  readonly deprecated?: boolean | string;
  /** A kt extension (no such option in Kafka's tool): accepted, left out of Kafka's help table. */
  readonly kt?: boolean;
}

/** jopt-simple's OptionException: a malformed command line or an unconvertible value. */
export class OptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptionError';
  }
}

/** Options every jopt tool accepts (Kafka's CommandDefaultOptions), plus kt's hidden --verbose. */
export const DEFAULT_OPTIONS: readonly OptionSpec[] = [
  { name: 'help', description: 'Print usage information.' },
  { name: 'version', description: 'Display Kafka version.' },
  { name: 'verbose', description: 'kt: print stack traces and client debug logs.', hidden: true },
];

const INT_MIN = -2147483648n;
const INT_MAX = 2147483647n;
const LONG_MIN = -9223372036854775808n;
const LONG_MAX = 9223372036854775807n;

export class ParsedOptions {
  constructor(
    private readonly specs: ReadonlyMap<string, OptionSpec>,
    private readonly detected: ReadonlyMap<string, string[]>,
    /** Arguments that are not options (jopt collects them; Kafka's tools ignore them). */
    readonly nonOptionArguments: readonly string[],
    /** How many raw arguments there were: Kafka prints the usage when there are none. */
    readonly argCount: number,
  ) {}

  has(name: string): boolean {
    this.spec(name);
    return this.detected.has(name);
  }

  /** The single value of an option, its default when absent, undefined when it has neither. */
  valueOf(name: string): string | undefined {
    const values = this.valuesOf(name);
    if (values.length > 1) {
      throw new OptionError(`Found multiple arguments for option ${name}, but you asked for only one`);
    }
    return values[0];
  }

  /** Every value given for the option, in command-line order; the default when absent. */
  valuesOf(name: string): string[] {
    const spec = this.spec(name);
    const values = this.detected.get(name);
    if (values !== undefined && values.length > 0) return [...values];
    if (values === undefined && spec.defaultValue !== undefined) return [spec.defaultValue];
    return [];
  }

  /** valueOf converted like Java's Integer.valueOf; jopt's message when it cannot be. */
  intValueOf(name: string): number | undefined {
    return this.convert(name, INT_MIN, INT_MAX);
  }

  /** valueOf converted like Java's Long.valueOf (as a number: kt's longs stay below 2^53). */
  longValueOf(name: string): number | undefined {
    return this.convert(name, LONG_MIN, LONG_MAX);
  }

  private convert(name: string, min: bigint, max: bigint): number | undefined {
    const raw = this.valueOf(name);
    if (raw === undefined) return undefined;
    const n = parseJavaInteger(raw, min, max);
    if (n === undefined) throw new OptionError(`Cannot parse argument '${raw}' of option ${name}`);
    return n;
  }

  private spec(name: string): OptionSpec {
    const spec = this.specs.get(name);
    if (spec === undefined) throw new Error(`kt bug: option ${name} is not declared`);
    return spec;
  }
}

/** Java's Integer/Long.parseLong: optional sign, ASCII digits, in range; undefined otherwise. */
export function parseJavaInteger(text: string, min: bigint, max: bigint): number | undefined {
  if (!/^[-+]?[0-9]+$/.test(text)) return undefined;
  const value = BigInt(text);
  if (value < min || value > max) return undefined;
  return Number(value);
}

/** A token jopt treats as an option: anything starting with '-' except '-' itself. */
function looksLikeAnOption(token: string): boolean {
  return token.startsWith('-') && token !== '-';
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedOptions {
  const byName = new Map<string, OptionSpec>();
  for (const spec of specs) byName.set(spec.name, spec);
  const bySpelling = new Map(byName);
  for (const spec of specs) for (const alias of spec.aliases ?? []) bySpelling.set(alias, spec);
  const detected = new Map<string, string[]>();
  const nonOptions: string[] = [];
  const record = (name: string, value?: string) => {
    let values = detected.get(name);
    if (values === undefined) detected.set(name, (values = []));
    if (value !== undefined) values.push(value);
  };

  let i = 0;
  while (i < argv.length) {
    const token = argv[i++]!;
    if (token === '--') {
      // Option terminator: everything after it is a non-option argument.
      nonOptions.push(...argv.slice(i));
      break;
    }
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const name = eq < 0 ? token.slice(2) : token.slice(2, eq);
      const attached = eq < 0 ? undefined : token.slice(eq + 1);
      const spec = bySpelling.get(name);
      if (spec === undefined) throw new OptionError(`${name} is not a recognized option`);
      const mode = spec.arg ?? 'none';
      if (mode === 'none') {
        // jopt silently ignores `=value` on an option that takes no argument.
        record(spec.name);
      } else if (attached !== undefined) {
        record(spec.name, attached);
      } else if (mode === 'required') {
        // A required argument is the next token, whatever it looks like (`--offset -1`).
        if (i >= argv.length) throw new OptionError(`Option ${name} requires an argument`);
        record(spec.name, argv[i++]);
      } else if (i < argv.length && !looksLikeAnOption(argv[i]!)) {
        record(spec.name, argv[i++]);
      } else if (i < argv.length && spec.type !== undefined && spec.type !== 'String' && isNumber(argv[i]!)) {
        // jopt lets a numeric optional argument look like an option (`-1`).
        record(spec.name, argv[i++]);
      } else {
        record(spec.name);
      }
      continue;
    }
    if (looksLikeAnOption(token)) {
      // A short-option cluster: Kafka's tools declare no short options, so jopt rejects its first letter.
      throw new OptionError(`${token.charAt(1)} is not a recognized option`);
    }
    nonOptions.push(token);
  }
  return new ParsedOptions(byName, detected, nonOptions, argv.length);
}

function isNumber(token: string): boolean {
  return /^[-+]?[0-9]+$/.test(token);
}
