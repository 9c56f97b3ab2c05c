// Idempotent and transactional produce, WriteTxnMarkers, read_committed Fetch and ListOffsets,
// and DescribeProducers at the wire level: exact codes, offsets and aborted-transaction lists.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { RawClient } from '../../helpers/raw-client.js';

let broker: StartedBroker;
let client: RawClient;

const T = 1_700_000_000_000;

function batch(values: string[], p: { producerId?: number; epoch?: number; sequence?: number; transactional?: boolean } = {}): Buffer {
  return encodeRecordBatch({
    records: values.map((v, i) => ({ timestamp: T + i, key: null, value: Buffer.from(v), headers: [] })),
    producerId: p.producerId ?? -1,
    producerEpoch: p.epoch ?? (p.producerId === undefined ? -1 : 0),
    baseSequence: p.sequence ?? (p.producerId === undefined ? -1 : 0),
    isTransactional: p.transactional ?? false,
  });
}

async function produce(topic: string, records: Buffer, transactionalId: string | null = null) {
  const r = await client.request(ApiKey.Produce, 9, { transactionalId, acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] });
  return r.responses[0]!.partitionResponses[0]!;
}

async function createTopic(name: string) {
  const r = await client.request(ApiKey.CreateTopics, 7, { topics: [{ name, numPartitions: 1, replicationFactor: 1, configs: [] }], timeoutMs: 5000 });
  expect(r.topics[0]!.errorCode).toBe(0);
}

async function fetch(topic: string, offset: bigint, isolationLevel: number, wait: { maxWaitMs: number; minBytes: number } = { maxWaitMs: 0, minBytes: 0 }) {
  const r = await client.request(ApiKey.Fetch, 11, {
    replicaId: -1,
    ...wait,
    maxBytes: 1 << 20,
    isolationLevel,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [{ topic, partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: offset, logStartOffset: -1n, partitionMaxBytes: 1 << 20 }] }],
    forgottenTopicsData: [],
    rackId: '',
  });
  const p = r.responses[0]!.partitions[0]!;
  return { ...p, batches: decodeRecordBatches(p.records!) };
}

async function marker(topic: string, producerId: number, epoch: number, commit: boolean, coordinatorEpoch = 0, via = client) {
  const r = await via.request(ApiKey.WriteTxnMarkers, 1, {
    markers: [{ producerId: BigInt(producerId), producerEpoch: epoch, transactionResult: commit, coordinatorEpoch, topics: [{ name: topic, partitionIndexes: [0] }] }],
  });
  return r.markers[0]!.topics[0]!.partitions[0]!.errorCode;
}

async function latest(topic: string, isolationLevel: number) {
  const r = await client.request(ApiKey.ListOffsets, 7, { replicaId: -1, isolationLevel, topics: [{ name: topic, partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1n }] }] });
  return r.topics[0]!.partitions[0]!.offset;
}

beforeAll(async () => {
  broker = await startBroker({ port: 0 });
  client = await RawClient.connect(broker.port);
  // The coordinator's partition verification is another module's: every partition counts as added here.
  vi.spyOn(broker.broker.transactions, 'verifyPartition').mockReturnValue(ErrorCode.NONE);
});
afterAll(async () => {
  client?.close();
  await broker?.close();
});

describe('idempotent produce', () => {
  it('answers a resent batch with the original base offset and stores it once', async () => {
    await createTopic('idem');
    expect(await produce('idem', batch(['a', 'b', 'c'], { producerId: 1000, sequence: 0 }))).toMatchObject({ errorCode: 0, baseOffset: 0n });
    expect(await produce('idem', batch(['d'], { producerId: 1000, sequence: 3 }))).toMatchObject({ errorCode: 0, baseOffset: 3n });
    // The retry: success, the original offset, and (as Kafka) the original batch's timestamp.
    expect(await produce('idem', batch(['a', 'b', 'c'], { producerId: 1000, sequence: 0 }))).toMatchObject({ errorCode: 0, baseOffset: 0n, logAppendTimeMs: BigInt(T + 2) });
    const f = await fetch('idem', 0n, 0);
    expect(f.highWatermark).toBe(4n);
    expect(f.batches.flatMap((b) => b.records.map((r) => r.value!.toString()))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('answers a sequence gap with OUT_OF_ORDER_SEQUENCE_NUMBER (45) and a stale epoch with INVALID_PRODUCER_EPOCH (47)', async () => {
    await createTopic('idem-errors');
    expect((await produce('idem-errors', batch(['a'], { producerId: 2000, epoch: 1, sequence: 0 }))).errorCode).toBe(0);
    expect(await produce('idem-errors', batch(['b'], { producerId: 2000, epoch: 1, sequence: 2 }))).toMatchObject({ errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, baseOffset: -1n });
    expect((await produce('idem-errors', batch(['b'], { producerId: 2000, epoch: 0, sequence: 1 }))).errorCode).toBe(ErrorCode.INVALID_PRODUCER_EPOCH);
    expect((await produce('idem-errors', batch(['b'], { producerId: 2000, epoch: 2, sequence: 1 }))).errorCode).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    expect((await fetch('idem-errors', 0n, 0)).highWatermark).toBe(1n);
  });

  it('refuses transactional records without a transactional id: TRANSACTIONAL_ID_AUTHORIZATION_FAILED (53)', async () => {
    await createTopic('tx-noid');
    expect((await produce('tx-noid', batch(['a'], { producerId: 3000, transactional: true }))).errorCode).toBe(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
  });
});

describe('transactions on the read side', () => {
  it('read_committed stops at the last stable offset and lists the aborted transaction', async () => {
    await createTopic('txr');
    expect((await produce('txr', batch(['c1', 'c2'], { producerId: 4000, transactional: true }), 'tx-a')).baseOffset).toBe(0n);
    expect(await marker('txr', 4000, 0, true)).toBe(ErrorCode.NONE); // COMMIT at 2
    expect((await produce('txr', batch(['x1', 'x2'], { producerId: 5000, transactional: true }), 'tx-b')).baseOffset).toBe(3n);
    let committed = await fetch('txr', 0n, 1);
    expect(committed).toMatchObject({ errorCode: 0, highWatermark: 5n, lastStableOffset: 3n, abortedTransactions: [] });
    expect(committed.batches.map((b) => [b.baseOffset, b.isControl])).toEqual([
      [0, false],
      [2, true],
    ]);
    expect(await latest('txr', 1)).toBe(3n);
    expect(await latest('txr', 0)).toBe(5n);

    expect(await marker('txr', 5000, 0, false)).toBe(ErrorCode.NONE); // ABORT at 5
    committed = await fetch('txr', 0n, 1);
    expect(committed).toMatchObject({ highWatermark: 6n, lastStableOffset: 6n, abortedTransactions: [{ producerId: 5000n, firstOffset: 3n }] });
    expect(committed.batches.map((b) => b.baseOffset)).toEqual([0, 2, 3, 5]);
    expect(await latest('txr', 1)).toBe(6n);
    // Past the aborted transaction nothing is listed; read_uncommitted gets null and the LSO.
    expect((await fetch('txr', 6n, 1)).abortedTransactions).toEqual([]);
    expect(await fetch('txr', 0n, 0)).toMatchObject({ lastStableOffset: 6n, abortedTransactions: null });
  });

  it('a waiting read_committed fetch returns when the marker moves the last stable offset', async () => {
    await createTopic('txwait');
    await produce('txwait', batch(['w'], { producerId: 6000, transactional: true }), 'tx-w');
    const started = Date.now();
    const waiting = fetch('txwait', 0n, 1, { maxWaitMs: 5000, minBytes: 1 });
    await new Promise((r) => setTimeout(r, 200));
    // Another connection: a connection's requests are answered in order, as in Kafka.
    const other = await RawClient.connect(broker.port);
    expect(await marker('txwait', 6000, 0, true, 0, other)).toBe(ErrorCode.NONE);
    other.close();
    const f = await waiting;
    expect(Date.now() - started).toBeLessThan(3000);
    expect(f).toMatchObject({ lastStableOffset: 2n });
    expect(f.batches.map((b) => b.baseOffset)).toEqual([0, 1]);
  });

  it('WriteTxnMarkers answers INVALID_PRODUCER_EPOCH (47), TRANSACTION_COORDINATOR_FENCED (52) and UNKNOWN_TOPIC_OR_PARTITION (3)', async () => {
    await createTopic('txfence');
    await produce('txfence', batch(['a'], { producerId: 7000, epoch: 3, transactional: true }), 'tx-f');
    expect(await marker('txfence', 7000, 2, false)).toBe(ErrorCode.INVALID_PRODUCER_EPOCH);
    expect(await marker('txfence', 7000, 3, false, 5)).toBe(ErrorCode.NONE);
    expect(await marker('txfence', 7000, 3, false, 4)).toBe(ErrorCode.TRANSACTION_COORDINATOR_FENCED);
    expect(await marker('no-such-topic', 7000, 3, false)).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    expect((await fetch('txfence', 0n, 0)).highWatermark).toBe(2n);
  });
});

describe('DescribeProducers', () => {
  it('lists the active producers of a partition with Kafka fields', async () => {
    await createTopic('dp');
    await produce('dp', batch(['a', 'b'], { producerId: 8000, epoch: 2, sequence: 0 }));
    await produce('dp', batch(['t'], { producerId: 8001, epoch: 0, transactional: true }), 'tx-dp');
    const r = await client.request(ApiKey.DescribeProducers, 0, { topics: [{ name: 'dp', partitionIndexes: [0, 7] }] });
    const [p0, p7] = r.topics[0]!.partitions;
    expect(p0).toEqual({
      partitionIndex: 0,
      errorCode: 0,
      errorMessage: null,
      activeProducers: [
        { producerId: 8000n, producerEpoch: 2, lastSequence: 1, lastTimestamp: BigInt(T + 1), coordinatorEpoch: -1, currentTxnStartOffset: -1n },
        { producerId: 8001n, producerEpoch: 0, lastSequence: 0, lastTimestamp: BigInt(T), coordinatorEpoch: -1, currentTxnStartOffset: 2n },
      ],
    });
    expect(p7).toMatchObject({ partitionIndex: 7, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, activeProducers: [] });
  });
});
