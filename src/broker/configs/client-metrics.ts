// Client-metrics subscriptions (KIP-714): CLIENT_METRICS config resources, validated as Kafka's
// ClientMetricsConfigs does when the controller checks a resource's complete new configs.
import { ErrorCode } from '../../protocol/errors.js';
import type { ResourceResult } from './resources.js';

/** The keys and, for the list-typed ones, their default ('' = the empty list). */
export const CLIENT_METRICS_KEYS: Readonly<Record<string, { type: 'list' | 'int'; default: string | null }>> = {
  metrics: { type: 'list', default: '' },
  'interval.ms': { type: 'int', default: null },
  match: { type: 'list', default: '' },
};

const MIN_INTERVAL_MS = 100;
const MAX_INTERVAL_MS = 3_600_000;
const MATCH_SELECTORS: ReadonlySet<string> = new Set([
  'client_instance_id',
  'client_id',
  'client_software_name',
  'client_software_version',
  'client_source_address',
  'client_source_port',
]);

const fail = (errorCode: number, errorMessage: string): ResourceResult => ({ errorCode, errorMessage });

/** Why a subscription's complete configs are invalid, in Kafka's words; null when valid. */
export function invalidClientMetricsReason(name: string, configs: Readonly<Record<string, string>>): ResourceResult | null {
  if (name === '') return fail(ErrorCode.INVALID_REQUEST, "Subscription name can't be empty");
  const unknown = Object.keys(configs).find((k) => !Object.hasOwn(CLIENT_METRICS_KEYS, k));
  if (unknown !== undefined) return fail(ErrorCode.INVALID_REQUEST, `Unknown client metrics configuration: ${unknown}`);
  // ConfigDef.parse: only interval.ms can fail to parse (lists always parse).
  const interval = configs['interval.ms'];
  if (interval !== undefined) {
    const parsed = parseJavaInt(interval.trim());
    if (parsed === null) return fail(ErrorCode.INVALID_CONFIG, `Invalid value ${interval} for configuration interval.ms: Not a number of type INT`);
    if (parsed < MIN_INTERVAL_MS || parsed > MAX_INTERVAL_MS) {
      return fail(ErrorCode.INVALID_REQUEST, `Invalid value ${parsed} for interval.ms, interval must be between 100 and 3600000 (1 hour)`);
    }
  }
  const match = configs.match;
  if (match !== undefined) {
    for (const pattern of parseList(match)) {
      if (!validMatchPattern(pattern)) return fail(ErrorCode.INVALID_CONFIG, `Illegal client matching pattern: ${pattern}`);
    }
  }
  return null;
}

/** Integer.parseInt: an optional sign and decimal digits, within int range. */
function parseJavaInt(text: string): number | null {
  if (!/^[-+]?\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= -2147483648 && n <= 2147483647 ? n : null;
}

/** ConfigDef's LIST parsing: trimmed, split at commas with surrounding blanks, empty items kept. */
function parseList(value: string): string[] {
  const trimmed = value.trim();
  return trimmed === '' ? [] : trimmed.split(/\s*,\s*/);
}

/**
 * "selector=regex": exactly one '=' separating two parts (Java's split drops a trailing empty part,
 * so "client_id=" is one part), a known selector, and a regex that compiles. kt compiles with
 * JavaScript's regex engine, which accepts nearly every Java pattern but a few constructs.
 */
function validMatchPattern(pattern: string): boolean {
  const parts = pattern.split('=');
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length !== 2 || !MATCH_SELECTORS.has(parts[0]!.trim())) return false;
  try {
    new RegExp(parts[1]!.trim());
    return true;
  } catch {
    return false;
  }
}
