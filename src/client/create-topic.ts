// CreateTopics for one topic, as Admin.createTopics would send it.
import { ApiKey } from '../protocol/api.js';
import { ErrorCode, errorName } from '../protocol/errors.js';
import { Cluster, VERSIONS } from './cluster.js';
import { KafkaApiError } from './errors.js';

export async function createTopic(cluster: Cluster, name: string, partitions: number, replicationFactor: number): Promise<void> {
  const response = await cluster.bootstrap.send(ApiKey.CreateTopics, VERSIONS.createTopics, {
    topics: [{ name, numPartitions: partitions, replicationFactor, assignments: [], configs: [] }],
    timeoutMs: 30_000,
    validateOnly: false,
  });
  const result = response.topics[0];
  const code = result?.errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR;
  if (code !== ErrorCode.NONE) throw new KafkaApiError(code, result?.errorMessage ?? errorName(code));
}
