// __transaction_state records byte for byte as Kafka's TransactionLog writes them (key v0, value
// v0: transaction.version 0), the partition of an id, and the state machine's legal transitions.
import { describe, expect, it } from 'vitest';
import { metadataFromRecord, transactionLogRecord, transactionPartitionFor } from '../../../src/broker/txn/transaction-log.js';
import { isValidTransition, tpKey, transition, type TxnMetadata } from '../../../src/broker/txn/transaction-state.js';

const ongoing: TxnMetadata = {
  transactionalId: 'tx',
  producerId: 7,
  previousProducerId: -1,
  nextProducerId: -1,
  producerEpoch: 3,
  lastProducerEpoch: -1,
  txnTimeoutMs: 60000,
  state: 'Ongoing',
  partitions: new Map([
    [tpKey('a', 0), { topic: 'a', partition: 0 }],
    [tpKey('a', 2), { topic: 'a', partition: 2 }],
  ]),
  txnStartTimestamp: 1000,
  txnLastUpdateTimestamp: 2000,
};

/** The bytes Kafka writes, spelled out field by field. */
function kafkaValueV0(status: number, partitions: { topic: string; ids: number[] }[] | null): Buffer {
  const parts: Buffer[] = [];
  const int16 = (v: number) => parts.push(Buffer.from([(v >> 8) & 0xff, v & 0xff]));
  const int32 = (v: number) => {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v);
    parts.push(b);
  };
  const int64 = (v: number) => {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(BigInt(v));
    parts.push(b);
  };
  int16(0); // value version
  int64(7); // producer id
  int16(3); // epoch
  int32(60000); // timeout
  parts.push(Buffer.from([status]));
  if (partitions === null) int32(-1);
  else {
    int32(partitions.length);
    for (const p of partitions) {
      int16(p.topic.length);
      parts.push(Buffer.from(p.topic));
      int32(p.ids.length);
      for (const id of p.ids) int32(id);
    }
  }
  int64(2000); // last update
  int64(1000); // start
  return Buffer.concat(parts);
}

describe('__transaction_state records', () => {
  it('writes key v0 and value v0 as Kafka does, stamped with the update time', () => {
    const r = transactionLogRecord(ongoing, 2000);
    expect(r.key).toEqual(Buffer.from([0, 0, 0, 2, 0x74, 0x78]));
    expect(r.value).toEqual(kafkaValueV0(1, [{ topic: 'a', ids: [0, 2] }]));
    expect(r.timestamp).toBe(2000);
  });

  it('writes null partitions for Empty, an empty list for the Complete states, a tombstone for Dead', () => {
    const empty = { ...ongoing, state: 'Empty' as const, partitions: new Map() };
    expect(transactionLogRecord(empty, 0).value).toEqual(kafkaValueV0(0, null));
    const complete = { ...ongoing, state: 'CompleteCommit' as const, partitions: new Map() };
    expect(transactionLogRecord(complete, 0).value).toEqual(kafkaValueV0(4, []));
    expect(transactionLogRecord({ ...empty, state: 'Dead' }, 0).value).toBeNull();
  });

  it('reads back what it writes (the last epoch is not persisted, as in Kafka)', () => {
    const read = metadataFromRecord('tx', transactionLogRecord({ ...ongoing, lastProducerEpoch: 2 }, 0).value!);
    expect(read).toEqual(ongoing);
  });

  it('places an id at abs(String.hashCode) % partitions', () => {
    // "tx".hashCode() = 116 * 31 + 120 = 3716; Integer.MIN_VALUE maps to 0 as Kafka's Utils.abs does.
    expect(transactionPartitionFor('tx', 50)).toBe(16);
    expect(transactionPartitionFor('polygenelubricants', 50)).toBe(0);
  });
});

describe('the state machine', () => {
  it('allows exactly Kafka\'s transitions', () => {
    expect(isValidTransition('Empty', 'Ongoing')).toBe(true);
    expect(isValidTransition('Ongoing', 'PrepareCommit')).toBe(true);
    expect(isValidTransition('PrepareCommit', 'CompleteCommit')).toBe(true);
    expect(isValidTransition('CompleteCommit', 'Empty')).toBe(true);
    expect(isValidTransition('Ongoing', 'PrepareEpochFence')).toBe(true);
    expect(isValidTransition('PrepareEpochFence', 'PrepareAbort')).toBe(true);
    expect(isValidTransition('CompleteAbort', 'Dead')).toBe(true);
    expect(isValidTransition('Empty', 'PrepareCommit')).toBe(false);
    expect(isValidTransition('PrepareCommit', 'CompleteAbort')).toBe(false);
    expect(isValidTransition('Ongoing', 'Dead')).toBe(false);
    expect(() => transition(ongoing, { state: 'Empty' })).toThrow('TransactionalId tx failed transition to state Empty from Ongoing');
  });
});
