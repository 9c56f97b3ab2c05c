// What the coordinator needs from durable storage. The __consumer_offsets implementation is in
// offsets-topic-store.ts; tests may substitute their own.
import type { ClassicGroup } from './group.js';

/** One offset commit to persist. */
export interface OffsetCommitEntry {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly leaderEpoch: number;
  readonly metadata: string;
  readonly commitTimestamp: number;
  readonly expireTimestamp: number | null;
}

export interface StoreResult {
  /** ErrorCode.NONE, or the error to report to clients (already mapped as Kafka maps append errors). */
  readonly errorCode: number;
  /** Offset of the first record written; later writes have larger offsets. */
  readonly baseOffset: number;
}

export interface GroupStore {
  /** Writes the group's metadata record (GroupMetadataValue) with these member assignments. */
  storeGroup(group: ClassicGroup, assignment: ReadonlyMap<string, Buffer>): Promise<StoreResult>;
  /** Writes the commits as one batch stamped `now` (the time the commit was handled); resolves once the append returned. */
  storeOffsets(groupId: string, commits: readonly OffsetCommitEntry[], now: number): Promise<StoreResult>;
  /** The same as a transactional batch of the producer (TxnOffsetCommit), resolved by the transaction's marker. */
  storeTxnOffsets(groupId: string, commits: readonly OffsetCommitEntry[], now: number, producer: TxnProducer): Promise<StoreResult>;
}

/** The producer of a transactional offset commit. */
export interface TxnProducer {
  readonly producerId: number;
  readonly producerEpoch: number;
}
