// --transaction-log-decoder: __transaction_state records as Kafka's
// TransactionLog.formatRecordKeyAndValue prints them:
//   key     transaction_metadata::transactionalId=<id>     (unknown::version=<v> for other key versions)
//   payload producerId:<id>,producerEpoch:<e>,state=<State>,partitions=[<topic-partition>,...],
//           txnLastUpdateTimestamp=<ms>,txnTimeoutMs=<ms>   (<DELETE> for a tombstone)
// Decoding failures are not caught by Kafka's parser: they end the dump.
import { messageCodec } from '../../protocol/codec.js';
import type { TransactionLogKey, TransactionLogValue } from '../../protocol/generated/types.js';
import { Reader } from '../../protocol/primitives.js';
import { topicPartitionHashCode } from '../../java-compat/java-hash-order.js';
import type { ParseResult } from './decoders.js';
import { JavaException } from './java.js';
import type { DumpRecord } from './records.js';

/** Kafka's TransactionState names by id. */
const STATES = ['Empty', 'Ongoing', 'PrepareCommit', 'PrepareAbort', 'CompleteCommit', 'CompleteAbort', 'Dead', 'PrepareEpochFence'];
const EMPTY = 0;
const KEY_VERSION = 0;
const HIGHEST_VALUE_VERSION = 1;

export function parseTransactionLogRecord(record: DumpRecord): ParseResult {
  if (record.key === null) throw new JavaException('java.lang.NullPointerException');
  if (record.key.length < 2) throw new JavaException('java.nio.BufferUnderflowException');
  const keyVersion = record.key.readInt16BE(0);
  if (keyVersion !== KEY_VERSION) return { key: `unknown::version=${keyVersion}`, payload: null };
  const { transactionalId } = messageCodec('TransactionLogKey', KEY_VERSION).read(new Reader(record.key, 2)) as unknown as TransactionLogKey;
  const key = `transaction_metadata::transactionalId=${transactionalId}`;
  if (record.value === null) return { key, payload: '<DELETE>' };
  return { key, payload: formatValue(record.value) };
}

function formatValue(buf: Buffer): string {
  if (buf.length < 2) throw new JavaException('java.nio.BufferUnderflowException');
  const version = buf.readInt16BE(0);
  if (version < 0 || version > HIGHEST_VALUE_VERSION) {
    throw new JavaException('java.lang.IllegalStateException', `Unknown version ${version} from the transaction log message value`);
  }
  const value = messageCodec('TransactionLogValue', version).read(new Reader(buf, 2)) as unknown as TransactionLogValue;
  const state = STATES[value.transactionStatus];
  if (state === undefined) {
    throw new JavaException('java.lang.IllegalStateException', `Unknown transaction state id ${value.transactionStatus} from the transaction status message`);
  }
  // TransactionMetadata keeps its partitions in a Scala mutable.HashSet, filled (one topic at a
  // time) only when the state is not Empty: they print in that set's order.
  const groups = value.transactionStatus === EMPTY ? [] : (value.transactionPartitions ?? []).map((t) => t.partitionIds.map((partition) => ({ topic: t.topic, partition })));
  const partitions = scalaHashSetOrder(groups).map((tp) => `${tp.topic}-${tp.partition}`);
  return (
    `producerId:${value.producerId},producerEpoch:${value.producerEpoch},state=${state},` +
    `partitions=[${partitions.join(',')}],txnLastUpdateTimestamp=${value.transactionLastUpdateTimestampMs},txnTimeoutMs=${value.transactionTimeoutMs}`
  );
}

interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** Scala 2.13's mutable.HashSet.tableSizeFor. */
function tableSizeFor(capacity: number): number {
  let highest = 1;
  while (highest * 2 <= Math.max(capacity - 1, 4)) highest *= 2;
  return Math.min(highest * 2, 1 << 30);
}

/**
 * The iteration order of a Scala 2.13 mutable.HashSet[TopicPartition] filled by one `++=` per
 * group: table slots in order (slot = improved hash & (size - 1)), each slot's chain kept sorted by
 * improved hash; the table is pre-sized by each `++=` (sizeHint) and doubles as elements are added.
 */
export function scalaHashSetOrder(groups: ReadonlyArray<readonly TopicPartition[]>): TopicPartition[] {
  const seen = new Map<string, { tp: TopicPartition; hash: number; index: number }>();
  let length = 16;
  for (const group of groups) {
    const target = tableSizeFor(Math.trunc((seen.size + group.length) / 0.75));
    if (target > length) length = target;
    for (const tp of group) {
      const key = `${tp.topic}\u0000${tp.partition}`;
      if (seen.has(key)) continue;
      if (seen.size + 1 >= Math.trunc(length * 0.75)) length *= 2;
      const h = topicPartitionHashCode(tp.topic, tp.partition);
      seen.set(key, { tp, hash: h ^ (h >>> 16), index: seen.size });
    }
  }
  const mask = length - 1;
  return [...seen.values()].sort((a, b) => (a.hash & mask) - (b.hash & mask) || a.hash - b.hash || a.index - b.index).map((e) => e.tp);
}
