// The coordinator's records in __consumer_offsets, encoded as Kafka writes them (formats.md §6):
// offset commits as key type 1 + OffsetCommitValue v3 (v1 when an expire timestamp is set),
// group metadata as key type 2 + GroupMetadataValue v3. A null value is a tombstone.
import {
  decodeOffsetsRecordKey,
  decodeOffsetsRecordValue,
  encodeOffsetsRecordKey,
  encodeOffsetsRecordValue,
} from '../../protocol/coordinator-records.js';
import type { GroupMetadataValue } from '../../protocol/generated/types.js';
import { int64BigInt } from '../../protocol/records/int64.js';
import type { KafkaRecord } from '../../protocol/records/record-batch.js';
import type { ClassicGroup } from './group.js';
import { EMPTY_BYTES } from './results.js';
import type { OffsetCommitEntry } from './store.js';

const OFFSET_COMMIT = 1;
const GROUP_METADATA = 2;

export function offsetCommitRecord(groupId: string, e: OffsetCommitEntry, timestamp: number): KafkaRecord {
  const key = encodeOffsetsRecordKey(OFFSET_COMMIT, { group: groupId, topic: e.topic, partition: e.partition });
  const value =
    e.expireTimestamp !== null
      ? encodeOffsetsRecordValue(OFFSET_COMMIT, 1, {
          offset: e.offset,
          metadata: e.metadata,
          commitTimestamp: int64BigInt(e.commitTimestamp),
          expireTimestamp: int64BigInt(e.expireTimestamp),
        })
      : encodeOffsetsRecordValue(OFFSET_COMMIT, 3, {
          offset: e.offset,
          leaderEpoch: e.leaderEpoch,
          metadata: e.metadata,
          commitTimestamp: int64BigInt(e.commitTimestamp),
        });
  return { timestamp, key, value };
}

export function offsetTombstone(groupId: string, topic: string, partition: number, timestamp: number): KafkaRecord {
  return { timestamp, key: encodeOffsetsRecordKey(OFFSET_COMMIT, { group: groupId, topic, partition }), value: null };
}

/** The group as Kafka persists it; every member needs an entry in `assignment` (missing = empty). */
export function groupMetadataRecord(group: ClassicGroup, assignment: ReadonlyMap<string, Buffer>, timestamp: number): KafkaRecord {
  const protocol = group.protocolName;
  if (group.size > 0 && protocol === null) throw new Error(`Cannot write non-empty group ${group.groupId} without a protocol`);
  const value: GroupMetadataValue = {
    protocolType: group.protocolType ?? '',
    generation: group.generationId,
    protocol,
    leader: group.leaderId,
    currentStateTimestamp: BigInt(group.stateTimestamp),
    members: [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      rebalanceTimeout: m.rebalanceTimeoutMs,
      sessionTimeout: m.sessionTimeoutMs,
      subscription: m.metadata(protocol!),
      assignment: assignment.get(m.memberId) ?? EMPTY_BYTES,
    })),
  };
  return {
    timestamp,
    key: encodeOffsetsRecordKey(GROUP_METADATA, { group: group.groupId }),
    value: encodeOffsetsRecordValue(GROUP_METADATA, 3, value),
  };
}

export function groupTombstone(groupId: string, timestamp: number): KafkaRecord {
  return { timestamp, key: encodeOffsetsRecordKey(GROUP_METADATA, { group: groupId }), value: null };
}

export interface LoadedOffset {
  readonly offset: bigint;
  readonly leaderEpoch: number;
  readonly metadata: string;
  readonly commitTimestamp: number;
  readonly expireTimestamp: number | null;
}

export type OffsetsTopicRecord =
  | { kind: 'offset'; groupId: string; topic: string; partition: number; value: LoadedOffset | null }
  | { kind: 'group'; groupId: string; value: GroupMetadataValue | null }
  /** KIP-848/KIP-932 records and anything newer: not ours to load. */
  | { kind: 'other'; recordType: number };

export function decodeOffsetsTopicRecord(key: Buffer, value: Buffer | null): OffsetsTopicRecord {
  const decodedKey = decodeOffsetsRecordKey(key);
  switch (decodedKey.recordType) {
    case 0:
    case 1: {
      const k = decodedKey.key;
      if (value === null) return { kind: 'offset', groupId: k.group, topic: k.topic, partition: k.partition, value: null };
      const v = decodeOffsetsRecordValue(decodedKey.recordType, value).value;
      // Value v1 is the only one with an expire timestamp; the schema default elsewhere is -1.
      const expire = Number(v.expireTimestamp);
      return {
        kind: 'offset',
        groupId: k.group,
        topic: k.topic,
        partition: k.partition,
        value: {
          offset: v.offset,
          leaderEpoch: v.leaderEpoch,
          metadata: v.metadata,
          commitTimestamp: Number(v.commitTimestamp),
          expireTimestamp: expire === -1 ? null : expire,
        },
      };
    }
    case 2:
      return {
        kind: 'group',
        groupId: decodedKey.key.group,
        value: value === null ? null : decodeOffsetsRecordValue(2, value).value,
      };
    default:
      return { kind: 'other', recordType: decodedKey.recordType };
  }
}
