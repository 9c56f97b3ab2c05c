// kt's producer (src/client/producer.ts) against an in-process broker: keys, headers and nulls
// written as Kafka writes them, idempotent batches numbered with the broker's producer id,
// per-record results, and Java's errors for records and topics it cannot send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/client/cluster.js';
import { createTopic } from '../../src/client/create-topic.js';
import { DEFAULT_FETCH_SETTINGS, sendFetch } from '../../src/client/fetcher.js';
import { partitionForKey } from '../../src/client/partitioner.js';
import { Producer, type ProducerSettings } from '../../src/client/producer.js';
import { ProducerRecordError } from '../../src/client/producer-errors.js';
import { CompressionType } from '../../src/protocol/records/compression/compression-type.js';
import { decodeRecordBatches } from '../../src/protocol/records/record-batch.js';
import { startBroker } from '../../src/index.js';
import { connectTestCluster } from '../helpers/test-cluster.js';

let broker: { bootstrap: string; close(): Promise<void> };
let cluster: Cluster;

const SETTINGS: ProducerSettings = {
  acks: -1,
  batchSize: 512,
  lingerMs: 5,
  compression: CompressionType.None,
  maxInFlight: 5,
  bufferMemory: 1 << 20,
  requestTimeoutMs: 5000,
  idempotent: true,
  retries: 3,
  maxBlockMs: 300,
};

beforeAll(async () => {
  broker = await startBroker({ port: 0, config: { 'auto.create.topics.enable': 'false' } });
  cluster = await connectTestCluster(broker.bootstrap, 'producer-test');
});

afterAll(async () => {
  await cluster?.close();
  await broker?.close();
});

async function fetchBatches(topic: string, partition: number) {
  const connection = await cluster.connection(1);
  const response = await sendFetch(connection, topic, [partition], new Map([[partition, 0]]), { ...DEFAULT_FETCH_SETTINGS, maxWaitMs: 0 });
  return decodeRecordBatches(response.responses[0]!.partitions[0]!.records as Buffer);
}

describe('Producer', () => {
  it('writes keys, headers and nulls, numbers idempotent batches and reports each record', async () => {
    await createTopic(cluster, 'records', 2, 1);
    const producer = await Producer.create(cluster, 'records', SETTINGS);
    const results: Array<[string, number, number]> = [];
    for (let i = 0; i < 100; i++) {
      const key = Buffer.from(`k${i % 4}`);
      const headers: Array<[string, Buffer | null]> = i % 10 === 0 ? [['h', Buffer.from(String(i))], ['n', null]] : [];
      const value = i === 50 ? null : Buffer.from(`value-${i}`);
      producer.sendRecord(key, value, headers, 1_700_000_000_000 + i, undefined, (error, partition, offset) => {
        expect(error).toBeUndefined();
        results.push([`k${i % 4}/${i}`, partition, offset]);
      });
    }
    await producer.flush();
    producer.close();
    expect(results).toHaveLength(100);

    for (const partition of [0, 1]) {
      const batches = await fetchBatches('records', partition);
      const records = batches.flatMap((b) => b.records);
      const mine = results.filter(([, p]) => p === partition);
      expect(records.map((r) => r.offset)).toEqual(mine.map(([, , o]) => o));
      let sequence = 0;
      for (const b of batches) {
        expect(b.producerId).toBeGreaterThanOrEqual(0);
        expect(b.producerEpoch).toBe(0);
        expect(b.baseSequence).toBe(sequence);
        sequence += b.records.length;
      }
      for (const r of records) {
        const [name] = mine.find(([, , o]) => o === r.offset)!;
        const [key, index] = name.split('/') as [string, string];
        expect(r.key!.toString()).toBe(key);
        expect(partitionForKey(Buffer.from(key), 2)).toBe(partition);
        expect(r.timestamp).toBe(1_700_000_000_000 + Number(index));
        expect(r.value === null ? null : r.value.toString()).toBe(index === '50' ? null : `value-${index}`);
        const headers = (r.headers ?? []).map((h) => [h.key, h.value === null ? null : h.value.toString()]);
        expect(headers).toEqual(Number(index) % 10 === 0 ? [['h', index], ['n', null]] : []);
      }
    }
  });

  it("fails a record larger than max.request.size at once, with Java's text", async () => {
    await createTopic(cluster, 'large', 1, 1);
    const producer = await Producer.create(cluster, 'large', { ...SETTINGS, maxRequestSize: 1000 });
    const errors: string[] = [];
    producer.sendRecord(null, Buffer.alloc(2000), undefined, Date.now(), undefined, (error) => errors.push(String(error)));
    expect(errors).toEqual([
      'org.apache.kafka.common.errors.RecordTooLargeException: The message is 2086 bytes when serialized which is larger than 1000, which is the value of the max.request.size configuration.',
    ]);
    await producer.flush();
  });

  it('gives up on a topic that does not appear within max.block.ms', async () => {
    const error = await Producer.create(cluster, 'missing', SETTINGS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProducerRecordError);
    expect(String(error)).toBe('org.apache.kafka.common.errors.TimeoutException: Topic missing not present in metadata after 300 ms.');
  });
});
