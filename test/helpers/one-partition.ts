// The raw-protocol steps many broker tests share: a one-partition topic, one Produce of a
// records buffer to its partition 0 (acks=all), and a Fetch of everything stored from offset 0.
import { ApiKey } from '../../src/protocol/api.js';
import type { RawClient } from './raw-client.js';

/** CreateTopics v7 of `name` with one partition; throws unless the broker answers NONE. */
export async function createTopic(client: RawClient, name: string, configs: Record<string, string> = {}): Promise<void> {
  const r = await client.request(ApiKey.CreateTopics, 7, {
    topics: [{ name, numPartitions: 1, replicationFactor: 1, configs: Object.entries(configs).map(([k, v]) => ({ name: k, value: v })) }],
    timeoutMs: 5000,
  });
  const code = r.topics[0]!.errorCode;
  if (code !== 0) throw new Error(`CreateTopics ${name} answered error code ${code}`);
}

/** Produce v9, acks=all, of `records` to partition 0: that partition's answer. */
export async function produceTo(client: RawClient, topic: string, records: Buffer) {
  const r = await client.request(ApiKey.Produce, 9, { acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] });
  return r.responses[0]!.partitionResponses[0]!;
}

/** Fetch v12 of partition 0 from offset 0: the stored bytes (empty when there are none). */
export async function fetchStored(client: RawClient, topic: string): Promise<Buffer> {
  const f = await client.request(ApiKey.Fetch, 12, {
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 1 << 20,
    topics: [{ topic, partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }] }],
  });
  return f.responses[0]!.partitions[0]!.records ?? Buffer.alloc(0);
}
