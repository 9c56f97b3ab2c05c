// ListOffsets v0 as Kafka 3.9 answers it (UnifiedLog.legacyFetchOffsetsBefore): segment
// boundaries chosen by the segments' modification times, newest first, at most maxNumOffsets.
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyOffsetsBefore } from '../../../src/broker/apis/list-offsets-v0.js';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { RawClient } from '../../helpers/raw-client.js';

let broker: StartedBroker;
let client: RawClient;
const dataDir = join((await import('node:os')).tmpdir(), `kt-list-offsets-v0-${process.pid}`);

beforeAll(async () => {
  broker = await startBroker({ port: 0, dataDir });
  client = await RawClient.connect(broker.port);
});
afterAll(async () => {
  client?.close();
  await broker?.close();
  (await import('node:fs')).rmSync(dataDir, { recursive: true, force: true });
});

const query = (topic: string, timestamp: bigint, maxNumOffsets: number, partitionIndex = 0) =>
  client.request(ApiKey.ListOffsets, 0, { replicaId: -1, topics: [{ name: topic, partitions: [{ partitionIndex, timestamp, maxNumOffsets }] }] });
const offsets = async (topic: string, timestamp: bigint, maxNumOffsets: number) => {
  const p = (await query(topic, timestamp, maxNumOffsets)).topics[0]!.partitions[0]!;
  expect(p.errorCode).toBe(0);
  return p.oldStyleOffsets.map(Number);
};

describe('ListOffsets v0', () => {
  // Segments at 0, 2 and 4 (two records each, segment.bytes fits one batch of two), modified
  // at 1000, 2000 and 3000 s; the active one holds data, so the log end offset 6 is offered as
  // of now.
  beforeAll(async () => {
    await client.request(ApiKey.CreateTopics, 7, { topics: [{ name: 'lo0', numPartitions: 1, replicationFactor: 1, configs: [{ name: 'segment.bytes', value: '100' }] }], timeoutMs: 5000 });
    for (let i = 0; i < 3; i++) {
      const records = encodeRecordBatch({ records: [0, 1].map((j) => ({ timestamp: 1000, key: null, value: Buffer.from(`${i}${j}`) })) });
      const r = await client.request(ApiKey.Produce, 9, { acks: 1, timeoutMs: 5000, topicData: [{ name: 'lo0', partitionData: [{ index: 0, records }] }] });
      expect(r.responses[0]!.partitionResponses[0]!.errorCode).toBe(0);
    }
    expect(broker.broker.partitionLog('lo0', 0)!.segmentBaseOffsets).toEqual([0, 2, 4]);
    for (const [base, seconds] of [[0, 1000], [2, 2000], [4, 3000]] as const) {
      utimesSync(join(dataDir, 'lo0-0', `${String(base).padStart(20, '0')}.log`), seconds, seconds);
    }
    await client.request(ApiKey.CreateTopics, 7, { topics: [{ name: 'lo0-empty', numPartitions: 1, replicationFactor: 1 }], timeoutMs: 5000 });
  });

  it('latest: the log end offset, then segment base offsets back to maxNumOffsets', async () => {
    expect(await offsets('lo0', -1n, 10)).toEqual([6, 4, 2, 0]);
    expect(await offsets('lo0', -1n, 2)).toEqual([6, 4]);
    expect(await offsets('lo0', -1n, 0)).toEqual([]);
  });

  it('earliest: the first segment only', async () => {
    expect(await offsets('lo0', -2n, 10)).toEqual([0]);
  });

  it('a time: the last boundary modified at or before it, and the ones before', async () => {
    expect(await offsets('lo0', 2_500_000n, 10)).toEqual([2, 0]);
    expect(await offsets('lo0', 2_000_000n, 1)).toEqual([2]);
    expect(await offsets('lo0', 999_999n, 10)).toEqual([]);
    expect(await offsets('lo0', BigInt(Date.now() + 60_000), 3)).toEqual([6, 4, 2]);
  });

  it('an empty log offers its one empty segment', async () => {
    expect(await offsets('lo0-empty', -1n, 5)).toEqual([0]);
    expect(await offsets('lo0-empty', -2n, 5)).toEqual([0]);
  });

  it('refuses other negative timestamps with UNSUPPORTED_VERSION, before looking the partition up', async () => {
    for (const topic of ['lo0', 'no-such-topic']) {
      expect((await query(topic, -3n, 1)).topics[0]!.partitions[0]).toMatchObject({ errorCode: ErrorCode.UNSUPPORTED_VERSION, oldStyleOffsets: [] });
    }
    expect((await query('no-such-topic', -1n, 1)).topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    expect((await query('lo0', -1n, 1, 3)).topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    // Kafka fails on a negative array size: UNKNOWN_SERVER_ERROR for that partition.
    expect((await query('lo0', -1n, -1)).topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.UNKNOWN_SERVER_ERROR);
  });

  it('answers the exact v0 frame: topic, partition, error, offsets', async () => {
    const frame = await client.requestFrame(ApiKey.ListOffsets, 0, { replicaId: -1, topics: [{ name: 'lo0', partitions: [{ partitionIndex: 0, timestamp: -1n, maxNumOffsets: 2 }] }] });
    expect(frame.subarray(4).toString('hex')).toBe('00000001' + '0003' + Buffer.from('lo0').toString('hex') + '00000001' + '00000000' + '0000' + '00000002' + '0000000000000006' + '0000000000000004');
  });
});

describe('legacyOffsetsBefore', () => {
  const segments = [
    { baseOffset: 0, size: 10, lastModified: 100 },
    { baseOffset: 5, size: 10, lastModified: 200 },
    { baseOffset: 9, size: 0, lastModified: 300 },
  ];

  it('offers no log end offset when the active segment is empty, and raises bases to the log start offset', () => {
    expect(legacyOffsetsBefore(segments, 0, 9, -1, 10, 1000)).toEqual([9, 5, 0]);
    expect(legacyOffsetsBefore(segments, 3, 9, -2, 10, 1000)).toEqual([3]);
    expect(legacyOffsetsBefore(segments, 0, 9, 250, 10, 1000)).toEqual([5, 0]);
    expect(legacyOffsetsBefore(segments, 0, 9, -1, -1, 1000)).toBeNull();
  });
});
