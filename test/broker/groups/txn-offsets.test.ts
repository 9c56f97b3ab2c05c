// Transactional offset commits (TxnOffsetCommit, KIP-98/447) over the wire: invisible to
// OffsetFetch until the transaction commits (UNSTABLE_OFFSET_COMMIT with requireStable), dropped
// when it aborts, refused when the group's partition is not in the transaction, and reloaded from
// __consumer_offsets after a restart, a pending one completed by the marker that follows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { RawClient } from '../../helpers/raw-client.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kt-txn-offsets-'));
let b: StartedBroker;
let client: RawClient;
afterAll(async () => {
  client?.socket.destroy();
  await b?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<void> {
  b = await startBroker({ dataDir });
  client = await RawClient.connect(b.port);
}

async function restart(): Promise<void> {
  client.socket.destroy();
  await b.close();
  await start();
}

async function initTxn(transactionalId: string) {
  const r = await client.request(ApiKey.InitProducerId, 4, { transactionalId, transactionTimeoutMs: 30000, producerId: -1n, producerEpoch: -1 });
  expect(r.errorCode).toBe(0);
  return { producerId: r.producerId, producerEpoch: r.producerEpoch };
}

async function addOffsets(transactionalId: string, p: { producerId: bigint; producerEpoch: number }, groupId: string) {
  const r = await client.request(ApiKey.AddOffsetsToTxn, 3, { transactionalId, ...p, groupId });
  expect(r.errorCode).toBe(0);
}

const txnCommit = (transactionalId: string, p: { producerId: bigint; producerEpoch: number }, groupId: string, offset: bigint, extra: { topic?: string; generationId?: number } = {}) =>
  client.request(ApiKey.TxnOffsetCommit, 3, {
    transactionalId,
    groupId,
    ...p,
    generationId: extra.generationId ?? -1,
    memberId: '',
    groupInstanceId: null,
    topics: [{ name: extra.topic ?? 'in', partitions: [{ partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: 'm' }] }],
  });

const endTxn = (transactionalId: string, p: { producerId: bigint; producerEpoch: number }, committed: boolean) =>
  client.request(ApiKey.EndTxn, 3, { transactionalId, ...p, committed });

async function fetched(groupId: string, requireStable = false): Promise<{ committedOffset: bigint; errorCode: number }> {
  const r = await client.request(ApiKey.OffsetFetch, 7, { groupId, topics: [{ name: 'in', partitionIndexes: [0] }], requireStable });
  const p = r.topics[0]!.partitions[0]!;
  return { committedOffset: p.committedOffset, errorCode: p.errorCode };
}

describe('TxnOffsetCommit', () => {
  it('is visible only once the transaction commits; requireStable answers UNSTABLE_OFFSET_COMMIT meanwhile', async () => {
    await start();
    await client.request(ApiKey.CreateTopics, 7, { topics: [{ name: 'in', numPartitions: 1, replicationFactor: 1 }], timeoutMs: 5000 });
    const p = await initTxn('tx-off');
    await addOffsets('tx-off', p, 'g-txn');
    const r = await txnCommit('tx-off', p, 'g-txn', 42n);
    expect(r.topics).toEqual([{ name: 'in', partitions: [{ partitionIndex: 0, errorCode: 0 }] }]);
    expect(await fetched('g-txn')).toEqual({ committedOffset: -1n, errorCode: 0 });
    expect(await fetched('g-txn', true)).toEqual({ committedOffset: -1n, errorCode: ErrorCode.UNSTABLE_OFFSET_COMMIT });
    expect((await endTxn('tx-off', p, true)).errorCode).toBe(0);
    expect(await fetched('g-txn', true)).toEqual({ committedOffset: 42n, errorCode: 0 });
  });

  it('is dropped when the transaction aborts', async () => {
    const p = await initTxn('tx-off');
    await addOffsets('tx-off', p, 'g-txn');
    expect((await txnCommit('tx-off', p, 'g-txn', 50n)).topics[0]!.partitions[0]!.errorCode).toBe(0);
    expect((await endTxn('tx-off', p, false)).errorCode).toBe(0);
    expect(await fetched('g-txn', true)).toEqual({ committedOffset: 42n, errorCode: 0 });
  });

  it('refuses: group partition not in the transaction, fenced epoch, unknown topic, generation of an unknown group', async () => {
    const p = await initTxn('tx-bad');
    const code = (r: Awaited<ReturnType<typeof txnCommit>>) => r.topics[0]!.partitions[0]!.errorCode;
    expect(code(await txnCommit('tx-bad', p, 'g-bad', 1n))).toBe(ErrorCode.INVALID_TXN_STATE);
    await addOffsets('tx-bad', p, 'g-bad');
    expect(code(await txnCommit('tx-bad', { ...p, producerEpoch: p.producerEpoch - 1 }, 'g-bad', 1n))).toBe(ErrorCode.INVALID_PRODUCER_EPOCH);
    expect(code(await txnCommit('tx-bad', p, 'g-bad', 1n, { topic: 'missing' }))).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    expect(code(await txnCommit('tx-bad', p, 'g-bad', 1n, { generationId: 3 }))).toBe(ErrorCode.ILLEGAL_GENERATION);
    await endTxn('tx-bad', p, false);
  });

  it('after a restart: committed transactional offsets are loaded, a pending one waits for its marker', async () => {
    const p = await initTxn('tx-off');
    await addOffsets('tx-off', p, 'g-txn');
    expect((await txnCommit('tx-off', p, 'g-txn', 60n)).topics[0]!.partitions[0]!.errorCode).toBe(0);
    await restart();
    expect(await fetched('g-txn')).toEqual({ committedOffset: 42n, errorCode: 0 });
    expect(await fetched('g-txn', true)).toEqual({ committedOffset: -1n, errorCode: ErrorCode.UNSTABLE_OFFSET_COMMIT });
    expect((await endTxn('tx-off', p, true)).errorCode).toBe(0);
    expect(await fetched('g-txn', true)).toEqual({ committedOffset: 60n, errorCode: 0 });
    await restart();
    expect(await fetched('g-txn', true)).toEqual({ committedOffset: 60n, errorCode: 0 });
  });
});
