// The per-request bounds of Kafka's KRaft controller. A request that would create more than
// 10,000 partitions (ReplicationControlManager.MAX_PARTITIONS_PER_BATCH), or make the controller
// write more than 10,000 metadata records (QuorumController.MAX_RECORDS_PER_USER_OP: one
// TopicRecord per topic, one PartitionRecord per partition, one ConfigRecord per config), is
// refused whole with POLICY_VIOLATION before anything is created. Kafka bounds them because such
// requests ran brokers out of memory; a single node also has a descriptor and disk budget.
import { ErrorCode, KafkaError } from '../../protocol/errors.js';

export const MAX_PARTITIONS_PER_REQUEST = 10_000;
export const MAX_RECORDS_PER_REQUEST = 10_000;

/** The partitions a CreateTopics request asks for, counted as Kafka counts them (before validation). */
export function requestedPartitions(topics: ReadonlyArray<{ numPartitions: number; assignments: readonly unknown[] }>, defaultNumPartitions: number): number {
  let total = 0;
  for (const t of topics) {
    if (t.assignments.length > 0) total += t.assignments.length;
    else if (t.numPartitions === -1) total += defaultNumPartitions;
    else if (t.numPartitions > 0) total += t.numPartitions;
  }
  return total;
}

/** Kafka's PolicyViolationException for a CreateTopics request over MAX_PARTITIONS_PER_REQUEST. */
export function tooManyPartitions(): KafkaError {
  return new KafkaError(ErrorCode.POLICY_VIOLATION, 'Excessively large number of partitions per request.');
}

/** What Kafka's controller makes of a BoundedListTooLongException (more than MAX_RECORDS_PER_REQUEST records). */
export function tooManyRecords(): KafkaError {
  return new KafkaError(ErrorCode.POLICY_VIOLATION, 'Unable to perform excessively large batch operation.');
}
