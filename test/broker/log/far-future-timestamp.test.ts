// A record timestamped Long.MAX_VALUE is kept, as Kafka keeps it (its time index stores any long).
// Read back as a JS number the timestamp is 2^63, which used to overflow when the time index was
// written: every later roll, the shutdown and the next start of that data dir then threw.
// Found by the protocol fuzzer (bench/robustness).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { afterAll, expect, it } from 'vitest';
import { startBroker } from '../../../src/index.js';
import { ApiKey } from '../../../src/protocol/api.js';
import { RawClient } from '../../helpers/raw-client.js';

const { Kafka, logLevel } = kafkajs;
const dataDir = mkdtempSync(join(tmpdir(), 'kt-max-timestamp-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const LONG_MAX = 9223372036854775807n;

it('a record timestamped Long.MAX_VALUE keeps the partition, the shutdown and the next start working', async () => {
  const config = { 'log.segment.bytes': '1024' }; // rolls after a few records
  const broker = await startBroker({ port: 0, dataDir, config });
  const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
  const producer = kafka.producer();
  await producer.connect();
  const outcomes: string[] = [];
  const send = async (timestamp: string, value: string) => {
    try {
      await producer.send({ topic: 'far-future', acks: -1, messages: [{ value, timestamp }] });
      outcomes.push('ok');
    } catch (err) {
      outcomes.push((err as Error).message);
    }
  };
  await send(String(LONG_MAX), 'far future');
  for (let i = 0; i < 20; i++) await send(String(Date.now()), `now ${i} ${'x'.repeat(100)}`);
  await producer.disconnect();
  expect(outcomes).toEqual(Array(21).fill('ok'));
  expect(broker.broker.partitionLog('far-future', 0)!.segmentBaseOffsets.length).toBeGreaterThan(1);
  await broker.close();

  const again = await startBroker({ port: 0, dataDir, config });
  try {
    // The largest timestamp is Long.MAX_VALUE exactly, at offset 0 (ListOffsets MAX_TIMESTAMP).
    const client = await RawClient.connect(again.port);
    const r = await client.request(ApiKey.ListOffsets, 8, { replicaId: -1, isolationLevel: 0, topics: [{ name: 'far-future', partitions: [{ partitionIndex: 0, timestamp: -3n }] }] });
    client.close();
    const p = r.topics[0]!.partitions[0]!;
    expect([p.errorCode, p.offset, p.timestamp]).toEqual([0, 0n, LONG_MAX]);
  } finally {
    await again.close();
  }
}, 60_000);
