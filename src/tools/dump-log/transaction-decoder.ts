// --transaction-log-decoder: __transaction_state records as Kafka's
// TransactionLog.formatRecordKeyAndValue prints them:
//   key     transaction_metadata::transactionalId=<id>     (unknown::version=<v> for other key versions)
//   payload producerId:<id>,producerEpoch:<e>,state=<State>,partitions=[<topic-partition>,...],
//           txnLastUpdateTimestamp=<ms>,txnTimeoutMs=<ms>   (<DELETE> for a tombstone)
// Decoding failures are not caught by Kafka's parser: they end the dump.
import { messageCodec } from '../../protocol/codec.js';
import type { TransactionLogKey, TransactionLogValue } from '../../protocol/generated/types.js';
import { Reader } from '../../protocol/primitives.js';
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
  // TransactionMetadata keeps its partitions in a set, filled only when the state is not Empty.
  const partitions = new Set<string>();
  if (value.transactionStatus !== EMPTY) {
    for (const t of value.transactionPartitions ?? []) for (const p of t.partitionIds) partitions.add(`${t.topic}-${p}`);
  }
  return (
    `producerId:${value.producerId},producerEpoch:${value.producerEpoch},state=${state},` +
    `partitions=[${[...partitions].join(',')}],txnLastUpdateTimestamp=${value.transactionLastUpdateTimestampMs},txnTimeoutMs=${value.transactionTimeoutMs}`
  );
}
