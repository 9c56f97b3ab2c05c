// Every API that names partitions resolves them the same way (Broker.lookupPartition): a negative
// index or one at or past the topic's partition count is UNKNOWN_TOPIC_OR_PARTITION, as in
// Kafka's metadata cache; an unknown topic id (Fetch v13+) is UNKNOWN_TOPIC_ID.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { RawClient } from '../../helpers/raw-client.js';
import { createTopic } from './configs-helpers.js';

const TOPIC = 'two';
/** The topic has partitions 0 and 1: these are all outside it. */
const BAD = [-1, 2, 2147483647, -2147483648];
const UNKNOWN = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
/** [index, code] for partition 0 (served) and the bad ones. */
const expected = (okCode: number) => [[0, okCode], ...BAD.map((p) => [p, UNKNOWN])];

let broker: StartedBroker;
let client: RawClient;

const batch = () => encodeRecordBatch({ records: [{ timestamp: 1_700_000_000_000, key: null, value: Buffer.from('v'), headers: [] }] });

beforeAll(async () => {
  broker = await startBroker({ port: 0, config: { 'offsets.topic.num.partitions': '1' } });
  client = await RawClient.connect(broker.port);
  await createTopic(client, TOPIC, [], 2);
});
afterAll(async () => {
  client?.close();
  await broker?.close();
});

describe('partition indexes outside the topic', () => {
  it('Produce', async () => {
    const r = await client.request(ApiKey.Produce, 9, { acks: -1, timeoutMs: 1000, topicData: [{ name: TOPIC, partitionData: [0, ...BAD].map((index) => ({ index, records: batch() })) }] });
    expect(r.responses[0]!.partitionResponses.map((p) => [p.index, p.errorCode])).toEqual(expected(ErrorCode.NONE));
  });

  it('Fetch by name (v12) and by topic id (v13+), and an unknown topic id', async () => {
    const partitions = [0, ...BAD].map((partition) => ({ partition, fetchOffset: 0n, partitionMaxBytes: 1024, currentLeaderEpoch: -1 }));
    const fetch = { replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, sessionId: 0, sessionEpoch: -1 };
    const byName = await client.request(ApiKey.Fetch, 12, { ...fetch, topics: [{ topic: TOPIC, partitions }] });
    expect(byName.responses[0]!.partitions.map((p) => [p.partitionIndex, p.errorCode])).toEqual(expected(ErrorCode.NONE));

    const topicId = broker.broker.topics.get(TOPIC)!.topicId;
    const unknownId = 'AAAAAAAAAAAAAAAAAAAAEA';
    const byId = await client.request(ApiKey.Fetch, 16, { ...fetch, topics: [{ topicId, partitions }, { topicId: unknownId, partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1024 }] }] });
    expect(byId.responses.map((t) => [t.topicId, t.partitions.map((p) => [p.partitionIndex, p.errorCode])])).toEqual([
      [topicId, expected(ErrorCode.NONE)],
      [unknownId, [[0, ErrorCode.UNKNOWN_TOPIC_ID]]],
    ]);
  });

  it('ListOffsets (v0 and v7)', async () => {
    const topics = [{ name: TOPIC, partitions: [0, ...BAD].map((partitionIndex) => ({ partitionIndex, timestamp: -1n, maxNumOffsets: 1, currentLeaderEpoch: -1 })) }];
    for (const version of [0, 7]) {
      const r = await client.request(ApiKey.ListOffsets, version, { replicaId: -1, topics });
      expect(r.topics[0]!.partitions.map((p) => [p.partitionIndex, p.errorCode])).toEqual(expected(ErrorCode.NONE));
    }
  });

  it('OffsetForLeaderEpoch', async () => {
    const r = await client.request(ApiKey.OffsetForLeaderEpoch, 4, {
      replicaId: -1,
      topics: [{ topic: TOPIC, partitions: [0, ...BAD].map((partition) => ({ partition, currentLeaderEpoch: -1, leaderEpoch: 0 })) }],
    });
    expect(r.topics[0]!.partitions.map((p) => [p.partition, p.errorCode])).toEqual(expected(ErrorCode.NONE));
  });

  it('DeleteRecords', async () => {
    const r = await client.request(ApiKey.DeleteRecords, 2, { timeoutMs: 1000, topics: [{ name: TOPIC, partitions: [0, ...BAD].map((partitionIndex) => ({ partitionIndex, offset: 0n })) }] });
    expect(r.topics[0]!.partitions.map((p) => [p.partitionIndex, p.errorCode])).toEqual(expected(ErrorCode.NONE));
  });

  it('OffsetCommit, then OffsetDelete', async () => {
    const commit = await client.request(ApiKey.OffsetCommit, 8, {
      groupId: 'simple',
      generationIdOrMemberEpoch: -1,
      memberId: '',
      groupInstanceId: null,
      topics: [{ name: TOPIC, partitions: [0, ...BAD].map((partitionIndex) => ({ partitionIndex, committedOffset: 1n, committedLeaderEpoch: -1, committedMetadata: null })) }],
    });
    expect(commit.topics[0]!.partitions.map((p) => [p.partitionIndex, p.errorCode])).toEqual(expected(ErrorCode.NONE));

    const del = await client.request(ApiKey.OffsetDelete, 0, { groupId: 'simple', topics: [{ name: TOPIC, partitions: [0, ...BAD].map((partitionIndex) => ({ partitionIndex })) }] });
    expect(del.errorCode).toBe(ErrorCode.NONE);
    // Kafka answers the unknown partitions first, then the coordinator's results.
    expect(del.topics.map((t) => [t.name, t.partitions.map((p) => [p.partitionIndex, p.errorCode])])).toEqual([[TOPIC, [...BAD.map((p) => [p, UNKNOWN]), [0, ErrorCode.NONE]]]]);
  });

  it('ElectLeaders', async () => {
    const r = await client.request(ApiKey.ElectLeaders, 2, { electionType: 0, timeoutMs: 1000, topicPartitions: [{ topic: TOPIC, partitions: [0, ...BAD] }] });
    expect(r.replicaElectionResults[0]!.partitionResult.map((p) => [p.partitionId, p.errorCode, p.errorMessage])).toEqual([
      [0, ErrorCode.ELECTION_NOT_NEEDED, 'Leader election not needed for topic partition.'],
      ...BAD.map((p) => [p, UNKNOWN, `No such partition as ${TOPIC}-${p}`]),
    ]);
  });
});
