// Done-when for compaction: a compacted topic fed 100,000 records over 1,000 keys by kafkajs reads
// back with kcat, after cleaning, as exactly the latest value per key at its original offset
// (tombstoned keys gone once delete.retention.ms has passed); and __consumer_offsets is
// compacted with its committed offsets intact after a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CompressionTypes, Kafka, logLevel } from 'kafkajs';
import { startBroker, type StartedBroker } from '../../src/index.js';
import type { PartitionLog } from '../../src/broker/log/partition-log.js';
import { ApiKey } from '../../src/protocol/api.js';
import { decodeRecordBatches } from '../../src/protocol/records/record-batch.js';
import { RawClient } from '../helpers/raw-client.js';
import { run } from '../helpers/run.js';

const KCAT = '/usr/bin/kcat';
const started: StartedBroker[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const b of started) await b.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the cleaner's checkpoint for the log reaches `offset`. */
async function cleanedUpTo(b: StartedBroker, log: PartitionLog, offset: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((b.broker.cleaner.checkpointOf(log) ?? -1) < offset) {
    if (Date.now() > deadline) throw new Error(`log not cleaned up to ${offset}: checkpoint ${b.broker.cleaner.checkpointOf(log)}`);
    await sleep(50);
  }
}

async function kcatRead(bootstrap: string, topic: string): Promise<string[]> {
  const out = await run(KCAT, ['-b', bootstrap, '-C', '-t', topic, '-e', '-o', 'beginning', '-Z', '-f', '%o|%k|%s\n'], { timeoutMs: 60_000 });
  expect(out.code).toBe(0);
  return out.stdout.toString().trimEnd().split('\n');
}

describe('log compaction end to end', () => {
  it('reads back exactly the latest value per key, tombstoned keys gone after delete.retention.ms', async () => {
    const b = await startBroker({ config: { 'log.cleaner.backoff.ms': '100' } });
    started.push(b);
    const kafka = new Kafka({ brokers: [b.bootstrap], clientId: 'compaction', logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        {
          topic: 'latest',
          numPartitions: 1,
          configEntries: [
            { name: 'cleanup.policy', value: 'compact' },
            { name: 'segment.bytes', value: '102400' },
            { name: 'segment.ms', value: '1000' },
            { name: 'delete.retention.ms', value: '1000' },
            // A dirty segment older than this is cleaned whatever the dirty ratio.
            { name: 'max.compaction.lag.ms', value: '1000' },
          ],
        },
      ],
    });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    // 100 requests of 1,000 records, keys k0..k999 in turn, every other request gzip.
    for (let r = 0; r < 100; r++) {
      const messages = Array.from({ length: 1000 }, (_, j) => ({ key: `k${j}`, value: `v${r * 1000 + j}` }));
      await producer.send({ topic: 'latest', messages, compression: r % 2 ? CompressionTypes.GZIP : CompressionTypes.None });
    }
    // Tombstones for k0..k99 at offsets 100000..100099.
    await producer.send({ topic: 'latest', messages: Array.from({ length: 100 }, (_, j) => ({ key: `k${j}`, value: null })) });
    // The active segment is never cleaned: a record after segment.ms rolls everything out of it.
    await sleep(1_100);
    await producer.send({ topic: 'latest', messages: [{ key: 'sentinel', value: 'a' }] }); // offset 100100
    const log = b.broker.partitionLog('latest', 0)!;
    expect(log.segmentBaseOffsets.at(-1)).toBe(100100);
    await cleanedUpTo(b, log, 100100);

    const latest = Array.from({ length: 900 }, (_, i) => `${99100 + i}|k${100 + i}|v${99100 + i}`);
    // Before delete.retention.ms: the tombstones are still there.
    expect(await kcatRead(b.bootstrap, 'latest')).toEqual([
      ...latest,
      ...Array.from({ length: 100 }, (_, j) => `${100000 + j}|k${j}|NULL`),
      '100100|sentinel|a',
    ]);

    // After it, the next clean (forced by max.compaction.lag.ms) removes them.
    await sleep(1_100);
    await producer.send({ topic: 'latest', messages: [{ key: 'sentinel', value: 'b' }] }); // offset 100101
    await cleanedUpTo(b, log, 100101);
    expect(await kcatRead(b.bootstrap, 'latest')).toEqual([...latest, '100100|sentinel|a', '100101|sentinel|b']);
    await producer.disconnect();
  }, 120_000);

  it('compacts __consumer_offsets; the committed offsets load again after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kt-compaction-'));
    dirs.push(dataDir);
    const config = { 'log.cleaner.backoff.ms': '100', 'offsets.topic.num.partitions': '1', 'offsets.topic.segment.bytes': '8192' };
    let b = await startBroker({ dataDir, config });
    started.push(b);
    b.broker.createTopic('orders', 4, {});
    const client = await RawClient.connect(b.port);
    // 4 partitions x 300 simple commits (generation -1), one OffsetCommit request each.
    for (let n = 1; n <= 300; n++) {
      for (let p = 0; p < 4; p++) {
        const res = await client.request(ApiKey.OffsetCommit, 2, {
          groupId: 'g',
          generationIdOrMemberEpoch: -1,
          memberId: '',
          retentionTimeMs: -1n,
          topics: [{ name: 'orders', partitions: [{ partitionIndex: p, committedOffset: BigInt(n * 10 + p), committedMetadata: '' }] }],
        });
        expect(res.topics[0]!.partitions[0]!.errorCode).toBe(0);
      }
    }
    client.socket.destroy();
    const offsetsLog = b.broker.partitionLog('__consumer_offsets', 0)!;
    expect(offsetsLog.logEndOffset).toBe(1200);
    const activeBase = offsetsLog.segmentBaseOffsets.at(-1)!;
    expect(activeBase).toBeGreaterThan(1000);
    await cleanedUpTo(b, offsetsLog, activeBase);

    // Below the active segment one commit per partition is left: the last of each.
    const read = offsetsLog.read(0, 1 << 24, true);
    if (read.outOfRange) throw new Error('out of range');
    const offsets = decodeRecordBatches(read.records).flatMap((batch) => batch.records.map((r) => r.offset));
    expect(offsets.filter((o) => o < activeBase)).toEqual([activeBase - 4, activeBase - 3, activeBase - 2, activeBase - 1]);
    expect(offsets.filter((o) => o >= activeBase)).toEqual(Array.from({ length: 1200 - activeBase }, (_, i) => activeBase + i));

    const fetchCommitted = async (s: StartedBroker) => {
      const kafka = new Kafka({ brokers: [s.bootstrap], clientId: 'offsets', logLevel: logLevel.NOTHING });
      const admin = kafka.admin();
      await admin.connect();
      const result = await admin.fetchOffsets({ groupId: 'g', topics: ['orders'] });
      await admin.disconnect();
      return result[0]!.partitions.map((p) => [p.partition, p.offset]).sort();
    };
    const expected = [0, 1, 2, 3].map((p) => [p, String(3000 + p)]);
    expect(await fetchCommitted(b)).toEqual(expected);

    await b.close();
    started.pop();
    b = await startBroker({ dataDir, config });
    started.push(b);
    expect(await fetchCommitted(b)).toEqual(expected);
  }, 120_000);
});
