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

function rangeText(range: ApiVersionRange): string {
  return range.minVersion === range.maxVersion ? `${range.minVersion}` : `${range.minVersion} to ${range.maxVersion}`;
}

function usabilityText(schema: ApiSchemaInfo, node: ApiVersionRange): string {
  if (schema.maxVersion < node.minVersion) return ' [unusable: node too new]';
  if (node.maxVersion < schema.minVersion) return ' [unusable: node too old]';
  return ` [usable: ${Math.min(schema.maxVersion, node.maxVersion)}]`;
}

/** The `(`...`)` block kafka-broker-api-versions prints after `<node> -> `. */
export function formatNodeApiVersions(nodeApis: readonly ApiVersionRange[]): string {
  // A later entry for the same key replaces an earlier one (Java keeps them in a map).
  const byKey = new Map<number, string>();
  for (const api of nodeApis) {
    const schema = CLIENT_APIS.get(api.apiKey);
    byKey.set(api.apiKey, schema === undefined ? `UNKNOWN(${api.apiKey}): ${rangeText(api)}` : `${schema.name}(${api.apiKey}): ${rangeText(api)}${usabilityText(schema, api)}`);
  }
  for (const schema of API_SCHEMAS) {
    if (isClientApi(schema) && !byKey.has(schema.apiKey)) byKey.set(schema.apiKey, `${schema.name}(${schema.apiKey}): UNSUPPORTED`);
  }
  const lines = [...byKey].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
  return `(\n\t${lines.join(',\n\t')}\n)`;
}
