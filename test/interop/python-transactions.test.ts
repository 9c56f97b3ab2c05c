// confluent-kafka-python (librdkafka) transactions against kt: commit and abort seen through
// both isolation levels, a consume-transform-produce loop that crashes mid-transaction and is
// resumed by its successor (exactly-once output and group offsets), and fencing of a producer by
// a second one with the same transactional.id.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { startBroker, type StartedBroker } from '../../src/index.js';
import { run } from '../helpers/run.js';

const PY = '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, 'python', 'transactions.py');
const dataDir = mkdtempSync(join(tmpdir(), 'kt-py-txn-'));
let broker: StartedBroker;

beforeAll(async () => {
  broker = await startBroker({ port: 0, dataDir });
});

afterAll(async () => {
  await broker?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function py(...args: string[]): Promise<Array<Record<string, any>>> {
  const r = await run(PY, [SCRIPT, broker.bootstrap, ...args], { timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`python exited ${r.code}: ${r.stderr}`);
  return r.stdout.toString().trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
}

async function createTopics(...names: string[]): Promise<void> {
  const admin = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: names.map((topic) => ({ topic, numPartitions: 1 })) });
  await admin.disconnect();
}

describe('confluent-kafka-python transactions', () => {
  it('commit 100 + abort 100: read_committed sees the 100 committed at offsets 0..99, read_uncommitted 200, high watermark 202', async () => {
    await createTopics('txn-ca');
    const [result] = await py('commit-abort', 'txn-ca');
    const { committed, uncommitted } = result!;
    expect(committed.records).toEqual(Array.from({ length: 100 }, (_, i) => ({ offset: i, value: `c${i}` })));
    // offset 100 is the COMMIT marker; the aborted records follow it, then the ABORT marker.
    expect(uncommitted.records).toEqual([
      ...Array.from({ length: 100 }, (_, i) => ({ offset: i, value: `c${i}` })),
      ...Array.from({ length: 100 }, (_, i) => ({ offset: 101 + i, value: `a${i}` })),
    ]);
    expect(committed.high).toBe(202);
    expect(uncommitted.high).toBe(202);
  }, 150_000);

  it('consume-transform-produce with send_offsets_to_transaction: a crash mid-transaction and a resume give exactly-once output and group offsets', async () => {
    await createTopics('ctp-in', 'ctp-out');
    const producer = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic: 'ctp-in', messages: Array.from({ length: 100 }, (_, i) => ({ value: String(i), partition: 0 })) });
    await producer.disconnect();

    const [crash] = await py('ctp-crash', 'ctp-in', 'ctp-out', 'g-ctp', '50');
    expect(crash).toEqual({ crashed_after: 50, uncommitted: 10 });
    const resumed = await py('ctp-resume', 'ctp-in', 'ctp-out', 'g-ctp');
    expect(resumed.at(-1)).toEqual({ processed: 50 });

    const [out] = await py('read', 'ctp-out', 'read_committed');
    expect(out!.records.map((r: { value: string }) => r.value)).toEqual(Array.from({ length: 100 }, (_, i) => `x${i}`));
    const [all] = await py('read', 'ctp-out', 'read_uncommitted');
    // the crashed transaction's 10 outputs stay in the log, aborted
    expect(all!.records).toHaveLength(110);
    const [group] = await py('committed', 'ctp-in', 'g-ctp');
    expect(group).toEqual({ committed: 100 });
  }, 240_000);

  it('a second producer with the same transactional.id fences the first', async () => {
    await createTopics('txn-fence');
    const [result] = await py('fence', 'txn-fence');
    expect(result).toEqual({ a: { name: '_FENCED', fatal: true }, b: 'committed' });
    const [log] = await py('read', 'txn-fence', 'read_committed');
    expect(log!.records.map((r: { value: string }) => r.value)).toEqual(['from-b']);
  }, 150_000);
});
