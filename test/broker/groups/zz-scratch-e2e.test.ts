import { describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { startBroker } from '../../../src/index.js';

describe('scratch', () => {
  it('two kafkajs consumers share partitions, then one leaves', async () => {
    const broker = await startBroker({ port: 0 });
    const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'scratch', logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 't4', numPartitions: 4 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 't4', messages: Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
    const assignments: Record<string, number[]> = {};
    const mk = (name: string) => {
      const c = kafka.consumer({ groupId: 'pair', sessionTimeout: 10000, heartbeatInterval: 500 });
      c.on(c.events.GROUP_JOIN, (e) => { assignments[name] = (e.payload.memberAssignment['t4'] ?? []).slice().sort(); });
      return c;
    };
    const c1 = mk('c1');
    const c2 = mk('c2');
    let seen = 0;
    await c1.connect(); await c2.connect();
    await c1.subscribe({ topic: 't4', fromBeginning: true });
    await c2.subscribe({ topic: 't4', fromBeginning: true });
    await c1.run({ eachMessage: async () => { seen++; } });
    await c2.run({ eachMessage: async () => { seen++; } });
    for (let i = 0; i < 100 && (seen < 100 || Object.keys(assignments).length < 2 || (assignments.c1!.length + assignments.c2!.length) !== 4); i++) await new Promise((r) => setTimeout(r, 100));
    console.log('assignments', JSON.stringify(assignments), 'seen', seen);
    expect([...(assignments.c1 ?? []), ...(assignments.c2 ?? [])].sort()).toEqual([0, 1, 2, 3]);
    await c2.disconnect();
    for (let i = 0; i < 100 && (assignments.c1 ?? []).length !== 4; i++) await new Promise((r) => setTimeout(r, 100));
    console.log('after leave', JSON.stringify(assignments));
    expect(assignments.c1).toEqual([0, 1, 2, 3]);
    const groups = broker.broker?.groups ?? (broker as any).groups;
    await c1.disconnect();
    const offs = await admin.fetchOffsets({ groupId: 'pair', topics: ['t4'] });
    console.log(JSON.stringify(offs));
    await producer.disconnect(); await admin.disconnect();
    await broker.close();
  }, 30000);
});
