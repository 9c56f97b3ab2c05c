// Admin.describeCluster().clusterId() and Admin.unregisterBroker(id), as kafka-cluster uses them.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { apiError, type AdminClient } from '../admin-client.js';

/** The cluster id (null from a broker too old to have one): DescribeCluster, or Metadata v2+ before it existed. */
export async function describeClusterId(client: AdminClient): Promise<string | null> {
  if (client.supports(ApiKey.DescribeCluster)) {
    const response = await client.send(ApiKey.DescribeCluster, { includeClusterAuthorizedOperations: false });
    if (response.errorCode !== ErrorCode.NONE) throw apiError(response.errorCode, response.errorMessage);
    return response.clusterId;
  }
  const metadata = await client.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false });
  return 'clusterId' in metadata ? (metadata.clusterId ?? null) : null;
}

/** UnregisterBroker; UNSUPPORTED_VERSION when the broker does not serve it. */
export async function unregisterBroker(client: AdminClient, brokerId: number): Promise<void> {
  const response = await client.send(ApiKey.UnregisterBroker, { brokerId });
  if (response.errorCode !== ErrorCode.NONE) throw apiError(response.errorCode, response.errorMessage);
}
