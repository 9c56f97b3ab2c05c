// A segment's aborted-transaction index `<base>.txnindex` (Kafka's TransactionIndex): append-only
// 34-byte entries, one per aborted transaction whose ABORT marker is in the segment:
//   version int16 (0), producerId int64, firstOffset int64, lastOffset int64, lastStableOffset int64.
// kt's broker writes none yet (no transactions); kt dump-log reads Kafka's. Fields are read as
// the exact int64 stored.

export const ABORTED_TXN_ENTRY_SIZE = 34;
export const ABORTED_TXN_VERSION = 0;

export interface AbortedTxnEntry {
  version: number;
  producerId: bigint;
  firstOffset: bigint;
  lastOffset: bigint;
  lastStableOffset: bigint;
}

export function readAbortedTxn(index: Buffer, slot: number): AbortedTxnEntry {
  const at = slot * ABORTED_TXN_ENTRY_SIZE;
  return {
    version: index.readInt16BE(at),
    producerId: index.readBigInt64BE(at + 2),
    firstOffset: index.readBigInt64BE(at + 10),
    lastOffset: index.readBigInt64BE(at + 18),
    lastStableOffset: index.readBigInt64BE(at + 26),
  };
}
