// Offset expiration (offsets.retention.minutes, checked every offsets.retention.check.interval.ms)
// as Kafka's GroupMetadata.removeExpiredOffsets / cleanupGroupMetadata do it, on a manual clock.
import { describe, expect, it } from 'vitest';
import { encodeConsumerSubscription } from '../../../src/protocol/coordinator-records.js';
import { offsetsPartitionFor } from '../../../src/broker/groups/partition-for.js';
import { commitPartition, commitRequest, ctx, joinRequest, settle, startHarness, syncRequest } from './harness.js';
import { MemoryOffsetsTopic } from './memory-offsets-topic.js';

const RETENTION = 60_000;
const CHECK = 10_000;
const config = { groupInitialRebalanceDelayMs: 0, offsetsRetentionMs: RETENTION, offsetsRetentionCheckIntervalMs: CHECK };
const fetchAll = (groupId: string) => ({ groupId, topics: null, groups: [], requireStable: false });
const committedTopics = (h: Awaited<ReturnType<typeof startHarness>>, groupId = 'g') => h.coordinator.offsetFetch(fetchAll(groupId), ctx(7)).topics.map((t) => t.name);

/** Moves the clock in check-interval steps, letting each (asynchronous) cleanup pass finish. */
async function advance(h: Awaited<ReturnType<typeof startHarness>>, ms: number) {
  for (let left = ms; left > 0; left -= CHECK) {
    h.clock.advance(Math.min(CHECK, left));
    await settle();
  }
}

describe('offset expiration', () => {
  it('expires a standalone group offset retention after its commit, then the group itself (tombstones)', async () => {
    const topic = new MemoryOffsetsTopic(5);
    const h = await startHarness({ config, offsetsTopic: topic, topics: { orders: 1, audit: 1 } });
    await h.coordinator.offsetCommit(commitRequest({ topics: [{ name: 'orders', partitions: [commitPartition(0, 5n)] }] }), ctx(8));
    await advance(h, 30_000);
    await h.coordinator.offsetCommit(commitRequest({ topics: [{ name: 'audit', partitions: [commitPartition(0, 7n)] }] }), ctx(8));

    await advance(h, 30_000); // orders is 60 s old at the check at t=60 s
    expect(committedTopics(h)).toEqual(['audit']);
    expect(h.coordinator.listGroups().map((g) => g.groupId)).toEqual(['g']);
    await advance(h, 30_000); // audit is 60 s old at t=90 s: nothing left, the group goes too
    expect(committedTopics(h)).toEqual([]);
    expect(h.coordinator.listGroups()).toEqual([]);

    const written = topic.log(offsetsPartitionFor('g', 5)).decoded().slice(-2);
    // [offset tombstone for orders-0], then [offset tombstone for audit-0, group tombstone]
    expect(written.map((b) => b.records.map((r) => [r.key!.readInt16BE(0), r.value]))).toEqual([[[1, null]], [[1, null], [2, null]]]);
    const reloaded = await startHarness({ config, offsetsTopic: topic });
    expect(reloaded.coordinator.listGroups()).toEqual([]);
  });

  it('counts from the moment a consumer group became Empty, not from the commits', async () => {
    const h = await startHarness({ config, topics: { orders: 1 } });
    const join = h.coordinator.joinGroup(joinRequest(), ctx(3));
    h.clock.advance(0);
    const memberId = (await join).memberId;
    await h.coordinator.syncGroup(syncRequest({ memberId }), ctx(3));
    await h.coordinator.offsetCommit(commitRequest({ generationIdOrMemberEpoch: 1, memberId, topics: [{ name: 'orders', partitions: [commitPartition(0, 3n)] }] }), ctx(8));
    for (let i = 0; i < 10; i++) {
      await h.coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId, groupInstanceId: null }, ctx(3));
      await advance(h, 9_000);
    }
    // 90 s after the commit, but the group was Stable: the subscription (not parsable here) keeps it.
    expect(committedTopics(h)).toEqual(['orders']);
    await h.coordinator.leaveGroup({ groupId: 'g', memberId, members: [] }, ctx(0));
    await advance(h, 50_000);
    expect(committedTopics(h)).toEqual(['orders']);
    await advance(h, 20_000); // Empty for 70 s at the check
    expect(committedTopics(h)).toEqual([]);
    expect(h.coordinator.describeGroup('g').state).toBe('Dead');
    expect(h.coordinator.listGroups()).toEqual([]);
  });

  it('in a Stable consumer group, expires only the offsets of topics no member subscribes to', async () => {
    const h = await startHarness({ config, topics: { orders: 1, audit: 1 } });
    const subscription = encodeConsumerSubscription({ topics: ['orders'], userData: null, ownedPartitions: [] });
    const join = h.coordinator.joinGroup(joinRequest({ protocols: [{ name: 'range', metadata: subscription }] }), ctx(3));
    h.clock.advance(0);
    const memberId = (await join).memberId;
    await h.coordinator.syncGroup(syncRequest({ memberId }), ctx(3));
    await h.coordinator.offsetCommit(
      commitRequest({ generationIdOrMemberEpoch: 1, memberId, topics: [{ name: 'orders', partitions: [commitPartition(0, 1n)] }, { name: 'audit', partitions: [commitPartition(0, 2n)] }] }),
      ctx(8),
    );
    for (let i = 0; i < 8; i++) {
      await h.coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId, groupInstanceId: null }, ctx(3));
      await advance(h, 9_000);
    }
    expect(committedTopics(h)).toEqual(['orders']);
  });

  it('honours an explicit retention time from OffsetCommit v2-v4', async () => {
    const h = await startHarness({ config, topics: { orders: 1 } });
    await h.coordinator.offsetCommit(commitRequest({ retentionTimeMs: 15_000n, topics: [{ name: 'orders', partitions: [commitPartition(0, 9n)] }] }), ctx(2));
    await advance(h, 10_000);
    expect(committedTopics(h)).toEqual(['orders']);
    await advance(h, 10_000); // past its own 15 s at the 20 s check, long before offsets.retention
    expect(committedTopics(h)).toEqual([]);
  });
});
