// Produce, Fetch and ListOffsets at the wire level: exact error codes, offsets and bytes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { RawClient } from '../../helpers/raw-client.js';

let broker: StartedBroker;
let client: RawClient;

const batch = (values: string[], timestamp = 1_700_000_000_000) =>
  encodeRecordBatch({ records: values.map((v, i) => ({ timestamp: timestamp + i, key: null, value: Buffer.from(v), headers: [] })) });

async function produce(topic: string, records: Buffer | null, opts: { acks?: number; version?: number; partition?: number } = {}) {
  const r = await client.request(ApiKey.Produce, opts.version ?? 9, {
    acks: opts.acks ?? -1,
    timeoutMs: 5000,
    topicData: [{ name: topic, partitionData: [{ index: opts.partition ?? 0, records }] }],
  });
  return r.responses[0]!.partitionResponses[0]!;
}

async function createTopic(name: string, partitions = 1, configs: Array<{ name: string; value: string }> = []) {
  const r = await client.request(ApiKey.CreateTopics, 7, { topics: [{ name, numPartitions: partitions, replicationFactor: 1, configs }], timeoutMs: 5000 });
  expect(r.topics[0]!.errorCode).toBe(0);
  return r.topics[0]!;
}

beforeAll(async () => {
  broker = await startBroker({ port: 0, config: { 'message.max.bytes': '2000' } });
  client = await RawClient.connect(broker.port);
});
afterAll(async () => {
  client?.close();
  await broker?.close();
});

describe('Produce', () => {
  it('assigns consecutive base offsets and reports the log start offset', async () => {
    await createTopic('p1');
    expect(await produce('p1', batch(['a', 'b', 'c']))).toMatchObject({ errorCode: 0, baseOffset: 0n, logAppendTimeMs: -1n, logStartOffset: 0n });
    expect(await produce('p1', batch(['d']))).toMatchObject({ errorCode: 0, baseOffset: 3n });
  });

  it('answers CORRUPT_MESSAGE for a bad CRC and writes nothing', async () => {
    await createTopic('p-crc');
    const b = batch(['x']);
    b[b.length - 1] ^= 0xff;
    expect((await produce('p-crc', b)).errorCode).toBe(ErrorCode.CORRUPT_MESSAGE);
    expect(await produce('p-crc', batch(['ok']))).toMatchObject({ errorCode: 0, baseOffset: 0n });
  });

  it('answers MESSAGE_TOO_LARGE above message.max.bytes', async () => {
    await createTopic('p-big');
    expect((await produce('p-big', batch(['x'.repeat(3000)]))).errorCode).toBe(ErrorCode.MESSAGE_TOO_LARGE);
  });

  it('answers INVALID_RECORD for a magic 0/1 message set on v3+ (ProduceRequest.validateRecords)', async () => {
    await createTopic('p-magic');
    const b = batch(['x']);
    b.writeInt8(1, 16);
    expect(await produce('p-magic', b)).toMatchObject({
      errorCode: ErrorCode.INVALID_RECORD,
      errorMessage: 'Produce requests with version 9 are only allowed to contain record batches with magic version 2',
    });
  });

  it('answers UNKNOWN_TOPIC_OR_PARTITION for a missing partition', async () => {
    await createTopic('p-one');
    expect((await produce('p-one', batch(['x']), { partition: 5 })).errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    expect((await produce('no-such-topic', batch(['x']))).errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  });

  it('answers INVALID_REQUIRED_ACKS for acks=2', async () => {
    await createTopic('p-acks');
    expect((await produce('p-acks', batch(['x']), { acks: 2 })).errorCode).toBe(ErrorCode.INVALID_REQUIRED_ACKS);
  });

  it('sends no response for acks=0 but appends', async () => {
    await createTopic('p-acks0');
    for (const chunk of (await import('../../../src/protocol/api.js')).encodeRequest(ApiKey.Produce, 9, 999, 'x', {
      acks: 0,
      timeoutMs: 1000,
      topicData: [{ name: 'p-acks0', partitionData: [{ index: 0, records: batch(['silent']) }] }],
    }))
      client.writeRaw(chunk);
    // The next response on the connection belongs to the next request, not the acks=0 produce.
    const r = await client.request(ApiKey.ListOffsets, 7, { replicaId: -1, topics: [{ name: 'p-acks0', partitions: [{ partitionIndex: 0, timestamp: -1n }] }] });
    expect(r.topics[0]!.partitions[0]!.offset).toBe(1n);
  });

  it('stamps LogAppendTime topics with the broker time', async () => {
    await createTopic('p-lat', 1, [{ name: 'message.timestamp.type', value: 'LogAppendTime' }]);
    const before = BigInt(Date.now());
    const r = await produce('p-lat', batch(['x', 'y'], 1000));
    expect(r.logAppendTimeMs).toBeGreaterThanOrEqual(before);
    const f = await client.request(ApiKey.Fetch, 12, { replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, topics: [{ topic: 'p-lat', partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }] }] });
    const [decoded] = decodeRecordBatches(f.responses[0]!.partitions[0]!.records!);
    expect(decoded!.records.map((rec) => BigInt(rec.timestamp))).toEqual([r.logAppendTimeMs, r.logAppendTimeMs]);
  });
});

describe('Fetch', () => {
  const fetchReq = (topic: string, offset: bigint, o: { maxWaitMs?: number; minBytes?: number; maxBytes?: number; partitionMaxBytes?: number } = {}) => ({
    replicaId: -1,
    maxWaitMs: o.maxWaitMs ?? 0,
    minBytes: o.minBytes ?? 1,
    maxBytes: o.maxBytes ?? 1 << 20,
    isolationLevel: 0,
    topics: [{ topic, partitions: [{ partition: 0, fetchOffset: offset, partitionMaxBytes: o.partitionMaxBytes ?? 1 << 20 }] }],
  });

  it('returns the produced bytes with offsets assigned, from any offset inside a batch', async () => {
    await createTopic('f1');
    await produce('f1', batch(['a', 'b']));
    await produce('f1', batch(['c']));
    const r = await client.request(ApiKey.Fetch, 11, fetchReq('f1', 1n));
    const p = r.responses[0]!.partitions[0]!;
    expect(p).toMatchObject({ errorCode: 0, highWatermark: 3n, lastStableOffset: 3n, logStartOffset: 0n });
    const batches = decodeRecordBatches(p.records!);
    expect(batches.map((b) => b.baseOffset)).toEqual([0, 2]);
    expect(batches.flatMap((b) => b.records.map((rec) => rec.value!.toString()))).toEqual(['a', 'b', 'c']);
  });

  it('answers OFFSET_OUT_OF_RANGE past the log end', async () => {
    await createTopic('f-oor');
    await produce('f-oor', batch(['a']));
    const r = await client.request(ApiKey.Fetch, 11, fetchReq('f-oor', 5n));
    expect(r.responses[0]!.partitions[0]!).toMatchObject({ errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, highWatermark: 1n });
  });

  it('returns at least one whole batch even when it exceeds max bytes (KIP-74), and no more', async () => {
    await createTopic('f-big');
    await produce('f-big', batch(['x'.repeat(500)]));
    await produce('f-big', batch(['y'.repeat(500)]));
    const r = await client.request(ApiKey.Fetch, 11, fetchReq('f-big', 0n, { maxBytes: 10, partitionMaxBytes: 10 }));
    const batches = decodeRecordBatches(r.responses[0]!.partitions[0]!.records!);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.records[0]!.value!.toString()).toBe('x'.repeat(500));
  });

  it('long-polls until an append arrives, then answers at once', async () => {
    await createTopic('f-wait');
    const other = await RawClient.connect(broker.port);
    const started = Date.now();
    const pending = other.request(ApiKey.Fetch, 11, fetchReq('f-wait', 0n, { maxWaitMs: 10_000, minBytes: 1 }));
    await new Promise((r) => setTimeout(r, 200));
    await produce('f-wait', batch(['wake']));
    const r = await pending;
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(5000);
    expect(decodeRecordBatches(r.responses[0]!.partitions[0]!.records!)[0]!.records[0]!.value!.toString()).toBe('wake');
    other.close();
  });

  it('waits max.wait.ms and returns empty when nothing arrives', async () => {
    await createTopic('f-empty');
    const started = Date.now();
    const r = await client.request(ApiKey.Fetch, 11, fetchReq('f-empty', 0n, { maxWaitMs: 300, minBytes: 1 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(r.responses[0]!.partitions[0]!.records!.length).toBe(0);
  });

  it('addresses topics by id from v13 and answers UNKNOWN_TOPIC_ID for unknown ids', async () => {
    const t = await createTopic('f-id');
    await produce('f-id', batch(['by-id']));
    const r = await client.request(ApiKey.Fetch, 13, {
      replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20,
      topics: [
        { topicId: t.topicId, partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }] },
        { topicId: 'AAAAAAAAAAAAAAAAAAAAAQ', partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }] },
      ],
    });
    expect(r.responses[0]!.topicId).toBe(t.topicId);
    expect(decodeRecordBatches(r.responses[0]!.partitions[0]!.records!)[0]!.records[0]!.value!.toString()).toBe('by-id');
    expect(r.responses[1]!.partitions[0]!.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_ID);
  });
});

describe('ListOffsets', () => {
  it('resolves earliest, latest, max timestamp and by-timestamp', async () => {
    await createTopic('lo');
    await produce('lo', batch(['a', 'b'], 1000)); // offsets 0,1 at t=1000,1001
    await produce('lo', batch(['c'], 5000)); // offset 2 at t=5000
    await produce('lo', batch(['d'], 3000)); // offset 3 at t=3000
    const q = async (timestamp: bigint) =>
      (await client.request(ApiKey.ListOffsets, 8, { replicaId: -1, topics: [{ name: 'lo', partitions: [{ partitionIndex: 0, timestamp }] }] })).topics[0]!.partitions[0]!;
    expect(await q(-2n)).toMatchObject({ errorCode: 0, offset: 0n, timestamp: -1n });
    expect(await q(-1n)).toMatchObject({ errorCode: 0, offset: 4n, timestamp: -1n });
    expect(await q(-3n)).toMatchObject({ errorCode: 0, offset: 2n, timestamp: 5000n });
    expect(await q(1001n)).toMatchObject({ offset: 1n, timestamp: 1001n });
    expect(await q(2000n)).toMatchObject({ offset: 2n, timestamp: 5000n });
    expect(await q(9999n)).toMatchObject({ offset: -1n, timestamp: -1n });
    // Kafka 3.9 and 4.0 refuse a negative timestamp they do not know, and -3/-4/-5 before the
    // version that introduced each (v7, v8, v9).
    expect(await q(-6n)).toMatchObject({ errorCode: ErrorCode.UNSUPPORTED_VERSION, offset: -1n, timestamp: -1n });
    const at = async (version: number, timestamp: bigint) =>
      (await client.request(ApiKey.ListOffsets, version, { replicaId: -1, topics: [{ name: 'lo', partitions: [{ partitionIndex: 0, timestamp }] }] })).topics[0]!.partitions[0]!.errorCode;
    expect([await at(6, -3n), await at(7, -3n), await at(7, -4n), await at(8, -4n), await at(8, -5n), await at(9, -5n)]).toEqual([35, 0, 35, 0, 35, 0]);
    // The refusal comes before the partition is looked up.
    const unknown = await client.request(ApiKey.ListOffsets, 1, { replicaId: -1, topics: [{ name: 'no-such', partitions: [{ partitionIndex: 0, timestamp: -3n }] }] });
    expect(unknown.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION);
  });

  it('answers INVALID_REQUEST on every occurrence of a partition named twice (v1+)', async () => {
    const r = await client.request(ApiKey.ListOffsets, 1, {
      replicaId: -1,
      topics: [
        { name: 'lo', partitions: [{ partitionIndex: 0, timestamp: -1n }] },
        { name: 'lo', partitions: [{ partitionIndex: 0, timestamp: -2n }] },
      ],
    });
    expect(r.topics.map((t) => t.partitions[0])).toEqual([
      { partitionIndex: 0, errorCode: ErrorCode.INVALID_REQUEST, oldStyleOffsets: [], timestamp: -1n, offset: -1n, leaderEpoch: -1 },
      { partitionIndex: 0, errorCode: ErrorCode.INVALID_REQUEST, oldStyleOffsets: [], timestamp: -1n, offset: -1n, leaderEpoch: -1 },
    ]);
  });
});

describe('CreateTopics', () => {
  it('validates without creating when validateOnly is set', async () => {
    const r = await client.request(ApiKey.CreateTopics, 7, { topics: [{ name: 'vo', numPartitions: 2, replicationFactor: 1 }], timeoutMs: 1000, validateOnly: true });
    expect(r.topics[0]).toMatchObject({ errorCode: 0, numPartitions: 2, replicationFactor: 1 });
    const md = await client.request(ApiKey.Metadata, 12, { topics: [{ name: 'vo' }], allowAutoTopicCreation: false });
    expect(md.topics[0]!.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  });

  it('answers Kafka\'s errors for bad replication factor, names, configs and duplicates', async () => {
    const create = async (t: Record<string, unknown>) =>
      (await client.request(ApiKey.CreateTopics, 7, { topics: [{ numPartitions: 1, replicationFactor: 1, ...t } as never], timeoutMs: 1000 })).topics[0]!;
    expect(await create({ name: 'rf3', replicationFactor: 3 })).toMatchObject({
      errorCode: ErrorCode.INVALID_REPLICATION_FACTOR,
      errorMessage: 'Unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached because only 1 broker(s) are registered.',
    });
    expect(await create({ name: 'x'.repeat(250) })).toMatchObject({ errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION });
    expect(await create({ name: 'bad/name' })).toMatchObject({ errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION });
    expect(await create({ name: 'cfg', configs: [{ name: 'no.such.config', value: '1' }] })).toMatchObject({
      errorCode: ErrorCode.INVALID_CONFIG,
      errorMessage: 'Unknown topic config name: no.such.config',
    });
    expect(await create({ name: 'cfg2', configs: [{ name: 'retention.ms', value: 'soon' }] })).toMatchObject({ errorCode: ErrorCode.INVALID_CONFIG });
    expect(await create({ name: 'zero', numPartitions: 0 })).toMatchObject({ errorCode: ErrorCode.INVALID_PARTITIONS });
    await create({ name: 'dup' });
    expect(await create({ name: 'dup' })).toMatchObject({ errorCode: ErrorCode.TOPIC_ALREADY_EXISTS, errorMessage: "Topic 'dup' already exists." });
    await create({ name: 'a.b' });
    expect(await create({ name: 'a_b' })).toMatchObject({ errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, errorMessage: "Topic 'a_b' collides with existing topic: a.b" });
  });
});

describe('DescribeTopicPartitions', () => {
  it('pages partitions across topics in name order with a cursor', async () => {
    await createTopic('dtp-b', 3);
    await createTopic('dtp-a', 2);
    const page = (cursor: { topicName: string; partitionIndex: number } | null) =>
      client.request(ApiKey.DescribeTopicPartitions, 0, { topics: [{ name: 'dtp-b' }, { name: 'dtp-a' }, { name: 'dtp-none' }], responsePartitionLimit: 3, cursor });
    const first = await page(null);
    expect(first.topics.map((t) => [t.name, t.partitions.map((p) => p.partitionIndex)])).toEqual([['dtp-a', [0, 1]], ['dtp-b', [0]]]);
    expect(first.nextCursor).toEqual({ topicName: 'dtp-b', partitionIndex: 1 });
    const second = await page(first.nextCursor);
    expect(second.topics.map((t) => [t.name, t.errorCode, t.partitions.map((p) => p.partitionIndex)])).toEqual([
      ['dtp-b', 0, [1, 2]],
      ['dtp-none', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, []],
    ]);
    expect(second.nextCursor).toBeNull();
    expect(second.topics[0]!.partitions[0]).toMatchObject({ leaderId: 1, replicaNodes: [1], isrNodes: [1], eligibleLeaderReplicas: [], lastKnownElr: [] });
  });
});
