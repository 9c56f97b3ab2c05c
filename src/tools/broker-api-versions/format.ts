// NodeApiVersions.toString(true): a broker's ApiVersions answer set against the client's own
// version ranges. kt's client is its protocol layer, so "the client" is API_SCHEMAS: oldest =
// the schema's lowest version, latest = its highest (unstable versions included, as Java's
// ApiKeys.latestVersion() includes them).
import { API_SCHEMAS, type ApiSchemaInfo } from '../../protocol/api.js';

export interface ApiVersionRange {
  readonly apiKey: number;
  readonly minVersion: number;
  readonly maxVersion: number;
}

const CLIENT_APIS = new Map<number, ApiSchemaInfo>(API_SCHEMAS.map((s) => [s.apiKey, s]));

/** ApiKeys.clientApis(): the APIs a broker listener (ZooKeeper-mode or KRaft) may serve. */
function isClientApi(schema: ApiSchemaInfo): boolean {
  return schema.listeners.includes('zkBroker') || schema.listeners.includes('broker');
}

/** One API as a broker advertises it, set against kt's client (the typed form of one line). */
export interface ApiVersionEntry {
  readonly apiKey: number;
  /** Kafka's name of the API; null for a key kt's protocol layer does not know. */
  readonly name: string | null;
  /** The broker's range; null when the broker does not advertise the API. */
  readonly minVersion: number | null;
  readonly maxVersion: number | null;
  /** The version kt would use; null unless `status` is "usable". */
  readonly usableVersion: number | null;
  readonly status: 'usable' | 'unusable: node too new' | 'unusable: node too old' | 'unsupported' | 'unknown';
}

/** Every API of the broker's answer and of kt's client, by key (the lines of the text block). */
export function nodeApiVersionEntries(nodeApis: readonly ApiVersionRange[]): ApiVersionEntry[] {
  // A later entry for the same key replaces an earlier one (Java keeps them in a map).
  const byKey = new Map<number, ApiVersionEntry>();
  for (const api of nodeApis) {
    const schema = CLIENT_APIS.get(api.apiKey);
    const range = { minVersion: api.minVersion, maxVersion: api.maxVersion };
    if (schema === undefined) {
      byKey.set(api.apiKey, { apiKey: api.apiKey, name: null, ...range, usableVersion: null, status: 'unknown' });
      continue;
    }
    const status = schema.maxVersion < api.minVersion ? 'unusable: node too new' : api.maxVersion < schema.minVersion ? 'unusable: node too old' : 'usable';
    const usableVersion = status === 'usable' ? Math.min(schema.maxVersion, api.maxVersion) : null;
    byKey.set(api.apiKey, { apiKey: api.apiKey, name: schema.name, ...range, usableVersion, status });
  }
  for (const schema of API_SCHEMAS) {
    if (isClientApi(schema) && !byKey.has(schema.apiKey)) {
      byKey.set(schema.apiKey, { apiKey: schema.apiKey, name: schema.name, minVersion: null, maxVersion: null, usableVersion: null, status: 'unsupported' });
    }
  }
  return [...byKey.values()].sort((a, b) => a.apiKey - b.apiKey);
}

function rangeText(range: ApiVersionRange): string {
  return range.minVersion === range.maxVersion ? `${range.minVersion}` : `${range.minVersion} to ${range.maxVersion}`;
}

/** The `(`...`)` block kafka-broker-api-versions prints after `<node> -> `. */
export function formatNodeApiVersions(nodeApis: readonly ApiVersionRange[]): string {
  return formatApiVersionEntries(nodeApiVersionEntries(nodeApis));
}

/** The text block of typed entries. */
export function formatApiVersionEntries(entries: readonly ApiVersionEntry[]): string {
  const lines = entries.map((e) => {
    if (e.status === 'unsupported') return `${e.name}(${e.apiKey}): UNSUPPORTED`;
    const range = rangeText({ apiKey: e.apiKey, minVersion: e.minVersion!, maxVersion: e.maxVersion! });
    if (e.status === 'unknown') return `UNKNOWN(${e.apiKey}): ${range}`;
    return `${e.name}(${e.apiKey}): ${range} [${e.status === 'usable' ? `usable: ${e.usableVersion}` : e.status}]`;
  });
  return `(\n\t${lines.join(',\n\t')}\n)`;
}
