// kt's transactional producer (TransactionManager) against an in-process broker: committed and
// aborted transactions as read_committed and read_uncommitted readers (kcat) see them, offsets
// sent to the transaction, fencing by a second producer with the same transactional.id, and
// Java's state errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/client/cluster.js';
import { createTopic } from '../../src/client/create-topic.js';
import { Producer, type ProducerSettings } from '../../src/client/producer.js';
import { ProducerRecordError } from '../../src/client/producer-errors.js';
import { CompressionType } from '../../src/protocol/records/compression/compression-type.js';
import { startBroker } from '../../src/index.js';
import { connectTestCluster } from '../helpers/test-cluster.js';
import { run } from '../helpers/run.js';
import { kt } from '../helpers/kt-process.js';

let broker: { bootstrap: string; close(): Promise<void> };
let cluster: Cluster;

const settings = (transactionalId: string): ProducerSettings => ({
  acks: -1,
  batchSize: 16384,
  lingerMs: 5,
  compression: CompressionType.None,
  maxInFlight: 5,
  bufferMemory: 1 << 20,
  requestTimeoutMs: 5000,
  idempotent: true,
  retries: 5,
  maxBlockMs: 5000,
  transactionalId,
  transactionTimeoutMs: 60_000,
});

async function readPartition0(topic: string, isolation: 'read_committed' | 'read_uncommitted'): Promise<string[]> {
  const r = await run('/usr/bin/kcat', ['-b', broker.bootstrap, '-C', '-t', topic, '-p', '0', '-o', 'beginning', '-e', '-X', `isolation.level=${isolation}`, '-f', '%o|%s\n']);
  expect(r.code).toBe(0);
  return r.stdout.toString().split('\n').filter((l) => l !== '');
}

function send100(producer: Producer, prefix: string): void {
  for (let i = 0; i < 100; i++) producer.sendRecord(null, Buffer.from(`${prefix}${i}`), undefined, Date.now(), 0);
}

describe('transactional Producer', () => {
  beforeAll(async () => {
    broker = await startBroker({ port: 0 });
    cluster = await connectTestCluster(broker.bootstrap, 'txn-producer-test');
  });

  afterAll(async () => {
    await cluster?.close();
    await broker?.close();
  });

  it('commit 100 then abort 100: read_committed sees offsets 0..99, read_uncommitted 200, high watermark 202', async () => {
    await createTopic(cluster, 'txn-ca', 1, 1);
    const producer = await Producer.create(cluster, 'txn-ca', settings('txn-ca'));
    await producer.initTransactions();
    producer.beginTransaction();
    send100(producer, 'c');
    await producer.commitTransaction();
    producer.beginTransaction();
    send100(producer, 'a');
    await producer.flush();
    await producer.abortTransaction();
    expect(producer.transactionState).toBe('READY');
    producer.close();

    const committed = await readPartition0('txn-ca', 'read_committed');
    expect(committed).toEqual(Array.from({ length: 100 }, (_, i) => `${i}|c${i}`));
    const all = await readPartition0('txn-ca', 'read_uncommitted');
    // Offset 100 is the COMMIT marker; the aborted records follow it.
    expect(all).toEqual([...committed, ...Array.from({ length: 100 }, (_, i) => `${101 + i}|a${i}`)]);
    const offsets = await kt(['get-offsets', '--bootstrap-server', broker.bootstrap, '--topic', 'txn-ca']);
    expect(offsets.stdout.toString()).toBe('txn-ca:0:202\n');
  });

  it('a transaction that sent nothing ends without a request; sending outside one is refused as Java refuses it', async () => {
    await createTopic(cluster, 'txn-empty', 1, 1);
    const producer = await Producer.create(cluster, 'txn-empty', settings('txn-empty'));
    expect(() => producer.sendRecord(null, Buffer.from('x'), undefined, Date.now())).toThrow(
      "Cannot perform a 'send' before completing a call to initTransactions when transactions are enabled.",
    );
    await producer.initTransactions();
    expect(() => producer.sendRecord(null, Buffer.from('x'), undefined, Date.now())).toThrow('Cannot call send in state READY');
    producer.beginTransaction();
    await producer.commitTransaction();
    expect(() => producer.beginTransaction()).not.toThrow();
    expect(() => producer.beginTransaction()).toThrow('TransactionalId txn-empty: Invalid transition attempted from state IN_TRANSACTION to state IN_TRANSACTION');
    producer.close();
    expect(await readPartition0('txn-empty', 'read_uncommitted')).toEqual([]);
  });

  it('a second producer with the same transactional.id fences the first', async () => {
    await createTopic(cluster, 'txn-fence', 1, 1);
    const first = await Producer.create(cluster, 'txn-fence', settings('txn-fence'));
    await first.initTransactions();
    first.beginTransaction();
    send100(first, 'old');
    await first.flush();
    const second = await Producer.create(cluster, 'txn-fence', settings('txn-fence'));
    await second.initTransactions();
    const error = await first.commitTransaction().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProducerRecordError);
    expect(String(error)).toBe('org.apache.kafka.common.errors.ProducerFencedException: There is a newer producer with the same transactionalId which fences the current one.');
    second.beginTransaction();
    send100(second, 'new');
    await second.commitTransaction();
    first.close();
    second.close();
    // The first producer's open transaction was aborted by the second's initTransactions.
    expect(await readPartition0('txn-fence', 'read_committed')).toEqual(Array.from({ length: 100 }, (_, i) => `${101 + i}|new${i}`));
  });

  it('offsets sent to a transaction become the group offsets only when it commits', async () => {
    await createTopic(cluster, 'txn-out', 1, 1);
    const producer = await Producer.create(cluster, 'txn-out', settings('txn-offsets'));
    await producer.initTransactions();
    const groupOffset = async () => {
      const r = await kt(['consumer-groups', '--bootstrap-server', broker.bootstrap, '--describe', '--group', 'txn-group', '--offsets']);
      const row = r.stdout.toString().split('\n').find((l) => l.startsWith('txn-group '));
      return row?.split(/\s+/)[3];
    };
    producer.beginTransaction();
    send100(producer, 'x');
    await producer.sendOffsetsToTransaction([{ topic: 'txn-out', partition: 0, offset: 42n }], { groupId: 'txn-group' });
    await producer.abortTransaction();
    expect(await groupOffset()).toBeUndefined();
    producer.beginTransaction();
    send100(producer, 'y');
    await producer.sendOffsetsToTransaction([{ topic: 'txn-out', partition: 0, offset: 7n }], { groupId: 'txn-group' });
    await producer.commitTransaction();
    producer.close();
    expect(await groupOffset()).toBe('7');
  });
});
