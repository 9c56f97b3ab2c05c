// Request builders shared by the config API tests (raw client against an in-process broker).
import { expect } from 'vitest';
import { ApiKey } from '../../../src/protocol/api.js';
import type { RawClient } from '../../helpers/raw-client.js';

export const TOPIC = 2;
export const BROKER = 4;
export const BROKER_LOGGER = 8;
export const [SET, DELETE, APPEND, SUBTRACT] = [0, 1, 2, 3];

export async function createTopic(client: RawClient, name: string, configs: Array<{ name: string; value: string }> = [], partitions = 1): Promise<void> {
  const r = await client.request(ApiKey.CreateTopics, 7, { topics: [{ name, numPartitions: partitions, replicationFactor: 1, configs }], timeoutMs: 5000 });
  expect(r.topics[0]!.errorCode).toBe(0);
}

export interface DescribeArgs {
  type?: number;
  name: string;
  keys?: string[] | null;
  synonyms?: boolean;
  documentation?: boolean;
  version?: number;
}

export async function describeConfigs(client: RawClient, args: DescribeArgs) {
  const r = await client.request(ApiKey.DescribeConfigs, args.version ?? 4, {
    resources: [{ resourceType: args.type ?? TOPIC, resourceName: args.name, configurationKeys: args.keys ?? null }],
    includeSynonyms: args.synonyms ?? false,
    includeDocumentation: args.documentation ?? false,
  });
  return r.results[0]!;
}

/** One config entry of a resource (fails the test when it is missing). */
export async function describeOne(client: RawClient, name: string, key: string, type = TOPIC) {
  const result = await describeConfigs(client, { type, name, keys: [key], synonyms: true });
  expect(result.errorCode).toBe(0);
  const entry = result.configs.find((c) => c.name === key);
  expect(entry, `${key} of ${name}`).toBeDefined();
  return entry!;
}

export async function incrementalAlter(
  client: RawClient,
  type: number,
  name: string,
  configs: Array<[name: string, op: number, value: string | null]>,
  validateOnly = false,
) {
  const r = await client.request(ApiKey.IncrementalAlterConfigs, 1, {
    resources: [{ resourceType: type, resourceName: name, configs: configs.map(([n, op, value]) => ({ name: n, configOperation: op, value })) }],
    validateOnly,
  });
  const { errorCode, errorMessage } = r.responses[0]!;
  return { errorCode, errorMessage };
}

export async function legacyAlter(client: RawClient, type: number, name: string, configs: Record<string, string | null>, validateOnly = false) {
  const r = await client.request(ApiKey.AlterConfigs, 2, {
    resources: [{ resourceType: type, resourceName: name, configs: Object.entries(configs).map(([n, value]) => ({ name: n, value })) }],
    validateOnly,
  });
  const { errorCode, errorMessage } = r.responses[0]!;
  return { errorCode, errorMessage };
}
