// ListOffsets for the lean client: the earliest (-2) or latest (-1) offset of partitions (under
// read_committed the latest is the last stable offset).
import { ApiKey } from '../protocol/api.js';
import { ErrorCode, errorName } from '../protocol/errors.js';
import { Cluster, VERSIONS, type TopicLayout } from './cluster.js';
import { KafkaApiError } from './errors.js';

export const EARLIEST = -2n;
export const LATEST = -1n;

/** Offsets per partition index of `partitions`, asking each partition's leader. */
export async function listOffsets(cluster: Cluster, layout: TopicLayout, partitions: readonly number[], timestamp: bigint, isolationLevel = 0): Promise<Map<number, number>> {
  const byLeader = new Map<number, number[]>();
  for (const p of partitions) {
    const leader = layout.leaders[p]!;
    let list = byLeader.get(leader);
    if (list === undefined) byLeader.set(leader, (list = []));
    list.push(p);
  }
  const out = new Map<number, number>();
  await Promise.all(
    [...byLeader].map(async ([leader, list]) => {
      const connection = await cluster.connection(leader);
      const response = await connection.send(ApiKey.ListOffsets, VERSIONS.listOffsets, {
        replicaId: -1,
        isolationLevel,
        topics: [{ name: layout.name, partitions: list.map((partitionIndex) => ({ partitionIndex, currentLeaderEpoch: -1, timestamp })) }],
      });
      for (const t of response.topics) {
        for (const p of t.partitions) {
          if (p.errorCode !== ErrorCode.NONE) throw new KafkaApiError(p.errorCode, `ListOffsets for ${layout.name}-${p.partitionIndex} failed: ${errorName(p.errorCode)}`);
          out.set(p.partitionIndex, Number(p.offset));
        }
      }
    }),
  );
  return out;
}
