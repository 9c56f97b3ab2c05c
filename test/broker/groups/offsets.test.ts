import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/protocol/errors.js';
import type { OffsetFetchRequest } from '../../../src/protocol/generated/types.js';
import { offsetsPartitionFor } from '../../../src/broker/groups/partition-for.js';
import { commitPartition, commitRequest, ctx, joinRequest, startHarness, syncRequest, type Harness } from './harness.js';
import { MemoryOffsetsTopic } from './memory-offsets-topic.js';
import { GroupCoordinator } from '../../../src/broker/groups/coordinator.js';

function fetchRequest(fields: Partial<OffsetFetchRequest> = {}): OffsetFetchRequest {
  return { groupId: 'g', topics: [], groups: [], requireStable: false, ...fields };
}

const NO_COMMIT = { committedOffset: -1n, committedLeaderEpoch: -1, metadata: '', errorCode: ErrorCode.NONE };

/** One member in generation 1, in CompletingRebalance (no SyncGroup yet). */
async function oneMember(h: Harness): Promise<string> {
  const join = h.coordinator.joinGroup(joinRequest(), ctx(3, 'a'));
  h.clock.advance(0);
  return (await join).memberId;
}

describe('OffsetCommit / OffsetFetch', () => {
  it('round trip for a simple group (generation -1, no member id), per-partition fetch with -1 for no commit', async () => {
    const h = await startHarness();
    const committed = await h.coordinator.offsetCommit(
      commitRequest({
        topics: [{ name: 'orders', partitions: [commitPartition(0, 42n, 'meta'), { ...commitPartition(2, 7n, null), committedLeaderEpoch: 5 }] }],
      }),
      ctx(8),
    );
    expect(committed).toEqual({
      throttleTimeMs: 0,
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, errorCode: ErrorCode.NONE }, { partitionIndex: 2, errorCode: ErrorCode.NONE }] }],
    });

    const fetched = h.coordinator.offsetFetch(fetchRequest({ topics: [{ name: 'orders', partitionIndexes: [0, 1, 2] }, { name: 'other', partitionIndexes: [0] }] }), ctx(7));
    expect(fetched).toEqual({
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      groups: [],
      topics: [
        {
          name: 'orders',
          partitions: [
            { partitionIndex: 0, committedOffset: 42n, committedLeaderEpoch: -1, metadata: 'meta', errorCode: ErrorCode.NONE },
            { partitionIndex: 1, ...NO_COMMIT },
            { partitionIndex: 2, committedOffset: 7n, committedLeaderEpoch: 5, metadata: '', errorCode: ErrorCode.NONE },
          ],
        },
        { name: 'other', partitions: [{ partitionIndex: 0, ...NO_COMMIT }] },
      ],
    });
    // The simple group lists as Empty with no protocol type.
    expect(h.coordinator.listGroups()).toEqual([{ groupId: 'g', protocolType: '', state: 'Empty', groupType: 'classic' }]);
  });

  it('null topics fetch every committed partition; an unknown group has none', async () => {
    const h = await startHarness({ topics: { orders: 3, audit: 1 } });
    await h.coordinator.offsetCommit(commitRequest({ topics: [{ name: 'orders', partitions: [commitPartition(1, 10n)] }, { name: 'audit', partitions: [commitPartition(0, 3n)] }] }), ctx(2));
    // A later commit of the same partition replaces the earlier one.
    await h.coordinator.offsetCommit(commitRequest({ topics: [{ name: 'orders', partitions: [commitPartition(1, 11n)] }] }), ctx(2));
    const all = h.coordinator.offsetFetch(fetchRequest({ topics: null }), ctx(2));
    expect(all.topics).toEqual([
      { name: 'orders', partitions: [{ partitionIndex: 1, committedOffset: 11n, committedLeaderEpoch: -1, metadata: '', errorCode: ErrorCode.NONE }] },
      { name: 'audit', partitions: [{ partitionIndex: 0, committedOffset: 3n, committedLeaderEpoch: -1, metadata: '', errorCode: ErrorCode.NONE }] },
    ]);
    expect(h.coordinator.offsetFetch(fetchRequest({ groupId: 'unknown', topics: null }), ctx(2)).topics).toEqual([]);
  });

  it('v8+: several groups in one request, each with its own answer', async () => {
    const h = await startHarness();
    await h.coordinator.offsetCommit(commitRequest({ groupId: 'g1', topics: [{ name: 'orders', partitions: [commitPartition(0, 5n)] }] }), ctx(9));
    const res = h.coordinator.offsetFetch(
      fetchRequest({
        groups: [
          { groupId: 'g1', memberId: null, memberEpoch: -1, topics: [{ name: 'orders', partitionIndexes: [0] }] },
          { groupId: 'g2', memberId: null, memberEpoch: -1, topics: null },
          { groupId: 'g1', memberId: null, memberEpoch: -1, topics: null },
        ],
        requireStable: true,
      }),
      ctx(8),
    );
    const committed = { partitionIndex: 0, committedOffset: 5n, committedLeaderEpoch: -1, metadata: '', errorCode: ErrorCode.NONE };
    expect(res).toEqual({
      throttleTimeMs: 0,
      topics: [],
      errorCode: ErrorCode.NONE,
      groups: [
        { groupId: 'g1', errorCode: ErrorCode.NONE, topics: [{ name: 'orders', partitions: [committed] }] },
        { groupId: 'g2', errorCode: ErrorCode.NONE, topics: [] },
        { groupId: 'g1', errorCode: ErrorCode.NONE, topics: [{ name: 'orders', partitions: [committed] }] },
      ],
    });
  });

  it('per-partition commit errors: unknown topic or partition, metadata over offset.metadata.max.bytes', async () => {
    const h = await startHarness({ config: { offsetMetadataMaxBytes: 4 } });
    const res = await h.coordinator.offsetCommit(
      commitRequest({
        topics: [
          { name: 'orders', partitions: [commitPartition(0, 1n, 'four'), commitPartition(1, 1n, 'fives'), commitPartition(3, 1n)] },
          { name: 'nope', partitions: [commitPartition(0, 1n)] },
        ],
      }),
      ctx(8),
    );
    expect(res.topics).toEqual([
      {
        name: 'orders',
        partitions: [
          { partitionIndex: 0, errorCode: ErrorCode.NONE },
          { partitionIndex: 1, errorCode: ErrorCode.OFFSET_METADATA_TOO_LARGE },
          { partitionIndex: 3, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION },
        ],
      },
      { name: 'nope', partitions: [{ partitionIndex: 0, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION }] },
    ]);
    // Only the accepted commit was written.
    const log = (h.offsetsTopic as MemoryOffsetsTopic).log(offsetsPartitionFor('g', 5));
    expect(log.decoded().flatMap((b) => b.records)).toHaveLength(1);
  });

  it('member commits: current generation only, not while the assignment is pending', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    const memberId = await oneMember(h);
    const commit = async (fields: Parameters<typeof commitRequest>[0], v = 8) =>
      (await h.coordinator.offsetCommit(commitRequest({ topics: [{ name: 'orders', partitions: [commitPartition(0, 9n)] }], ...fields }), ctx(v))).topics[0]!.partitions[0]!.errorCode;

    // CompletingRebalance: a valid member still has to wait for its assignment.
    expect(await commit({ generationIdOrMemberEpoch: 1, memberId })).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    await h.coordinator.syncGroup(syncRequest({ memberId }), ctx(3));
    expect(await commit({ generationIdOrMemberEpoch: 1, memberId })).toBe(ErrorCode.NONE);
    expect(await commit({ generationIdOrMemberEpoch: 0, memberId })).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(await commit({ generationIdOrMemberEpoch: 1, memberId: 'stranger' })).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    // A simple commit into a group that has members.
    expect(await commit({})).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(await commit({ generationIdOrMemberEpoch: 1, memberId, groupInstanceId: 'x' }, 7)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    // A member commit to a group that does not exist: ILLEGAL_GENERATION, GROUP_ID_NOT_FOUND from v9.
    expect(await commit({ groupId: 'other', generationIdOrMemberEpoch: 3, memberId: 'm' }, 8)).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(await commit({ groupId: 'other', generationIdOrMemberEpoch: 3, memberId: 'm' }, 9)).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
    expect(h.coordinator.listGroups().map((g) => g.groupId)).toEqual(['g']);

    // A commit keeps the member's session alive.
    h.clock.advance(9000);
    expect(await commit({ generationIdOrMemberEpoch: 1, memberId })).toBe(ErrorCode.NONE);
    h.clock.advance(9000);
    expect(h.coordinator.describeGroup('g').state).toBe('Stable');
  });

  it('v1 commit timestamps and v2-4 retention are written as value v1 with an expire timestamp', async () => {
    const h = await startHarness();
    const now = h.clock.now();
    await h.coordinator.offsetCommit(commitRequest({ retentionTimeMs: 60_000n, topics: [{ name: 'orders', partitions: [commitPartition(0, 1n)] }] }), ctx(2));
    await h.coordinator.offsetCommit(commitRequest({ topics: [{ name: 'orders', partitions: [{ ...commitPartition(1, 2n), commitTimestamp: 1234n }] }] }), ctx(1));
    const log = (h.offsetsTopic as MemoryOffsetsTopic).log(offsetsPartitionFor('g', 5));
    const values = log.decoded().flatMap((b) => b.records).map((r) => r.value!);
    // value v1: version, offset, metadata, commit timestamp, expire timestamp
    expect(values[0]!.readInt16BE(0)).toBe(1);
    expect(values[0]!.readBigInt64BE(values[0]!.length - 8)).toBe(BigInt(now + 60_000));
    expect(values[0]!.readBigInt64BE(values[0]!.length - 16)).toBe(BigInt(now));
    // value v3: version, offset, leader epoch, metadata, commit timestamp
    expect(values[1]!.readInt16BE(0)).toBe(3);
    expect(values[1]!.readBigInt64BE(values[1]!.length - 8)).toBe(1234n);
  });

  it('group-level errors: loading or closed coordinator; v0-1 put them on each partition', async () => {
    const h = await startHarness();
    // The empty group id is allowed for offsets (old clients used it).
    const empty = await h.coordinator.offsetCommit(commitRequest({ groupId: '', topics: [{ name: 'orders', partitions: [commitPartition(0, 1n)] }] }), ctx(8));
    expect(empty.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.NONE);

    // load() not called yet.
    const notLoaded = new GroupCoordinator({ offsetsTopic: new MemoryOffsetsTopic(5), topicExists: () => true });
    const commit = await notLoaded.offsetCommit(commitRequest({ topics: [{ name: 'orders', partitions: [commitPartition(0, 1n)] }] }), ctx(8));
    expect(commit.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
    const topics = [{ name: 'orders', partitionIndexes: [0, 1] }];
    expect(notLoaded.offsetFetch(fetchRequest({ topics }), ctx(1))).toEqual({
      throttleTimeMs: 0,
      errorCode: ErrorCode.COORDINATOR_LOAD_IN_PROGRESS,
      groups: [],
      topics: [
        {
          name: 'orders',
          partitions: [0, 1].map((partitionIndex) => ({ partitionIndex, committedOffset: -1n, committedLeaderEpoch: -1, metadata: '', errorCode: ErrorCode.COORDINATOR_LOAD_IN_PROGRESS })),
        },
      ],
    });
    expect(notLoaded.offsetFetch(fetchRequest({ topics }), ctx(2))).toEqual({ throttleTimeMs: 0, errorCode: ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, groups: [], topics: [] });
    expect(notLoaded.heartbeat({ groupId: 'g', generationId: 1, memberId: 'm', groupInstanceId: null }, ctx(1)).errorCode).toBe(ErrorCode.NONE);
    notLoaded.close();
    expect((await notLoaded.joinGroup(joinRequest(), ctx(5))).errorCode).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
  });

  it('an append failure is reported with Kafka’s mapping and nothing is cached', async () => {
    const h = await startHarness();
    const log = (h.offsetsTopic as MemoryOffsetsTopic).log(offsetsPartitionFor('g', 5));
    log.failWith = ErrorCode.KAFKA_STORAGE_ERROR;
    const res = await h.coordinator.offsetCommit(commitRequest({ topics: [{ name: 'orders', partitions: [commitPartition(0, 1n)] }] }), ctx(8));
    expect(res.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.NOT_COORDINATOR);
    log.failWith = ErrorCode.RECORD_LIST_TOO_LARGE;
    const tooBig = await h.coordinator.offsetCommit(commitRequest({ topics: [{ name: 'orders', partitions: [commitPartition(0, 1n)] }] }), ctx(8));
    expect(tooBig.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.INVALID_COMMIT_OFFSET_SIZE);
    expect(h.coordinator.offsetFetch(fetchRequest({ topics: [{ name: 'orders', partitionIndexes: [0] }] }), ctx(5)).topics[0]!.partitions[0]!.committedOffset).toBe(-1n);
  });
});
