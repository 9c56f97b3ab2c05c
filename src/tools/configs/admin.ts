// The Admin-client calls kafka-configs makes (describeConfigs, incrementalAlterConfigs,
// alterConfigs, listTopics, describeCluster, listConsumerGroups, ...), routed and failing as
// Java's KafkaAdminClient does: broker and broker-logger resources go to that broker, a failed
// call surfaces as the ExecutionException its future's get() throws.
import { API_SCHEMAS, ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { KafkaApiError } from '../../client/errors.js';
import type { AdminClient } from '../../client/admin-client.js';
import { fetchMetadata, type ClusterMetadata } from '../../client/cluster-metadata.js';
import { capacityAfterPuts, iterationOrder } from '../../java-compat/java-hash-order.js';
import { javaExceptionText } from '../../java-compat/java-exceptions.js';

/** ConfigResource.Type ids. */
export const ResourceType = { TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8, CLIENT_METRICS: 16, GROUP: 32 } as const;

/** ConfigEntry.ConfigSource names by DescribeConfigs source id. */
const CONFIG_SOURCES = [
  'UNKNOWN',
  'DYNAMIC_TOPIC_CONFIG',
  'DYNAMIC_BROKER_CONFIG',
  'DYNAMIC_DEFAULT_BROKER_CONFIG',
  'STATIC_BROKER_CONFIG',
  'DEFAULT_CONFIG',
  'DYNAMIC_BROKER_LOGGER_CONFIG',
  'DYNAMIC_CLIENT_METRICS_CONFIG',
  'DYNAMIC_GROUP_CONFIG',
];

export function configSourceName(id: number): string {
  return CONFIG_SOURCES[id] ?? 'UNKNOWN';
}

export interface ConfigSynonym {
  readonly name: string;
  readonly value: string | null;
  readonly source: string;
}

export interface ConfigEntry {
  readonly name: string;
  readonly value: string | null;
  readonly source: string;
  readonly isSensitive: boolean;
  readonly readOnly: boolean;
  readonly synonyms: readonly ConfigSynonym[];
}

export type AlterOp = { readonly name: string; readonly op: 'SET'; readonly value: string } | { readonly name: string; readonly op: 'DELETE' };

/** What `future.get()` throws for a failed Admin call: Java prints it as the first line of its stack trace. */
export class AdminFutureError extends Error {
  constructor(causeText: string) {
    super(`java.util.concurrent.ExecutionException: ${causeText}`);
    this.name = 'ExecutionException';
  }
}

/** `get(timeout)` gave up: a broker id Metadata does not list never gets a node assigned. */
export class AdminTimeoutError extends Error {
  constructor() {
    super('java.util.concurrent.TimeoutException');
    this.name = 'TimeoutException';
  }
}

const OP_IDS = { SET: 0, DELETE: 1 } as const;

/** A request whose Kafka error becomes the failed future's ExecutionException. */
export async function adminCall<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (e) {
    if (e instanceof KafkaApiError) throw new AdminFutureError(javaExceptionText(e.code, e.message));
    throw e;
  }
}

/** ApiKeys' enum constant name: DescribeClientQuotas -> DESCRIBE_CLIENT_QUOTAS. */
function apiConstant(apiKey: ApiKey): string {
  const name = API_SCHEMAS.find((s) => s.apiKey === apiKey)?.name ?? String(apiKey);
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

export class ConfigsAdmin {
  private metadata: ClusterMetadata | undefined;

  constructor(readonly client: AdminClient) {}

  /** NetworkClient's failure when the broker does not advertise the API at all. */
  requireApi(client: AdminClient, apiKey: ApiKey): void {
    if (!client.supports(apiKey)) throw new AdminFutureError(`org.apache.kafka.common.errors.UnsupportedVersionException: The node does not support ${apiConstant(apiKey)}`);
  }

  private async cluster(): Promise<ClusterMetadata> {
    this.metadata ??= await fetchMetadata(this.client, null);
    return this.metadata;
  }

  /** KafkaAdminClient.nodeFor: a broker's own configs (and loggers) are asked of that broker. */
  private async target(type: number, name: string): Promise<AdminClient> {
    const perBroker = (type === ResourceType.BROKER && name !== '') || type === ResourceType.BROKER_LOGGER;
    if (!perBroker) return this.client;
    const node = (await this.cluster()).brokers.find((b) => String(b.nodeId) === name.trim());
    if (node === undefined) throw new AdminTimeoutError();
    return await this.client.toBroker(node);
  }

  async describeConfigs(type: number, name: string, includeSynonyms: boolean): Promise<ConfigEntry[]> {
    const client = await this.target(type, name);
    this.requireApi(client, ApiKey.DescribeConfigs);
    const response = await adminCall(() =>
      client.send(ApiKey.DescribeConfigs, {
        resources: [{ resourceType: type, resourceName: name, configurationKeys: null }],
        includeSynonyms,
        includeDocumentation: false,
      }),
    );
    const result = response.results.find((r) => r.resourceType === type && r.resourceName === name);
    if (result === undefined) {
      throw new AdminFutureError(`org.apache.kafka.common.errors.ApiException: The node response did not contain a result for config resource ${resourceText(type, name)}`);
    }
    if (result.errorCode !== ErrorCode.NONE) throw new AdminFutureError(javaExceptionText(result.errorCode, result.errorMessage));
    return result.configs.map((c) => ({
      name: c.name,
      value: c.value,
      source: configSourceName(c.configSource),
      isSensitive: c.isSensitive,
      readOnly: c.readOnly,
      synonyms: c.synonyms.map((s) => ({ name: s.name, value: s.value, source: configSourceName(s.source) })),
    }));
  }

  async incrementalAlterConfigs(type: number, name: string, ops: readonly AlterOp[]): Promise<void> {
    const client = await this.target(type, name);
    this.requireApi(client, ApiKey.IncrementalAlterConfigs);
    const response = await adminCall(() =>
      client.send(ApiKey.IncrementalAlterConfigs, {
        resources: [
          {
            resourceType: type,
            resourceName: name,
            // A DELETE carries the empty string, as ConfigCommand builds it.
            configs: ops.map((o) => ({ name: o.name, configOperation: OP_IDS[o.op], value: o.op === 'SET' ? o.value : '' })),
          },
        ],
        validateOnly: false,
      }),
    );
    checkAlterResponse(response.responses, type, name);
  }

  async alterConfigs(type: number, name: string, entries: ReadonlyArray<{ name: string; value: string | null }>): Promise<void> {
    const client = await this.target(type, name);
    this.requireApi(client, ApiKey.AlterConfigs);
    const response = await adminCall(() =>
      client.send(ApiKey.AlterConfigs, {
        resources: [{ resourceType: type, resourceName: name, configs: entries.map((e) => ({ name: e.name, value: e.value })) }],
        validateOnly: false,
      }),
    );
    checkAlterResponse(response.responses, type, name);
  }

  /** listTopics(listInternal = true).names(): the keys of a HashMap filled in Metadata order. */
  async topicNames(): Promise<string[]> {
    const names = (await this.cluster()).topics.filter((t) => t.errorCode === ErrorCode.NONE).map((t) => t.name);
    return iterationOrder(names, capacityAfterPuts(16, names.length));
  }

  /** describeCluster().nodes(), as id strings. */
  async brokerIds(): Promise<string[]> {
    return (await this.cluster()).brokers.map((b) => String(b.nodeId));
  }

  /** listConsumerGroups(): every group any broker lists. */
  async groupIds(): Promise<string[]> {
    const ids: string[] = [];
    for (const node of (await this.cluster()).brokers) {
      const client = await this.client.toBroker(node);
      this.requireApi(client, ApiKey.ListGroups);
      const response = await adminCall(() => client.send(ApiKey.ListGroups, { statesFilter: [], typesFilter: [] }));
      if (response.errorCode !== ErrorCode.NONE) throw new AdminFutureError(javaExceptionText(response.errorCode));
      for (const g of response.groups) if (g.protocolType === 'consumer' || g.protocolType === '') ids.push(g.groupId);
    }
    return ids;
  }

  /** listClientMetricsResources(). */
  async clientMetricsNames(): Promise<string[]> {
    this.requireApi(this.client, ApiKey.ListClientMetricsResources);
    const response = await adminCall(() => this.client.send(ApiKey.ListClientMetricsResources, {}));
    if (response.errorCode !== ErrorCode.NONE) throw new AdminFutureError(javaExceptionText(response.errorCode));
    return response.clientMetricsResources.map((r) => r.name);
  }
}

function checkAlterResponse(responses: ReadonlyArray<{ errorCode: number; errorMessage: string | null; resourceType: number; resourceName: string }>, type: number, name: string): void {
  const result = responses.find((r) => r.resourceType === type && r.resourceName === name);
  if (result === undefined) {
    throw new AdminFutureError(`org.apache.kafka.common.errors.ApiException: The node response did not contain a result for config resource ${resourceText(type, name)}`);
  }
  if (result.errorCode !== ErrorCode.NONE) throw new AdminFutureError(javaExceptionText(result.errorCode, result.errorMessage));
}

const TYPE_NAMES: Readonly<Record<number, string>> = { 2: 'TOPIC', 4: 'BROKER', 8: 'BROKER_LOGGER', 16: 'CLIENT_METRICS', 32: 'GROUP' };

/** ConfigResource.toString(). */
function resourceText(type: number, name: string): string {
  return `ConfigResource(type=${TYPE_NAMES[type] ?? 'UNKNOWN'}, name='${name}')`;
}
