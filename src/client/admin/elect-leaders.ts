// Admin.electLeaders(): ElectLeaders for given partitions (or all, with null).
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { apiError, type AdminClient } from '../admin-client.js';

export const ElectionType = { PREFERRED: 0, UNCLEAN: 1 } as const;

export interface ElectionResult {
  readonly topic: string;
  readonly partition: number;
  /** ErrorCode.NONE on success. */
  readonly errorCode: number;
  readonly errorMessage: string | null;
}

export async function electLeaders(
  client: AdminClient,
  electionType: number,
  partitions: ReadonlyArray<{ topic: string; partition: number }> | null,
  timeoutMs: number,
): Promise<ElectionResult[]> {
  let topicPartitions: Array<{ topic: string; partitions: number[] }> | null = null;
  if (partitions !== null) {
    const byTopic = new Map<string, number[]>();
    for (const p of partitions) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition]);
    topicPartitions = [...byTopic].map(([topic, ids]) => ({ topic, partitions: ids }));
  }
  // ElectionType needs v1; v0 is preferred-only.
  const response = await client.send(ApiKey.ElectLeaders, { electionType, topicPartitions, timeoutMs }, electionType === ElectionType.PREFERRED ? 0 : 1);
  if (response.errorCode !== ErrorCode.NONE) throw apiError(response.errorCode, null);
  return response.replicaElectionResults.flatMap((t) =>
    t.partitionResult.map((p) => ({ topic: t.topic, partition: p.partitionId, errorCode: p.errorCode, errorMessage: p.errorMessage })),
  );
}
