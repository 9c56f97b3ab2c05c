// Client configuration as Kafka's tools assemble it: Java .properties files (--command-config,
// --producer.config, ...) and `key=value` arguments (--property, ...). What the client itself
// reads from the result is src/client/config.ts.
import { readFileSync } from 'node:fs';
import { ClientConfigError, type ClientProperties } from '../client/config.js';
import { parseProperties } from '../java-compat/properties.js';
import type { ParsedOptions } from '../java-compat/jopt.js';

/**
 * Kafka's Utils.loadProps. Java's Properties.load(InputStream) reads ISO-8859-1, so kt decodes
 * the file as latin1 too: a file that works with Kafka's tools means the same thing here.
 */
export function loadPropertiesFile(path: string): ClientProperties {
  let text: string;
  try {
    text = readFileSync(path, 'latin1');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ClientConfigError(`java.nio.file.NoSuchFileException: ${path}`);
    if (code === 'EISDIR') throw new ClientConfigError(`java.io.IOException: Is a directory: ${path}`);
    if (code === 'EACCES') throw new ClientConfigError(`java.nio.file.AccessDeniedException: ${path}`);
    throw new ClientConfigError(`${(e as Error).message}`);
  }
  return parseProperties(text);
}

/**
 * The admin tools' client properties: the --command-config file (if any) with bootstrap.servers
 * set from the given option, as Kafka's tools build them before Admin.create.
 */
export function adminToolProperties(options: ParsedOptions, bootstrapOption = 'bootstrap-server'): ClientProperties {
  const props = options.has('command-config') ? loadPropertiesFile(options.valueOf('command-config')!) : new Map<string, string>();
  props.set('bootstrap.servers', options.valueOf(bootstrapOption)!);
  return props;
}

/**
 * CommandLineUtils.parseKeyValueArgs: each argument is split at its first '='; an argument
 * without '=' (or with nothing after it) sets the key to the empty string. Later arguments win.
 */
export function parseKeyValueArgs(args: readonly string[]): ClientProperties {
  const props: ClientProperties = new Map();
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq < 0) props.set(arg, '');
    else props.set(arg.slice(0, eq), arg.slice(eq + 1));
  }
  return props;
}

/** Copies `from` over `into` (Properties.putAll) and returns `into`. */
export function putAll(into: ClientProperties, from: ReadonlyMap<string, string>): ClientProperties {
  for (const [k, v] of from) into.set(k, v);
  return into;
}

