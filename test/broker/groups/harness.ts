// Builds a coordinator on a manual clock and an in-memory __consumer_offsets, plus request builders.
import { GroupCoordinator, type GroupCoordinatorOptions, type GroupRequestContext } from '../../../src/broker/groups/coordinator.js';
import type { GroupCoordinatorConfig } from '../../../src/broker/groups/config.js';
import type { OffsetsTopic } from '../../../src/broker/groups/offsets-topic-store.js';
import type {
  HeartbeatRequest,
  JoinGroupRequest,
  JoinGroupResponse,
  OffsetCommitRequest,
  SyncGroupRequest,
} from '../../../src/protocol/generated/types.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { ManualScheduler } from './manual-scheduler.js';
import { MemoryOffsetsTopic } from './memory-offsets-topic.js';

export interface Harness {
  readonly coordinator: GroupCoordinator;
  readonly clock: ManualScheduler;
  readonly offsetsTopic: OffsetsTopic;
}

export interface HarnessOptions {
  config?: Partial<GroupCoordinatorConfig>;
  /** topic -> partition count; OffsetCommit rejects anything else. Default { orders: 3 }. */
  topics?: Record<string, number>;
  offsetsTopic?: OffsetsTopic;
  clock?: ManualScheduler;
  extra?: Partial<GroupCoordinatorOptions>;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const clock = opts.clock ?? new ManualScheduler();
  const offsetsTopic = opts.offsetsTopic ?? new MemoryOffsetsTopic(5);
  const topics = opts.topics ?? { orders: 3 };
  let uuids = 0;
  const coordinator = new GroupCoordinator({
    config: opts.config,
    offsetsTopic,
    topicExists: (t, p) => topics[t] !== undefined && p >= 0 && p < topics[t]!,
    scheduler: clock,
    newUuid: () => `uuid${++uuids}`,
    ...opts.extra,
  });
  await coordinator.load();
  return { coordinator, clock, offsetsTopic };
}

export function ctx(apiVersion: number, clientId = 'client', clientHost = '/127.0.0.1'): GroupRequestContext {
  return { apiVersion, clientId, clientHost };
}

export const SUBSCRIPTION_A = Buffer.from('subscription-a');
export const SUBSCRIPTION_B = Buffer.from('subscription-b');

export function joinRequest(fields: Partial<JoinGroupRequest> = {}): JoinGroupRequest {
  return {
    groupId: 'g',
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 30_000,
    memberId: '',
    groupInstanceId: null,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: SUBSCRIPTION_A }],
    reason: null,
    ...fields,
  };
}

export function syncRequest(fields: Partial<SyncGroupRequest> = {}): SyncGroupRequest {
  return {
    groupId: 'g',
    generationId: 1,
    memberId: '',
    groupInstanceId: null,
    protocolType: 'consumer',
    protocolName: 'range',
    assignments: [],
    ...fields,
  };
}

export function heartbeatRequest(fields: Partial<HeartbeatRequest> = {}): HeartbeatRequest {
  return { groupId: 'g', generationId: 1, memberId: '', groupInstanceId: null, ...fields };
}

export function commitRequest(fields: Partial<OffsetCommitRequest> = {}): OffsetCommitRequest {
  return {
    groupId: 'g',
    generationIdOrMemberEpoch: -1,
    memberId: '',
    groupInstanceId: null,
    retentionTimeMs: -1n,
    topics: [],
    ...fields,
  };
}

export function commitPartition(partitionIndex: number, committedOffset: bigint, committedMetadata: string | null = '') {
  return { partitionIndex, committedOffset, committedLeaderEpoch: -1, commitTimestamp: -1n, committedMetadata };
}

/**
 * The v4+ handshake for a dynamic member: the first JoinGroup returns MEMBER_ID_REQUIRED with an
 * id, the second (returned, still pending) joins the group with it.
 */
export async function joinWithHandshake(
  h: Harness,
  clientId: string,
  fields: Partial<JoinGroupRequest> = {},
  apiVersion = 5,
): Promise<{ memberId: string; response: Promise<JoinGroupResponse> }> {
  const first = await h.coordinator.joinGroup(joinRequest(fields), ctx(apiVersion, clientId));
  if (first.errorCode !== ErrorCode.MEMBER_ID_REQUIRED) throw new Error(`expected MEMBER_ID_REQUIRED, got ${first.errorCode}`);
  const response = h.coordinator.joinGroup(joinRequest({ ...fields, memberId: first.memberId }), ctx(apiVersion, clientId));
  return { memberId: first.memberId, response };
}

/** Lets promise callbacks (store appends, parked responses) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** Whether the promise has resolved yet, without waiting for it. */
export async function isResolved(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => {
    done = true;
  });
  await settle();
  return done;
}
