import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { decodeOffsetsRecordKey, decodeOffsetsRecordValue } from '../../../src/protocol/coordinator-records.js';
import { offsetsPartitionFor } from '../../../src/broker/groups/partition-for.js';
import {
  SUBSCRIPTION_A,
  SUBSCRIPTION_B,
  ctx,
  heartbeatRequest,
  isResolved,
  joinRequest,
  joinWithHandshake,
  startHarness,
  syncRequest,
} from './harness.js';
import type { MemoryOffsetsTopic } from './memory-offsets-topic.js';

describe('JoinGroup / SyncGroup', () => {
  it('two members join, one rebalance: the leader gets both subscriptions and SyncGroup hands out its assignment', async () => {
    const h = await startHarness();
    const a = await joinWithHandshake(h, 'client-a', { protocols: [{ name: 'range', metadata: SUBSCRIPTION_A }] });
    const b = await joinWithHandshake(h, 'client-b', { protocols: [{ name: 'range', metadata: SUBSCRIPTION_B }] });
    expect(a.memberId).toBe('client-a-uuid1');
    expect(b.memberId).toBe('client-b-uuid2');

    // B arrived during the initial delay, so the delay is extended once: 3000 + 3000 ms.
    h.clock.advance(3000);
    expect(await isResolved(a.response)).toBe(false);
    h.clock.advance(3000);
    const [ja, jb] = await Promise.all([a.response, b.response]);

    expect(ja).toEqual({
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      generationId: 1,
      protocolType: 'consumer',
      protocolName: 'range',
      leader: a.memberId,
      skipAssignment: false,
      memberId: a.memberId,
      members: [
        { memberId: a.memberId, groupInstanceId: null, metadata: SUBSCRIPTION_A },
        { memberId: b.memberId, groupInstanceId: null, metadata: SUBSCRIPTION_B },
      ],
    });
    expect(jb).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 1, leader: a.memberId, memberId: b.memberId, members: [] });
    expect(h.coordinator.describeGroup('g').state).toBe('CompletingRebalance');

    // The follower's SyncGroup waits for the leader's.
    const followerSync = h.coordinator.syncGroup(syncRequest({ memberId: b.memberId }), ctx(5));
    expect(await isResolved(followerSync)).toBe(false);
    const leaderSync = await h.coordinator.syncGroup(
      syncRequest({
        memberId: a.memberId,
        assignments: [
          { memberId: a.memberId, assignment: Buffer.from('to-a') },
          { memberId: b.memberId, assignment: Buffer.from('to-b') },
        ],
      }),
      ctx(5),
    );
    expect(leaderSync).toEqual({ throttleTimeMs: 0, errorCode: ErrorCode.NONE, protocolType: 'consumer', protocolName: 'range', assignment: Buffer.from('to-a') });
    expect(await followerSync).toEqual({ throttleTimeMs: 0, errorCode: ErrorCode.NONE, protocolType: 'consumer', protocolName: 'range', assignment: Buffer.from('to-b') });

    const described = h.coordinator.describeGroup('g');
    expect(described.state).toBe('Stable');
    expect(described.protocol).toBe('range');
    expect(described.members.map((m) => [m.memberId, m.clientId, m.clientHost, m.metadata.toString(), m.assignment.toString()])).toEqual([
      [a.memberId, 'client-a', '/127.0.0.1', 'subscription-a', 'to-a'],
      [b.memberId, 'client-b', '/127.0.0.1', 'subscription-b', 'to-b'],
    ]);
    expect(h.coordinator.listGroups()).toEqual([{ groupId: 'g', protocolType: 'consumer', state: 'Stable', groupType: 'classic' }]);

    // The assignment was persisted as a GroupMetadata record (key type 2, value v3).
    const log = (h.offsetsTopic as MemoryOffsetsTopic).log(offsetsPartitionFor('g', 5));
    const records = log.decoded().flatMap((batch) => batch.records);
    expect(records).toHaveLength(1);
    expect(decodeOffsetsRecordKey(records[0]!.key!)).toEqual({ recordType: 2, key: { group: 'g' } });
    const value = decodeOffsetsRecordValue(2, records[0]!.value!);
    expect(value.version).toBe(3);
    expect(value.value).toMatchObject({ protocolType: 'consumer', generation: 1, protocol: 'range', leader: a.memberId });
    expect(value.value.members.map((m) => [m.memberId, m.clientId, m.rebalanceTimeout, m.sessionTimeout, m.subscription.toString(), m.assignment.toString()])).toEqual([
      [a.memberId, 'client-a', 30_000, 10_000, 'subscription-a', 'to-a'],
      [b.memberId, 'client-b', 30_000, 10_000, 'subscription-b', 'to-b'],
    ]);
  });

  it('v4+ dynamic members must rejoin with the member id handed out (MEMBER_ID_REQUIRED); v3 joins at once', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    const first = await h.coordinator.joinGroup(joinRequest(), ctx(4, 'c1'));
    expect(first).toMatchObject({ errorCode: ErrorCode.MEMBER_ID_REQUIRED, memberId: 'c1-uuid1', generationId: -1, leader: '', protocolName: '' });
    // The pending id holds the join phase open until it rejoins or its session timeout passes.
    const second = h.coordinator.joinGroup(joinRequest({ groupId: 'g3' }), ctx(3, 'c3'));
    h.clock.advance(0);
    const v3 = await second;
    expect(v3).toMatchObject({ errorCode: ErrorCode.NONE, memberId: 'c3-uuid2', generationId: 1, leader: 'c3-uuid2' });

    // An id that was never handed out is unknown.
    const bogus = await h.coordinator.joinGroup(joinRequest({ memberId: 'c1-made-up' }), ctx(4, 'c1'));
    expect(bogus).toMatchObject({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, memberId: 'c1-made-up' });

    const joined = h.coordinator.joinGroup(joinRequest({ memberId: first.memberId }), ctx(4, 'c1'));
    h.clock.advance(0);
    expect(await joined).toMatchObject({ errorCode: ErrorCode.NONE, memberId: 'c1-uuid1', generationId: 1, leader: 'c1-uuid1' });
  });

  it('an unclaimed pending member id expires after the session timeout', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    const a = await joinWithHandshake(h, 'a');
    h.clock.advance(0);
    await a.response;
    await h.coordinator.syncGroup(syncRequest({ memberId: a.memberId }), ctx(5));
    // B asks for an id but never comes back; the rebalance A starts waits for it only that long.
    const pending = await h.coordinator.joinGroup(joinRequest(), ctx(5, 'b'));
    expect(pending.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
    const rejoin = h.coordinator.joinGroup(joinRequest({ memberId: a.memberId }), ctx(5, 'a'));
    h.clock.advance(9999);
    expect(await isResolved(rejoin)).toBe(false);
    h.clock.advance(1);
    expect(await rejoin).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 2, memberId: a.memberId, members: [{ memberId: a.memberId }] });
    const late = await h.coordinator.joinGroup(joinRequest({ memberId: pending.memberId }), ctx(5, 'b'));
    expect(late.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('members arriving within the initial delay land in one generation; each arrival extends it, up to the rebalance timeout', async () => {
    const h = await startHarness();
    const a = await joinWithHandshake(h, 'a');
    h.clock.advance(1000);
    const b = await joinWithHandshake(h, 'b');
    h.clock.advance(3000); // t=4000: first delay ended at 3000 and was extended to 6000
    const c = await joinWithHandshake(h, 'c');
    h.clock.advance(4999); // t=8999: extended again at 6000 (C arrived) to 9000
    expect(await isResolved(a.response)).toBe(false);
    h.clock.advance(1);
    const responses = await Promise.all([a.response, b.response, c.response]);
    expect(responses.map((r) => [r.errorCode, r.generationId, r.leader, r.members.length])).toEqual([
      [ErrorCode.NONE, 1, a.memberId, 3],
      [ErrorCode.NONE, 1, a.memberId, 0],
      [ErrorCode.NONE, 1, a.memberId, 0],
    ]);
  });

  it('the initial delay stops growing once the rebalance timeout is used up', async () => {
    const h = await startHarness();
    // rebalance timeout 5000: 3000 delay + at most 2000 more.
    const a = await joinWithHandshake(h, 'a', { rebalanceTimeoutMs: 5000 });
    h.clock.advance(100);
    const b = await joinWithHandshake(h, 'b', { rebalanceTimeoutMs: 5000 });
    h.clock.advance(2900); // t=3000 -> extended by min(3000, 2000)
    h.clock.advance(1000);
    const c = await joinWithHandshake(h, 'c', { rebalanceTimeoutMs: 5000 }); // t=4000, remaining is now 0
    h.clock.advance(999);
    expect(await isResolved(a.response)).toBe(false);
    h.clock.advance(1); // t=5000
    expect((await c.response).generationId).toBe(1);
    expect((await b.response).generationId).toBe(1);
  });

  it('a lone member waits exactly group.initial.rebalance.delay.ms', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 500 } });
    const a = await joinWithHandshake(h, 'a');
    h.clock.advance(499);
    expect(await isResolved(a.response)).toBe(false);
    h.clock.advance(1);
    expect(await a.response).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 1, leader: a.memberId });
  });

  it('rejects bad joins with Kafka error codes', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0, groupMaxSize: 1 } });
    expect((await h.coordinator.joinGroup(joinRequest({ sessionTimeoutMs: 5999 }), ctx(5))).errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    expect((await h.coordinator.joinGroup(joinRequest({ sessionTimeoutMs: 1_800_001 }), ctx(5))).errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    expect((await h.coordinator.joinGroup(joinRequest({ groupId: '' }), ctx(5))).errorCode).toBe(ErrorCode.INVALID_GROUP_ID);
    // Joining a group that does not exist with a member id.
    expect((await h.coordinator.joinGroup(joinRequest({ groupId: 'nope', memberId: 'x' }), ctx(5))).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    // An empty protocol type or list can never form a group.
    expect((await h.coordinator.joinGroup(joinRequest({ protocolType: '' }), ctx(3))).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);

    const a = await joinWithHandshake(h, 'a');
    h.clock.advance(0);
    await a.response;
    // Different protocol type, or no protocol in common with the group.
    const otherType = await h.coordinator.joinGroup(joinRequest({ memberId: a.memberId, protocolType: 'connect' }), ctx(5, 'a'));
    expect(otherType).toMatchObject({ errorCode: ErrorCode.INCONSISTENT_GROUP_PROTOCOL, memberId: a.memberId });
    const otherProtocol = await h.coordinator.joinGroup(joinRequest({ memberId: a.memberId, protocols: [{ name: 'roundrobin', metadata: SUBSCRIPTION_A }] }), ctx(5, 'a'));
    expect(otherProtocol.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    // group.max.size = 1
    const full = await h.coordinator.joinGroup(joinRequest(), ctx(5, 'b'));
    expect(full).toMatchObject({ errorCode: ErrorCode.GROUP_MAX_SIZE_REACHED, memberId: '' });
  });

  it('selects the protocol all members support that most of them prefer', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    const m = (name: string) => ({ name, metadata: Buffer.from(name) });
    const a = h.coordinator.joinGroup(joinRequest({ protocols: [m('sticky'), m('range')] }), ctx(3, 'a'));
    const b = h.coordinator.joinGroup(joinRequest({ protocols: [m('roundrobin'), m('range'), m('sticky')] }), ctx(3, 'b'));
    const c = h.coordinator.joinGroup(joinRequest({ protocols: [m('range'), m('sticky')] }), ctx(3, 'c'));
    h.clock.advance(0);
    const ra = await a;
    // Candidates: sticky, range. Votes: a sticky, b range, c range.
    expect(ra.protocolName).toBe('range');
    expect(ra.members.map((x) => x.metadata.toString())).toEqual(['range', 'range', 'range']);
    await Promise.all([b, c]);
  });

  it('shapes the response per version: protocolName "" before v7, null after; v7 adds protocolType', async () => {
    const h = await startHarness();
    const v6 = await h.coordinator.joinGroup(joinRequest(), ctx(6));
    expect(v6).toMatchObject({ errorCode: ErrorCode.MEMBER_ID_REQUIRED, protocolName: '' });
    const v7 = await h.coordinator.joinGroup(joinRequest(), ctx(7));
    expect(v7).toMatchObject({ errorCode: ErrorCode.MEMBER_ID_REQUIRED, protocolName: null, protocolType: null });
  });

  it('v0 uses the session timeout as the rebalance timeout', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    const a = h.coordinator.joinGroup(joinRequest({ sessionTimeoutMs: 7000, rebalanceTimeoutMs: -1 }), ctx(0, 'a'));
    h.clock.advance(0);
    const ja = await a;
    expect(ja).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 1 });
    // B joins; A keeps heartbeating but does not rejoin: the join phase waits the rebalance
    // timeout (= the 7000 ms session timeout) and drops A.
    const b = h.coordinator.joinGroup(joinRequest({ sessionTimeoutMs: 7000, rebalanceTimeoutMs: -1 }), ctx(0, 'b'));
    h.clock.advance(3000);
    expect(h.coordinator.heartbeat(heartbeatRequest({ memberId: ja.memberId }), ctx(0)).errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    h.clock.advance(3999);
    expect(await isResolved(b)).toBe(false);
    h.clock.advance(1);
    expect(await b).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 2, leader: 'b-uuid2', members: [{ memberId: 'b-uuid2' }] });
  });

  it('SyncGroup errors: unknown member, wrong generation, rebalance in progress, protocol mismatch', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    expect((await h.coordinator.syncGroup(syncRequest({ groupId: 'missing', memberId: 'x' }), ctx(5))).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    const a = await joinWithHandshake(h, 'a');
    h.clock.advance(0);
    await a.response;
    const sync = (fields: Parameters<typeof syncRequest>[0], v = 5) => h.coordinator.syncGroup(syncRequest({ memberId: a.memberId, ...fields }), ctx(v));
    expect((await sync({ memberId: 'stranger' })).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect((await sync({ generationId: 2 })).errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect((await sync({ protocolType: 'connect' })).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect((await sync({ protocolName: 'roundrobin' })).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    // v5 requires both fields; v4 and older do not send them.
    expect((await sync({ protocolType: null })).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect(await sync({ protocolType: null, protocolName: null, assignments: [{ memberId: a.memberId, assignment: Buffer.from('x') }] }, 4)).toEqual({
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      protocolType: 'consumer',
      protocolName: 'range',
      assignment: Buffer.from('x'),
    });
    // Stable: SyncGroup just returns the current assignment.
    expect((await sync({})).assignment).toEqual(Buffer.from('x'));

    // The leader rejoining a Stable group starts a rebalance; syncs then get REBALANCE_IN_PROGRESS.
    const b = await joinWithHandshake(h, 'b');
    expect((await sync({})).errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    expect(h.coordinator.heartbeat(heartbeatRequest({ memberId: a.memberId }), ctx(3)).errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    const rejoin = h.coordinator.joinGroup(joinRequest({ memberId: a.memberId }), ctx(5, 'a'));
    const [ra, rb] = await Promise.all([rejoin, b.response]);
    expect([ra.generationId, rb.generationId]).toEqual([2, 2]);
  });

  it('a leader that leaves out members gives them empty assignments', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    const a = h.coordinator.joinGroup(joinRequest(), ctx(3, 'a'));
    const b = h.coordinator.joinGroup(joinRequest(), ctx(3, 'b'));
    h.clock.advance(0);
    const [ja, jb] = await Promise.all([a, b]);
    const follower = h.coordinator.syncGroup(syncRequest({ memberId: jb.memberId }), ctx(3));
    await h.coordinator.syncGroup(syncRequest({ memberId: ja.memberId, assignments: [{ memberId: ja.memberId, assignment: Buffer.from('all') }] }), ctx(3));
    expect((await follower).assignment).toEqual(Buffer.alloc(0));
  });

  it('a member that never sends SyncGroup is removed after the rebalance timeout, and the group rebalances', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    const a = h.coordinator.joinGroup(joinRequest(), ctx(3, 'a'));
    const b = h.coordinator.joinGroup(joinRequest(), ctx(3, 'b'));
    h.clock.advance(0);
    const [ja, jb] = await Promise.all([a, b]);
    await h.coordinator.syncGroup(syncRequest({ memberId: ja.memberId, assignments: [] }), ctx(3));
    // Both heartbeat every 3 s; B never syncs.
    for (let t = 3000; t < 30_000; t += 3000) {
      h.clock.advance(3000);
      expect(h.coordinator.heartbeat(heartbeatRequest({ memberId: ja.memberId }), ctx(3)).errorCode).toBe(ErrorCode.NONE);
      expect(h.coordinator.heartbeat(heartbeatRequest({ memberId: jb.memberId }), ctx(3)).errorCode).toBe(ErrorCode.NONE);
    }
    h.clock.advance(2999); // t = 29999
    expect(h.coordinator.describeGroup('g').state).toBe('Stable');
    h.clock.advance(1);
    expect(h.coordinator.describeGroup('g').state).toBe('PreparingRebalance');
    expect(h.coordinator.heartbeat(heartbeatRequest({ memberId: jb.memberId }), ctx(3)).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(h.coordinator.heartbeat(heartbeatRequest({ memberId: ja.memberId }), ctx(3)).errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
  });
});
