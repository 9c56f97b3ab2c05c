// `kt log-dirs` against kt's broker: its log directory, each replica's size on disk.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { kt, requireBuiltCli } from '../../helpers/kt-process.js';

let broker: StartedBroker;
const logDirs = (...args: string[]) => kt(['log-dirs', '--bootstrap-server', broker.bootstrap, ...args]);

/** Bytes of a replica's log: the sum of its segment files. */
function logSize(topic: string, partition: number): number {
  const dir = join(broker.dataDir, `${topic}-${partition}`);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

beforeAll(async () => {
  requireBuiltCli();
  broker = await startBroker({ port: 0 });
  const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'log-dirs-test', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'sized', numPartitions: 2 }, { topic: 'empty', numPartitions: 1 }] });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'sized', messages: Array.from({ length: 20 }, (_, i) => ({ value: 'x'.repeat(100 + i), partition: i % 2 })) });
  await producer.disconnect();
}, 60_000);

afterAll(async () => {
  await broker?.close();
});

interface LogDirsJson {
  brokers: Array<{ broker: number; logDirs: Array<{ partitions: Array<{ partition: string; size: number; offsetLag: number; isFuture: boolean }>; error: string | null; logDir: string }> }>;
  version: number;
}

describe('kt log-dirs', () => {
  it('describes the broker\'s log directory with every replica\'s size, as one JSON line', async () => {
    const r = await logDirs('--describe');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const [querying, received, json, end] = r.stdout.toString().split('\n');
    expect(querying).toBe('Querying brokers for log directories information');
    expect(received).toBe(`Received log directory information from brokers ${broker.broker.nodeId}`);
    expect(end).toBe('');
    expect(json).toMatch(/^\{"brokers":\[\{"broker":\d+,"logDirs":\[\{"partitions":\[\{"partition":"[^"]+","size":\d+,"offsetLag":0,"isFuture":false\}/);
    expect(json).toMatch(/\],"error":null,"logDir":"[^"]+"\}\]\}\],"version":1\}$/);

    const parsed = JSON.parse(json!) as LogDirsJson;
    expect(parsed.brokers).toHaveLength(1);
    const [dir] = parsed.brokers[0]!.logDirs;
    expect(dir!.logDir).toBe(broker.dataDir);
    const byName = new Map(dir!.partitions.map((p) => [p.partition, p]));
    expect(byName.get('sized-0')).toEqual({ partition: 'sized-0', size: logSize('sized', 0), offsetLag: 0, isFuture: false });
    expect(byName.get('sized-1')!.size).toBe(logSize('sized', 1));
    expect(byName.get('sized-1')!.size).toBeGreaterThan(1000);
    expect(byName.get('empty-0')).toEqual({ partition: 'empty-0', size: 0, offsetLag: 0, isFuture: false });
  });

  it('keeps only the topics of --topic-list', async () => {
    const r = await logDirs('--describe', '--topic-list', 'empty,,nothing', '--broker-list', String(broker.broker.nodeId));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const json = r.stdout.toString().split('\n')[2]!;
    expect(json).toBe(
      `{"brokers":[{"broker":${broker.broker.nodeId},"logDirs":[{"partitions":[{"partition":"empty-0","size":0,"offsetLag":0,"isFuture":false}],"error":null,"logDir":${JSON.stringify(broker.dataDir)}}]}],"version":1}`,
    );
  });

  it('refuses brokers the cluster does not have, and malformed ids', async () => {
    const id = broker.broker.nodeId;
    const unknown = await logDirs('--describe', '--broker-list', `${id},17,5`);
    expect(unknown).toMatchObject({ code: 1, stderr: `ERROR: The given brokers do not exist from --broker-list: 17,5. Current existent brokers: ${id}\n` });
    expect(unknown.stdout.toString()).toBe('');
    expect(await logDirs('--describe', '--broker-list', 'one')).toMatchObject({ code: 1, stderr: 'For input string: "one"\n' });
  });

  it('prints the usage without --describe', async () => {
    const r = await logDirs();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Missing required argument "\[describe\]"\nOption +Description/);
  });
});
