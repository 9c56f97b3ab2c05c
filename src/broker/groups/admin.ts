// DeleteGroups and OffsetDelete (kafka-consumer-groups --delete / --delete-offsets) and the
// periodic offset expiration: state checks, then tombstones in __consumer_offsets.
import { ErrorCode } from '../../protocol/errors.js';
import type { ClassicGroup } from './group.js';
import type { Rebalancer } from './rebalance.js';
import type { OffsetsTopicStore } from './offsets-topic-store.js';
import { expiredOffsets } from './offset-expiration.js';
import { subscribedTopics } from './subscriptions.js';

export interface DeleteOffsetsTopic {
  readonly name: string;
  readonly partitions: readonly number[];
}

export interface DeleteOffsetsResult {
  errorCode: number;
  topics: { name: string; partitions: { partitionIndex: number; errorCode: number }[] }[];
}

export class GroupAdmin {
  constructor(
    private readonly groups: Map<string, ClassicGroup>,
    private readonly store: OffsetsTopicStore,
    private readonly rebalancer: Rebalancer,
  ) {}

  /** Deletes Empty groups with their offsets; members must leave first (NON_EMPTY_GROUP). */
  async deleteGroup(groupId: string): Promise<number> {
    const group = this.groups.get(groupId);
    if (!group || group.is('Dead')) return ErrorCode.GROUP_ID_NOT_FOUND;
    if (!group.is('Empty')) return ErrorCode.NON_EMPTY_GROUP;
    const offsets = [...group.offsets].flatMap(([topic, byPartition]) => [...byPartition.keys()].map((partition) => ({ topic, partition })));
    // Gone from memory at once, as in Kafka; a failed write leaves the records to reappear on restart.
    group.state = 'Dead';
    this.rebalancer.cancelTimers(group);
    this.groups.delete(groupId);
    const { errorCode } = await this.store.deleteGroup(groupId, offsets);
    return errorCode;
  }

  /**
   * Deletes committed offsets. A group with members may only lose offsets of topics none of its
   * consumers subscribes to (GROUP_SUBSCRIBED_TO_TOPIC); a non-consumer group with members none.
   */
  async deleteOffsets(groupId: string, topics: readonly DeleteOffsetsTopic[]): Promise<DeleteOffsetsResult> {
    const group = this.groups.get(groupId);
    if (!group || group.is('Dead')) return { errorCode: ErrorCode.GROUP_ID_NOT_FOUND, topics: [] };
    const usesConsumerProtocol = group.protocolType === 'consumer';
    if (!group.is('Empty') && !usesConsumerProtocol) return { errorCode: ErrorCode.NON_EMPTY_GROUP, topics: [] };

    const subscribed = subscribedTopics(group);
    const isSubscribed = (topic: string) => (subscribed === null ? usesConsumerProtocol : subscribed.has(topic));
    const tombstones: { topic: string; partition: number }[] = [];
    const result: DeleteOffsetsResult = {
      errorCode: ErrorCode.NONE,
      topics: topics.map((t) => {
        const blocked = isSubscribed(t.name);
        return {
          name: t.name,
          partitions: t.partitions.map((partitionIndex) => {
            if (!blocked && group.offset(t.name, partitionIndex)) tombstones.push({ topic: t.name, partition: partitionIndex });
            return { partitionIndex, errorCode: blocked ? ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC : ErrorCode.NONE };
          }),
        };
      }),
    };
    if (tombstones.length === 0) return result;
    const { errorCode } = await this.store.deleteOffsets(groupId, tombstones);
    if (errorCode !== ErrorCode.NONE) return { errorCode, topics: [] };
    for (const t of tombstones) group.removeOffset(t.topic, t.partition);
    return result;
  }

  /**
   * Kafka's cleanupGroupMetadata: removes expired offsets (offset-expiration.ts) with tombstones,
   * and turns an Empty group left without offsets Dead (a group tombstone). Returns the number of
   * offsets removed.
   */
  async cleanupGroupMetadata(now: number, retentionMs: number): Promise<number> {
    let removed = 0;
    for (const group of [...this.groups.values()]) {
      if (group.is('Dead')) continue;
      const expired = expiredOffsets(group, now, retentionMs);
      for (const o of expired) group.removeOffset(o.topic, o.partition);
      removed += expired.length;
      if (group.is('Empty') && !group.hasOffsets) {
        group.state = 'Dead';
        this.rebalancer.cancelTimers(group);
        this.groups.delete(group.groupId);
        await this.store.deleteGroup(group.groupId, expired);
      } else if (expired.length > 0) {
        await this.store.deleteOffsets(group.groupId, expired);
      }
    }
    return removed;
  }
}
