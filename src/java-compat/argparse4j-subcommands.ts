// argparse4j 0.7.0 parsers with sub-commands, as Kafka's kafka-cluster, kafka-features and
// kafka-metadata-quorum declare them: named arguments with short and long flags (long ones
// abbreviable), mutually exclusive groups, titled groups, `append` arguments, Integer values,
// one level of sub-commands, and argparse4j's usage, help and error texts laid out as it lays
// them out (argparse4j-text.ts).
import { ArgparseError, HelpRequested } from './argparse.js';
import { FORMAT_WIDTH, helpEntry, wrapText } from './argparse4j-text.js';

export { ArgparseError, HelpRequested };

export interface Arg4j {
  /** In declaration order, e.g. ['--bootstrap-server', '-b']; the first one names it in usage. */
  readonly flags: readonly string[];
  /** 'flag' = storeTrue; 'one' = one value; 'append' = one value per occurrence. Default 'one'. */
  readonly kind?: 'flag' | 'one' | 'append';
  readonly type?: 'String' | 'Integer';
  readonly required?: boolean;
  readonly help: string;
  /** A mutually exclusive group (see Parser4j.mutex). */
  readonly mutex?: string;
  /** A titled argument group (see Parser4j.titled), listed apart in the help. */
  readonly titled?: string;
}

export interface Parser4j {
  readonly prog: string;
  readonly description?: string;
  readonly args: readonly Arg4j[];
  readonly mutex?: ReadonlyArray<{ readonly name: string; readonly required: boolean }>;
  readonly titled?: ReadonlyArray<{ readonly name: string; readonly title: string }>;
  readonly commands?: ReadonlyArray<{ readonly name: string; readonly help: string; readonly parser: Parser4j }>;
}

export type Value4j = string | number | boolean | string[];

export interface Parsed4j {
  /** The sub-command given, if the parser has sub-commands. */
  readonly command: string | undefined;
  /** Values by dest (the first long flag without dashes, `-` → `_`), main and sub-command together. */
  readonly values: ReadonlyMap<string, Value4j>;
}

/** A usage error or help request, with the parser whose usage goes with it. */
export class Argparse4jOutcome extends Error {
  constructor(
    readonly parser: Parser4j,
    readonly parent: Parser4j | undefined,
    readonly reason: ArgparseError | HelpRequested,
  ) {
    super(reason.message);
    this.name = 'Argparse4jOutcome';
  }
}

const HELP_ARG: Arg4j = { flags: ['-h', '--help'], kind: 'flag', help: 'show this help message and exit' };

function allArgs(parser: Parser4j): Arg4j[] {
  return [HELP_ARG, ...parser.args];
}

export function dest(arg: Arg4j): string {
  const long = arg.flags.find((f) => f.startsWith('--')) ?? arg.flags[0]!;
  return long.replace(/^-+/, '').replace(/-/g, '_');
}

const metavar = (arg: Arg4j): string => dest(arg).toUpperCase();
const consumes = (arg: Arg4j): boolean => (arg.kind ?? 'one') !== 'flag';
const errorName = (arg: Arg4j): string => arg.flags.join('/');

function convert(arg: Arg4j, raw: string): string | number {
  if (arg.type !== 'Integer') return raw;
  if (!/^[-+]?\d+$/.test(raw) || Number(raw) < -2147483648 || Number(raw) > 2147483647) {
    throw new ArgparseError(`argument ${errorName(arg)}: could not convert '${raw}' to Integer (For input string: "${raw}")`);
  }
  return Number(raw);
}

function isFlagToken(token: string): boolean {
  return token.startsWith('-') && token !== '-' && !/^-\d/.test(token);
}

function resolveFlag(name: string, args: readonly Arg4j[]): Arg4j {
  const exact = args.find((a) => a.flags.includes(name));
  if (exact) return exact;
  const candidates = args.flatMap((a) => a.flags.filter((f) => f.startsWith(name)).map((flag) => ({ flag, arg: a })));
  if (candidates.length === 1) return candidates[0]!.arg;
  if (candidates.length > 1) {
    throw new ArgparseError(`ambiguous option: ${name} could match ${candidates.map((c) => c.flag).sort().join(', ')}`);
  }
  throw new ArgparseError(`unrecognized arguments: '${name}'`);
}

/** Parses argv; usage errors and -h come back as Argparse4jOutcome naming the parser concerned. */
export function parse4j(parser: Parser4j, argv: readonly string[]): Parsed4j {
  const values = new Map<string, Value4j>();
  const command = parseInto(parser, undefined, argv, values);
  return { command, values };
}

function parseInto(parser: Parser4j, parent: Parser4j | undefined, argv: readonly string[], values: Map<string, Value4j>): string | undefined {
  const fail = (cause: ArgparseError | HelpRequested): never => {
    throw new Argparse4jOutcome(parser, parent, cause);
  };
  const args = allArgs(parser);
  const seen = new Set<Arg4j>();
  const mutexUsed = new Map<string, Arg4j>();
  let command: string | undefined;
  try {
    let i = 0;
    while (i < argv.length) {
      const token = argv[i++]!;
      if (!isFlagToken(token)) {
        if (parser.commands === undefined) throw new ArgparseError(`unrecognized arguments: '${token}'`);
        const sub = parser.commands.find((c) => c.name === token);
        if (sub === undefined) {
          throw new ArgparseError(`invalid choice: '${token}' (choose from ${parser.commands.map((c) => `'${c.name}'`).join(', ')})`);
        }
        command = token;
        parseInto(sub.parser, parser, argv.slice(i), values);
        break;
      }
      const eq = token.startsWith('--') ? token.indexOf('=') : -1;
      const arg = resolveFlag(eq < 0 ? token : token.slice(0, eq), args);
      if (arg === HELP_ARG) throw new HelpRequested();
      if (arg.mutex !== undefined) {
        const other = mutexUsed.get(arg.mutex);
        if (other !== undefined && other !== arg) throw new ArgparseError(`argument ${errorName(arg)}: not allowed with argument ${errorName(other)}`);
        mutexUsed.set(arg.mutex, arg);
      }
      seen.add(arg);
      if (!consumes(arg)) {
        values.set(dest(arg), true);
        continue;
      }
      let raw: string;
      if (eq >= 0) raw = token.slice(eq + 1);
      else {
        if (i >= argv.length || isFlagToken(argv[i]!)) throw new ArgparseError(`argument ${errorName(arg)}: expected one argument`);
        raw = argv[i++]!;
      }
      const value = convert(arg, raw);
      if (arg.kind === 'append') values.set(dest(arg), [...((values.get(dest(arg)) as string[] | undefined) ?? []), String(value)]);
      else values.set(dest(arg), value);
    }
    for (const arg of args) if (arg.required && !seen.has(arg)) throw new ArgparseError(`argument ${errorName(arg)} is required`);
    for (const group of parser.mutex ?? []) {
      if (group.required && !mutexUsed.has(group.name)) {
        throw new ArgparseError(`one of the arguments ${args.filter((a) => a.mutex === group.name).map(errorName).join(' ')} is required`);
      }
    }
    if (parser.commands !== undefined && command === undefined) throw new ArgparseError('too few arguments');
  } catch (e) {
    if (e instanceof ArgparseError || e instanceof HelpRequested) fail(e);
    throw e;
  }
  return command;
}

function shortSyntax(arg: Arg4j, bracket: boolean): string {
  const text = consumes(arg) ? `${arg.flags[0]} ${metavar(arg)}` : arg.flags[0]!;
  return bracket && !arg.required ? `[${text}]` : text;
}

/** The usage items of a parser's own arguments: named ones, then mutex groups, then commands. */
function usageItems(parser: Parser4j, onlyRequired: boolean): string[] {
  const items: string[] = [];
  const args = allArgs(parser);
  for (const arg of args) {
    if (arg.mutex !== undefined) continue;
    if (!onlyRequired || arg.required) items.push(shortSyntax(arg, true));
  }
  for (const group of parser.mutex ?? []) {
    const members = args.filter((a) => a.mutex === group.name);
    if (onlyRequired && !group.required) continue;
    const [open, close] = group.required ? ['(', ')'] : ['[', ']'];
    members.forEach((arg, n) => {
      if (n > 0) items.push('|');
      items.push(`${n === 0 ? open : ''}${shortSyntax(arg, false)}${n === members.length - 1 ? close : ''}`);
    });
  }
  return items;
}

/** argparse4j's usage: `usage: <prog>` then items, wrapped under the program name. */
export function formatUsage4j(parser: Parser4j, parent?: Parser4j, command?: string): string {
  const prefix = `usage: ${parent?.prog ?? parser.prog}`;
  const items = parent !== undefined ? [...usageItems(parent, true), command!, ...usageItems(parser, false)] : usageItems(parser, false);
  if (parser.commands !== undefined) items.push(`{${parser.commands.map((c) => c.name).join(',')}}`, '...');
  const indent = ' '.repeat(prefix.length);
  let out = prefix;
  let width = prefix.length;
  items.forEach((item, n) => {
    if (n > 0 && width + item.length + 1 > FORMAT_WIDTH) {
      out += `\n${indent} ${item}`;
      width = indent.length + 1 + item.length;
    } else {
      out += ` ${item}`;
      width += 1 + item.length;
    }
  });
  return `${out}\n`;
}

function argTitle(arg: Arg4j): string {
  return arg.flags.map((f) => (consumes(arg) ? `${f} ${metavar(arg)}` : f)).join(', ');
}

/** The whole help screen of a parser (a sub-command's when `parent` is given). */
export function formatHelp4j(parser: Parser4j, parent?: Parser4j, command?: string): string {
  let out = formatUsage4j(parser, parent, command);
  if (parser.description !== undefined) out += `\n${wrapText(parser.description, FORMAT_WIDTH, 0, '', '')}\n`;
  if (parser.commands !== undefined) {
    out += `\npositional arguments:\n${helpEntry(`{${parser.commands.map((c) => c.name).join(',')}}`, '')}`;
    for (const c of parser.commands) out += helpEntry(`  ${c.name}`, c.help);
  }
  const args = allArgs(parser);
  out += '\noptional arguments:\n';
  for (const arg of args) if (arg.titled === undefined) out += helpEntry(argTitle(arg), arg.help);
  for (const group of parser.titled ?? []) {
    out += `\n${group.title}:\n`;
    for (const arg of args) if (arg.titled === group.name) out += helpEntry(argTitle(arg), arg.help);
  }
  return out;
}

/**
 * Prints what argparse4j prints for a usage error (usage + wrapped `<prog>: error: <message>` on
 * stderr, exit 1) or -h (help on stdout, exit `helpExitCode`); returns the exit code.
 */
export function reportArgparse4j(outcome: Argparse4jOutcome, helpExitCode: number): number {
  const { parser, parent } = outcome;
  const command = parent?.commands?.find((c) => c.parser === parser)?.name;
  if (outcome.reason instanceof HelpRequested) {
    process.stdout.write(formatHelp4j(parser, parent, command));
    return helpExitCode;
  }
  const prog = parent?.prog ?? parser.prog;
  process.stderr.write(`${formatUsage4j(parser, parent, command)}${wrapText(`${prog}: error: ${outcome.reason.message}`, FORMAT_WIDTH, 0, '', '')}\n`);
  return 1;
}
