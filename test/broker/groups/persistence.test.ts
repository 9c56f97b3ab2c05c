import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LOG_CONFIG } from '../../../src/broker/log/config.js';
import { PartitionLog } from '../../../src/broker/log/partition-log.js';
import type { OffsetsTopic } from '../../../src/broker/groups/offsets-topic-store.js';
import { offsetsPartitionFor } from '../../../src/broker/groups/partition-for.js';
import { offsetCommitRecord, offsetTombstone } from '../../../src/broker/groups/records.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { ControlRecordType, encodeControlBatch } from '../../../src/protocol/records/control.js';
import { encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { commitPartition, commitRequest, ctx, heartbeatRequest, joinRequest, startHarness, syncRequest } from './harness.js';
import { ManualScheduler } from './manual-scheduler.js';

const PARTITIONS = 4;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** __consumer_offsets on real PartitionLogs in a temp dir, opened lazily like the broker does. */
class DiskOffsetsTopic implements OffsetsTopic {
  readonly partitionCount = PARTITIONS;
  private readonly logs = new Map<number, PartitionLog>();

  constructor(readonly root: string) {}

  private dirOf(partition: number): string {
    return path.join(this.root, `__consumer_offsets-${partition}`);
  }

  log(partition: number): PartitionLog {
    let log = this.logs.get(partition);
    if (!log) {
      log = PartitionLog.open({ dir: this.dirOf(partition), topic: '__consumer_offsets', partition, config: DEFAULT_LOG_CONFIG, cleanShutdown: false });
      this.logs.set(partition, log);
    }
    return log;
  }

  existingLog(partition: number): PartitionLog | undefined {
    return fs.existsSync(this.dirOf(partition)) ? this.log(partition) : undefined;
  }

  /** Appends a raw batch, as another writer (or a Java broker) would have. */
  appendRaw(partition: number, batch: Buffer, records: number): void {
    this.log(partition).append(batch, [{ position: 0, size: batch.length, lastOffsetDelta: records - 1, maxTimestamp: 0 }]);
  }

  close(): void {
    for (const log of this.logs.values()) log.close();
    this.logs.clear();
  }
}

function tempTopic(): DiskOffsetsTopic {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-groups-'));
  dirs.push(root);
  return new DiskOffsetsTopic(root);
}

const fetchAll = (groupId: string) => ({ groupId, topics: null, groups: [], requireStable: false });

describe('durability in __consumer_offsets', () => {
  it('committed offsets and a stable group survive a restart', async () => {
    const topic = tempTopic();
    const clock = new ManualScheduler();
    const first = await startHarness({ offsetsTopic: topic, clock, config: { groupInitialRebalanceDelayMs: 0 } });

    // A simple group and a consumer group with one member that commits.
    await first.coordinator.offsetCommit(commitRequest({ groupId: 'simple', topics: [{ name: 'orders', partitions: [commitPartition(0, 100n, 'm0'), commitPartition(1, 200n)] }] }), ctx(8));
    const join = first.coordinator.joinGroup(joinRequest({ groupInstanceId: 'inst-1' }), ctx(5, 'consumer-1', '/10.0.0.1'));
    clock.advance(0);
    const member = (await join).memberId;
    await first.coordinator.syncGroup(syncRequest({ memberId: member, groupInstanceId: 'inst-1', assignments: [{ memberId: member, assignment: Buffer.from('p0,p1') }] }), ctx(5));
    await first.coordinator.offsetCommit(
      commitRequest({ generationIdOrMemberEpoch: 1, memberId: member, groupInstanceId: 'inst-1', topics: [{ name: 'orders', partitions: [{ ...commitPartition(2, 300n), committedLeaderEpoch: 4 }] }] }),
      ctx(8),
    );
    // Overwritten later: the later write wins on reload.
    await first.coordinator.offsetCommit(commitRequest({ groupId: 'simple', topics: [{ name: 'orders', partitions: [commitPartition(1, 201n)] }] }), ctx(8));
    first.coordinator.close();
    topic.close();

    const second = await startHarness({ offsetsTopic: topic, clock });
    expect(second.coordinator.offsetFetch(fetchAll('simple'), ctx(7)).topics).toEqual([
      {
        name: 'orders',
        partitions: [
          { partitionIndex: 0, committedOffset: 100n, committedLeaderEpoch: -1, metadata: 'm0', errorCode: ErrorCode.NONE },
          { partitionIndex: 1, committedOffset: 201n, committedLeaderEpoch: -1, metadata: '', errorCode: ErrorCode.NONE },
        ],
      },
    ]);
    expect(second.coordinator.offsetFetch(fetchAll('g'), ctx(7)).topics).toEqual([
      { name: 'orders', partitions: [{ partitionIndex: 2, committedOffset: 300n, committedLeaderEpoch: 4, metadata: '', errorCode: ErrorCode.NONE }] },
    ]);

    expect(second.coordinator.describeGroup('g')).toEqual({
      groupId: 'g',
      state: 'Stable',
      protocolType: 'consumer',
      protocol: 'range',
      members: [
        { memberId: member, groupInstanceId: 'inst-1', clientId: 'consumer-1', clientHost: '/10.0.0.1', metadata: Buffer.from('subscription-a'), assignment: Buffer.from('p0,p1') },
      ],
    });
    expect(second.coordinator.listGroups().sort((a, b) => a.groupId.localeCompare(b.groupId))).toEqual([
      { groupId: 'g', protocolType: 'consumer', state: 'Stable', groupType: 'classic' },
      { groupId: 'simple', protocolType: '', state: 'Empty', groupType: 'classic' },
    ]);

    // The loaded member carries on in generation 1 and keeps its assignment...
    expect(second.coordinator.heartbeat(heartbeatRequest({ memberId: member, groupInstanceId: 'inst-1' }), ctx(4)).errorCode).toBe(ErrorCode.NONE);
    const sync = await second.coordinator.syncGroup(syncRequest({ memberId: member, groupInstanceId: 'inst-1' }), ctx(5));
    expect(sync.assignment).toEqual(Buffer.from('p0,p1'));
    // ...and is expired like any other once its heartbeats stop.
    clock.advance(10_000);
    expect(second.coordinator.describeGroup('g').state).toBe('Empty');
    second.coordinator.close();
    topic.close();
  });

  it('replay: tombstones delete, transactional commits count only after a COMMIT marker', async () => {
    const topic = tempTopic();
    const p = offsetsPartitionFor('t', PARTITIONS);
    const entry = (partition: number, offset: bigint) => ({ topic: 'orders', partition, offset, leaderEpoch: -1, metadata: '', commitTimestamp: 1, expireTimestamp: null });
    topic.appendRaw(p, encodeRecordBatch({ records: [offsetCommitRecord('t', entry(0, 10n), 1), offsetCommitRecord('t', entry(1, 11n), 1)] }), 2);
    topic.appendRaw(p, encodeRecordBatch({ records: [offsetTombstone('t', 'orders', 1, 2)] }), 1);
    // Producer 7 commits, producer 8 aborts.
    topic.appendRaw(p, encodeRecordBatch({ records: [offsetCommitRecord('t', entry(2, 12n), 3)], isTransactional: true, producerId: 7, producerEpoch: 0 }), 1);
    topic.appendRaw(p, encodeRecordBatch({ records: [offsetCommitRecord('t', entry(0, 99n), 3)], isTransactional: true, producerId: 8, producerEpoch: 0 }), 1);
    topic.appendRaw(p, encodeControlBatch({ type: ControlRecordType.Commit, producerId: 7, producerEpoch: 0, coordinatorEpoch: 0, timestamp: 4 }), 1);
    topic.appendRaw(p, encodeControlBatch({ type: ControlRecordType.Abort, producerId: 8, producerEpoch: 0, coordinatorEpoch: 0, timestamp: 4 }), 1);

    const h = await startHarness({ offsetsTopic: topic });
    const fetched = h.coordinator.offsetFetch(fetchAll('t'), ctx(7)).topics;
    expect(fetched.map((t) => [t.name, t.partitions.map((x) => [x.partitionIndex, x.committedOffset])])).toEqual([
      ['orders', [[0, 10n], [2, 12n]]],
    ]);
    h.coordinator.close();
    topic.close();
  });

  it('writes offset commit records byte for byte as Kafka does (key type 1, value v3)', () => {
    const record = offsetCommitRecord('grp', { topic: 'tp', partition: 5, offset: 258n, leaderEpoch: 3, metadata: 'md', commitTimestamp: 1000, expireTimestamp: null }, 1000);
    expect(record.key!.toString('hex')).toBe(
      ['0001', '0003', Buffer.from('grp').toString('hex'), '0002', Buffer.from('tp').toString('hex'), '00000005'].join(''),
    );
    expect(record.value!.toString('hex')).toBe(
      ['0003', '0000000000000102', '00000003', '0002', Buffer.from('md').toString('hex'), '00000000000003e8'].join(''),
    );
  });
});
