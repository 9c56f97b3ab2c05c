// The subset of argparse4j 0.7.0 that Kafka's producer-performance uses: long options
// abbreviable to an unambiguous prefix, `--opt value` / `--opt=value`, `nargs('+')` options,
// boolean flags, typed values (Integer, Long, Double), required options, one required mutually
// exclusive group, and argparse's error texts. Usage errors become ArgparseError; the tool
// prints the usage block and `<prog>: error: <message>` on stderr and exits 1.

import { javaLineSegments } from './java-line-break.js';

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
  // argparse4j names the last declared missing option (checked against Kafka's build: with only
  // --topic it reports --throughput, not --num-records).
  for (const spec of [...specs].reverse()) {
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

/** argparse4j's text width: 75 columns, its default when it does not ask the terminal. */
export const ARGPARSE_WIDTH = 75;
/** Where help texts start: argparse4j's fixed 25-column option column. */
const HELP_INDENT = ' '.repeat(25);
/** argparse4j's usage continuation limit: a `usage: prog` wider than this starts on its own line. */
const USAGE_INDENT_LIMIT = 30;

function usageItem(spec: ArgSpec): string {
  const flag = spec.flags.find((f) => f.startsWith('--')) ?? spec.flags[0]!;
  return withMetavar(spec, flag);
}

function withMetavar(spec: ArgSpec, flag: string): string {
  const metavar = spec.metavar ?? destOf(spec).toUpperCase();
  const kind = spec.kind ?? 'one';
  return kind === 'flag' ? flag : kind === 'many' ? `${flag} ${metavar} [${metavar} ...]` : `${flag} ${metavar}`;
}

/**
 * argparse4j's usage block: `usage: prog` then the items, each preceded by a space, wrapped before
 * an item that would pass the width; continuation lines are indented to the end of `usage: prog`.
 * Members of a mutually exclusive group are separate items joined by `|` items.
 */
export function formatUsage(prog: string, specs: readonly ArgSpec[], groups: readonly ArgGroup[]): string {
  const items: string[] = [];
  for (const spec of specs) {
    if (spec.group !== undefined) continue;
    items.push(spec.flags.includes('-h') ? '[-h]' : spec.required ? usageItem(spec) : `[${usageItem(spec)}]`);
  }
  for (const group of groups) {
    const members = specs.filter((s) => s.group === group.name).map(usageItem);
    const [open, close] = group.required ? ['(', ')'] : ['[', ']'];
    members.forEach((member, i) => {
      if (i > 0) items.push('|');
      items.push(`${i === 0 ? open : ''}${member}${i === members.length - 1 ? close : ''}`);
    });
  }
  const head = `usage: ${prog}`;
  const offset = head.length > USAGE_INDENT_LIMIT ? 6 : head.length;
  const indent = ' '.repeat(offset);
  let out = head.length > USAGE_INDENT_LIMIT ? `${head}\n${indent}` : head;
  let width = offset + (head.length > USAGE_INDENT_LIMIT ? offset : 0);
  items.forEach((item, i) => {
    if (i > 0 && width + item.length + 1 > ARGPARSE_WIDTH) {
      out += `\n${indent} ${item}`;
      width = offset + 1 + item.length;
    } else {
      out += ` ${item}`;
      width += item.length + 1;
    }
  });
  return `${out}\n`;
}

/** argparse4j's help: usage, description, optional arguments, then each group (title, description, members). */
export function formatHelp(prog: string, description: string, allSpecs: readonly ArgSpec[], groups: readonly ArgGroup[]): string {
  // kt's own extensions are accepted but not part of Kafka's help text.
  const specs = allSpecs.filter((s) => !s.kt);
  let out = formatUsage(prog, specs, groups);
  if (description !== '') out += `\n${wrapText(description, ARGPARSE_WIDTH, 0, '', '')}\n`;
  out += '\noptional arguments:\n';
  for (const spec of specs) if (spec.group === undefined) out += argumentHelp(spec);
  for (const group of groups) {
    out += '\n';
    if (group.title !== '') out += `${group.title}:\n`;
    if (group.description !== '') out += `  ${wrapText(group.description, ARGPARSE_WIDTH, 2, '', '  ')}\n\n`;
    for (const spec of specs) if (spec.group === group.name) out += argumentHelp(spec);
  }
  return out;
}

/** A usage error as argparse4j's handleError prints it (stderr). */
export function formatError(prog: string, specs: readonly ArgSpec[], groups: readonly ArgGroup[], message: string): string {
  return `${formatUsage(prog, specs, groups)}${wrapText(`${prog}: error: ${message}`, ARGPARSE_WIDTH, 0, '', '')}\n`;
}

/** One option: its flags in a 25-column field (or alone on a line when wider), then its wrapped help. */
function argumentHelp(spec: ArgSpec): string {
  const title = spec.flags.map((flag) => withMetavar(spec, flag)).join(', ');
  // defaultHelp(true): store-true flags default to false; -h's help action has no default.
  const defaultValue = spec.defaultValue ?? ((spec.kind ?? 'one') === 'flag' && !spec.flags.includes('-h') ? 'false' : undefined);
  const help = defaultValue === undefined ? spec.help : `${spec.help}${spec.help === '' ? '' : ' '}(default: ${defaultValue})`;
  if (help === '') return `  ${title}\n`;
  const gap = title.length <= 21 ? ' '.repeat(HELP_INDENT.length - title.length - 2) : `\n${HELP_INDENT}`;
  return `  ${title}${gap}${wrapText(help, ARGPARSE_WIDTH, HELP_INDENT.length, '', HELP_INDENT)}\n`;
}

/**
 * argparse4j's TextHelper.wrap: packs Java line-break segments up to the width; every line it
 * closes is justified to the full width by widening its blocks of spaces (the last line is not).
 */
function wrapText(text: string, width: number, initialOffset: number, initialIndent: string, subsequentIndent: string): string {
  let out = initialIndent;
  let line = '';
  let current = initialOffset + initialIndent.length;
  for (const segment of javaLineSegments(text)) {
    current += segment.length;
    if (current > width) {
      out += `${justify(line, width, current - segment.length)}\n${subsequentIndent}`;
      line = '';
      current = subsequentIndent.length + segment.length;
    }
    line += segment;
    if (segment.endsWith('\n')) {
      out += line + subsequentIndent;
      line = '';
      current = subsequentIndent.length;
    }
  }
  return out + line;
}

/** TextHelper.adjustSpace: trims the line and spreads the missing width over its space blocks, the extra ones in the middle. */
function justify(line: string, width: number, lineWidth: number): string {
  const trimmed = line.replace(/^ +/u, '').replace(/ +$/u, '');
  const blocks = trimmed.split(/( +)/u);
  const spaceBlocks = (blocks.length - 1) / 2;
  if (spaceBlocks === 0) return trimmed;
  const need = width - (lineWidth - (line.length - trimmed.length));
  const each = Math.trunc(need / spaceBlocks);
  const rem = need % spaceBlocks;
  const remStart = Math.trunc((spaceBlocks - rem + 1) / 2);
  let out = '';
  blocks.forEach((part, i) => {
    if (i % 2 === 0) out += part;
    else {
      const b = (i - 1) / 2;
      out += ' '.repeat(Math.max(0, each + (remStart <= b && b < remStart + rem ? 1 : 0))) + part;
    }
  });
  return out;
}
