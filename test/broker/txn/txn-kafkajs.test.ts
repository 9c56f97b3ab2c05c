// kafkajs transactions against an in-process broker: send + commit, send + abort, sendOffsets
// (AddOffsetsToTxn + TxnOffsetCommit) whose group offset appears only with the commit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { decodeRecordBatches } from '../../../src/protocol/records/record-batch.js';

let b: StartedBroker;
let kafka: Kafka;
let admin: Admin;

beforeAll(async () => {
  b = await startBroker();
  kafka = new Kafka({ brokers: [b.bootstrap], clientId: 'txn-kafkajs', logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'out', numPartitions: 1 }, { topic: 'in', numPartitions: 1 }] });
});

afterAll(async () => {
  await admin?.disconnect();
  await b?.close();
});

/** Every batch of a partition: [first offset, record count, transactional, control]. */
function batches(topic: string): [number, number, boolean, boolean][] {
  const read = b.broker.partitionLog(topic, 0)!.read(0, 1 << 20, true);
  if (read.outOfRange) throw new Error('out of range');
  return decodeRecordBatches(read.records).map((batch) => [batch.baseOffset, batch.records.length, batch.isTransactional, batch.isControl]);
}

describe('kafkajs transactions', () => {
  it('commits one transaction and aborts the next: 4 data records and 2 markers, high watermark 6', async () => {
    const producer = kafka.producer({ transactionalId: 'kjs-tx', idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const committed = await producer.transaction();
    await committed.send({ topic: 'out', messages: [{ value: 'c1' }, { value: 'c2' }] });
    await committed.commit();
    const aborted = await producer.transaction();
    await aborted.send({ topic: 'out', messages: [{ value: 'a1' }, { value: 'a2' }] });
    await aborted.abort();
    await producer.disconnect();

    expect(batches('out')).toEqual([
      [0, 2, true, false],
      [2, 1, true, true],
      [3, 2, true, false],
      [5, 1, true, true],
    ]);
    const offsets = await admin.fetchTopicOffsets('out');
    expect(offsets[0]).toMatchObject({ partition: 0, high: '6' });
    expect(b.broker.transactions.metadata('kjs-tx')).toMatchObject({ state: 'CompleteAbort', producerEpoch: 0 });
  });

  it('sendOffsets: the group offset appears with the commit', async () => {
    const producer = kafka.producer({ transactionalId: 'kjs-offsets', idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const txn = await producer.transaction();
    await txn.send({ topic: 'out', messages: [{ value: 'x' }] });
    await txn.sendOffsets({ consumerGroupId: 'kjs-group', topics: [{ topic: 'in', partitions: [{ partition: 0, offset: '17' }] }] });
    expect(await admin.fetchOffsets({ groupId: 'kjs-group', topics: ['in'] })).toEqual([{ topic: 'in', partitions: [{ partition: 0, offset: '-1', metadata: null }] }]);
    await txn.commit();
    await producer.disconnect();
    expect(await admin.fetchOffsets({ groupId: 'kjs-group', topics: ['in'] })).toEqual([{ topic: 'in', partitions: [{ partition: 0, offset: '17', metadata: null }] }]);
  });
});
