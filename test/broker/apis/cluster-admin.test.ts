// DeleteRecords, DescribeLogDirs, DescribeCluster and ElectLeaders against an in-process broker:
// exact error codes, offsets and sizes through the raw client, plus kafkajs' admin calls.
import { statfsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { RawClient } from '../../helpers/raw-client.js';
import { createTopic } from './configs-helpers.js';

let broker: StartedBroker;
let client: RawClient;
let admin: Admin;

async function produce(topic: string, partition: number, count: number): Promise<void> {
  const records = encodeRecordBatch({ records: Array.from({ length: count }, (_, i) => ({ timestamp: 1_700_000_000_000 + i, key: null, value: Buffer.from(`v${i}`), headers: [] })) });
  const r = await client.request(ApiKey.Produce, 9, { acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: partition, records }] }] });
  expect(r.responses[0]!.partitionResponses[0]!.errorCode).toBe(0);
}

async function deleteRecords(topics: Array<{ name: string; partitions: Array<[number, bigint]> }>) {
  const r = await client.request(ApiKey.DeleteRecords, 2, {
    timeoutMs: 5000,
    topics: topics.map((t) => ({ name: t.name, partitions: t.partitions.map(([partitionIndex, offset]) => ({ partitionIndex, offset })) })),
  });
  return r.topics.map((t) => [t.name, t.partitions.map((p) => [p.partitionIndex, p.lowWatermark, p.errorCode])]);
}

beforeAll(async () => {
  broker = await startBroker({ port: 0, config: { 'offsets.topic.num.partitions': '1' } });
  client = await RawClient.connect(broker.port);
  admin = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
  await admin.connect();
  await createTopic(client, 'events', [], 2);
  await createTopic(client, 'compacted', [{ name: 'cleanup.policy', value: 'compact' }]);
  await produce('events', 0, 10);
  await produce('events', 1, 4);
});

afterAll(async () => {
  await admin?.disconnect();
  client?.close();
  await broker?.close();
});

describe('DeleteRecords', () => {
  it('raises the low watermark; -1 means the high watermark; it never moves back', async () => {
    expect(await deleteRecords([{ name: 'events', partitions: [[0, 3n], [1, -1n]] }])).toEqual([['events', [[0, 3n, 0], [1, 4n, 0]]]]);
    expect(await deleteRecords([{ name: 'events', partitions: [[0, 1n]] }])).toEqual([['events', [[0, 3n, 0]]]]);
    expect(broker.broker.partitionLog('events', 0)!.logStartOffset).toBe(3);
    const listed = await client.request(ApiKey.ListOffsets, 7, {
      replicaId: -1,
      isolationLevel: 0,
      topics: [{ name: 'events', partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -2n }] }],
    });
    expect(listed.topics[0]!.partitions[0]!.offset).toBe(3n);
  });

  it('answers OFFSET_OUT_OF_RANGE beyond the high watermark, UNKNOWN_TOPIC_OR_PARTITION, POLICY_VIOLATION and INVALID_TOPIC_EXCEPTION', async () => {
    // An offset commit creates __consumer_offsets.
    await client.request(ApiKey.OffsetCommit, 2, {
      groupId: 'g',
      generationIdOrMemberEpoch: -1,
      memberId: '',
      retentionTimeMs: -1n,
      topics: [{ name: 'events', partitions: [{ partitionIndex: 0, committedOffset: 1n, committedMetadata: '' }] }],
    });
    expect(broker.broker.topics.has('__consumer_offsets')).toBe(true);
    expect(
      await deleteRecords([
        { name: 'events', partitions: [[0, 11n], [5, 0n]] },
        { name: 'nowhere', partitions: [[0, 0n]] },
        { name: 'compacted', partitions: [[0, 0n]] },
        { name: '__consumer_offsets', partitions: [[0, 0n]] },
      ]),
    ).toEqual([
      ['events', [[0, -1n, ErrorCode.OFFSET_OUT_OF_RANGE], [5, -1n, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]]],
      ['nowhere', [[0, -1n, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]]],
      ['compacted', [[0, -1n, ErrorCode.POLICY_VIOLATION]]],
      ['__consumer_offsets', [[0, -1n, ErrorCode.INVALID_TOPIC_EXCEPTION]]],
    ]);
  });

  it('kafkajs deleteTopicRecords moves the start offset', async () => {
    // kafkajs needs the topic's metadata before it can find the partition leaders.
    await admin.fetchTopicMetadata({ topics: ['events'] });
    await admin.deleteTopicRecords({ topic: 'events', partitions: [{ partition: 0, offset: '6' }] });
    expect(broker.broker.partitionLog('events', 0)!.logStartOffset).toBe(6);
  });
});

describe('DescribeLogDirs', () => {
  it('lists the log dir with every partition and its size (v4 adds the file system sizes)', async () => {
    const r = await client.request(ApiKey.DescribeLogDirs, 4, { topics: null });
    expect(r.errorCode).toBe(0);
    expect(r.results).toHaveLength(1);
    const dir = r.results[0]!;
    expect(dir).toMatchObject({ errorCode: 0, logDir: resolve(broker.dataDir) });
    const events = dir.topics.find((t) => t.name === 'events')!;
    expect(events.partitions).toEqual([0, 1].map((p) => ({ partitionIndex: p, partitionSize: BigInt(broker.broker.partitionLog('events', p)!.sizeInBytes), offsetLag: 0n, isFutureKey: false })));
    expect(events.partitions[0]!.partitionSize).toBeGreaterThan(0n);
    const fsStats = statfsSync(broker.dataDir);
    expect(dir.totalBytes).toBe(BigInt(fsStats.blocks) * BigInt(fsStats.bsize));
    expect(dir.usableBytes).toBeGreaterThan(0n);
  });

  it('answers only the partitions asked for, skipping unknown ones', async () => {
    const r = await client.request(ApiKey.DescribeLogDirs, 1, { topics: [{ topic: 'events', partitions: [1, 9] }, { topic: 'ghost', partitions: [0] }] });
    expect(r.results[0]!.topics.map((t) => [t.name, t.partitions.map((p) => p.partitionIndex)])).toEqual([['events', [1]]]);
    expect(r.results[0]!.totalBytes).toBe(-1n);
  });
});

describe('DescribeCluster', () => {
  it('names this broker, the cluster id and this broker as controller', async () => {
    const r = await client.request(ApiKey.DescribeCluster, 1, { includeClusterAuthorizedOperations: true, endpointType: 1 });
    expect(r).toEqual({
      throttleTimeMs: 0,
      errorCode: 0,
      errorMessage: null,
      endpointType: 1,
      clusterId: broker.broker.topics.clusterId,
      controllerId: 1,
      brokers: [{ brokerId: 1, host: broker.host, port: broker.port, rack: null }],
      // CREATE, ALTER, DESCRIBE, CLUSTER_ACTION, DESCRIBE_CONFIGS, ALTER_CONFIGS, IDEMPOTENT_WRITE.
      clusterAuthorizedOperations: (1 << 5) | (1 << 7) | (1 << 8) | (1 << 9) | (1 << 10) | (1 << 11) | (1 << 12),
    });
    const v0 = await client.request(ApiKey.DescribeCluster, 0, { includeClusterAuthorizedOperations: false });
    expect(v0.clusterAuthorizedOperations).toBe(-2147483648);
  });

  it('refuses the controller endpoint type and unknown ones', async () => {
    expect(await client.request(ApiKey.DescribeCluster, 1, { includeClusterAuthorizedOperations: false, endpointType: 2 })).toMatchObject({
      errorCode: ErrorCode.MISMATCHED_ENDPOINT_TYPE,
      errorMessage: 'The request was sent to an endpoint of type BROKER, but we wanted an endpoint of type CONTROLLER',
      brokers: [],
      controllerId: -1,
    });
    expect(await client.request(ApiKey.DescribeCluster, 1, { includeClusterAuthorizedOperations: false, endpointType: 7 })).toMatchObject({
      errorCode: ErrorCode.UNSUPPORTED_ENDPOINT_TYPE,
      errorMessage: 'Unsupported endpoint type 7',
    });
  });

  it('kafkajs describeCluster', async () => {
    expect(await admin.describeCluster()).toEqual({
      brokers: [{ nodeId: 1, host: broker.host, port: broker.port }],
      controller: 1,
      clusterId: broker.broker.topics.clusterId,
    });
  });
});

describe('ElectLeaders', () => {
  it('answers ELECTION_NOT_NEEDED for every named partition, UNKNOWN_TOPIC_OR_PARTITION for others', async () => {
    const r = await client.request(ApiKey.ElectLeaders, 2, {
      electionType: 0,
      timeoutMs: 5000,
      topicPartitions: [
        { topic: 'events', partitions: [0, 1, 2] },
        { topic: 'ghost', partitions: [0] },
      ],
    });
    expect(r.errorCode).toBe(0);
    expect(r.replicaElectionResults).toEqual([
      {
        topic: 'events',
        partitionResult: [
          { partitionId: 0, errorCode: ErrorCode.ELECTION_NOT_NEEDED, errorMessage: 'Leader election not needed for topic partition.' },
          { partitionId: 1, errorCode: ErrorCode.ELECTION_NOT_NEEDED, errorMessage: 'Leader election not needed for topic partition.' },
          { partitionId: 2, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: 'No such partition as events-2' },
        ],
      },
      { topic: 'ghost', partitionResult: [{ partitionId: 0, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: 'No such topic as ghost' }] },
    ]);
  });

  it('with no partitions named, lists every topic with nothing to elect', async () => {
    const r = await client.request(ApiKey.ElectLeaders, 1, { electionType: 1, timeoutMs: 5000, topicPartitions: null });
    expect(r.errorCode).toBe(0);
    expect(r.replicaElectionResults.map((t) => [t.topic, t.partitionResult.length]).sort()).toEqual([
      ['__consumer_offsets', 0],
      ['compacted', 0],
      ['events', 0],
    ]);
  });

  it('fails the request for an unknown election type', async () => {
    const r = await client.request(ApiKey.ElectLeaders, 1, { electionType: 3, timeoutMs: 5000, topicPartitions: [{ topic: 'events', partitions: [0] }] });
    expect(r).toMatchObject({
      errorCode: ErrorCode.INVALID_REQUEST,
      replicaElectionResults: [{ topic: 'events', partitionResult: [{ partitionId: 0, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Unknown election type 3' }] }],
    });
  });
});
