// The transaction coordinator over time: state reloaded from __transaction_state after a restart
// (the last record per id wins, tombstones remove), a transaction caught in PrepareCommit finished
// at start-up, timed-out transactions aborted under a bumped epoch, idle ids expired.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { ControlRecordType, readEndTxnMarker } from '../../../src/protocol/records/control.js';
import { transactionLogRecord, transactionPartitionFor } from '../../../src/broker/txn/transaction-log.js';
import { RawClient } from '../../helpers/raw-client.js';

const dirs: string[] = [];
const brokers: StartedBroker[] = [];
const clients: RawClient[] = [];
afterAll(async () => {
  for (const c of clients) c.socket.destroy();
  for (const b of brokers) await b.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string, config: Record<string, string> = {}): Promise<{ b: StartedBroker; client: RawClient }> {
  const b = await startBroker({ dataDir, config });
  brokers.push(b);
  const client = await RawClient.connect(b.port);
  clients.push(client);
  return { b, client };
}

async function stop(b: StartedBroker, client: RawClient): Promise<void> {
  client.socket.destroy();
  await b.close();
}

function freshDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'kt-txn-'));
  dirs.push(d);
  return d;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function markers(b: StartedBroker, topic: string, partition: number): [string, number, number][] {
  const read = b.broker.partitionLog(topic, partition)!.read(0, 1 << 20, true);
  if (read.outOfRange) throw new Error('out of range');
  return decodeRecordBatches(read.records)
    .filter((batch) => batch.isControl)
    .map((batch) => [readEndTxnMarker(batch)!.type === ControlRecordType.Commit ? 'COMMIT' : 'ABORT', batch.producerId, batch.producerEpoch]);
}

async function begin(client: RawClient, transactionalId: string, topic: string, transactionTimeoutMs = 30000) {
  const init = await client.request(ApiKey.InitProducerId, 4, { transactionalId, transactionTimeoutMs, producerId: -1n, producerEpoch: -1 });
  expect(init.errorCode).toBe(0);
  const added = await client.request(ApiKey.AddPartitionsToTxn, 3, {
    v3AndBelowTransactionalId: transactionalId,
    v3AndBelowProducerId: init.producerId,
    v3AndBelowProducerEpoch: init.producerEpoch,
    v3AndBelowTopics: [{ name: topic, partitions: [0] }],
  });
  expect(added.resultsByTopicV3AndBelow[0]!.resultsByPartition[0]!.partitionErrorCode).toBe(0);
  return init;
}

describe('__transaction_state across restarts', () => {
  it('reloads every id with its producer id, epoch, state and partitions', async () => {
    const dir = freshDir();
    let { b, client } = await start(dir);
    await client.request(ApiKey.CreateTopics, 7, { topics: [{ name: 't', numPartitions: 1, replicationFactor: 1 }], timeoutMs: 5000 });
    const done = await begin(client, 'tx-done', 't');
    await client.request(ApiKey.EndTxn, 3, { transactionalId: 'tx-done', producerId: done.producerId, producerEpoch: done.producerEpoch, committed: true });
    const open = await begin(client, 'tx-open', 't');
    const before = { done: b.broker.transactions.metadata('tx-done'), open: b.broker.transactions.metadata('tx-open') };
    await stop(b, client);

    ({ b, client } = await start(dir));
    expect(b.broker.transactions.metadata('tx-done')).toEqual({ ...before.done, lastProducerEpoch: -1 });
    expect(b.broker.transactions.metadata('tx-open')).toEqual({ ...before.open, lastProducerEpoch: -1 });
    const described = await client.request(ApiKey.DescribeTransactions, 0, { transactionalIds: ['tx-open'] });
    expect(described.transactionStates[0]).toMatchObject({ transactionState: 'Ongoing', producerId: open.producerId, topics: [{ topic: 't', partitions: [0] }] });
    // The next InitProducerId continues from the reloaded epoch (fencing the open transaction first).
    expect((await client.request(ApiKey.InitProducerId, 4, { transactionalId: 'tx-done', transactionTimeoutMs: 30000, producerId: -1n, producerEpoch: -1 })).producerEpoch).toBe(1);
    await stop(b, client);
  });

  it('finishes a transaction left in PrepareCommit: markers, then CompleteCommit', async () => {
    const dir = freshDir();
    let { b, client } = await start(dir);
    await client.request(ApiKey.CreateTopics, 7, { topics: [{ name: 'p', numPartitions: 1, replicationFactor: 1 }], timeoutMs: 5000 });
    const init = await begin(client, 'tx-crash', 'p');
    // What a crash between PrepareCommit and the markers leaves in the log.
    const ongoing = b.broker.transactions.metadata('tx-crash')!;
    const record = transactionLogRecord({ ...ongoing, state: 'PrepareCommit' }, Date.now());
    const batch = encodeRecordBatch({ records: [record] });
    b.broker.partitionLog('__transaction_state', transactionPartitionFor('tx-crash', 50))!.append(batch, [{ position: 0, size: batch.length, lastOffsetDelta: 0, maxTimestamp: record.timestamp }]);
    await stop(b, client);

    ({ b, client } = await start(dir));
    expect(markers(b, 'p', 0)).toEqual([['COMMIT', Number(init.producerId), 0]]);
    expect(b.broker.transactions.metadata('tx-crash')).toMatchObject({ state: 'CompleteCommit', partitions: new Map() });
    await stop(b, client);
  });
});

describe('epoch exhaustion', () => {
  it('moves to a new producer id at epoch 0 once the epoch reaches 32766; a retry with the old id and epoch gets the same answer', async () => {
    const dir = freshDir();
    let { b, client } = await start(dir);
    const first = await client.request(ApiKey.InitProducerId, 4, { transactionalId: 'tx-old', transactionTimeoutMs: 30000, producerId: -1n, producerEpoch: -1 });
    // A long life of epoch bumps, written as the coordinator would have written it.
    const worn = { ...b.broker.transactions.metadata('tx-old')!, producerEpoch: 32766 };
    const record = transactionLogRecord(worn, Date.now());
    const batch = encodeRecordBatch({ records: [record] });
    b.broker.partitionLog('__transaction_state', transactionPartitionFor('tx-old', 50))!.append(batch, [{ position: 0, size: batch.length, lastOffsetDelta: 0, maxTimestamp: record.timestamp }]);
    await stop(b, client);

    ({ b, client } = await start(dir));
    const init = (producerId: bigint, producerEpoch: number) => client.request(ApiKey.InitProducerId, 4, { transactionalId: 'tx-old', transactionTimeoutMs: 30000, producerId, producerEpoch });
    const rotated = await init(first.producerId, 32766);
    expect(rotated.errorCode).toBe(0);
    expect(rotated.producerId).not.toBe(first.producerId);
    expect(rotated.producerEpoch).toBe(0);
    expect(b.broker.transactions.metadata('tx-old')).toMatchObject({ previousProducerId: Number(first.producerId), lastProducerEpoch: 32766 });
    // The answer was lost; the producer retries with what it had.
    expect(await init(first.producerId, 32766)).toMatchObject({ errorCode: 0, producerId: rotated.producerId, producerEpoch: 0 });
    await stop(b, client);
  });
});

describe('markers a partition cannot take yet', () => {
  it('keep the transaction in PrepareCommit with the unmarked partition (CONCURRENT_TRANSACTIONS) and are retried until written', async () => {
    const { b, client } = await start(freshDir());
    await client.request(ApiKey.CreateTopics, 7, { topics: [{ name: 'm', numPartitions: 2, replicationFactor: 1 }], timeoutMs: 5000 });
    const init = await client.request(ApiKey.InitProducerId, 4, { transactionalId: 'tx-retry', transactionTimeoutMs: 30000, producerId: -1n, producerEpoch: -1 });
    await client.request(ApiKey.AddPartitionsToTxn, 3, {
      v3AndBelowTransactionalId: 'tx-retry',
      v3AndBelowProducerId: init.producerId,
      v3AndBelowProducerEpoch: init.producerEpoch,
      v3AndBelowTopics: [{ name: 'm', partitions: [0, 1] }],
    });
    // m-1's log is unavailable (as after a failed re-creation): its lookup fails until restored.
    const broker = b.broker;
    const lookup = broker.lookupPartition.bind(broker);
    let unavailable = true;
    broker.lookupPartition = (topic, partition) =>
      unavailable && topic === 'm' && partition === 1 ? { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, topic: broker.topics.get('m') } : lookup(topic, partition);

    const ended = await client.request(ApiKey.EndTxn, 3, { transactionalId: 'tx-retry', producerId: init.producerId, producerEpoch: init.producerEpoch, committed: true });
    expect(ended.errorCode).toBe(0);
    expect(markers(b, 'm', 0)).toEqual([['COMMIT', Number(init.producerId), 0]]);
    expect(markers(b, 'm', 1)).toEqual([]);
    const described = await client.request(ApiKey.DescribeTransactions, 0, { transactionalIds: ['tx-retry'] });
    expect(described.transactionStates[0]).toMatchObject({ transactionState: 'PrepareCommit', topics: [{ topic: 'm', partitions: [1] }] });
    const again = await client.request(ApiKey.InitProducerId, 4, { transactionalId: 'tx-retry', transactionTimeoutMs: 30000, producerId: -1n, producerEpoch: -1 });
    expect(again.errorCode).toBe(ErrorCode.CONCURRENT_TRANSACTIONS);

    unavailable = false;
    const deadline = Date.now() + 5000;
    while (b.broker.transactions.metadata('tx-retry')?.state !== 'CompleteCommit' && Date.now() < deadline) await sleep(20);
    expect(markers(b, 'm', 1)).toEqual([['COMMIT', Number(init.producerId), 0]]);
    expect(b.broker.transactions.metadata('tx-retry')).toMatchObject({ state: 'CompleteCommit', partitions: new Map() });
    await stop(b, client);
  });
});

describe('timers', () => {
  it('aborts a transaction older than its timeout under epoch + 1, fencing its producer', async () => {
    const { b, client } = await start(freshDir(), { 'transaction.abort.timed.out.transaction.cleanup.interval.ms': '100' });
    await client.request(ApiKey.CreateTopics, 7, { topics: [{ name: 'slow', numPartitions: 1, replicationFactor: 1 }], timeoutMs: 5000 });
    const init = await begin(client, 'tx-slow', 'slow', 200);
    const deadline = Date.now() + 10_000;
    while (b.broker.transactions.metadata('tx-slow')?.state !== 'CompleteAbort' && Date.now() < deadline) await sleep(50);
    expect(b.broker.transactions.metadata('tx-slow')).toMatchObject({ state: 'CompleteAbort', producerEpoch: 1 });
    expect(markers(b, 'slow', 0)).toEqual([['ABORT', Number(init.producerId), 1]]);
    const late = await client.request(ApiKey.EndTxn, 3, { transactionalId: 'tx-slow', producerId: init.producerId, producerEpoch: 0, committed: true });
    expect(late.errorCode).toBe(ErrorCode.PRODUCER_FENCED);
    await stop(b, client);
  });

  it('removes ids idle longer than transactional.id.expiration.ms, with a tombstone that survives a restart', async () => {
    const dir = freshDir();
    let { b, client } = await start(dir, { 'transactional.id.expiration.ms': '100', 'transaction.remove.expired.transaction.cleanup.interval.ms': '100' });
    await client.request(ApiKey.InitProducerId, 4, { transactionalId: 'tx-idle', transactionTimeoutMs: 30000, producerId: -1n, producerEpoch: -1 });
    const deadline = Date.now() + 10_000;
    while (b.broker.transactions.metadata('tx-idle') !== undefined && Date.now() < deadline) await sleep(50);
    const described = await client.request(ApiKey.DescribeTransactions, 0, { transactionalIds: ['tx-idle'] });
    expect(described.transactionStates[0]!.errorCode).toBe(ErrorCode.TRANSACTIONAL_ID_NOT_FOUND);
    await stop(b, client);
    ({ b, client } = await start(dir));
    expect(b.broker.transactions.metadata('tx-idle')).toBeUndefined();
    await stop(b, client);
  });
});
