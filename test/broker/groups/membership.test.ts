import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { offsetsPartitionFor } from '../../../src/broker/groups/partition-for.js';
import type { MemoryOffsetsTopic } from './memory-offsets-topic.js';
import { ctx, heartbeatRequest, isResolved, joinRequest, joinWithHandshake, startHarness, syncRequest, type Harness } from './harness.js';

/** Starts a JoinGroup v5 as clients send it: dynamic members go through the member-id handshake first. */
async function startJoin(h: Harness, clientId: string, fields: Parameters<typeof joinRequest>[0] = {}) {
  if (fields.groupInstanceId) return { response: h.coordinator.joinGroup(joinRequest(fields), ctx(5, clientId)) };
  return joinWithHandshake(h, clientId, fields);
}

/** Members a (leader) and b in a Stable generation 1 with assignments 'to-a' / 'to-b'. */
async function stableGroup(h: Harness, extra: { a?: Parameters<typeof joinRequest>[0]; b?: Parameters<typeof joinRequest>[0] } = {}) {
  const pa = await startJoin(h, 'a', extra.a);
  const pb = await startJoin(h, 'b', extra.b);
  h.clock.advance(0);
  const [ja, jb] = await Promise.all([pa.response, pb.response]);
  expect(ja.leader).toBe(ja.memberId);
  const followerSync = h.coordinator.syncGroup(syncRequest({ memberId: jb.memberId, groupInstanceId: extra.b?.groupInstanceId ?? null }), ctx(5));
  await h.coordinator.syncGroup(
    syncRequest({
      memberId: ja.memberId,
      groupInstanceId: extra.a?.groupInstanceId ?? null,
      assignments: [
        { memberId: ja.memberId, assignment: Buffer.from('to-a') },
        { memberId: jb.memberId, assignment: Buffer.from('to-b') },
      ],
    }),
    ctx(5),
  );
  expect((await followerSync).assignment).toEqual(Buffer.from('to-b'));
  return { a: ja.memberId, b: jb.memberId };
}

describe('Heartbeat and session timeouts', () => {
  it('answers heartbeats by state and generation', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    const { a } = await stableGroup(h);
    const hb = (fields: Parameters<typeof heartbeatRequest>[0]) => h.coordinator.heartbeat(heartbeatRequest(fields), ctx(4)).errorCode;
    expect(hb({ memberId: a })).toBe(ErrorCode.NONE);
    expect(hb({ memberId: a, generationId: 0 })).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(hb({ memberId: 'nobody' })).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(hb({ groupId: 'missing', memberId: a })).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(hb({ groupId: '', memberId: a })).toBe(ErrorCode.INVALID_GROUP_ID);
    // A dynamic member presenting an instance id the group does not know.
    expect(hb({ memberId: a, groupInstanceId: 'i-1' })).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('a member whose session times out is removed, the group rebalances, and its heartbeat gets UNKNOWN_MEMBER_ID', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    const { a, b } = await stableGroup(h);
    // Only A heartbeats. B's 10 s session started when SyncGroup answered it (t=0).
    for (let i = 0; i < 3; i++) {
      h.clock.advance(3000);
      expect(h.coordinator.heartbeat(heartbeatRequest({ memberId: a }), ctx(4)).errorCode).toBe(ErrorCode.NONE);
    }
    h.clock.advance(999); // t = 9999
    expect(h.coordinator.describeGroup('g').state).toBe('Stable');
    h.clock.advance(1);
    expect(h.coordinator.describeGroup('g').state).toBe('PreparingRebalance');
    expect(h.coordinator.describeGroup('g').members.map((m) => m.memberId)).toEqual([a]);
    expect(h.coordinator.heartbeat(heartbeatRequest({ memberId: a }), ctx(4)).errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    // A rejoins: it is everyone, so the join phase completes at once.
    const rejoin = await h.coordinator.joinGroup(joinRequest({ memberId: a }), ctx(5, 'a'));
    expect(rejoin).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 2, leader: a, members: [{ memberId: a }] });
    expect(h.coordinator.heartbeat(heartbeatRequest({ memberId: b, generationId: 1 }), ctx(4)).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(h.coordinator.heartbeat(heartbeatRequest({ memberId: a, generationId: 2 }), ctx(4)).errorCode).toBe(ErrorCode.NONE);
  });

  it('when every member times out the group becomes Empty and its empty metadata is persisted', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    await stableGroup(h);
    h.clock.advance(10_000);
    const g = h.coordinator.describeGroup('g');
    expect(g.state).toBe('Empty');
    expect(g.members).toEqual([]);
    expect(h.coordinator.listGroups()).toEqual([{ groupId: 'g', protocolType: 'consumer', state: 'Empty', groupType: 'classic' }]);
  });

  it('a new member parked in JoinGroup is dropped after the 5 minute new-member timeout', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0, groupMaxSessionTimeoutMs: 3_600_000 } });
    // A has a long session so only the new member can expire; its rebalance timeout is 10 minutes.
    await stableGroup(h, { a: { sessionTimeoutMs: 3_600_000, rebalanceTimeoutMs: 600_000 } });
    const c = await joinWithHandshake(h, 'c');
    h.clock.advance(300_000 - 1);
    expect(await isResolved(c.response)).toBe(false);
    h.clock.advance(1);
    expect(await c.response).toMatchObject({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, memberId: '' });
    expect(h.coordinator.describeGroup('g').members.map((m) => m.memberId)).not.toContain(c.memberId);
  });
});

describe('LeaveGroup', () => {
  it('v3+: leaves in a batch with per-member errors and rebalances the rest', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    const { a, b } = await stableGroup(h);
    const res = h.coordinator.leaveGroup(
      {
        groupId: 'g',
        memberId: '',
        members: [
          { memberId: b, groupInstanceId: null, reason: 'bye' },
          { memberId: 'ghost', groupInstanceId: null, reason: null },
          { memberId: '', groupInstanceId: 'no-such-instance', reason: null },
        ],
      },
      ctx(5),
    );
    expect(res).toEqual({
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      members: [
        { memberId: b, groupInstanceId: null, errorCode: ErrorCode.NONE },
        { memberId: 'ghost', groupInstanceId: null, errorCode: ErrorCode.UNKNOWN_MEMBER_ID },
        { memberId: '', groupInstanceId: 'no-such-instance', errorCode: ErrorCode.UNKNOWN_MEMBER_ID },
      ],
    });
    expect(h.coordinator.describeGroup('g').state).toBe('PreparingRebalance');
    const rejoin = await h.coordinator.joinGroup(joinRequest({ memberId: a }), ctx(5, 'a'));
    expect(rejoin).toMatchObject({ generationId: 2, members: [{ memberId: a }] });
  });

  it('v0-2: one member, one top-level error code', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    const { a } = await stableGroup(h);
    expect(h.coordinator.leaveGroup({ groupId: 'g', memberId: 'ghost', members: [] }, ctx(1))).toEqual({ throttleTimeMs: 0, errorCode: ErrorCode.UNKNOWN_MEMBER_ID, members: [] });
    expect(h.coordinator.leaveGroup({ groupId: 'g', memberId: a, members: [] }, ctx(2))).toEqual({ throttleTimeMs: 0, errorCode: ErrorCode.NONE, members: [] });
    expect(h.coordinator.leaveGroup({ groupId: '', memberId: a, members: [] }, ctx(0)).errorCode).toBe(ErrorCode.INVALID_GROUP_ID);
    // A missing group: v3+ reports it per member.
    expect(h.coordinator.leaveGroup({ groupId: 'nope', memberId: '', members: [{ memberId: 'm', groupInstanceId: null, reason: null }] }, ctx(3))).toEqual({
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      members: [{ memberId: 'm', groupInstanceId: null, errorCode: ErrorCode.UNKNOWN_MEMBER_ID }],
    });
  });

  it('the last member leaving empties the group at once', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    const { a, b } = await stableGroup(h);
    h.coordinator.leaveGroup({ groupId: 'g', memberId: '', members: [{ memberId: a, groupInstanceId: null, reason: null }, { memberId: b, groupInstanceId: null, reason: null }] }, ctx(4));
    expect(h.coordinator.describeGroup('g')).toEqual({ groupId: 'g', state: 'Empty', protocolType: 'consumer', protocol: '', members: [] });
  });

  it('a member leaving during a rebalance lets the join phase complete without it', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    const { a, b } = await stableGroup(h);
    const rejoin = h.coordinator.joinGroup(joinRequest({ memberId: a }), ctx(5, 'a'));
    expect(await isResolved(rejoin)).toBe(false);
    h.coordinator.leaveGroup({ groupId: 'g', memberId: b, members: [] }, ctx(0));
    expect(await rejoin).toMatchObject({ generationId: 2, members: [{ memberId: a }] });
  });
});

describe('static membership (group.instance.id)', () => {
  it('a static member rejoining without its member id keeps its assignment and fences the old id', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    const { a, b } = await stableGroup(h, { b: { groupInstanceId: 'instance-b' } });
    expect(b).toBe('instance-b-uuid2');

    // B restarts: same instance id, no member id. No rebalance; it gets a new member id.
    const rejoin = await h.coordinator.joinGroup(joinRequest({ groupInstanceId: 'instance-b' }), ctx(5, 'b'));
    expect(rejoin).toEqual({
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      generationId: 1,
      protocolType: 'consumer',
      protocolName: 'range',
      leader: a,
      skipAssignment: false,
      memberId: 'instance-b-uuid3',
      members: [],
    });
    expect(h.coordinator.describeGroup('g').state).toBe('Stable');
    const sync = await h.coordinator.syncGroup(syncRequest({ memberId: rejoin.memberId, groupInstanceId: 'instance-b' }), ctx(5));
    expect(sync.assignment).toEqual(Buffer.from('to-b'));

    // The old process is fenced wherever it shows up with the instance id.
    const hb = (memberId: string, groupInstanceId: string | null) => h.coordinator.heartbeat(heartbeatRequest({ memberId, groupInstanceId }), ctx(4)).errorCode;
    expect(hb(b, 'instance-b')).toBe(ErrorCode.FENCED_INSTANCE_ID);
    expect(hb(b, null)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(hb(rejoin.memberId, 'instance-b')).toBe(ErrorCode.NONE);
    expect((await h.coordinator.syncGroup(syncRequest({ memberId: b, groupInstanceId: 'instance-b' }), ctx(5))).errorCode).toBe(ErrorCode.FENCED_INSTANCE_ID);
    const oldJoin = await h.coordinator.joinGroup(joinRequest({ memberId: b, groupInstanceId: 'instance-b' }), ctx(5, 'b'));
    expect(oldJoin).toMatchObject({ errorCode: ErrorCode.FENCED_INSTANCE_ID, memberId: b });
    const leave = h.coordinator.leaveGroup({ groupId: 'g', memberId: '', members: [{ memberId: b, groupInstanceId: 'instance-b', reason: null }] }, ctx(4));
    expect(leave.members[0]!.errorCode).toBe(ErrorCode.FENCED_INSTANCE_ID);
  });

  it('if persisting the new member id fails, the old id stays in place and the rejoin gets the error', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    const { b } = await stableGroup(h, { b: { groupInstanceId: 'instance-b' } });
    (h.offsetsTopic as MemoryOffsetsTopic).log(offsetsPartitionFor('g', 5)).failWith = ErrorCode.NOT_LEADER_OR_FOLLOWER;
    const rejoin = await h.coordinator.joinGroup(joinRequest({ groupInstanceId: 'instance-b' }), ctx(5, 'b'));
    expect(rejoin).toMatchObject({ errorCode: ErrorCode.NOT_COORDINATOR, memberId: '', generationId: 1 });
    expect(h.coordinator.heartbeat(heartbeatRequest({ memberId: b, groupInstanceId: 'instance-b' }), ctx(4)).errorCode).toBe(ErrorCode.NONE);
  });

  it('a static leader rejoining is told the previous leader id (v5-8) or to skip the assignment (v9)', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    const { a } = await stableGroup(h, { a: { groupInstanceId: 'instance-a' } });
    const v8 = await h.coordinator.joinGroup(joinRequest({ groupInstanceId: 'instance-a' }), ctx(8, 'a'));
    expect(v8).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 1, leader: a, memberId: 'instance-a-uuid3', skipAssignment: false, members: [] });
    const v9 = await h.coordinator.joinGroup(joinRequest({ groupInstanceId: 'instance-a' }), ctx(9, 'a'));
    expect(v9).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 1, leader: 'instance-a-uuid4', memberId: 'instance-a-uuid4', skipAssignment: true });
    expect(v9.members.map((m) => [m.memberId, m.groupInstanceId])).toEqual([
      ['b-uuid2', null],
      ['instance-a-uuid4', 'instance-a'],
    ]);
  });

  it('a static member that misses a rebalance keeps its place; a dynamic one is dropped', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    const { a, b } = await stableGroup(h, { b: { groupInstanceId: 'instance-b', sessionTimeoutMs: 60_000 } });
    // A (leader) rejoins; B neither rejoins nor expires within A's 30 s rebalance timeout.
    const rejoin = h.coordinator.joinGroup(joinRequest({ memberId: a }), ctx(5, 'a'));
    h.clock.advance(30_000);
    const r = await rejoin;
    expect(r.generationId).toBe(2);
    expect(r.members.map((m) => m.memberId)).toEqual([a, b]);
  });

  it('administrative removal by group.instance.id (LeaveGroup with an empty member id)', async () => {
    const h = await startHarness({ config: { groupInitialRebalanceDelayMs: 0 } });
    const { b } = await stableGroup(h, { b: { groupInstanceId: 'instance-b' } });
    const res = h.coordinator.leaveGroup({ groupId: 'g', memberId: '', members: [{ memberId: '', groupInstanceId: 'instance-b', reason: null }] }, ctx(4));
    expect(res.members).toEqual([{ memberId: '', groupInstanceId: 'instance-b', errorCode: ErrorCode.NONE }]);
    expect(h.coordinator.describeGroup('g').members.map((m) => m.memberId)).not.toContain(b);
    expect(h.coordinator.describeGroup('g').state).toBe('PreparingRebalance');
  });
});
