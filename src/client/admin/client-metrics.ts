// The Admin calls kafka-client-metrics makes: listClientMetricsResources() (ListClientMetricsResources)
// and describeConfigs / incrementalAlterConfigs on CLIENT_METRICS config resources. A broker
// rejection becomes a KafkaApiError carrying the broker's message, as the failed future's cause.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { apiError, type AdminClient } from '../admin-client.js';

/** ConfigResource.Type.CLIENT_METRICS. */
const CLIENT_METRICS_RESOURCE = 16;

/** IncrementalAlterConfigs operation ids (AlterConfigOp.OpType). */
const OP_IDS = { SET: 0, DELETE: 1 } as const;

export interface ClientMetricsConfigEntry {
  readonly name: string;
  readonly value: string | null;
}

export interface ClientMetricsAlteration {
  readonly name: string;
  readonly op: keyof typeof OP_IDS;
  /** The value to set; a DELETE carries the old value (or ''), as Java's AlterConfigOp does. */
  readonly value: string;
}

/** The names of every client metrics resource, in the broker's order. */
export async function listClientMetricsResources(client: AdminClient): Promise<string[]> {
  const response = await client.send(ApiKey.ListClientMetricsResources, {});
  if (response.errorCode !== ErrorCode.NONE) throw apiError(response.errorCode, null);
  return response.clientMetricsResources.map((r) => r.name);
}

/** The configs of one client metrics resource, in the broker's order (none for an unknown name). */
export async function describeClientMetricsConfig(client: AdminClient, name: string): Promise<ClientMetricsConfigEntry[]> {
  const response = await client.send(ApiKey.DescribeConfigs, {
    resources: [{ resourceType: CLIENT_METRICS_RESOURCE, resourceName: name, configurationKeys: null }],
    includeSynonyms: false,
    includeDocumentation: false,
  });
  const result = resultFor(response.results, name);
  if (result.errorCode !== ErrorCode.NONE) throw apiError(result.errorCode, result.errorMessage);
  return result.configs.map((c) => ({ name: c.name, value: c.value }));
}

/** Sets and deletes configs of one client metrics resource (creating or removing it). */
export async function alterClientMetricsConfig(client: AdminClient, name: string, alterations: readonly ClientMetricsAlteration[]): Promise<void> {
  const response = await client.send(ApiKey.IncrementalAlterConfigs, {
    resources: [
      {
        resourceType: CLIENT_METRICS_RESOURCE,
        resourceName: name,
        configs: alterations.map((a) => ({ name: a.name, configOperation: OP_IDS[a.op], value: a.value })),
      },
    ],
    validateOnly: false,
  });
  const result = resultFor(response.responses, name);
  if (result.errorCode !== ErrorCode.NONE) throw apiError(result.errorCode, result.errorMessage);
}

function resultFor<R extends { resourceType: number; resourceName: string }>(results: readonly R[], name: string): R {
  const result = results.find((r) => r.resourceType === CLIENT_METRICS_RESOURCE && r.resourceName === name);
  if (result === undefined) {
    // Java's ApiException text for a response that skips the resource asked about.
    throw new Error(`The node response did not contain a result for config resource ConfigResource(type=CLIENT_METRICS, name='${name}')`);
  }
  return result;
}
