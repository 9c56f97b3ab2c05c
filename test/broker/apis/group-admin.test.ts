// ListGroups, DescribeGroups, DeleteGroups and OffsetDelete at the wire level (raw client) and
// through kafkajs' admin client, against an in-process broker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { encodeConsumerAssignment, encodeConsumerSubscription } from '../../../src/protocol/coordinator-records.js';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { RawClient } from '../../helpers/raw-client.js';

let broker: StartedBroker;
let client: RawClient;
let admin: Admin;

const subscription = encodeConsumerSubscription({ topics: ['orders'], userData: null, ownedPartitions: [] });
const assignment = encodeConsumerAssignment({ assignedPartitions: [{ topic: 'orders', partitions: [0, 1] }], userData: null });
let activeMemberId = '';

/** Joins `groupId` as its only member and syncs, leaving the group Stable with one consumer on 'orders'. */
async function joinStable(groupId: string): Promise<string> {
  const join = (memberId: string) =>
    client.request(ApiKey.JoinGroup, 5, {
      groupId,
      sessionTimeoutMs: 30_000,
      rebalanceTimeoutMs: 30_000,
      memberId,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: subscription }],
    });
  const first = await join('');
  expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
  const joined = await join(first.memberId);
  expect(joined.errorCode).toBe(ErrorCode.NONE);
  const sync = await client.request(ApiKey.SyncGroup, 3, {
    groupId,
    generationId: joined.generationId,
    memberId: joined.memberId,
    groupInstanceId: null,
    assignments: [{ memberId: joined.memberId, assignment }],
  });
  expect(sync.errorCode).toBe(ErrorCode.NONE);
  return joined.memberId;
}

/** Commits offsets as a simple (memberless) group, which leaves it Empty with protocol type ''. */
async function commitSimple(groupId: string, topic: string, partition: number, offset: bigint, memberId = '', generationId = -1) {
  const r = await client.request(ApiKey.OffsetCommit, 8, {
    groupId,
    generationIdOrMemberEpoch: generationId,
    memberId,
    groupInstanceId: null,
    topics: [{ name: topic, partitions: [{ partitionIndex: partition, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: '' }] }],
  });
  expect(r.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.NONE);
}

beforeAll(async () => {
  broker = await startBroker({ port: 0, config: { 'offsets.topic.num.partitions': '3' } });
  client = await RawClient.connect(broker.port);
  const created = await client.request(ApiKey.CreateTopics, 7, {
    topics: [
      { name: 'orders', numPartitions: 2, replicationFactor: 1 },
      { name: 'audit', numPartitions: 1, replicationFactor: 1 },
    ],
    timeoutMs: 5000,
  });
  expect(created.topics.map((t) => t.errorCode)).toEqual([0, 0]);
  activeMemberId = await joinStable('active');
  await commitSimple('active', 'orders', 0, 10n, activeMemberId, 1);
  await commitSimple('active', 'audit', 0, 20n, activeMemberId, 1);
  await commitSimple('simple', 'orders', 1, 5n);
  const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'kt-test', logLevel: logLevel.NOTHING, retry: { retries: 2 } });
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  await admin?.disconnect();
  client?.close();
  await broker?.close();
});

describe('ListGroups', () => {
  const list = async (version: number, statesFilter: string[] = [], typesFilter: string[] = []) => {
    const r = await client.request(ApiKey.ListGroups, version, { statesFilter, typesFilter });
    expect(r.errorCode).toBe(ErrorCode.NONE);
    return r.groups.sort((a, b) => a.groupId.localeCompare(b.groupId));
  };

  it('lists every group with its protocol type, state (v4+) and type (v5)', async () => {
    expect(await list(5)).toEqual([
      { groupId: 'active', protocolType: 'consumer', groupState: 'Stable', groupType: 'classic' },
      { groupId: 'simple', protocolType: '', groupState: 'Empty', groupType: 'classic' },
    ]);
    expect(await list(0)).toEqual([
      { groupId: 'active', protocolType: 'consumer', groupState: '', groupType: '' },
      { groupId: 'simple', protocolType: '', groupState: '', groupType: '' },
    ]);
  });

  it('filters by state and type case-insensitively; unknown names match nothing', async () => {
    expect((await list(4, ['STABLE'])).map((g) => g.groupId)).toEqual(['active']);
    expect((await list(4, [' empty ', 'Dead'])).map((g) => g.groupId)).toEqual(['simple']);
    expect((await list(4, ['Sleeping'])).map((g) => g.groupId)).toEqual([]);
    expect((await list(5, [], ['Classic'])).map((g) => g.groupId)).toEqual(['active', 'simple']);
    expect((await list(5, [], ['consumer'])).map((g) => g.groupId)).toEqual([]);
    expect((await list(5, ['stable'], ['classic'])).map((g) => g.groupId)).toEqual(['active']);
  });
});

describe('DescribeGroups', () => {
  it('describes a Stable group with its members, metadata and assignment', async () => {
    const r = await client.request(ApiKey.DescribeGroups, 5, { groups: ['active'], includeAuthorizedOperations: true });
    expect(r.groups).toEqual([
      {
        errorCode: ErrorCode.NONE,
        groupId: 'active',
        groupState: 'Stable',
        protocolType: 'consumer',
        protocolData: 'range',
        members: [
          {
            memberId: activeMemberId,
            groupInstanceId: null,
            clientId: 'raw-client',
            clientHost: '/127.0.0.1',
            memberMetadata: subscription,
            memberAssignment: assignment,
          },
        ],
        // READ, DELETE, DESCRIBE, DESCRIBE_CONFIGS, ALTER_CONFIGS: 1<<3 | 1<<6 | 1<<8 | 1<<10 | 1<<11.
        authorizedOperations: 3400,
      },
    ]);
  });

  it('describes an unknown group as Dead without an error, an Empty one without a protocol', async () => {
    const r = await client.request(ApiKey.DescribeGroups, 4, { groups: ['missing', 'simple'], includeAuthorizedOperations: false });
    expect(r.groups).toEqual([
      { errorCode: 0, groupId: 'missing', groupState: 'Dead', protocolType: '', protocolData: '', members: [], authorizedOperations: -2147483648 },
      { errorCode: 0, groupId: 'simple', groupState: 'Empty', protocolType: '', protocolData: '', members: [], authorizedOperations: -2147483648 },
    ]);
  });
});

describe('OffsetDelete', () => {
  it('deletes unsubscribed offsets, refuses subscribed ones, and answers unknown partitions first', async () => {
    const r = await client.request(ApiKey.OffsetDelete, 0, {
      groupId: 'active',
      topics: [
        { name: 'orders', partitions: [{ partitionIndex: 0 }, { partitionIndex: 7 }] },
        { name: 'nosuch', partitions: [{ partitionIndex: 0 }] },
        { name: 'audit', partitions: [{ partitionIndex: 0 }] },
      ],
    });
    expect(r).toEqual({
      errorCode: ErrorCode.NONE,
      throttleTimeMs: 0,
      topics: [
        {
          name: 'orders',
          partitions: [
            { partitionIndex: 7, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION },
            { partitionIndex: 0, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC },
          ],
        },
        { name: 'nosuch', partitions: [{ partitionIndex: 0, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION }] },
        { name: 'audit', partitions: [{ partitionIndex: 0, errorCode: ErrorCode.NONE }] },
      ],
    });
    const offsets = await admin.fetchOffsets({ groupId: 'active', topics: ['orders', 'audit'] });
    expect(offsets.map((t) => [t.topic, t.partitions.map((p) => [p.partition, p.offset])])).toEqual([
      ['orders', [[0, '10'], [1, '-1']]],
      ['audit', [[0, '-1']]],
    ]);
  });

  it('answers a top-level error for an unknown or invalid group', async () => {
    const topics = [{ name: 'audit', partitions: [{ partitionIndex: 0 }] }];
    expect(await client.request(ApiKey.OffsetDelete, 0, { groupId: 'missing', topics })).toEqual({ errorCode: ErrorCode.GROUP_ID_NOT_FOUND, throttleTimeMs: 0, topics: [] });
    expect(await client.request(ApiKey.OffsetDelete, 0, { groupId: '', topics })).toEqual({ errorCode: ErrorCode.INVALID_GROUP_ID, throttleTimeMs: 0, topics: [] });
  });
});

describe('DeleteGroups', () => {
  it('deletes Empty groups, refuses groups with members, answers each distinct id once', async () => {
    await commitSimple('doomed', 'audit', 0, 3n);
    const r = await client.request(ApiKey.DeleteGroups, 2, { groupsNames: ['active', 'doomed', 'missing', 'doomed'] });
    expect(r.results).toEqual([
      { groupId: 'active', errorCode: ErrorCode.NON_EMPTY_GROUP },
      { groupId: 'doomed', errorCode: ErrorCode.NONE },
      { groupId: 'missing', errorCode: ErrorCode.GROUP_ID_NOT_FOUND },
    ]);
    const listed = await client.request(ApiKey.ListGroups, 4, { statesFilter: [] });
    expect(listed.groups.map((g) => g.groupId).sort()).toEqual(['active', 'simple']);
  });
});

describe('kafkajs admin', () => {
  it('lists, describes and deletes groups', async () => {
    const { groups } = await admin.listGroups();
    expect(groups.sort((a, b) => a.groupId.localeCompare(b.groupId))).toEqual([
      { groupId: 'active', protocolType: 'consumer' },
      { groupId: 'simple', protocolType: '' },
    ]);
    const described = await admin.describeGroups(['active']);
    expect(described.groups[0]).toMatchObject({ groupId: 'active', state: 'Stable', protocolType: 'consumer', protocol: 'range', errorCode: 0 });
    expect(described.groups[0]!.members.map((m) => m.memberId)).toEqual([activeMemberId]);
    expect(await admin.deleteGroups(['simple'])).toEqual([{ groupId: 'simple', errorCode: 0 }]);
    await expect(admin.deleteGroups(['active'])).rejects.toMatchObject({ groups: [expect.objectContaining({ groupId: 'active', errorCode: ErrorCode.NON_EMPTY_GROUP })] });
  });
});

describe('a coordinator that is not serving', () => {
  it('answers COORDINATOR_NOT_AVAILABLE for the whole list and for each described group', async () => {
    const closed = await startBroker({ port: 0 });
    const c = await RawClient.connect(closed.port);
    try {
      closed.broker.groups.close();
      expect(await c.request(ApiKey.ListGroups, 4, { statesFilter: [] })).toEqual({ throttleTimeMs: 0, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, groups: [] });
      const described = await c.request(ApiKey.DescribeGroups, 5, { groups: ['a'], includeAuthorizedOperations: true });
      expect(described.groups).toEqual([
        { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, groupId: 'a', groupState: '', protocolType: '', protocolData: '', members: [], authorizedOperations: -2147483648 },
      ]);
      expect((await c.request(ApiKey.DeleteGroups, 2, { groupsNames: ['a'] })).results).toEqual([{ groupId: 'a', errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE }]);
    } finally {
      c.close();
      await closed.close();
    }
  });
});
