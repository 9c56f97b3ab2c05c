// The lean client (src/client/) against an in-process broker: producer batching and acks,
// pipelined fetching with exact counting, and a one-member consumer group.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/client/cluster.js';
import { DEFAULT_FETCH_SETTINGS, Fetcher } from '../../src/client/fetcher.js';
import { GroupMember } from '../../src/client/group-member.js';
import { EARLIEST, LATEST, listOffsets } from '../../src/client/list-offsets.js';
import { PollBuffer } from '../../src/client/poll-buffer.js';
import { LeanProducer } from '../../src/client/producer.js';
import { CompressionType } from '../../src/protocol/records/compression/compression-type.js';
import { startBroker } from '../../src/index.js';
import { connectTestCluster } from '../helpers/test-cluster.js';

let broker: { bootstrap: string; close(): Promise<void> };
let cluster: Cluster;

beforeAll(async () => {
  broker = await startBroker({ port: 0, config: { 'num.partitions': '3' } });
  cluster = await connectTestCluster(broker.bootstrap, 'lean-test');
});

afterAll(async () => {
  await cluster?.close();
  await broker?.close();
});

describe('lean client', () => {
  it('produces every record once, acknowledged batch by batch, then fetches and counts them exactly', async () => {
    let acked = 0;
    let failed = 0;
    const producer = await LeanProducer.create(
      cluster,
      'lean',
      { acks: -1, batchSize: 1024, lingerMs: 0, compression: CompressionType.Lz4, maxInFlight: 3, bufferMemory: 64 * 1024, requestTimeoutMs: 5000 },
      {
        onAcked: (_times, sizes, count) => {
          for (let i = 0; i < count; i++) expect(sizes[i]).toBe(20);
          acked += count;
        },
        onFailed: (count) => (failed += count),
      },
    );
    const value = Buffer.alloc(20, 88);
    for (let i = 0; i < 5000; i++) {
      const full = producer.send(value, Date.now(), Date.now());
      if (full !== undefined) await full;
    }
    await producer.flush();
    producer.close();
    expect({ acked, failed, records: producer.counters.records }).toEqual({ acked: 5000, failed: 0, records: 5000 });

    const layout = await cluster.topic('lean', false);
    expect(layout.leaders).toHaveLength(3);
    const ends = await listOffsets(cluster, layout, [0, 1, 2], LATEST);
    expect([...ends.values()].reduce((a, b) => a + b, 0)).toBe(5000);
    expect([...ends.values()].filter((n) => n > 0).length).toBeGreaterThan(1); // sticky partitions move on

    const fetcher = Fetcher.forTopic(cluster, layout, await listOffsets(cluster, layout, [0, 1, 2], EARLIEST), { ...DEFAULT_FETCH_SETTINGS, partitionMaxBytes: 4096, maxWaitMs: 100 });
    fetcher.start();
    const buffer = new PollBuffer();
    let records = 0;
    let bytes = 0;
    const polls: number[] = [];
    while (records < 5000) {
      if (buffer.isEmpty) buffer.add(await fetcher.poll(100));
      const taken = buffer.take(500, (n, b) => {
        records += n;
        bytes += b;
      });
      if (taken > 0) polls.push(taken);
    }
    fetcher.close();
    expect({ records, bytes }).toEqual({ records: 5000, bytes: 5000 * 20 });
    expect(Math.max(...polls)).toBeLessThanOrEqual(500);
  });

  it('joins a group alone and is assigned every partition (range)', async () => {
    await cluster.topic('grouped');
    const member = await GroupMember.connect(cluster, { groupId: 'lean-group', sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 10_000, heartbeatIntervalMs: 1000 });
    expect(await member.join('grouped', 3)).toEqual([0, 1, 2]);
    await member.leave();
  });
});
