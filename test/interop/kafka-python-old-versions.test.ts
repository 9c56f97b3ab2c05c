// kafka-python 2.0.2 pinned to old brokers with api_version, so it speaks old protocol versions
// and message formats whatever kt advertises:
//   (0,10,1) Produce v2 magic 1, Fetch v3, ListOffsets v1, JoinGroup v1, OffsetCommit v2, OffsetFetch v1
//   (0,10,0) Produce v2 magic 1, Fetch v2, ListOffsets v0, JoinGroup v0, OffsetCommit v2, OffsetFetch v1
//   (0,9)    Produce v1 magic 0, Fetch v1, ListOffsets v0, JoinGroup v0, OffsetCommit v2, OffsetFetch v1
//   (0,8,2)  Produce v0 magic 0, Fetch v0, ListOffsets v0, no group membership: OffsetCommit v1 / OffsetFetch v1
//   (0,8,1)  as (0,8,2) but OffsetCommit/OffsetFetch v0, which a KRaft Kafka 3.9 refuses (UNSUPPORTED_VERSION)
// plus round trips between eras: old producers read by kcat and kafkajs, v2 producers read by old consumers.
import { join } from 'node:path';
import { Kafka, logLevel, CompressionTypes } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../../src/protocol/api.js';
import { CompressionType } from '../../src/protocol/records/compression/index.js';
import { decodeRecordBatches } from '../../src/protocol/records/record-batch.js';
import { startBroker, type StartedBroker } from '../../src/index.js';
import { RawClient } from '../helpers/raw-client.js';
import { createTopic } from '../helpers/one-partition.js';
import { run } from '../helpers/run.js';

const SCRIPT = join(import.meta.dirname, 'python', 'kafka_python_old_versions.py');
const KCAT = '/usr/bin/kcat';
const T = 1_700_000_000_000;
let broker: StartedBroker;
let client: RawClient;

beforeAll(async () => {
  broker = await startBroker({ port: 0 });
  client = await RawClient.connect(broker.port);
});
afterAll(async () => {
  client?.close();
  await broker?.close();
});

async function python(...args: string[]): Promise<{ code: number | null; json: any; stderr: string }> {
  const r = await run('/usr/bin/python3', [SCRIPT, ...args], { timeoutMs: 60_000 });
  const last = r.stdout.toString().trim().split('\n').at(-1) ?? '';
  return { code: r.code, json: r.code === 0 ? JSON.parse(last) : null, stderr: r.stderr };
}

async function produce(topic: string, apiVersion: string, compression: string, first: number, count: number) {
  const r = await python('produce', broker.bootstrap, topic, apiVersion, compression, String(first), String(count));
  expect(r.code, r.stderr).toBe(0);
  return r.json.acked as Array<[number, number]>;
}

async function consume(topic: string, apiVersion: string, group: string) {
  const r = await python('consume', broker.bootstrap, topic, apiVersion, group);
  expect(r.code, r.stderr).toBe(0);
  return r.json as { messages: Array<[number, number | null, number | null, string | null, string | null, Array<[string, string]>]>; committed: number | null };
}

/** The partition's v2 batches as stored (Fetch v12). */
async function stored(topic: string) {
  const f = await client.request(ApiKey.Fetch, 12, {
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 1 << 20,
    topics: [{ topic, partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }] }],
  });
  return decodeRecordBatches(f.responses[0]!.partitions[0]!.records!);
}

const range = (first: number, count: number) => Array.from({ length: count }, (_, i) => first + i);

const MATRIX = [
  { apiVersion: '0.10.1', timestamps: true },
  { apiVersion: '0.10.0', timestamps: true },
  { apiVersion: '0.9', timestamps: false },
  { apiVersion: '0.8.2', timestamps: false },
];

describe('kafka-python 2.0.2 with an old api_version', () => {
  for (const { apiVersion, timestamps } of MATRIX) {
    it(`${apiVersion}: produces plain and gzip, consumes in a group, commits, resumes from the commit`, async () => {
      const topic = `kp-${apiVersion.replaceAll('.', '')}`;
      await createTopic(client, topic);
      const time = (i: number) => (timestamps ? T + i : -1);
      expect(await produce(topic, apiVersion, 'none', 0, 4)).toEqual(range(0, 4).map((i) => [i, time(i)]));
      expect(await produce(topic, apiVersion, 'gzip', 4, 4)).toEqual(range(4, 4).map((i) => [i, time(i)]));

      // Stored as one v2 batch per request: uncompressed, then gzip; magic 0 data without timestamps.
      const batches = await stored(topic);
      expect(batches.map((b) => [b.baseOffset, b.lastOffset, b.compression, b.baseTimestamp, b.maxTimestamp])).toEqual([
        [0, 3, CompressionType.None, time(0), time(3)],
        [4, 7, CompressionType.Gzip, time(4), time(7)],
      ]);

      const group = `${topic}-group`;
      const first = await consume(topic, apiVersion, group);
      // Magic 1 consumers see CreateTime (type 0); magic 0 ones no timestamp at all.
      expect(first).toEqual({
        messages: range(0, 8).map((i) => [i, timestamps ? T + i : null, timestamps ? 0 : null, `k${i}`, `v${i}`, []]),
        committed: 8,
      });
      await produce(topic, apiVersion, 'none', 8, 2);
      expect(await consume(topic, apiVersion, group)).toEqual({
        messages: range(8, 2).map((i) => [i, timestamps ? T + i : null, timestamps ? 0 : null, `k${i}`, `v${i}`, []]),
        committed: 10,
      });
    }, 120_000);
  }

  it('0.8.1: produces and consumes, but its v0 offset APIs are refused as by a KRaft Kafka 3.9', async () => {
    await createTopic(client, 'kp-081');
    expect(await produce('kp-081', '0.8.1', 'none', 0, 2)).toEqual([
      [0, -1],
      [1, -1],
    ]);
    expect(await consume('kp-081', '0.8.1', '-')).toEqual({
      messages: [
        [0, null, null, 'k0', 'v0', []],
        [1, null, null, 'k1', 'v1', []],
      ],
      committed: null,
    });
    const withGroup = await python('consume', broker.bootstrap, 'kp-081', '0.8.1', 'kp-081-group');
    expect(withGroup.code).not.toBe(0);
    expect(withGroup.stderr).toContain('UnsupportedVersionError: [Error 35]');
  }, 120_000);
});

describe('between eras', () => {
  it('magic 0 data from kafka-python 0.9 reads in kcat (v2) with no timestamp', async () => {
    await createTopic(client, 'era-old-kcat');
    await produce('era-old-kcat', '0.9', 'gzip', 0, 3);
    const r = await run(KCAT, ['-b', broker.bootstrap, '-C', '-t', 'era-old-kcat', '-e', '-o', 'beginning', '-f', '%o %k %s %T\n']);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe('0 k0 v0 -1\n1 k1 v1 -1\n2 k2 v2 -1\n');
  });

  it('magic 1 data from kafka-python 0.10.0 reads in kafkajs with its create times', async () => {
    await createTopic(client, 'era-old-kafkajs');
    await produce('era-old-kafkajs', '0.10.0', 'none', 0, 3);
    const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'era', logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: 'era-kafkajs' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'era-old-kafkajs', fromBeginning: true });
    const seen: Array<[string, string | null, string | null, string]> = [];
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          seen.push([message.offset, message.key?.toString() ?? null, message.value?.toString() ?? null, message.timestamp]);
          if (seen.length === 3) resolve();
        },
      });
    });
    await consumer.disconnect();
    expect(seen).toEqual(range(0, 3).map((i) => [String(i), `k${i}`, `v${i}`, String(T + i)]));
  }, 60_000);

  it('v2 batches from kafkajs (gzip, headers) read in kafka-python 0.10.1, 0.9 and 0.8.2', async () => {
    await createTopic(client, 'era-new-old');
    const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'era', logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: 'era-new-old',
      compression: CompressionTypes.GZIP,
      messages: range(0, 3).map((i) => ({ partition: 0, key: `k${i}`, value: `v${i}`, timestamp: String(T + i), headers: { h: 'dropped' } })),
    });
    await producer.send({ topic: 'era-new-old', messages: [{ partition: 0, key: 'k3', value: 'v3', timestamp: String(T + 3) }] });
    await producer.disconnect();
    // Headers do not exist before magic 2; magic 0 has no timestamps either.
    expect((await consume('era-new-old', '0.10.1', 'era-1')).messages).toEqual(range(0, 4).map((i) => [i, T + i, 0, `k${i}`, `v${i}`, []]));
    for (const apiVersion of ['0.9', '0.8.2']) {
      expect((await consume('era-new-old', apiVersion, `era-${apiVersion}`)).messages).toEqual(range(0, 4).map((i) => [i, null, null, `k${i}`, `v${i}`, []]));
    }
  }, 120_000);

  it('kcat gzip batches with headers read in kafka-python 0.10.0 with the same create times', async () => {
    await createTopic(client, 'era-kcat');
    const produced = await run(KCAT, ['-b', broker.bootstrap, '-P', '-t', 'era-kcat', '-p', '0', '-K:', '-z', 'gzip', '-H', 'h=x'], { input: 'a:1\nb:2\n' });
    expect(produced.code).toBe(0);
    const read = await run(KCAT, ['-b', broker.bootstrap, '-C', '-t', 'era-kcat', '-e', '-o', 'beginning', '-f', '%T\n']);
    const times = read.stdout.toString().trim().split('\n').map(Number);
    expect(times).toHaveLength(2);
    expect((await consume('era-kcat', '0.10.0', '-')).messages).toEqual([
      [0, times[0], 0, 'a', '1', []],
      [1, times[1], 0, 'b', '2', []],
    ]);
  }, 60_000);
});
