import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { encodeConsumerSubscription } from '../../../src/protocol/coordinator-records.js';
import { offsetsPartitionFor } from '../../../src/broker/groups/partition-for.js';
import { commitPartition, commitRequest, ctx, joinRequest, startHarness, syncRequest } from './harness.js';
import { MemoryOffsetsTopic } from './memory-offsets-topic.js';

const fetchAll = (groupId: string) => ({ groupId, topics: null, groups: [], requireStable: false });

describe('DeleteGroups', () => {
  it('deletes an empty group and its offsets with tombstones; they stay deleted after a reload', async () => {
    const topic = new MemoryOffsetsTopic(5);
    const h = await startHarness({ offsetsTopic: topic, topics: { orders: 2 } });
    await h.coordinator.offsetCommit(commitRequest({ groupId: 'old', topics: [{ name: 'orders', partitions: [commitPartition(0, 5n), commitPartition(1, 6n)] }] }), ctx(8));

    expect(await h.coordinator.deleteGroups(['old', 'missing'])).toEqual([
      { groupId: 'old', errorCode: ErrorCode.NONE },
      { groupId: 'missing', errorCode: ErrorCode.GROUP_ID_NOT_FOUND },
    ]);
    expect(h.coordinator.listGroups()).toEqual([]);
    expect(h.coordinator.offsetFetch(fetchAll('old'), ctx(7)).topics).toEqual([]);
    const last = topic.log(offsetsPartitionFor('old', 5)).decoded().at(-1)!;
    expect(last.records.map((r) => [r.key!.readInt16BE(0), r.value])).toEqual([
      [1, null],
      [1, null],
      [2, null],
    ]);
    expect(await h.coordinator.deleteGroups(['old'])).toEqual([{ groupId: 'old', errorCode: ErrorCode.GROUP_ID_NOT_FOUND }]);

    const reloaded = await startHarness({ offsetsTopic: topic });
    expect(reloaded.coordinator.listGroups()).toEqual([]);
  });

  it('refuses a group with members (NON_EMPTY_GROUP)', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    const join = h.coordinator.joinGroup(joinRequest(), ctx(3));
    h.clock.advance(0);
    await join;
    expect(await h.coordinator.deleteGroups(['g'])).toEqual([{ groupId: 'g', errorCode: ErrorCode.NON_EMPTY_GROUP }]);
  });
});

describe('OffsetDelete', () => {
  it('deletes offsets of topics the consumers do not subscribe to; subscribed ones are refused', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 }, topics: { orders: 2, audit: 1 } });
    const subscription = encodeConsumerSubscription({ topics: ['orders'], userData: null, ownedPartitions: [] });
    const join = h.coordinator.joinGroup(joinRequest({ protocols: [{ name: 'range', metadata: subscription }] }), ctx(3));
    h.clock.advance(0);
    const memberId = (await join).memberId;
    await h.coordinator.syncGroup(syncRequest({ memberId }), ctx(3));
    await h.coordinator.offsetCommit(
      commitRequest({ generationIdOrMemberEpoch: 1, memberId, topics: [{ name: 'orders', partitions: [commitPartition(0, 1n)] }, { name: 'audit', partitions: [commitPartition(0, 2n)] }] }),
      ctx(8),
    );

    const res = await h.coordinator.deleteOffsets('g', [
      { name: 'orders', partitions: [0] },
      { name: 'audit', partitions: [0] },
    ]);
    expect(res).toEqual({
      errorCode: ErrorCode.NONE,
      topics: [
        { name: 'orders', partitions: [{ partitionIndex: 0, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC }] },
        { name: 'audit', partitions: [{ partitionIndex: 0, errorCode: ErrorCode.NONE }] },
      ],
    });
    expect(h.coordinator.offsetFetch(fetchAll('g'), ctx(7)).topics.map((t) => t.name)).toEqual(['orders']);
    expect(await h.coordinator.deleteOffsets('nope', [{ name: 'audit', partitions: [0] }])).toEqual({ errorCode: ErrorCode.GROUP_ID_NOT_FOUND, topics: [] });
    expect(await h.coordinator.deleteOffsets('', [])).toEqual({ errorCode: ErrorCode.INVALID_GROUP_ID, topics: [] });
  });

  it('a non-consumer group with members refuses (NON_EMPTY_GROUP)', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    const join = h.coordinator.joinGroup(joinRequest({ protocolType: 'connect' }), ctx(3));
    h.clock.advance(0);
    await join;
    expect(await h.coordinator.deleteOffsets('g', [{ name: 'orders', partitions: [0] }])).toEqual({ errorCode: ErrorCode.NON_EMPTY_GROUP, topics: [] });
  });
});
