// GroupStore on the internal __consumer_offsets topic: each write is one record batch appended to
// the group's partition; callers acknowledge only after the append returned.
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import { encodeRecordBatch, type KafkaRecord } from '../../protocol/records/record-batch.js';
import type { AppendBatch, ReadResult } from '../log/index.js';
import type { ClassicGroup } from './group.js';
import { offsetsPartitionFor } from './partition-for.js';
import { groupMetadataRecord, groupTombstone, offsetCommitRecord, offsetTombstone } from './records.js';
import type { Scheduler } from './scheduler.js';
import type { GroupStore, OffsetCommitEntry, StoreResult, TxnProducer } from './store.js';

/** The slice of the broker's PartitionLog the coordinator uses. */
export interface OffsetsPartitionLog {
  readonly logStartOffset: number;
  readonly logEndOffset: number;
  append(records: Buffer, batches: ReadonlyArray<AppendBatch>): { readonly firstOffset: number };
  read(offset: number, maxBytes: number, minOneBatch: boolean): ReadResult;
}

/** The broker's __consumer_offsets partitions. */
export interface OffsetsTopic {
  /** offsets.topic.num.partitions */
  readonly partitionCount: number;
  /** The partition's log; the topic is created on first use, as Kafka does. */
  log(partition: number): OffsetsPartitionLog;
  /** The partition's log if the topic exists (loading must not create it); without it, `log` is used. */
  existingLog?(partition: number): OffsetsPartitionLog | undefined;
}

export class OffsetsTopicStore implements GroupStore {
  constructor(
    private readonly topic: OffsetsTopic,
    private readonly scheduler: Scheduler,
  ) {}

  partitionFor(groupId: string): number {
    return offsetsPartitionFor(groupId, this.topic.partitionCount);
  }

  async storeGroup(group: ClassicGroup, assignment: ReadonlyMap<string, Buffer>): Promise<StoreResult> {
    const record = groupMetadataRecord(group, assignment, this.scheduler.now());
    return this.append(group.groupId, [record], groupAppendError);
  }

  async storeOffsets(groupId: string, commits: readonly OffsetCommitEntry[], now: number): Promise<StoreResult> {
    // The records carry the same clock reading as the commit timestamps they hold.
    return this.append(groupId, commits.map((c) => offsetCommitRecord(groupId, c, now)), offsetAppendError);
  }

  async storeTxnOffsets(groupId: string, commits: readonly OffsetCommitEntry[], now: number, producer: TxnProducer): Promise<StoreResult> {
    return this.append(groupId, commits.map((c) => offsetCommitRecord(groupId, c, now)), offsetAppendError, producer);
  }

  /** Tombstones for a deleted group: its offsets, then its metadata (DeleteGroups). */
  async deleteGroup(groupId: string, offsets: readonly { topic: string; partition: number }[]): Promise<StoreResult> {
    const now = this.scheduler.now();
    const records = offsets.map((o) => offsetTombstone(groupId, o.topic, o.partition, now));
    records.push(groupTombstone(groupId, now));
    return this.append(groupId, records, groupAppendError);
  }

  /** Tombstones for some of a group's offsets (OffsetDelete). */
  async deleteOffsets(groupId: string, offsets: readonly { topic: string; partition: number }[]): Promise<StoreResult> {
    const now = this.scheduler.now();
    return this.append(groupId, offsets.map((o) => offsetTombstone(groupId, o.topic, o.partition, now)), offsetAppendError);
  }

  private async append(groupId: string, records: KafkaRecord[], mapError: (code: number) => number, txn?: TxnProducer): Promise<StoreResult> {
    // A transactional commit is written as Kafka's coordinator writes it: the producer's id and
    // epoch, base sequence 0, the transactional flag.
    const batch = encodeRecordBatch(txn ? { records, producerId: txn.producerId, producerEpoch: txn.producerEpoch, baseSequence: 0, isTransactional: true } : { records });
    const appended: AppendBatch = {
      position: 0,
      size: batch.length,
      lastOffsetDelta: records.length - 1,
      maxTimestamp: records.reduce((max, r) => Math.max(max, r.timestamp), -1),
    };
    try {
      const { firstOffset } = this.topic.log(this.partitionFor(groupId)).append(batch, [appended]);
      return { errorCode: ErrorCode.NONE, baseOffset: firstOffset };
    } catch (err) {
      return { errorCode: mapError(errorCodeOf(err)), baseOffset: -1 };
    }
  }
}

/** Log errors carry their Kafka code; anything else is treated as an I/O failure. */
function errorCodeOf(err: unknown): number {
  return err instanceof KafkaError ? err.code : ErrorCode.KAFKA_STORAGE_ERROR;
}

/** Kafka's GroupMetadataManager.maybeConvertOffsetCommitError. */
function offsetAppendError(code: number): number {
  switch (code) {
    case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode.NOT_ENOUGH_REPLICAS:
    case ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND:
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    case ErrorCode.NOT_LEADER_OR_FOLLOWER:
    case ErrorCode.KAFKA_STORAGE_ERROR:
      return ErrorCode.NOT_COORDINATOR;
    case ErrorCode.MESSAGE_TOO_LARGE:
    case ErrorCode.RECORD_LIST_TOO_LARGE:
    case ErrorCode.INVALID_FETCH_SIZE:
      return ErrorCode.INVALID_COMMIT_OFFSET_SIZE;
    default:
      return code;
  }
}

/** Kafka's mapping of a failed group metadata append (GroupMetadataManager.storeGroup). */
function groupAppendError(code: number): number {
  switch (code) {
    case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode.NOT_ENOUGH_REPLICAS:
    case ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND:
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    case ErrorCode.NOT_LEADER_OR_FOLLOWER:
    case ErrorCode.KAFKA_STORAGE_ERROR:
      return ErrorCode.NOT_COORDINATOR;
    case ErrorCode.REQUEST_TIMED_OUT:
      return ErrorCode.REBALANCE_IN_PROGRESS;
    case ErrorCode.MESSAGE_TOO_LARGE:
    case ErrorCode.RECORD_LIST_TOO_LARGE:
    case ErrorCode.INVALID_FETCH_SIZE:
      return ErrorCode.UNKNOWN_SERVER_ERROR;
    default:
      return code;
  }
}
