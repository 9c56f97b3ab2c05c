// The subset of argparse4j 0.7.0 that Kafka's producer-performance uses: long options
// abbreviable to an unambiguous prefix, `--opt value` / `--opt=value`, `nargs('+')` options,
// boolean flags, typed values (Integer, Long, Double), required options, one required mutually
// exclusive group, and argparse's error texts. Usage errors become ArgparseError; the tool
// prints the usage block and `<prog>: error: <message>` on stderr and exits 1.

export type ArgType = 'String' | 'Integer' | 'Long' | 'Double';

export interface ArgSpec {
  readonly flags: readonly string[]; // e.g. ['--topic'] or ['-h', '--help']
  readonly metavar?: string;
  readonly type?: ArgType;
  /** 'flag' = store true; 'one' = one value; 'many' = nargs('+'). Default 'one'. */
  readonly kind?: 'flag' | 'one' | 'many';
  readonly required?: boolean;
  readonly help: string;
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

export class ArgparseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArgparseError';
  }
}

/** -h/--help was given. */
export class HelpRequested extends Error {
  constructor() {
    super('help requested');
    this.name = 'HelpRequested';
  }
}

export type ArgValue = string | number | boolean | string[];

/** Parsed options keyed by dest (the long flag without dashes, `-` replaced by `_`). */
export type ParsedArgs = Map<string, ArgValue>;

export function destOf(spec: ArgSpec): string {
  const long = spec.flags.find((f) => f.startsWith('--')) ?? spec.flags[0]!;
  return long.replace(/^-+/, '').replace(/-/g, '_');
}

function displayName(spec: ArgSpec): string {
  return spec.flags.join('/');
}

/** Java's Integer/Long/Double valueOf, with argparse's conversion message. */
function convert(spec: ArgSpec, raw: string): string | number {
  const type = spec.type ?? 'String';
  if (type === 'String') return raw;
  const fail = (): never => {
    throw new ArgparseError(`argument ${displayName(spec)}: could not convert '${raw}' to ${type} (For input string: "${raw}")`);
  };
  if (type === 'Double') {
    const text = raw.trim();
    if (!/^[-+]?(NaN|Infinity|((\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)[fFdD]?)$/.test(text)) fail();
    return Number(text.replace(/[fFdD]$/, ''));
  }
  if (!/^[-+]?\d+$/.test(raw)) fail();
  const value = BigInt(raw);
  const bits = type === 'Integer' ? 31n : 63n;
  if (value < -(1n << bits) || value >= 1n << bits) fail();
  return Number(value);
}

/** A token is an option when it starts with '-' and is not a negative number (argparse's rule). */
function isOptionToken(token: string): boolean {
  return token.startsWith('-') && token !== '-' && !/^-\d+(\.\d*)?([eE][-+]?\d+)?$/.test(token) && !/^-\.\d+$/.test(token);
}

function resolveFlag(name: string, specs: readonly ArgSpec[]): ArgSpec {
  for (const spec of specs) if (spec.flags.includes(name)) return spec;
  if (name.startsWith('--')) {
    const matches: string[] = [];
    const owners: ArgSpec[] = [];
    for (const spec of specs) {
      for (const flag of spec.flags) {
        if (flag.startsWith('--') && flag.startsWith(name)) {
          matches.push(flag);
          owners.push(spec);
        }
      }
    }
    if (matches.length === 1) return owners[0]!;
    if (matches.length > 1) throw new ArgparseError(`ambiguous option: ${name} could match ${matches.join(', ')}`);
  }
  throw new ArgparseError(`unrecognized arguments: '${name}'`);
}

export function parseArgparse(argv: readonly string[], specs: readonly ArgSpec[], groups: readonly ArgGroup[]): ParsedArgs {
  const parsed: ParsedArgs = new Map();
  const seen = new Set<ArgSpec>();
  const groupMember = new Map<string, ArgSpec>();
  const unrecognized: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const token = argv[i++]!;
    if (!isOptionToken(token)) {
      unrecognized.push(token);
      continue;
    }
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = eq < 0 ? token : token.slice(0, eq);
    const spec = resolveFlag(name, specs);
    if (spec.flags.includes('-h')) throw new HelpRequested();
    if (spec.group !== undefined) {
      const other = groupMember.get(spec.group);
      if (other !== undefined && other !== spec) throw new ArgparseError(`argument ${displayName(spec)}: not allowed with argument ${displayName(other)}`);
      groupMember.set(spec.group, spec);
    }
    seen.add(spec);
    const kind = spec.kind ?? 'one';
    if (kind === 'flag') {
      if (eq >= 0) throw new ArgparseError(`argument ${displayName(spec)}: ignored explicit argument '${token.slice(eq + 1)}'`);
      parsed.set(destOf(spec), true);
      continue;
    }
    const values: string[] = eq >= 0 ? [token.slice(eq + 1)] : [];
    if (kind === 'one') {
      if (values.length === 0) {
        if (i >= argv.length || isOptionToken(argv[i]!)) throw new ArgparseError(`argument ${displayName(spec)}: expected one argument`);
        values.push(argv[i++]!);
      }
      parsed.set(destOf(spec), convert(spec, values[0]!));
    } else {
      while (i < argv.length && !isOptionToken(argv[i]!)) values.push(argv[i++]!);
      if (values.length === 0) throw new ArgparseError(`argument ${displayName(spec)}: expected at least one argument`);
      parsed.set(destOf(spec), values);
    }
  }
  for (const spec of specs) {
    if (spec.required && !seen.has(spec)) throw new ArgparseError(`argument ${displayName(spec)} is required`);
  }
  for (const group of groups) {
    if (group.required && !groupMember.has(group.name)) {
      const names = specs.filter((s) => s.group === group.name).map(displayName);
      throw new ArgparseError(`one of the arguments ${names.join(' ')} is required`);
    }
  }
  if (unrecognized.length > 0) throw new ArgparseError(`unrecognized arguments: '${unrecognized.join(' ')}'`);
  for (const spec of specs) {
    if (spec.defaultValue !== undefined && !parsed.has(destOf(spec))) parsed.set(destOf(spec), convert(spec, spec.defaultValue));
  }
  return parsed;
}

function usageItem(spec: ArgSpec): string {
  const flag = spec.flags.find((f) => f.startsWith('--')) ?? spec.flags[0]!;
  const metavar = spec.metavar ?? destOf(spec).toUpperCase();
  const kind = spec.kind ?? 'one';
  const text = kind === 'flag' ? flag : kind === 'many' ? `${flag} ${metavar} [${metavar} ...]` : `${flag} ${metavar}`;
  return text;
}

/** argparse's one-line usage: `usage: prog [-h] --topic TOPIC ... (--a A | --b B)`. */
export function formatUsage(prog: string, specs: readonly ArgSpec[], groups: readonly ArgGroup[]): string {
  const parts: string[] = [];
  const done = new Set<string>();
  for (const spec of specs) {
    if (spec.flags.includes('-h')) {
      parts.push('[-h]');
      continue;
    }
    if (spec.group !== undefined) {
      if (done.has(spec.group)) continue;
      done.add(spec.group);
      const group = groups.find((g) => g.name === spec.group)!;
      const items = specs.filter((s) => s.group === spec.group).map(usageItem).join(' | ');
      parts.push(group.required ? `(${items})` : `[${items}]`);
      continue;
    }
    parts.push(spec.required ? usageItem(spec) : `[${usageItem(spec)}]`);
  }
  return `usage: ${prog} ${parts.join(' ')}\n`;
}

/** The full help: usage, description, then each option with its help text. */
export function formatHelp(prog: string, description: string, allSpecs: readonly ArgSpec[], groups: readonly ArgGroup[]): string {
  const specs = allSpecs.filter((s) => !s.kt);
  const describe = (spec: ArgSpec): string => {
    const kind = spec.kind ?? 'one';
    const metavar = spec.metavar ?? destOf(spec).toUpperCase();
    const names = spec.flags.map((f) => (kind === 'flag' ? f : kind === 'many' ? `${f} ${metavar} [${metavar} ...]` : `${f} ${metavar}`)).join(', ');
    const help = spec.help.replace(/\n/g, ' ');
    return `  ${names}\n                         ${help}\n`;
  };
  let out = `${formatUsage(prog, specs, groups)}\n${description}\n\nnamed arguments:\n`;
  for (const spec of specs) if (spec.group === undefined) out += describe(spec);
  for (const group of groups) {
    out += `\n${group.title}:\n  ${group.description}\n\n`;
    for (const spec of specs) if (spec.group === group.name) out += describe(spec);
  }
  return out;
}
