// confluent-kafka-python (librdkafka) consumer groups: balanced assignment, rebalance on
// close, and committed offsets that survive a broker restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { startBroker, type StartedBroker } from '../../src/index.js';
import { run } from '../helpers/run.js';

const PY = '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, 'python', 'group_rebalance.py');
const dataDir = mkdtempSync(join(tmpdir(), 'kt-py-'));
let broker: StartedBroker | undefined;

afterAll(async () => {
  await broker?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function py(...args: string[]): Promise<Array<Record<string, unknown>>> {
  const r = await run(PY, [SCRIPT, ...args], { timeoutMs: 90_000 });
  if (r.code !== 0) throw new Error(`python exited ${r.code}: ${r.stderr}`);
  return r.stdout.toString().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('confluent-kafka-python consumer groups', () => {
  it('gives 3 consumers 2 partitions each of a 6-partition topic, and rebalances when one closes', async () => {
    broker = await startBroker({ port: 0, dataDir });
    const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'six', numPartitions: 6 }] });
    await admin.disconnect();
    const [three, two] = await py(broker.bootstrap, 'six', 'g-assign', 'assign');
    const threeParts = three!.three as number[][];
    expect(threeParts.map((p) => p.length)).toEqual([2, 2, 2]);
    expect(threeParts.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const twoParts = two!.two as number[][];
    expect(twoParts.map((p) => p.length)).toEqual([3, 3]);
    expect(twoParts.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
  }, 120_000);

  it('resumes from committed offsets after a broker restart', async () => {
    const kafka = new Kafka({ brokers: [broker!.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'resume', numPartitions: 1 }] });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'resume', messages: Array.from({ length: 100 }, (_, i) => ({ value: `m${i}` })) });
    await producer.disconnect();

    const [committed] = await py(broker!.bootstrap, 'resume', 'g-resume', 'commit');
    expect(committed).toMatchObject({ first: 'm0', committed: Number(committed!.read) });
    const read = Number(committed!.read);
    expect(read).toBeGreaterThanOrEqual(60);

    const port = broker!.port;
    await broker!.close();
    broker = await startBroker({ port, dataDir });
    const [resumed] = await py(broker.bootstrap, 'resume', 'g-resume', 'resume');
    expect(resumed!.first).toEqual({ value: `m${read}`, offset: read });
  }, 120_000);
});
