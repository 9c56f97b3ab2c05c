// The checks CreateTopics (and Metadata auto-creation) apply to a new topic, with Kafka's
// error codes and messages, so kafka-topics.sh-style tools print what Kafka would.
import { ErrorCode } from '../../protocol/errors.js';
import { validateTopicConfig } from '../topic-configs.js';
import { invalidTopicNameReason, type TopicRegistry } from './topic-registry.js';

export interface TopicError {
  readonly errorCode: number;
  readonly message: string;
}

export function validateTopicName(name: string, registry: TopicRegistry): TopicError | null {
  const reason = invalidTopicNameReason(name);
  if (reason) return { errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, message: `Topic name is invalid: ${reason}` };
  if (registry.has(name)) return { errorCode: ErrorCode.TOPIC_ALREADY_EXISTS, message: `Topic '${name}' already exists.` };
  const collision = registry.collidingTopic(name);
  if (collision) return { errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, message: `Topic '${name}' collides with existing topic: ${collision}` };
  return null;
}

/** One node: the only replica set that can exist is [nodeId]. */
export function validateReplication(replicationFactor: number, nodeId: number, assignments: ReadonlyArray<{ partitionIndex: number; brokerIds: number[] }>): TopicError | null {
  if (assignments.length > 0) {
    const sorted = [...assignments].sort((a, b) => a.partitionIndex - b.partitionIndex);
    for (let i = 0; i < sorted.length; i++) {
      if (sorted[i]!.partitionIndex !== i) {
        return { errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, message: 'Partitions should be a consecutive 0-based integer sequence' };
      }
      for (const b of sorted[i]!.brokerIds) {
        if (b !== nodeId) {
          return {
            errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT,
            message: `The manual partition assignment includes broker ${b}, but no broker with that ID is registered.`,
          };
        }
      }
      if (sorted[i]!.brokerIds.length !== 1) {
        return { errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, message: `The manual partition assignment includes a partition with ${sorted[i]!.brokerIds.length} replica(s), but replicas must be distinct registered brokers.` };
      }
    }
    return null;
  }
  if (replicationFactor === 0 || replicationFactor < -1) {
    return { errorCode: ErrorCode.INVALID_REPLICATION_FACTOR, message: 'Replication factor must be larger than 0, or -1 to use the default value.' };
  }
  if (replicationFactor > 1) {
    return {
      errorCode: ErrorCode.INVALID_REPLICATION_FACTOR,
      message: `Unable to replicate the partition ${replicationFactor} time(s): The target replication factor of ${replicationFactor} cannot be reached because only 1 broker(s) are registered.`,
    };
  }
  return null;
}

export function validatePartitionCount(numPartitions: number): TopicError | null {
  if (numPartitions === 0 || numPartitions < -1) {
    return { errorCode: ErrorCode.INVALID_PARTITIONS, message: 'Number of partitions was set to an invalid non-positive value.' };
  }
  return null;
}

export function validateTopicConfigs(configs: ReadonlyArray<{ name: string; value: string | null }>): TopicError | null {
  for (const c of configs) {
    const err = validateTopicConfig(c.name, c.value);
    if (err) return { errorCode: ErrorCode.INVALID_CONFIG, message: err };
  }
  const get = (n: string) => configs.find((c) => c.name === n)?.value;
  const minLag = get('min.compaction.lag.ms');
  const maxLag = get('max.compaction.lag.ms');
  if (minLag != null && maxLag != null && Number(minLag) > Number(maxLag)) {
    return {
      errorCode: ErrorCode.INVALID_CONFIG,
      message: `conflict topic config setting min.compaction.lag.ms (${minLag}) > max.compaction.lag.ms (${maxLag})`,
    };
  }
  return null;
}
