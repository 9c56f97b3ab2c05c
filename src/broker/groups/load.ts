// Rebuilds groups and committed offsets by replaying __consumer_offsets (Kafka's
// GroupMetadataManager.doLoadGroupsAndOffsets): later records win, a null value deletes,
// transactional offset commits count only once their COMMIT marker is read.
import { readEndTxnMarker, ControlRecordType } from '../../protocol/records/control.js';
import { decodeRecordBatches, type DecodedBatch } from '../../protocol/records/record-batch.js';
import type { GroupMetadataValue } from '../../protocol/generated/types.js';
import type { Logger } from '../logger.js';
import { ClassicGroup, type CommittedOffset } from './group.js';
import { ClassicGroupMember } from './member.js';
import type { OffsetsPartitionLog, OffsetsTopic } from './offsets-topic-store.js';
import { decodeOffsetsTopicRecord, type OffsetsTopicRecord } from './records.js';

/** An offset commit read from the log; commits are ordered by the base offset of the batch that wrote them, as in Kafka. */
interface OffsetWrite {
  readonly groupId: string;
  readonly topic: string;
  readonly partition: number;
  /** null = tombstone */
  readonly value: CommittedOffset | null;
}

/** What one __consumer_offsets partition says, after replay. */
class PartitionReplay {
  readonly offsets = new Map<string, Map<string, Map<number, CommittedOffset>>>();
  readonly groups = new Map<string, GroupMetadataValue>();
  /** Transactional offset commits by producer id, waiting for their transaction's marker. */
  readonly pendingTxn = new Map<number, OffsetWrite[]>();

  applyOffset(w: OffsetWrite): void {
    let byTopic = this.offsets.get(w.groupId);
    if (w.value === null) {
      const byPartition = byTopic?.get(w.topic);
      byPartition?.delete(w.partition);
      if (byPartition?.size === 0) byTopic!.delete(w.topic);
      if (byTopic?.size === 0) this.offsets.delete(w.groupId);
      return;
    }
    if (!byTopic) this.offsets.set(w.groupId, (byTopic = new Map()));
    let byPartition = byTopic.get(w.topic);
    if (!byPartition) byTopic.set(w.topic, (byPartition = new Map()));
    const current = byPartition.get(w.partition);
    // A transaction committed late may carry an older write than one already applied.
    if (current === undefined || current.recordOffset <= w.value.recordOffset) byPartition.set(w.partition, w.value);
  }

  stageTxnOffset(producerId: number, w: OffsetWrite): void {
    let writes = this.pendingTxn.get(producerId);
    if (!writes) this.pendingTxn.set(producerId, (writes = []));
    writes.push(w);
  }

  endTxn(producerId: number, commit: boolean): void {
    const writes = this.pendingTxn.get(producerId);
    this.pendingTxn.delete(producerId);
    if (commit && writes) for (const w of writes) this.applyOffset(w);
  }
}

/** Replays every partition of the topic and returns the groups it describes, offsets included. */
export function loadGroups(topic: OffsetsTopic, now: number, logger?: Logger): ClassicGroup[] {
  const loaded: ClassicGroup[] = [];
  for (let partition = 0; partition < topic.partitionCount; partition++) {
    const log = topic.existingLog ? topic.existingLog(partition) : topic.log(partition);
    if (!log) continue;
    const replay = replayPartition(log, partition, logger);
    const pendingGroupIds = [...replay.pendingTxn.values()].flatMap((writes) => writes.map((w) => w.groupId));
    const groupIds = new Set([...replay.groups.keys(), ...replay.offsets.keys(), ...pendingGroupIds]);
    const byId = new Map<string, ClassicGroup>();
    for (const groupId of groupIds) {
      const metadata = replay.groups.get(groupId);
      const group = metadata ? groupFromMetadata(groupId, metadata, now) : new ClassicGroup(groupId, now);
      for (const [t, byPartition] of replay.offsets.get(groupId) ?? []) {
        for (const [p, committed] of byPartition) group.putOffset(t, p, committed);
      }
      byId.set(groupId, group);
      loaded.push(group);
    }
    // Transactions still open at the end of the log: their commits wait for the marker the
    // transaction coordinator writes when it completes or aborts them.
    for (const [producerId, writes] of replay.pendingTxn) {
      for (const w of writes) if (w.value !== null) byId.get(w.groupId)!.stageTxnOffset(producerId, w.topic, w.partition, w.value);
    }
  }
  return loaded;
}

/** Bytes read from the log per step; a larger batch is still read whole. */
const READ_CHUNK_BYTES = 1 << 20;

/** Every batch of a coordinator's log from its start to its end (also __transaction_state's replay). */
export function* batchesOf(log: OffsetsPartitionLog): Generator<DecodedBatch> {
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const read = log.read(offset, READ_CHUNK_BYTES, true);
    if (read.outOfRange || read.records.length === 0) return;
    const batches = decodeRecordBatches(read.records);
    if (batches.length === 0) return;
    yield* batches;
    offset = batches[batches.length - 1]!.lastOffset + 1;
  }
}

function replayPartition(log: OffsetsPartitionLog, partition: number, logger?: Logger): PartitionReplay {
  const replay = new PartitionReplay();
  for (const batch of batchesOf(log)) {
    if (batch.isControl) {
      const marker = readEndTxnMarker(batch);
      if (marker) replay.endTxn(batch.producerId, marker.type === ControlRecordType.Commit);
      continue;
    }
    for (const record of batch.records) {
      const where = `offset ${record.offset} of __consumer_offsets-${partition}`;
      let decoded: OffsetsTopicRecord;
      try {
        if (record.key === null) throw new Error('null key');
        decoded = decodeOffsetsTopicRecord(record.key, record.value);
      } catch (err) {
        logger?.warn(`Skipping undecodable record at ${where}: ${(err as Error).message}`);
        continue;
      }
      switch (decoded.kind) {
        case 'offset': {
          const write: OffsetWrite = {
            groupId: decoded.groupId,
            topic: decoded.topic,
            partition: decoded.partition,
            value: decoded.value === null ? null : { ...decoded.value, recordOffset: batch.baseOffset },
          };
          if (batch.isTransactional) replay.stageTxnOffset(batch.producerId, write);
          else replay.applyOffset(write);
          break;
        }
        case 'group':
          if (decoded.value === null) replay.groups.delete(decoded.groupId);
          else replay.groups.set(decoded.groupId, decoded.value);
          break;
        case 'other':
          logger?.warn(`Ignoring record type ${decoded.recordType} at ${where}: kt only has classic groups`);
          break;
      }
    }
  }
  return replay;
}

/** A group as its last metadata record left it: Stable with its members, or Empty. */
function groupFromMetadata(groupId: string, v: GroupMetadataValue, now: number): ClassicGroup {
  const group = new ClassicGroup(groupId, v.currentStateTimestamp === -1n ? now : Number(v.currentStateTimestamp));
  group.generationId = v.generation;
  group.protocolType = v.protocolType === '' ? null : v.protocolType;
  group.protocolName = v.protocol;
  for (const m of v.members) {
    const member = new ClassicGroupMember(
      m.memberId,
      m.groupInstanceId,
      m.clientId,
      m.clientHost,
      // Value v0 had no rebalance timeout; Kafka used the session timeout.
      m.rebalanceTimeout === -1 ? m.sessionTimeout : m.rebalanceTimeout,
      m.sessionTimeout,
      v.protocolType,
      [{ name: v.protocol ?? '', metadata: Buffer.from(m.subscription) }],
      Buffer.from(m.assignment),
    );
    group.add(member, null);
  }
  group.leaderId = v.leader;
  group.state = group.size > 0 ? 'Stable' : 'Empty';
  return group;
}
