// kafkajs, in-process, against the embedded broker: admin, produce, fetch, consumer groups.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { startBroker, type StartedBroker } from '../../../src/index.js';

let broker: StartedBroker;
let kafka: Kafka;
let admin: Admin;

beforeAll(async () => {
  broker = await startBroker({ port: 0 });
  kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'kt-test', logLevel: logLevel.NOTHING, retry: { retries: 3 } });
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  await admin?.disconnect();
  await broker?.close();
});

describe('kafkajs admin', () => {
  it('creates, lists, describes and deletes topics', async () => {
    expect(await admin.createTopics({ topics: [{ topic: 'admin-a', numPartitions: 3 }] })).toBe(true);
    expect(await admin.createTopics({ topics: [{ topic: 'admin-a', numPartitions: 3 }] })).toBe(false);
    expect((await admin.listTopics()).sort()).toContain('admin-a');
    const md = await admin.fetchTopicMetadata({ topics: ['admin-a'] });
    expect(md.topics[0]!.partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2]);
    expect(md.topics[0]!.partitions.every((p) => p.leader === 1 && p.replicas.join() === '1' && p.isr.join() === '1')).toBe(true);
    await admin.createPartitions({ topicPartitions: [{ topic: 'admin-a', count: 5 }] });
    const md2 = await admin.fetchTopicMetadata({ topics: ['admin-a'] });
    expect(md2.topics[0]!.partitions).toHaveLength(5);
    await admin.deleteTopics({ topics: ['admin-a'] });
    expect(await admin.listTopics()).not.toContain('admin-a');
  });

  it('rejects a replication factor above 1 with Kafka\'s message', async () => {
    await expect(admin.createTopics({ topics: [{ topic: 'rf3', replicationFactor: 3 }] })).rejects.toMatchObject({
      errors: [expect.objectContaining({ type: 'INVALID_REPLICATION_FACTOR' })],
    });
  });

  it('rejects illegal topic names', async () => {
    await expect(admin.createTopics({ topics: [{ topic: 'bad name!' }] })).rejects.toMatchObject({
      errors: [expect.objectContaining({ type: 'INVALID_TOPIC_EXCEPTION' })],
    });
  });
});

describe('kafkajs produce and consume', () => {
  it('round-trips keyed records with headers through a consumer group, in order', async () => {
    await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3 }] });
    const producer = kafka.producer();
    await producer.connect();
    const messages = Array.from({ length: 300 }, (_, i) => ({ key: `k${i % 7}`, value: `v${i}`, headers: { h: `x${i}` } }));
    const acks = await producer.send({ topic: 'orders', messages, acks: -1 });
    expect(acks.map((a) => a.errorCode)).toEqual(acks.map(() => 0));
    await producer.disconnect();

    const offsets = await admin.fetchTopicOffsets('orders');
    expect(offsets.reduce((n, o) => n + Number(o.high), 0)).toBe(300);

    const consumer = kafka.consumer({ groupId: 'g-orders' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'orders', fromBeginning: true });
    const seen: Array<{ partition: number; offset: string; key: string; value: string; h: string }> = [];
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            seen.push({ partition, offset: message.offset, key: message.key!.toString(), value: message.value!.toString(), h: message.headers!.h!.toString() });
            if (seen.length === 300) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    expect(seen).toHaveLength(300);
    // Same key, same partition, and per-partition order is production order.
    const byKey = new Map<string, Set<number>>();
    for (const s of seen) byKey.set(s.key, (byKey.get(s.key) ?? new Set()).add(s.partition));
    for (const parts of byKey.values()) expect(parts.size).toBe(1);
    for (let p = 0; p < 3; p++) {
      const values = seen.filter((s) => s.partition === p).map((s) => Number(s.value.slice(1)));
      expect(values).toEqual([...values].sort((a, b) => a - b));
      const offs = seen.filter((s) => s.partition === p).map((s) => Number(s.offset));
      expect(offs).toEqual(offs.map((_, i) => i));
    }
    for (const s of seen) expect(s.h).toBe(`x${s.value.slice(1)}`);

    const committed = await admin.fetchOffsets({ groupId: 'g-orders', topics: ['orders'] });
    const total = committed[0]!.partitions.reduce((n, p) => n + Number(p.offset), 0);
    expect(total).toBe(300);
  });
});
