// The oldest versions of Metadata, FindCoordinator and the group APIs, answered over the wire as a
// KRaft Kafka 3.9 broker answers them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { RawClient } from '../../helpers/raw-client.js';

let broker: StartedBroker;
let client: RawClient;

beforeAll(async () => {
  broker = await startBroker({ port: 0, config: { 'auto.create.topics.enable': 'false' } });
  client = await RawClient.connect(broker.port);
  await client.request(ApiKey.CreateTopics, 7, { topics: [{ name: 'old', numPartitions: 2, replicationFactor: 1 }], timeoutMs: 5000 });
});
afterAll(async () => {
  client?.close();
  await broker?.close();
});

const hex = (s: string) => Buffer.from(s).toString('hex');
const str16 = (s: string) => Buffer.from([0, s.length]).toString('hex') + hex(s);

describe('Metadata', () => {
  it('v0: an empty topic list asks for every topic', async () => {
    const r = await client.request(ApiKey.Metadata, 0, { topics: [] });
    expect(r.topics.map((t) => t.name)).toEqual(['old']);
    expect(r.brokers).toEqual([{ nodeId: broker.broker.nodeId, host: '127.0.0.1', port: broker.port, rack: null }]);
  });

  it('v10-v11: a null topic name fails the request (ids are for v12)', async () => {
    const byId = await client.request(ApiKey.Metadata, 11, { topics: [{ name: null, topicId: 'AAAAAAAAAAAAAAAAAAAAAQ' }], allowAutoTopicCreation: false });
    expect(byId.topics).toEqual([expect.objectContaining({ name: '', errorCode: ErrorCode.INVALID_REQUEST, partitions: [] })]);
    expect(byId.brokers).toEqual([]);
  });
});

describe('FindCoordinator', () => {
  it('v0: this broker, with Errors.NONE.message() "NONE" (exact frame)', async () => {
    const frame = await client.requestFrame(ApiKey.FindCoordinator, 0, { key: 'g' });
    const node = Buffer.alloc(4);
    node.writeInt32BE(broker.broker.nodeId);
    const port = Buffer.alloc(4);
    port.writeInt32BE(broker.port);
    // v0: error code, node id, host, port (no throttle, no message).
    expect(frame.subarray(4).toString('hex')).toBe('0000' + node.toString('hex') + str16('127.0.0.1') + port.toString('hex'));
    expect(await client.request(ApiKey.FindCoordinator, 1, { key: 'tx', keyType: 1 })).toMatchObject({ errorCode: 0, errorMessage: 'NONE', port: broker.port });
  });

  it('share keys need v6 and find no coordinator; unknown key types fail the request', async () => {
    const invalid = 'This most likely occurs because of a request being malformed by the client library or the message was sent to an incompatible broker. See the broker logs for more details.';
    expect(await client.request(ApiKey.FindCoordinator, 3, { key: 'g', keyType: 2 })).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: invalid, nodeId: -1, host: '', port: -1 });
    expect((await client.request(ApiKey.FindCoordinator, 5, { keyType: 2, coordinatorKeys: ['g'] })).coordinators).toEqual([
      { key: 'g', nodeId: -1, host: '', port: -1, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: null },
    ]);
    expect((await client.request(ApiKey.FindCoordinator, 6, { keyType: 2, coordinatorKeys: ['g'] })).coordinators).toEqual([
      { key: 'g', nodeId: -1, host: '', port: -1, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, errorMessage: null },
    ]);
    expect(await client.request(ApiKey.FindCoordinator, 2, { key: 'g', keyType: 5 })).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: invalid });
    expect((await client.request(ApiKey.FindCoordinator, 4, { keyType: 5, coordinatorKeys: ['a', 'b'] })).coordinators.map((c) => [c.key, c.errorCode, c.errorMessage])).toEqual([
      ['a', ErrorCode.INVALID_REQUEST, invalid],
      ['b', ErrorCode.INVALID_REQUEST, invalid],
    ]);
  });
});

describe('offsets', () => {
  it('OffsetCommit v0 and OffsetFetch v0 (ZooKeeper-only in Kafka 3.9) answer UNSUPPORTED_VERSION in KRaft', async () => {
    const commit = await client.request(ApiKey.OffsetCommit, 0, {
      groupId: 'zk',
      topics: [
        { name: 'old', partitions: [{ partitionIndex: 0, committedOffset: 5n, committedMetadata: '' }] },
        { name: 'missing', partitions: [{ partitionIndex: 0, committedOffset: 5n, committedMetadata: '' }] },
      ],
    });
    expect(commit.topics).toEqual([
      { name: 'old', partitions: [{ partitionIndex: 0, errorCode: ErrorCode.UNSUPPORTED_VERSION }] },
      { name: 'missing', partitions: [{ partitionIndex: 0, errorCode: ErrorCode.UNSUPPORTED_VERSION }] },
    ]);
    // With no existing partition, Kafka answers before reaching ZooKeeper.
    const unknown = await client.request(ApiKey.OffsetCommit, 0, { groupId: 'zk', topics: [{ name: 'missing', partitions: [{ partitionIndex: 0, committedOffset: 5n, committedMetadata: '' }] }] });
    expect(unknown.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    const fetch = await client.request(ApiKey.OffsetFetch, 0, { groupId: 'zk', topics: [{ name: 'old', partitionIndexes: [0, 1] }] });
    expect(fetch.topics).toEqual([
      {
        name: 'old',
        partitions: [
          { partitionIndex: 0, committedOffset: -1n, committedLeaderEpoch: -1, metadata: '', errorCode: ErrorCode.UNSUPPORTED_VERSION },
          { partitionIndex: 1, committedOffset: -1n, committedLeaderEpoch: -1, metadata: '', errorCode: ErrorCode.UNSUPPORTED_VERSION },
        ],
      },
    ]);
  });

  it('OffsetCommit v1 (simple group, explicit commit time) and OffsetFetch v1 round-trip', async () => {
    const commit = await client.request(ApiKey.OffsetCommit, 1, {
      groupId: 'simple',
      generationIdOrMemberEpoch: -1,
      memberId: '',
      topics: [{ name: 'old', partitions: [{ partitionIndex: 1, committedOffset: 42n, commitTimestamp: 1_700_000_000_000n, committedMetadata: 'meta' }] }],
    });
    expect(commit.topics[0]!.partitions[0]!.errorCode).toBe(0);
    const fetch = await client.request(ApiKey.OffsetFetch, 1, { groupId: 'simple', topics: [{ name: 'old', partitionIndexes: [1, 0] }] });
    expect(fetch.topics[0]!.partitions.map((p) => [p.partitionIndex, p.committedOffset, p.metadata, p.errorCode])).toEqual([
      [1, 42n, 'meta', 0],
      [0, -1n, '', 0],
    ]);
  });
});

describe('a group at the oldest versions', () => {
  it('JoinGroup v0, SyncGroup v0, Heartbeat v0, OffsetCommit v2, LeaveGroup v0', async () => {
    const join = await client.request(ApiKey.JoinGroup, 0, {
      groupId: 'g0',
      sessionTimeoutMs: 10_000,
      memberId: '',
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: Buffer.from('m') }],
    });
    expect(join).toMatchObject({ errorCode: 0, generationId: 1, protocolName: 'range' });
    expect(join.leader).toBe(join.memberId);
    expect(join.members).toEqual([{ memberId: join.memberId, groupInstanceId: null, metadata: Buffer.from('m') }]);
    const sync = await client.request(ApiKey.SyncGroup, 0, { groupId: 'g0', generationId: 1, memberId: join.memberId, assignments: [{ memberId: join.memberId, assignment: Buffer.from('a') }] });
    expect(sync).toMatchObject({ errorCode: 0, assignment: Buffer.from('a') });
    expect((await client.request(ApiKey.Heartbeat, 0, { groupId: 'g0', generationId: 1, memberId: join.memberId })).errorCode).toBe(0);
    const commit = await client.request(ApiKey.OffsetCommit, 2, {
      groupId: 'g0',
      generationIdOrMemberEpoch: 1,
      memberId: join.memberId,
      retentionTimeMs: -1n,
      topics: [{ name: 'old', partitions: [{ partitionIndex: 0, committedOffset: 7n, committedMetadata: null }] }],
    });
    expect(commit.topics[0]!.partitions[0]!.errorCode).toBe(0);
    expect((await client.request(ApiKey.LeaveGroup, 0, { groupId: 'g0', memberId: join.memberId })).errorCode).toBe(0);
    expect((await client.request(ApiKey.LeaveGroup, 0, { groupId: 'g0', memberId: join.memberId })).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    const fetched = await client.request(ApiKey.OffsetFetch, 1, { groupId: 'g0', topics: [{ name: 'old', partitionIndexes: [0] }] });
    expect(fetched.topics[0]!.partitions[0]!.committedOffset).toBe(7n);
  });
});
