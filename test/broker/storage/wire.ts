// Produce, Fetch and CreateTopics over the raw client, many partitions per request, with the
// exact answers (codes, offsets, record values) the storage tests compare.
import { ApiKey } from '../../../src/protocol/api.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import type { RawClient } from '../../helpers/raw-client.js';

export interface TopicSpec {
  name: string;
  partitions: number;
  configs?: Record<string, string>;
}

/** CreateTopics v7; [name, errorCode] per topic. */
export async function createTopics(client: RawClient, topics: readonly TopicSpec[]): Promise<Array<[string, number]>> {
  const r = await client.request(ApiKey.CreateTopics, 7, {
    topics: topics.map((t) => ({
      name: t.name,
      numPartitions: t.partitions,
      replicationFactor: 1,
      assignments: [],
      configs: Object.entries(t.configs ?? {}).map(([name, value]) => ({ name, value })),
    })),
    timeoutMs: 30_000,
    validateOnly: false,
  });
  return r.topics.map((t) => [t.name, t.errorCode]);
}

export interface PartitionAnswer {
  errorCode: number;
  baseOffset: number;
}

/** One Produce v9 request (acks=all) with one batch of `values(p)` per partition; answers by partition. */
export async function produce(client: RawClient, topic: string, partitions: readonly number[], values: (partition: number) => string[]): Promise<PartitionAnswer[]> {
  const r = await client.request(ApiKey.Produce, 9, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 30_000,
    topicData: [
      {
        name: topic,
        partitionData: partitions.map((index) => ({
          index,
          records: encodeRecordBatch({ records: values(index).map((v) => ({ timestamp: Date.now(), key: null, value: Buffer.from(v), headers: [] })) }),
        })),
      },
    ],
  });
  const byIndex = new Map(r.responses[0]!.partitionResponses.map((p) => [p.index, p]));
  return partitions.map((p) => {
    const answer = byIndex.get(p)!;
    return { errorCode: answer.errorCode, baseOffset: Number(answer.baseOffset) };
  });
}

export interface FetchedPartition {
  errorCode: number;
  values: string[];
  /** Offsets of the records, in order. */
  offsets: number[];
}

/** Fetch v12 of every listed partition from offset 0 (one request, up to `partitionMaxBytes` each); values by partition. */
export async function fetchAll(client: RawClient, topic: string, partitions: readonly number[], partitionMaxBytes = 1 << 20): Promise<FetchedPartition[]> {
  const r = await client.request(ApiKey.Fetch, 12, {
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 64 << 20,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [{ topic, partitions: partitions.map((partition) => ({ partition, fetchOffset: 0n, partitionMaxBytes, currentLeaderEpoch: -1, lastFetchedEpoch: -1, logStartOffset: -1n })) }],
    forgottenTopicsData: [],
    rackId: '',
  });
  const byIndex = new Map(r.responses[0]!.partitions.map((p) => [p.partitionIndex, p]));
  return partitions.map((p) => {
    const data = byIndex.get(p)!;
    const records = data.records ? decodeRecordBatches(data.records).flatMap((b) => b.records) : [];
    return { errorCode: data.errorCode, values: records.map((rec) => rec.value!.toString()), offsets: records.map((rec) => rec.offset) };
  });
}

export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
