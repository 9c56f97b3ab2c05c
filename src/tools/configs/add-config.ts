// kafka-configs' --add-config / --add-config-file / --delete-config values
// (ConfigCommand.parseConfigsToBeAdded / parseConfigsToBeDeleted).
import { loadPropertiesFile } from '../../cli/client-config.js';
import { ConfigsArgumentError } from './options.js';
import { javaSplit } from '../../java-compat/java-regex.js';
import type { ParsedOptions } from '../../java-compat/jopt.js';

/** A position not inside `[...]`: the rest of the text has no `]` before the next `[` (or the end). */
const OUTSIDE_BRACKETS = '(?=[^\\]]*(?:\\[|$))';
const ITEM_SEPARATOR = new RegExp(`,${OUTSIDE_BRACKETS}`, 'g');
const KEY_VALUE_SEPARATOR = new RegExp(`\\s*=\\s*${OUTSIDE_BRACKETS}`);

/** Java's String.trim(): strips every character up to U+0020 at both ends. */
export function javaTrim(s: string): string {
  return s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

export interface ConfigsToAdd {
  /** Keys in the order given (Properties; the order does not reach the output). */
  readonly configs: Map<string, string>;
  /** Lines ConfigCommand prints on stdout while parsing. */
  readonly warnings: string[];
}

/**
 * `k1=v1,k2=[v1,v2],k3=` : items split on commas outside brackets, each split on `=` (with
 * surrounding spaces) outside brackets into exactly two parts; brackets are then dropped from
 * values, so a value holding `,` or `=` is written inside `[...]`.
 */
export function parseAddConfig(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const items = javaSplit(text, ITEM_SEPARATOR).map((item) => item.split(KEY_VALUE_SEPARATOR));
  if (!items.every((pair) => pair.length === 2)) {
    throw new ConfigsArgumentError('requirement failed: Invalid entity config: all configs to be added must be in the format "key=val".');
  }
  for (const [key, value] of items) out.set(javaTrim(key!), javaTrim(value!.replace(/[[\]]/g, '')));
  return out;
}

export function parseConfigsToBeAdded(options: ParsedOptions): ConfigsToAdd {
  const configs = new Map<string, string>();
  if (options.has('add-config-file')) for (const [k, v] of loadPropertiesFile(options.valueOf('add-config-file')!)) configs.set(k, v);
  if (options.has('add-config')) for (const [k, v] of parseAddConfig(options.valueOf('add-config')!)) configs.set(k, v);
  const warnings: string[] = [];
  const messageFormat = configs.get('message.format.version');
  if (messageFormat !== undefined) {
    warnings.push(
      `WARNING: The configuration message.format.version=${messageFormat} is specified. ` +
        'This configuration will be ignored if the version is newer than the inter.broker.protocol.version specified in the broker or ' +
        'if the inter.broker.protocol.version is 3.0 or newer. This configuration is deprecated and it will be removed in Apache Kafka 4.0.',
    );
  }
  for (const key of configs.keys()) {
    if (!/^[a-zA-Z0-9._-]*$/.test(key)) throw new ConfigsArgumentError(`Invalid character found for config key: ${key}`);
  }
  return { configs, warnings };
}

/**
 * --delete-config values, split at ',' as jopt's withValuesSeparatedBy does (a StringTokenizer:
 * empty pieces vanish, a value of only separators stays whole), then trimmed.
 */
export function parseConfigsToBeDeleted(options: ParsedOptions): string[] {
  const out: string[] = [];
  for (const raw of options.valuesOf('delete-config')) {
    const pieces = raw.split(',').filter((p) => p !== '');
    out.push(...(pieces.length === 0 ? [raw] : pieces));
  }
  return out.map(javaTrim);
}
