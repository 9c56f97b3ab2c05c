// argparse4j 0.7.0, the one engine behind kt's argparse tools: named arguments with short and
// long flags (long ones abbreviable to an unambiguous prefix), `--opt value` / `--opt=value`,
// store-true flags, `append` and `nargs('+')` arguments, typed values (Integer, Long, Double),
// choices, required arguments, mutually exclusive and titled groups, defaults (shown by defaultHelp(true)),
// one level of sub-commands (kafka-cluster, kafka-features, kafka-metadata-quorum, kafka-transactions),
// argument groups with a title and a description, a version action (kafka-transactions' -v), and
// argparse4j's usage, help and error texts laid out as it lays them out (argparse4j-text.ts).
// argparse.ts presents the same engine as flat option lists (kafka-producer-perf-test).
import { ArgparseError, HelpRequested, VersionRequested } from './argparse-errors.js';
import { FORMAT_WIDTH, errorText, helpEntry, usageBlock, wrapParagraph, wrapText } from './argparse4j-text.js';
import { ktVersion } from '../common/version.js';

export { ArgparseError, HelpRequested, VersionRequested };

export type ArgType4j = 'String' | 'Short' | 'Integer' | 'Long' | 'Double';

export interface Arg4j {
  /** In declaration order, e.g. ['--bootstrap-server', '-b']; the first one names it in usage. */
  readonly flags: readonly string[];
  /**
   * 'flag' = storeTrue; 'one' = one value; 'append' = one value per occurrence; 'many' = nargs('+');
   * 'version' = a print-version-and-exit action (parsing stops where it appears). Default 'one'.
   */
  readonly kind?: 'flag' | 'one' | 'append' | 'many' | 'version';
  readonly type?: ArgType4j;
  /** Default: the dest in upper case. */
  readonly metavar?: string;
  readonly required?: boolean;
  readonly help: string;
  /** The values allowed (compared after conversion, as Java's equals); the metavar `{a,b}` when none is given. */
  readonly choices?: readonly string[];
  /** Used (after conversion) when the argument is absent; shown in help under defaultHelp(true). */
  readonly defaultValue?: string;
  /** A mutually exclusive group (see Parser4j.mutex). */
  readonly mutex?: string;
  /** A titled argument group (see Parser4j.titled), listed apart in the help. */
  readonly titled?: string;
  /** Accepted but left out of the help (a kt extension). */
  readonly hidden?: boolean;
}

export interface Mutex4j {
  readonly name: string;
  readonly required: boolean;
  /** A group with a title or description is listed apart in the help, after the titled groups. */
  readonly title?: string;
  readonly description?: string;
}

export interface Parser4j {
  readonly prog: string;
  readonly description?: string;
  readonly args: readonly Arg4j[];
  readonly mutex?: readonly Mutex4j[];
  /** Argument groups (addArgumentGroup), each with its title and an optional description. */
  readonly titled?: ReadonlyArray<{ readonly name: string; readonly title: string; readonly description?: string }>;
  readonly commands?: ReadonlyArray<{ readonly name: string; readonly help: string; readonly parser: Parser4j }>;
  /**
   * addSubparsers().title(t).metavar(m): the sub-commands are listed under `t:` after the
   * optional arguments, named `m` in usage and help instead of `{a,b,...}`.
   */
  readonly commandsTitle?: string;
  readonly commandsMetavar?: string;
  /** defaultHelp(true): each help text ends with `(default: …)`, store-true flags defaulting to false. */
  readonly defaultHelp?: boolean;
  /** addHelp(false): the parser's args declare -h/--help themselves. Default true (-h first). */
  readonly addHelp?: boolean;
}

export type Value4j = string | number | boolean | string[];

export interface Parsed4j {
  /** The sub-command given, if the parser has sub-commands. */
  readonly command: string | undefined;
  /** Values by dest (the first long flag without dashes, `-` → `_`), main and sub-command together. */
  readonly values: Map<string, Value4j>;
}

/** A usage error or help request, with the parser whose usage goes with it. */
export class Argparse4jOutcome extends Error {
  constructor(
    readonly parser: Parser4j,
    readonly parent: Parser4j | undefined,
    readonly reason: ArgparseError | HelpRequested | VersionRequested,
  ) {
    super(reason.message);
    this.name = 'Argparse4jOutcome';
  }
}

const HELP_ARG: Arg4j = { flags: ['-h', '--help'], kind: 'flag', help: 'show this help message and exit' };

function allArgs(parser: Parser4j): readonly Arg4j[] {
  return parser.addHelp === false ? parser.args : [HELP_ARG, ...parser.args];
}

/** The arguments help and usage show: kt's hidden extensions left out. */
function visibleArgs(parser: Parser4j): readonly Arg4j[] {
  return allArgs(parser).filter((a) => a.hidden !== true);
}

export function dest(arg: Arg4j): string {
  const long = arg.flags.find((f) => f.startsWith('--')) ?? arg.flags[0]!;
  return long.replace(/^-+/, '').replace(/-/g, '_');
}

const isHelp = (arg: Arg4j): boolean => arg.flags.includes('-h');
const kindOf = (arg: Arg4j): NonNullable<Arg4j['kind']> => arg.kind ?? 'one';
const errorName = (arg: Arg4j): string => arg.flags.join('/');

/** Java's Integer/Long/Double valueOf, with argparse4j's conversion message. */
function convert(arg: Arg4j, raw: string): string | number {
  const type = arg.type ?? 'String';
  if (type === 'String') return raw;
  const fail = (): never => {
    throw new ArgparseError(`argument ${errorName(arg)}: could not convert '${raw}' to ${type} (For input string: "${raw}")`);
  };
  if (type === 'Short') {
    // Short.valueOf: Integer.parseInt's message for a non-number, its own for one out of range.
    if (!/^[-+]?\d+$/.test(raw)) fail();
    const value = BigInt(raw);
    if (value < -(1n << 15n) || value >= 1n << 15n) {
      throw new ArgparseError(`argument ${errorName(arg)}: could not convert '${raw}' to Short (Value out of range. Value:"${raw}" Radix:10)`);
    }
    return Number(value);
  }
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

/** argparse4j's CollectionArgumentChoice: `{0,1,-1}`. */
const choicesText = (choices: readonly string[]): string => `{${choices.join(',')}}`;

/** convert, then argparse4j's choice check on the converted value. */
function convertChecked(arg: Arg4j, raw: string): string | number {
  const value = convert(arg, raw);
  if (arg.choices !== undefined && !arg.choices.includes(String(value))) {
    throw new ArgparseError(`argument ${errorName(arg)}: invalid choice: '${raw}' (choose from ${choicesText(arg.choices)})`);
  }
  return value;
}

/** argparse4j's rule (checked against Kafka's build): a flag starts with '-', unless it is '-' or a negative integer. */
function isFlagToken(token: string): boolean {
  return token.startsWith('-') && token !== '-' && !/^-\d+$/.test(token);
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
  const args = allArgs(parser);
  const seen = new Set<Arg4j>();
  const mutexUsed = new Map<string, Arg4j>();
  let command: string | undefined;
  try {
    let i = 0;
    while (i < argv.length) {
      const token = argv[i++]!;
      if (!isFlagToken(token)) {
        // Nothing positional but a sub-command: the rest of the line is left over.
        if (parser.commands === undefined) throw new ArgparseError(`unrecognized arguments: '${argv.slice(i - 1).join(' ')}'`);
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
      if (isHelp(arg)) throw new HelpRequested();
      if (kindOf(arg) === 'version') throw new VersionRequested();
      if (arg.mutex !== undefined) {
        const other = mutexUsed.get(arg.mutex);
        if (other !== undefined && other !== arg) throw new ArgparseError(`argument ${errorName(arg)}: not allowed with argument ${errorName(other)}`);
        mutexUsed.set(arg.mutex, arg);
      }
      seen.add(arg);
      const kind = kindOf(arg);
      if (kind === 'flag') {
        // argparse4j's own wording (sic), as Kafka's build prints it.
        if (eq >= 0) throw new ArgparseError(`argument ${errorName(arg)}: ignore implicit argument '${token.slice(eq + 1)}'`);
        values.set(dest(arg), true);
        continue;
      }
      const raws: string[] = eq >= 0 ? [token.slice(eq + 1)] : [];
      if (kind === 'many') {
        while (i < argv.length && !isFlagToken(argv[i]!)) raws.push(argv[i++]!);
        if (raws.length === 0) throw new ArgparseError(`argument ${errorName(arg)}: expected 1 argument(s)`);
        values.set(dest(arg), raws);
        continue;
      }
      if (raws.length === 0) {
        if (i >= argv.length || isFlagToken(argv[i]!)) throw new ArgparseError(`argument ${errorName(arg)}: expected one argument`);
        raws.push(argv[i++]!);
      }
      const value = convertChecked(arg, raws[0]!);
      if (kind === 'append') values.set(dest(arg), [...((values.get(dest(arg)) as string[] | undefined) ?? []), String(value)]);
      else values.set(dest(arg), value);
    }
    // argparse4j names the last declared missing argument (checked against Kafka's build:
    // producer-performance with only --topic reports --throughput, not --num-records).
    // A missing sub-command is reported before missing arguments, as Kafka's build does.
    if (parser.commands !== undefined && command === undefined) throw new ArgparseError('too few arguments');
    for (const arg of [...args].reverse()) if (arg.required && !seen.has(arg)) throw new ArgparseError(`argument ${errorName(arg)} is required`);
    for (const group of parser.mutex ?? []) {
      if (group.required && !mutexUsed.has(group.name)) {
        throw new ArgparseError(`one of the arguments ${args.filter((a) => a.mutex === group.name).map(errorName).join(' ')} is required`);
      }
    }
  } catch (e) {
    if (e instanceof ArgparseError || e instanceof HelpRequested || e instanceof VersionRequested) throw new Argparse4jOutcome(parser, parent, e);
    throw e;
  }
  for (const arg of args) {
    if (arg.defaultValue !== undefined && !values.has(dest(arg))) values.set(dest(arg), convert(arg, arg.defaultValue));
  }
  return command;
}

/** `--flag METAVAR`, `--many M [M ...]`, or the flag alone. */
function syntax(arg: Arg4j, flag: string): string {
  const metavar = arg.metavar ?? (arg.choices !== undefined ? choicesText(arg.choices) : dest(arg).toUpperCase());
  const kind = kindOf(arg);
  return kind === 'flag' || kind === 'version' ? flag : kind === 'many' ? `${flag} ${metavar} [${metavar} ...]` : `${flag} ${metavar}`;
}

/** The usage items of a parser's own arguments: named ones, then mutex groups. */
function usageItems(parser: Parser4j, args: readonly Arg4j[], onlyRequired: boolean): string[] {
  const items: string[] = [];
  for (const arg of args) {
    if (arg.mutex !== undefined || (onlyRequired && !arg.required)) continue;
    const text = syntax(arg, arg.flags[0]!);
    items.push(arg.required ? text : `[${text}]`);
  }
  for (const group of parser.mutex ?? []) {
    if (onlyRequired && !group.required) continue;
    const members = args.filter((a) => a.mutex === group.name);
    const [open, close] = group.required ? ['(', ')'] : ['[', ']'];
    // A group of one: the member alone when the group is required, bracketed otherwise, without `|` or parentheses.
    if (members.length === 1) {
      const text = syntax(members[0]!, members[0]!.flags[0]!);
      items.push(group.required ? text : `[${text}]`);
      continue;
    }
    members.forEach((arg, n) => {
      if (n > 0) items.push('|');
      items.push(`${n === 0 ? open : ''}${syntax(arg, arg.flags[0]!)}${n === members.length - 1 ? close : ''}`);
    });
  }
  return items;
}

function usageOf(parser: Parser4j, args: readonly Arg4j[], parent: Parser4j | undefined, command: string | undefined): string {
  const items = parent !== undefined ? [...usageItems(parent, visibleArgs(parent), true), command!, ...usageItems(parser, args, false)] : usageItems(parser, args, false);
  if (parser.commands !== undefined) items.push(commandsMetavar(parser), '...');
  return usageBlock(parent?.prog ?? parser.prog, items);
}

/** How usage and help name the sub-command: its metavar, else `{a,b,...}`. */
function commandsMetavar(parser: Parser4j): string {
  return parser.commandsMetavar ?? `{${(parser.commands ?? []).map((c) => c.name).join(',')}}`;
}

/** argparse4j's usage: `usage: <prog>` then items, wrapped under the program name. */
export function formatUsage4j(parser: Parser4j, parent?: Parser4j, command?: string): string {
  return usageOf(parser, visibleArgs(parser), parent, command);
}

function argHelp(parser: Parser4j, arg: Arg4j): string {
  const title = arg.flags.map((flag) => syntax(arg, flag)).join(', ');
  if (parser.defaultHelp !== true) return helpEntry(title, arg.help);
  // defaultHelp(true): store-true flags default to false; -h's help action has no default.
  const defaultValue = arg.defaultValue ?? (kindOf(arg) === 'flag' && !isHelp(arg) ? 'false' : undefined);
  return helpEntry(title, defaultValue === undefined ? arg.help : `${arg.help}${arg.help === '' ? '' : ' '}(default: ${defaultValue})`);
}

/** The whole help screen of a parser (a sub-command's when `parent` is given). */
export function formatHelp4j(parser: Parser4j, parent?: Parser4j, command?: string): string {
  const args = visibleArgs(parser);
  const apart = (parser.mutex ?? []).filter((g) => (g.title ?? '') !== '' || (g.description ?? '') !== '');
  const listedApart = (arg: Arg4j): boolean => arg.titled !== undefined || apart.some((g) => g.name === arg.mutex);
  let out = usageOf(parser, args, parent, command);
  if (parser.description !== undefined) out += `\n${wrapParagraph(parser.description)}\n`;
  const commandsHelp = (heading: string): string => {
    let text = `\n${heading}:\n${helpEntry(commandsMetavar(parser), '')}`;
    for (const c of parser.commands ?? []) text += helpEntry(`  ${c.name}`, c.help);
    return text;
  };
  if (parser.commands !== undefined && parser.commandsTitle === undefined) out += commandsHelp('positional arguments');
  out += '\noptional arguments:\n';
  for (const arg of args) if (!listedApart(arg)) out += argHelp(parser, arg);
  for (const group of parser.titled ?? []) {
    out += `\n${group.title}:\n`;
    if ((group.description ?? '') !== '') out += `  ${wrapText(group.description!, FORMAT_WIDTH, 2, '', '  ')}\n\n`;
    for (const arg of args) if (arg.titled === group.name) out += argHelp(parser, arg);
  }
  if (parser.commands !== undefined && parser.commandsTitle !== undefined) out += commandsHelp(parser.commandsTitle);
  for (const group of apart) {
    out += '\n';
    if ((group.title ?? '') !== '') out += `${group.title}:\n`;
    if ((group.description ?? '') !== '') out += `  ${wrapText(group.description!, FORMAT_WIDTH, 2, '', '  ')}\n\n`;
    for (const arg of args) if (arg.mutex === group.name) out += argHelp(parser, arg);
  }
  return out;
}

/** What argparse4j prints for a usage error: the usage, then `<prog>: error: <message>`. */
export function formatError4j(parser: Parser4j, message: string, parent?: Parser4j, command?: string): string {
  return errorText(formatUsage4j(parser, parent, command), parent?.prog ?? parser.prog, message);
}

/**
 * Prints what argparse4j prints for a usage error (usage + wrapped `<prog>: error: <message>` on
 * stderr, exit 1) or -h (help on stdout, exit `helpExitCode`); returns the exit code.
 */
export function reportArgparse4j(outcome: Argparse4jOutcome, helpExitCode: number): number {
  const { parser, parent } = outcome;
  const command = parent?.commands?.find((c) => c.parser === parser)?.name;
  if (outcome.reason instanceof VersionRequested) {
    // Kafka prints its own release and commit; kt prints its version.
    process.stdout.write(`${ktVersion()}\n`);
    return 0;
  }
  if (outcome.reason instanceof HelpRequested) {
    process.stdout.write(formatHelp4j(parser, parent, command));
    return helpExitCode;
  }
  process.stderr.write(formatError4j(parser, outcome.reason.message, parent, command));
  return 1;
}
