// The arguments of `kt server start` (kafka-server-start.sh / kafka.Kafka): an optional properties
// file first, then `--override key=value`s. Shared by the broker itself, its -daemon launcher and
// `kt server stop`, which reads the command lines of running brokers.
import { resolve } from 'node:path';
import type { OptionSpec } from '../../java-compat/jopt.js';
import { parseKeyValue } from '../../java-compat/properties.js';
import { loadPropertiesFile } from '../../cli/client-config.js';

export const SERVER_START_USAGE = 'USAGE: kt server start [-daemon] [server.properties] [--override property=value]*';

/** kafka.Kafka's options, as its --help table lists them (it declares no --help of its own). */
export const SERVER_START_OPTIONS: readonly OptionSpec[] = [
  { name: 'override', arg: 'required', description: 'Optional property that should override values set in server.properties file' },
  { name: 'version', description: 'Print version information and exit.' },
];

export interface ServerArgs {
  readonly file: string | undefined;
  readonly overrides: ReadonlyMap<string, string>;
}

/** The parsed arguments, or the usage error's first line. */
export function parseServerArgs(args: readonly string[]): ServerArgs | { error: string } {
  const overrides = new Map<string, string>();
  const nonOptions: string[] = [];
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--override' || a.startsWith('--override=')) {
      const v = a === '--override' ? args[++i] : a.slice('--override='.length);
      if (v === undefined) return { error: 'Option override requires an argument' };
      const [k, val] = parseKeyValue(v);
      overrides.set(k, val);
    } else if (a.startsWith('--')) {
      return { error: `${a.slice(2)} is not a recognized option` };
    } else if (file === undefined && i === 0) {
      file = a;
    } else {
      nonOptions.push(a);
    }
  }
  if (nonOptions.length > 0) return { error: `Found non argument parameters: ${nonOptions.join(',')}` };
  return { file, overrides };
}

/**
 * The broker's static config: the file (read as ISO-8859-1, like Java's Properties.load; a
 * relative path is taken from `cwd`, the broker's working directory, when given), then the
 * overrides, which win as in Kafka.
 */
export function serverProperties(args: ServerArgs, cwd?: string): Map<string, string> {
  const path = args.file === undefined ? undefined : cwd === undefined ? args.file : resolve(cwd, args.file);
  const values = path !== undefined ? loadPropertiesFile(path) : new Map<string, string>();
  for (const [k, v] of args.overrides) values.set(k, v);
  return values;
}
