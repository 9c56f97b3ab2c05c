// The records of one batch as DumpLogSegments iterates them (deep iteration), in any format.
import { RecordBatchDecodeError, decodeRecordBatches } from '../../protocol/records/record-batch.js';
import { incrementSequence } from './batch.js';
import type { FileBatch } from './file-records.js';
import { JavaException } from './java.js';
import { legacyRecords } from './legacy.js';

export interface DumpRecord {
  offset: bigint;
  timestamp: bigint;
  key: Buffer | null;
  value: Buffer | null;
  /** v2 only: the record's sequence and header keys. */
  v2?: { sequence: number; headerKeys: string[] };
  /** v0/v1 only: the message's own validity and CRC. */
  legacy?: { isValid: boolean; crc: number };
}

/** Every record of the batch (Kafka's `for (record <- batch.asScala)`), decompressing as needed. */
export function recordsOf(batch: FileBatch): DumpRecord[] {
  const bytes = batch.bytes.subarray(0, batch.sizeInBytes);
  if (batch.magic < 2) {
    return legacyRecords(bytes).map((r) => ({ offset: r.offset, timestamp: r.timestamp, key: r.key, value: r.value, legacy: { isValid: r.isValid, crc: r.crc } }));
  }
  let decoded;
  try {
    decoded = decodeRecordBatches(bytes, { verifyCrc: false })[0];
  } catch (e) {
    if (e instanceof RecordBatchDecodeError) throw new JavaException('org.apache.kafka.common.InvalidRecordException', e.message);
    throw e;
  }
  if (decoded === undefined) return [];
  const baseSequence = decoded.baseSequence;
  return decoded.records.map((r) => ({
    offset: BigInt(r.offset),
    timestamp: BigInt(r.timestamp),
    key: r.key,
    value: r.value,
    v2: {
      sequence: baseSequence >= 0 ? incrementSequence(baseSequence, r.offsetDelta) : -1,
      headerKeys: r.headers.map((h) => h.key),
    },
  }));
}
