// Config values as Kafka's ConfigDef checks and prints them: validation with ConfigDef's messages
// ("Invalid value <v> for configuration <n>: <reason>"), and the text form of a parsed value.
import type { ConfigType } from '../config.js';

/** The parts of a config definition that validation needs (topic and broker keys share them). */
export interface ValueRules {
  readonly type: ConfigType;
  readonly min?: number;
  readonly max?: number;
  readonly alsoAllowed?: readonly number[];
  readonly choices?: readonly string[];
  readonly caseInsensitive?: boolean;
}

const INT_RANGE = { int: [-2147483648, 2147483647], short: [-32768, 32767] } as const;
const LONG_MAX = 9223372036854775807n;
const LONG_MIN = -9223372036854775808n;

/** Kafka's ConfigDef.parse + validator for one value; returns the error message, or null when valid. */
export function invalidValueReason(name: string, value: string, rules: ValueRules): string | null {
  const v = value.trim();
  const invalid = (reason: string) => `Invalid value ${value} for configuration ${name}: ${reason}`;
  switch (rules.type) {
    case 'int':
    case 'long':
    case 'short': {
      if (!/^[-+]?\d+$/.test(v)) return invalid(`Not a number of type ${rules.type.toUpperCase()}`);
      const big = BigInt(v);
      const [lo, hi] = rules.type === 'long' ? [LONG_MIN, LONG_MAX] : INT_RANGE[rules.type].map(BigInt);
      if (big < lo! || big > hi!) return invalid(`Not a number of type ${rules.type.toUpperCase()}`);
      // Range errors quote the parsed value, as ConfigException does.
      return rangeReason(name, Number(big), big.toString(), rules);
    }
    case 'double':
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v)) return invalid('Not a number of type DOUBLE');
      return rangeReason(name, Number(v), javaDoubleToString(Number(v)), rules);
    case 'boolean':
      return v.toLowerCase() === 'true' || v.toLowerCase() === 'false' ? null : invalid('Expected value to be either true or false');
    case 'list': {
      if (!rules.choices) return null;
      // ValidList checks each item and quotes the offending item, not the whole list.
      for (const item of splitList(v)) {
        if (!matchesChoice(item, rules)) return `Invalid value ${item} for configuration ${name}: ${choicesReason(rules)}`;
      }
      return null;
    }
    default:
      if (rules.choices && !matchesChoice(v, rules)) return invalid(choicesReason(rules));
      return null;
  }
}

function rangeReason(name: string, n: number, shown: string, rules: ValueRules): string | null {
  const invalid = (reason: string) => `Invalid value ${shown} for configuration ${name}: ${reason}`;
  if (rules.alsoAllowed?.includes(n)) return null;
  const below = rules.min !== undefined && n < rules.min;
  const above = rules.max !== undefined && n > rules.max;
  // The gzip level's validator (a range plus -1) has a message of its own.
  if (rules.alsoAllowed && (below || above)) return invalid(`Value must be between ${rules.min} and ${rules.max} or equal to ${rules.alsoAllowed.join(', ')}`);
  if (below) return invalid(`Value must be at least ${rules.min}`);
  if (above) return invalid(`Value must be no more than ${rules.max}`);
  return null;
}

function choicesReason(rules: ValueRules): string {
  return `String must be one of${rules.caseInsensitive ? ' (case insensitive)' : ''}: ${rules.choices!.join(', ')}`;
}

function matchesChoice(item: string, rules: ValueRules): boolean {
  const choices = rules.choices!;
  return rules.caseInsensitive ? choices.some((c) => c.toLowerCase() === item.toLowerCase()) : choices.includes(item);
}

/** A list value's items: comma-separated, trimmed, empty items dropped (ConfigDef LIST parsing). */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The text DescribeConfigs shows for a value: Kafka parses it with the key's type and prints the
 * result (ConfigDef.convertToString), so " 1000" shows as "1000", "a, b" as "a,b", 1 as "1.0".
 */
export function normalizeConfigValue(value: string, type: ConfigType | undefined): string {
  const v = value.trim();
  switch (type) {
    case 'int':
    case 'long':
    case 'short':
      return /^[-+]?\d+$/.test(v) ? BigInt(v).toString() : value;
    case 'double':
      return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v) ? javaDoubleToString(Number(v)) : value;
    case 'boolean':
      return v.toLowerCase();
    case 'list':
      return splitList(v).join(',');
    case 'string':
    case 'class':
      return v;
    default:
      return value;
  }
}

/** Java's Double.toString for the values configs use: "0.5", "1.0", "1.0E-4", "1.7976931348623157E308". */
export function javaDoubleToString(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : n < 0 ? '-Infinity' : 'NaN';
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e7)) {
    const [mantissa, exponent] = n.toExponential().split('e');
    return `${mantissa!.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
  }
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}
