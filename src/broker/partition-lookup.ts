// The one answer to "which log does this request mean?", shared by every API that names
// partitions (Produce, Fetch, ListOffsets, DeleteRecords, OffsetForLeaderEpoch, OffsetCommit,
// OffsetDelete, ElectLeaders), with Kafka's codes: an unknown topic or a partition index outside
// [0, partitions) is UNKNOWN_TOPIC_OR_PARTITION, an unknown topic id UNKNOWN_TOPIC_ID.
import { ErrorCode } from '../protocol/errors.js';
import type { PartitionLog } from './log/index.js';
import type { TopicMetadata } from './metadata/topic-registry.js';
import type { TopicSettings } from './topic-settings.js';

export type PartitionLookup =
  | {
      readonly errorCode: ErrorCode.NONE;
      readonly topic: TopicMetadata;
      readonly log: PartitionLog;
      readonly settings: TopicSettings;
    }
  | {
      readonly errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION | ErrorCode.UNKNOWN_TOPIC_ID;
      /** Set when the topic exists and only the partition does not. */
      readonly topic: TopicMetadata | undefined;
      readonly log?: undefined;
      readonly settings?: undefined;
    };

export interface PartitionSource {
  log(topic: string, partition: number): PartitionLog | undefined;
  settings(topic: string): TopicSettings | undefined;
}

/** Resolves `partition` of `topic` (already looked up by name or id; undefined when unknown). */
export function lookupPartition(source: PartitionSource, topic: TopicMetadata | undefined, partition: number, unknownTopic: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION | ErrorCode.UNKNOWN_TOPIC_ID): PartitionLookup {
  if (topic === undefined) return { errorCode: unknownTopic, topic: undefined };
  // Number.isInteger also refuses NaN; the wire only carries int32 anyway.
  const inRange = Number.isInteger(partition) && partition >= 0 && partition < topic.partitions;
  const log = inRange ? source.log(topic.name, partition) : undefined;
  const settings = log && source.settings(topic.name);
  if (!log || !settings) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, topic };
  return { errorCode: ErrorCode.NONE, topic, log, settings };
}
