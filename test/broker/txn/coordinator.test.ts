// The transaction coordinator through the wire protocol (raw requests against an in-process
// broker): InitProducerId epochs and fencing, AddPartitionsToTxn / EndTxn state checks and their
// error codes, markers written to every partition, DescribeTransactions, ListTransactions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { decodeRecordBatches } from '../../../src/protocol/records/record-batch.js';
import { readEndTxnMarker, ControlRecordType } from '../../../src/protocol/records/control.js';
import { RawClient } from '../../helpers/raw-client.js';

let b: StartedBroker;
let client: RawClient;

beforeAll(async () => {
  b = await startBroker({ config: { 'transaction.max.timeout.ms': '60000' } });
  client = await RawClient.connect(b.port);
  await client.request(ApiKey.CreateTopics, 7, {
    topics: [
      { name: 'orders', numPartitions: 2, replicationFactor: 1 },
      { name: 'audit', numPartitions: 1, replicationFactor: 1 },
    ],
    timeoutMs: 5000,
  });
});

afterAll(async () => {
  client?.socket.destroy();
  await b?.close();
});

const init = (transactionalId: string, version = 4, producerId = -1n, producerEpoch = -1, transactionTimeoutMs = 30000) =>
  client.request(ApiKey.InitProducerId, version, { transactionalId, transactionTimeoutMs, producerId, producerEpoch });

const addPartitions = (transactionalId: string, producerId: bigint, producerEpoch: number, topics: { name: string; partitions: number[] }[], version = 3) =>
  client.request(ApiKey.AddPartitionsToTxn, version, {
    v3AndBelowTransactionalId: transactionalId,
    v3AndBelowProducerId: producerId,
    v3AndBelowProducerEpoch: producerEpoch,
    v3AndBelowTopics: topics,
  });

const endTxn = (transactionalId: string, producerId: bigint, producerEpoch: number, committed: boolean, version = 3) =>
  client.request(ApiKey.EndTxn, version, { transactionalId, producerId, producerEpoch, committed });

/** The control records of a partition: [type, producerId, producerEpoch] per marker. */
function markers(topic: string, partition: number): [string, number, number][] {
  const log = b.broker.partitionLog(topic, partition)!;
  const read = log.read(0, 1 << 20, true);
  if (read.outOfRange) throw new Error(`${topic}-${partition} out of range`);
  return decodeRecordBatches(read.records)
    .filter((batch) => batch.isControl)
    .map((batch) => [readEndTxnMarker(batch)!.type === ControlRecordType.Commit ? 'COMMIT' : 'ABORT', batch.producerId, batch.producerEpoch]);
}

describe('InitProducerId with a transactional id', () => {
  it('gives a new id a new producer id at epoch 0, and bumps the epoch on each call', async () => {
    const first = await init('tx-init');
    expect(first).toMatchObject({ errorCode: ErrorCode.NONE, producerEpoch: 0 });
    const second = await init('tx-init');
    expect(second).toMatchObject({ errorCode: ErrorCode.NONE, producerId: first.producerId, producerEpoch: 1 });
    const idempotent = await client.request(ApiKey.InitProducerId, 4, { transactionalId: null, transactionTimeoutMs: 0, producerId: -1n, producerEpoch: -1 });
    expect(idempotent.producerId).not.toBe(first.producerId);
  });

  it('refuses a timeout above transaction.max.timeout.ms, a zero timeout and the empty id', async () => {
    expect((await init('tx-timeout', 4, -1n, -1, 60001)).errorCode).toBe(ErrorCode.INVALID_TRANSACTION_TIMEOUT);
    expect((await init('tx-timeout', 4, -1n, -1, 0)).errorCode).toBe(ErrorCode.INVALID_TRANSACTION_TIMEOUT);
    expect((await init('', 4)).errorCode).toBe(ErrorCode.INVALID_REQUEST);
    expect((await init('tx-timeout', 4, 5n, -1)).errorCode).toBe(ErrorCode.INVALID_REQUEST);
  });

  it('KIP-360: the current epoch bumps, a retry of the last bump returns the same epoch, a stale one is fenced', async () => {
    const a = await init('tx-kip360');
    const bumped = await init('tx-kip360', 4, a.producerId, 0);
    expect(bumped).toMatchObject({ errorCode: ErrorCode.NONE, producerId: a.producerId, producerEpoch: 1 });
    // The answer to that bump was "lost": the producer retries with its old epoch.
    const retried = await init('tx-kip360', 4, a.producerId, 0);
    expect(retried).toMatchObject({ errorCode: ErrorCode.NONE, producerId: a.producerId, producerEpoch: 1 });
    await init('tx-kip360'); // epoch 2, last epoch -1
    expect((await init('tx-kip360', 4, a.producerId, 0)).errorCode).toBe(ErrorCode.PRODUCER_FENCED);
    expect((await init('tx-kip360', 3, a.producerId, 0)).errorCode).toBe(ErrorCode.INVALID_PRODUCER_EPOCH);
    expect((await init('tx-kip360', 4, a.producerId + 100n, 2)).errorCode).toBe(ErrorCode.PRODUCER_FENCED);
  });
});

describe('a transaction from AddPartitionsToTxn to EndTxn', () => {
  it('commits: markers on every partition of the transaction, CompleteCommit, a retried commit is NONE', async () => {
    const { producerId, producerEpoch } = await init('tx-commit');
    const added = await addPartitions('tx-commit', producerId, producerEpoch, [
      { name: 'orders', partitions: [0, 1] },
      { name: 'audit', partitions: [0] },
    ]);
    expect(added.resultsByTopicV3AndBelow).toEqual([
      { name: 'orders', resultsByPartition: [{ partitionIndex: 0, partitionErrorCode: 0 }, { partitionIndex: 1, partitionErrorCode: 0 }] },
      { name: 'audit', resultsByPartition: [{ partitionIndex: 0, partitionErrorCode: 0 }] },
    ]);
    const described = await client.request(ApiKey.DescribeTransactions, 0, { transactionalIds: ['tx-commit'] });
    expect(described.transactionStates[0]).toMatchObject({
      errorCode: 0,
      transactionState: 'Ongoing',
      transactionTimeoutMs: 30000,
      producerId,
      producerEpoch,
      topics: [
        { topic: 'orders', partitions: [0, 1] },
        { topic: 'audit', partitions: [0] },
      ],
    });
    expect(described.transactionStates[0]!.transactionStartTimeMs).toBeGreaterThan(0n);

    expect(await endTxn('tx-commit', producerId, producerEpoch, true)).toMatchObject({ errorCode: ErrorCode.NONE });
    const pid = Number(producerId);
    expect(markers('orders', 0)).toEqual([['COMMIT', pid, producerEpoch]]);
    expect(markers('orders', 1)).toEqual([['COMMIT', pid, producerEpoch]]);
    expect(markers('audit', 0)).toEqual([['COMMIT', pid, producerEpoch]]);
    expect(b.broker.transactions.metadata('tx-commit')).toMatchObject({ state: 'CompleteCommit', partitions: new Map() });

    expect((await endTxn('tx-commit', producerId, producerEpoch, true)).errorCode).toBe(ErrorCode.NONE);
    expect((await endTxn('tx-commit', producerId, producerEpoch, false)).errorCode).toBe(ErrorCode.INVALID_TXN_STATE);
  });

  it('answers Kafka errors: unknown partitions, unknown id, wrong producer id, stale epoch, nothing to end', async () => {
    const { producerId, producerEpoch } = await init('tx-errors');
    const missing = await addPartitions('tx-errors', producerId, producerEpoch, [
      { name: 'orders', partitions: [0, 7] },
      { name: 'nope', partitions: [0] },
    ]);
    expect(missing.resultsByTopicV3AndBelow).toEqual([
      { name: 'orders', resultsByPartition: [{ partitionIndex: 0, partitionErrorCode: ErrorCode.OPERATION_NOT_ATTEMPTED }, { partitionIndex: 7, partitionErrorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION }] },
      { name: 'nope', resultsByPartition: [{ partitionIndex: 0, partitionErrorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION }] },
    ]);
    const internal = await addPartitions('tx-errors', producerId, producerEpoch, [{ name: '__consumer_offsets', partitions: [0] }, { name: 'orders', partitions: [1] }]);
    expect(internal.resultsByTopicV3AndBelow).toEqual([
      { name: '__consumer_offsets', resultsByPartition: [{ partitionIndex: 0, partitionErrorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED }] },
      { name: 'orders', resultsByPartition: [{ partitionIndex: 1, partitionErrorCode: ErrorCode.OPERATION_NOT_ATTEMPTED }] },
    ]);
    const codeOf = (r: Awaited<ReturnType<typeof addPartitions>>) => r.resultsByTopicV3AndBelow[0]!.resultsByPartition[0]!.partitionErrorCode;
    expect(codeOf(await addPartitions('tx-unknown', 1n, 0, [{ name: 'orders', partitions: [0] }]))).toBe(ErrorCode.INVALID_PRODUCER_ID_MAPPING);
    expect(codeOf(await addPartitions('tx-errors', producerId + 1n, producerEpoch, [{ name: 'orders', partitions: [0] }]))).toBe(ErrorCode.INVALID_PRODUCER_ID_MAPPING);
    expect(codeOf(await addPartitions('tx-errors', producerId, producerEpoch + 1, [{ name: 'orders', partitions: [0] }]))).toBe(ErrorCode.PRODUCER_FENCED);
    expect(codeOf(await addPartitions('tx-errors', producerId, producerEpoch + 1, [{ name: 'orders', partitions: [0] }], 1))).toBe(ErrorCode.INVALID_PRODUCER_EPOCH);
    expect((await endTxn('tx-errors', producerId, producerEpoch, true)).errorCode).toBe(ErrorCode.INVALID_TXN_STATE);
    expect((await endTxn('tx-unknown', 1n, 0, true)).errorCode).toBe(ErrorCode.INVALID_PRODUCER_ID_MAPPING);
    expect((await endTxn('tx-errors', producerId, producerEpoch + 1, true)).errorCode).toBe(ErrorCode.PRODUCER_FENCED);
    expect((await endTxn('tx-errors', producerId, producerEpoch + 1, true, 1)).errorCode).toBe(ErrorCode.INVALID_PRODUCER_EPOCH);
    expect(b.broker.transactions.metadata('tx-errors')?.state).toBe('Empty');
  });

  it('a second InitProducerId during a transaction aborts it under epoch + 1 and answers CONCURRENT_TRANSACTIONS; the retry gets epoch + 2', async () => {
    const first = await init('tx-fence');
    await addPartitions('tx-fence', first.producerId, first.producerEpoch, [{ name: 'audit', partitions: [0] }]);
    const before = markers('audit', 0).length;
    expect((await init('tx-fence')).errorCode).toBe(ErrorCode.CONCURRENT_TRANSACTIONS);
    expect(markers('audit', 0).slice(before)).toEqual([['ABORT', Number(first.producerId), 1]]);
    expect(b.broker.transactions.metadata('tx-fence')).toMatchObject({ state: 'CompleteAbort', producerEpoch: 1 });
    const retry = await init('tx-fence');
    expect(retry).toMatchObject({ errorCode: ErrorCode.NONE, producerId: first.producerId, producerEpoch: 2 });
    // The fenced producer can neither add partitions nor end its transaction.
    const fencedAdd = await addPartitions('tx-fence', first.producerId, 0, [{ name: 'audit', partitions: [0] }]);
    expect(fencedAdd.resultsByTopicV3AndBelow[0]!.resultsByPartition[0]!.partitionErrorCode).toBe(ErrorCode.PRODUCER_FENCED);
    expect((await endTxn('tx-fence', first.producerId, 0, true)).errorCode).toBe(ErrorCode.PRODUCER_FENCED);
  });

  it('AddPartitionsToTxn v4+ verifyOnly: NONE for partitions in the transaction, TRANSACTION_ABORTABLE for others; batched transactions', async () => {
    const { producerId, producerEpoch } = await init('tx-verify');
    await addPartitions('tx-verify', producerId, producerEpoch, [{ name: 'orders', partitions: [1] }]);
    const r = await client.request(ApiKey.AddPartitionsToTxn, 5, {
      transactions: [
        { transactionalId: 'tx-verify', producerId, producerEpoch, verifyOnly: true, topics: [{ name: 'orders', partitions: [0, 1] }] },
        { transactionalId: 'tx-none', producerId: 99n, producerEpoch: 0, verifyOnly: true, topics: [{ name: 'orders', partitions: [0] }] },
      ],
    });
    expect(r.errorCode).toBe(0);
    expect(r.resultsByTransaction).toEqual([
      {
        transactionalId: 'tx-verify',
        topicResults: [{ name: 'orders', resultsByPartition: [{ partitionIndex: 0, partitionErrorCode: ErrorCode.TRANSACTION_ABORTABLE }, { partitionIndex: 1, partitionErrorCode: 0 }] }],
      },
      { transactionalId: 'tx-none', topicResults: [{ name: 'orders', resultsByPartition: [{ partitionIndex: 0, partitionErrorCode: ErrorCode.INVALID_PRODUCER_ID_MAPPING }] }] },
    ]);
    // The produce path's check (KIP-890 part 1).
    const tx = b.broker.transactions;
    expect(tx.verifyPartition('tx-verify', Number(producerId), producerEpoch, 'orders', 1)).toBe(ErrorCode.NONE);
    expect(tx.verifyPartition('tx-verify', Number(producerId), producerEpoch, 'orders', 0)).toBe(ErrorCode.INVALID_TXN_STATE);
    expect(tx.verifyPartition('tx-verify', Number(producerId), producerEpoch - 1, 'orders', 1)).toBe(ErrorCode.INVALID_PRODUCER_EPOCH);
    expect(tx.verifyPartition('tx-none', 5, 0, 'orders', 1)).toBe(ErrorCode.INVALID_PRODUCER_ID_MAPPING);
    // transaction.partition.verification.enable is a dynamic broker config.
    b.broker.alterBrokerConfigs('1', { 'transaction.partition.verification.enable': 'false' });
    expect(tx.verifyPartition('tx-verify', Number(producerId), producerEpoch, 'orders', 0)).toBe(ErrorCode.NONE);
    b.broker.alterBrokerConfigs('1', {});
    expect(tx.verifyPartition('tx-verify', Number(producerId), producerEpoch, 'orders', 0)).toBe(ErrorCode.INVALID_TXN_STATE);
    await endTxn('tx-verify', producerId, producerEpoch, false);
  });
});

describe('DescribeTransactions and ListTransactions', () => {
  it('describes an unknown id as TRANSACTIONAL_ID_NOT_FOUND and the empty id as INVALID_REQUEST', async () => {
    const r = await client.request(ApiKey.DescribeTransactions, 0, { transactionalIds: ['nobody', ''] });
    expect(r.transactionStates).toEqual([
      { errorCode: ErrorCode.TRANSACTIONAL_ID_NOT_FOUND, transactionalId: 'nobody', transactionState: '', transactionTimeoutMs: 0, transactionStartTimeMs: 0n, producerId: 0n, producerEpoch: 0, topics: [] },
      { errorCode: ErrorCode.INVALID_REQUEST, transactionalId: '', transactionState: '', transactionTimeoutMs: 0, transactionStartTimeMs: 0n, producerId: 0n, producerEpoch: 0, topics: [] },
    ]);
  });

  it('lists by state, producer id and duration; unknown state names come back', async () => {
    const { producerId, producerEpoch } = await init('tx-list');
    await addPartitions('tx-list', producerId, producerEpoch, [{ name: 'orders', partitions: [0] }]);
    const ongoing = await client.request(ApiKey.ListTransactions, 1, { stateFilters: ['Ongoing', 'Bogus'], producerIdFilters: [], durationFilter: -1n });
    expect(ongoing.errorCode).toBe(0);
    expect(ongoing.unknownStateFilters).toEqual(['Bogus']);
    expect(ongoing.transactionStates).toEqual([{ transactionalId: 'tx-list', producerId, transactionState: 'Ongoing' }]);
    const byPid = await client.request(ApiKey.ListTransactions, 0, { stateFilters: [], producerIdFilters: [producerId] });
    expect(byPid.transactionStates).toEqual([{ transactionalId: 'tx-list', producerId, transactionState: 'Ongoing' }]);
    const longRunning = await client.request(ApiKey.ListTransactions, 1, { stateFilters: ['Ongoing'], producerIdFilters: [], durationFilter: 3_600_000n });
    expect(longRunning.transactionStates).toEqual([]);
    const all = await client.request(ApiKey.ListTransactions, 1, { stateFilters: [], producerIdFilters: [], durationFilter: -1n });
    expect(all.transactionStates.map((t) => t.transactionalId).sort()).toEqual(['tx-commit', 'tx-errors', 'tx-fence', 'tx-init', 'tx-kip360', 'tx-list', 'tx-verify']);
    await endTxn('tx-list', producerId, producerEpoch, false);
  });
});

describe('FindCoordinator for a transactional id', () => {
  it('answers this broker', async () => {
    const r = await client.request(ApiKey.FindCoordinator, 4, { keyType: 1, coordinatorKeys: ['tx-commit'] });
    expect(r.coordinators).toEqual([{ key: 'tx-commit', nodeId: 1, host: '127.0.0.1', port: b.port, errorCode: 0, errorMessage: null }]);
  });
});
