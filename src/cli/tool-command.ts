// Turns a ToolDeclaration into the oclif command class: flags for oclif's help, the manifest and
// completion; `strict = false` because the tool parses its own argv with Kafka's semantics
// (jopt-simple/argparse4j messages and exit codes that scripts depend on); run() goes through
// run-entry.ts exactly as bin/run.js's fast path does.
import { Args, Command, Flags, type Interfaces } from '@oclif/core';
import type { ArgSpec } from '../java-compat/argparse.js';
import type { Arg4j, Parser4j } from '../java-compat/argparse4j-subcommands.js';
import type { OptionSpec } from '../java-compat/jopt.js';
import type { ToolDeclaration } from './command-declaration.js';

/** The name of the hidden OptionSpec a tool declares when it answers `--json` (oclif's enableJsonFlag). */
const JSON_OPTION = 'json';

type AnyFlag = Interfaces.FlagInput[string];

function deprecation(deprecated: boolean | string | undefined): true | { message: string } | undefined {
  if (deprecated === undefined || deprecated === false) return undefined;
  return deprecated === true ? true : { message: deprecated };
}

function joptFlag(spec: OptionSpec, multiple: boolean): AnyFlag {
  const common = {
    description: spec.description,
    hidden: spec.hidden === true,
    ...(spec.aliases !== undefined && { aliases: [...spec.aliases] }),
    ...(deprecation(spec.deprecated) !== undefined && { deprecated: deprecation(spec.deprecated) }),
  };
  if ((spec.arg ?? 'none') === 'none') return Flags.boolean(common);
  const valued = { ...common, helpValue: `<${spec.argName ?? spec.type ?? 'String'}>` };
  if (spec.type === 'Integer' || spec.type === 'Long') {
    const defaultValue = spec.defaultValue === undefined ? undefined : Number(spec.defaultValue);
    return multiple ? Flags.integer({ ...valued, multiple: true }) : Flags.integer({ ...valued, ...(defaultValue !== undefined && { default: defaultValue }) });
  }
  return multiple ? Flags.string({ ...valued, multiple: true }) : Flags.string({ ...valued, ...(spec.defaultValue !== undefined && { default: spec.defaultValue }) });
}

function argparseFlag(spec: ArgSpec): [name: string, flag: AnyFlag] {
  const long = spec.flags.find((f) => f.startsWith('--')) ?? spec.flags[0]!;
  const short = spec.flags.find((f) => /^-[a-zA-Z]$/.test(f));
  const common = {
    description: spec.help,
    required: spec.required === true,
    ...(short !== undefined && { char: short.charAt(1) as 'h' }),
    ...(deprecation(spec.deprecated) !== undefined && { deprecated: deprecation(spec.deprecated) }),
  };
  const kind = spec.kind ?? 'one';
  if (kind === 'flag') return [long.replace(/^-+/, ''), Flags.boolean(common)];
  const valued = { ...common, helpValue: `<${spec.metavar ?? 'value'}>` };
  if (kind === 'many') return [long.replace(/^-+/, ''), Flags.string({ ...valued, multiple: true })];
  if (spec.type === 'Integer' || spec.type === 'Long') return [long.replace(/^-+/, ''), Flags.integer(valued)];
  return [long.replace(/^-+/, ''), Flags.string({ ...valued, ...(spec.defaultValue !== undefined && { default: spec.defaultValue }) })];
}

/** oclif flags from the tool's own option list; `json` becomes oclif's enableJsonFlag instead. */
export function flagsOf(declaration: ToolDeclaration): Record<string, AnyFlag> {
  const flags: Record<string, AnyFlag> = {};
  if ('jopt' in declaration.options) {
    const repeatable = new Set(declaration.repeatable ?? []);
    for (const spec of declaration.options.jopt) if (spec.name !== JSON_OPTION) flags[spec.name] = joptFlag(spec, repeatable.has(spec.name));
  } else if ('argparse4j' in declaration.options) {
    for (const arg of argparse4jArgs(declaration.options.argparse4j)) {
      const [name, flag] = argparse4jFlag(arg);
      if (name !== JSON_OPTION) flags[name] = flag;
    }
  } else {
    for (const spec of declaration.options.argparse) {
      const [name, flag] = argparseFlag(spec);
      if (name !== JSON_OPTION) flags[name] = flag;
    }
  }
  return flags;
}

/** Every argument of an argparse4j parser and its sub-commands, once each (by first flag). */
function argparse4jArgs(parser: Parser4j): Arg4j[] {
  const seen = new Map<string, Arg4j>();
  for (const arg of [...parser.args, ...(parser.commands ?? []).flatMap((c) => c.parser.args)]) if (!seen.has(arg.flags[0]!)) seen.set(arg.flags[0]!, arg);
  return [...seen.values()];
}

function argparse4jFlag(arg: Arg4j): [name: string, flag: AnyFlag] {
  const long = arg.flags.find((f) => f.startsWith('--')) ?? arg.flags[0]!;
  const short = arg.flags.find((f) => /^-[a-zA-Z]$/.test(f));
  const common = { description: arg.help, ...(short !== undefined && { char: short.charAt(1) as 'h' }) };
  const name = long.replace(/^-+/, '');
  const kind = arg.kind ?? 'one';
  if (kind === 'flag' || kind === 'version') return [name, Flags.boolean(common)];
  const valued = { ...common, helpValue: `<${arg.type ?? 'String'}>` };
  if (kind === 'append') return [name, Flags.string({ ...valued, multiple: true })];
  return [name, arg.type === 'Integer' ? Flags.integer(valued) : Flags.string(valued)];
}

export function answersJson(declaration: ToolDeclaration): boolean {
  const options =
    'jopt' in declaration.options
      ? declaration.options.jopt.map((s) => s.name)
      : 'argparse4j' in declaration.options
        ? argparse4jArgs(declaration.options.argparse4j).flatMap((a) => a.flags)
        : declaration.options.argparse.flatMap((s) => s.flags);
  return options.includes(JSON_OPTION) || options.includes(`--${JSON_OPTION}`);
}

function argsOf(declaration: ToolDeclaration): Interfaces.ArgInput {
  const args: Interfaces.ArgInput = Object.fromEntries((declaration.positionals ?? []).map((p) => [p.name, Args.string({ description: p.description, required: p.required })]));
  // An argparse4j tool with sub-commands (kafka-features.sh describe|upgrade|...) takes the sub-command first.
  const commands = 'argparse4j' in declaration.options ? (declaration.options.argparse4j.commands ?? []) : [];
  if (commands.length > 0) {
    args.command = Args.string({ description: commands.map((c) => `${c.name}: ${c.help}`).join('\n'), required: true, options: commands.map((c) => c.name) });
  }
  return args;
}

/** The oclif command class of a Kafka-style tool. */
export function toolCommand(declaration: ToolDeclaration): Command.Class {
  return class extends Command {
    static override summary = declaration.summary;
    static override description = declaration.description;
    static override usage = declaration.usage;
    static override examples = declaration.examples.map((e) => `<%= config.bin %> ${e}`);
    static override strict = false;
    static override flags = flagsOf(declaration);
    static override args = argsOf(declaration);
    static override enableJsonFlag = answersJson(declaration);
    /** kt's help class lets the tool print Kafka's own --help (stderr, exit 1). */
    static readonly kafkaStyleHelp = true;
    static readonly kafkaScript = declaration.kafkaScript;
    /** Read by bin/run.js from the manifest: the fast path runs the tool without loading oclif. */
    static readonly ktEntry = declaration.entry;

    async run(): Promise<void> {
      // The tool parses argv itself (Kafka's semantics); tell oclif so it does not warn in development.
      this.parsed = true;
      const { runEntry } = await import('./run-entry.js');
      await runEntry(declaration.entry, this.argv);
    }
  };
}
