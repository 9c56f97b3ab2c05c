// The read tools under --isolation-level / isolation.level: a committed and an aborted
// transaction (kt's transactional producer), read by console-consumer and consumer-perf-test.
// read_committed shows only the committed records, read_uncommitted both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTopic } from '../../../src/client/create-topic.js';
import { Producer } from '../../../src/client/producer.js';
import { CompressionType } from '../../../src/protocol/records/compression/compression-type.js';
import { startBroker } from '../../../src/index.js';
import { kt, requireBuiltCli } from '../../helpers/kt-process.js';
import { connectTestCluster } from '../../helpers/test-cluster.js';

let broker: { bootstrap: string; close(): Promise<void> };

describe('read tools and isolation level', () => {
  beforeAll(async () => {
    requireBuiltCli();
    broker = await startBroker({ port: 0 });
    const cluster = await connectTestCluster(broker.bootstrap, 'isolation-test');
    await createTopic(cluster, 'iso', 1, 1);
    const producer = await Producer.create(cluster, 'iso', {
      acks: -1, batchSize: 16384, lingerMs: 0, compression: CompressionType.None, maxInFlight: 5, bufferMemory: 1 << 20,
      requestTimeoutMs: 5000, idempotent: true, retries: 5, maxBlockMs: 5000, transactionalId: 'iso-txn',
    });
    await producer.initTransactions();
    for (const [prefix, commit] of [['kept', true], ['dropped', false]] as const) {
      producer.beginTransaction();
      for (let i = 0; i < 3; i++) producer.sendRecord(null, Buffer.from(`${prefix}${i}`), undefined, Date.now(), 0);
      if (commit) await producer.commitTransaction();
      else {
        await producer.flush();
        await producer.abortTransaction();
      }
    }
    producer.close();
    await cluster.close();
  });

  afterAll(async () => broker?.close());

  it.each([
    ['read_committed', ['kept0', 'kept1', 'kept2']],
    ['read_uncommitted', ['kept0', 'kept1', 'kept2', 'dropped0', 'dropped1', 'dropped2']],
  ])('console-consumer --isolation-level %s', async (level, expected) => {
    const r = await kt(['console-consumer', '--bootstrap-server', broker.bootstrap, '--topic', 'iso', '--partition', '0', '--offset', 'earliest',
      '--isolation-level', level, '--timeout-ms', '2000']);
    expect(r.stdout.toString()).toBe(expected.map((v) => `${v}\n`).join(''));
    expect(r.stderr).toContain(`Processed a total of ${expected.length} messages`);
  });

  it.each([
    ['read_committed', 3],
    ['read_uncommitted', 6],
  ])('consumer-perf-test with isolation.level=%s in --consumer.config', async (level, expected) => {
    const config = join(tmpdir(), `kt-iso-${level}.properties`);
    writeFileSync(config, `isolation.level=${level}\n`);
    const r = await kt(['consumer-perf-test', '--bootstrap-server', broker.bootstrap, '--topic', 'iso', '--messages', '6', '--timeout', '3000',
      '--consumer.config', config, '--group', `perf-${level}`, '--json']);
    expect((JSON.parse(r.stdout.toString()) as { messagesConsumed: number }).messagesConsumed).toBe(expected);
  }, 20_000);
});
