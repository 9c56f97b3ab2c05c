// Admin.describeMetadataQuorum(): DescribeQuorum for the `__cluster_metadata` partition.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { apiError, type AdminClient } from '../admin-client.js';

export interface ReplicaState {
  readonly replicaId: number;
  /** Java's Uuid.toString() (base64url); `AAAAAAAAAAAAAAAAAAAAAA` when the voter has none. */
  readonly directoryId: string;
  readonly logEndOffset: bigint;
  /** -1 when unknown. */
  readonly lastFetchTimestamp: bigint;
  readonly lastCaughtUpTimestamp: bigint;
}

export interface QuorumInfo {
  readonly leaderId: number;
  readonly leaderEpoch: number;
  readonly highWatermark: bigint;
  readonly voters: readonly ReplicaState[];
  readonly observers: readonly ReplicaState[];
  /** Endpoints per node id (v2+), `<LISTENER>://<host>:<port>`. */
  readonly endpoints: ReadonlyMap<number, readonly string[]>;
}

export async function describeQuorum(client: AdminClient): Promise<QuorumInfo> {
  const response = await client.send(ApiKey.DescribeQuorum, { topics: [{ topicName: '__cluster_metadata', partitions: [{ partitionIndex: 0 }] }] });
  if (response.errorCode !== ErrorCode.NONE) throw apiError(response.errorCode, response.errorMessage);
  const partition = response.topics[0]?.partitions[0];
  if (partition === undefined) throw apiError(ErrorCode.UNKNOWN_SERVER_ERROR, 'The response did not contain the metadata partition');
  if (partition.errorCode !== ErrorCode.NONE) throw apiError(partition.errorCode, partition.errorMessage);
  const replica = (r: (typeof partition.currentVoters)[number]): ReplicaState => ({
    replicaId: r.replicaId,
    directoryId: r.replicaDirectoryId,
    logEndOffset: r.logEndOffset,
    lastFetchTimestamp: r.lastFetchTimestamp,
    lastCaughtUpTimestamp: r.lastCaughtUpTimestamp,
  });
  const endpoints = new Map<number, string[]>();
  for (const node of response.nodes ?? []) {
    endpoints.set(
      node.nodeId,
      node.listeners.map((l) => `${l.name}://${l.host.includes(':') ? `[${l.host}]` : l.host}:${l.port}`),
    );
  }
  return {
    leaderId: partition.leaderId,
    leaderEpoch: partition.leaderEpoch,
    highWatermark: partition.highWatermark,
    voters: partition.currentVoters.map(replica),
    observers: partition.observers.map(replica),
    endpoints,
  };
}
