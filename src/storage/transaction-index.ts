// A segment's aborted-transaction index `<base>.txnindex` (Kafka's TransactionIndex): append-only
// 34-byte entries, one per aborted transaction whose ABORT marker is in the segment:
//   version int16 (0), producerId int64, firstOffset int64, lastOffset int64, lastStableOffset int64.
// The broker appends one per ABORT marker (src/broker/log/txn-index.ts); kt dump-log reads them
// and Kafka's. Fields are read as the exact int64 stored.
import { int64BigInt } from '../protocol/records/int64.js';

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

/** One entry's 34 bytes (Kafka's AbortedTxn, version 0). */
export function encodeAbortedTxn(entry: { producerId: number; firstOffset: number; lastOffset: number; lastStableOffset: number }): Buffer {
  const buf = Buffer.alloc(ABORTED_TXN_ENTRY_SIZE);
  buf.writeInt16BE(ABORTED_TXN_VERSION, 0);
  buf.writeBigInt64BE(int64BigInt(entry.producerId), 2);
  buf.writeBigInt64BE(BigInt(entry.firstOffset), 10);
  buf.writeBigInt64BE(BigInt(entry.lastOffset), 18);
  buf.writeBigInt64BE(BigInt(entry.lastStableOffset), 26);
  return buf;
}
