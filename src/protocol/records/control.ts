// Control records (Kafka's ControlRecordType / EndTransactionMarker). A control batch has the
// transactional and control attribute bits set and exactly one record whose
//   key   = version int16 (0), type int16
//   value = version int16 (0), coordinatorEpoch int32       (for ABORT / COMMIT markers)
// Consumers never hand control records to the application.
import { TimestampType } from '../../storage/batch-header.js';
import { CompressionType } from './compression/compression-type.js';
import { encodeRecordBatch, type DecodedBatch } from './record-batch.js';

export enum ControlRecordType {
  Abort = 0,
  Commit = 1,
  // KRaft's own logs; a broker without KRaft only sees them if it loads such logs.
  LeaderChange = 2,
  SnapshotHeader = 3,
  SnapshotFooter = 4,
  KraftVersion = 5,
  KraftVoters = 6,
}

const CURRENT_VERSION = 0;
const KEY_SIZE = 4;
const END_TXN_MARKER_VALUE_SIZE = 6;

export interface ControlRecordKey {
  version: number;
  /** The raw type; compare with ControlRecordType. Unknown types should be skipped. */
  type: number;
}

export interface EndTxnMarker {
  type: ControlRecordType.Abort | ControlRecordType.Commit;
  coordinatorEpoch: number;
}

export function encodeControlRecordKey(type: ControlRecordType): Buffer {
  const key = Buffer.alloc(KEY_SIZE);
  key.writeInt16BE(CURRENT_VERSION, 0);
  key.writeInt16BE(type, 2);
  return key;
}

/** Reads a control record key. A higher version is read as v0 (fields are only appended). */
export function decodeControlRecordKey(key: Buffer): ControlRecordKey {
  if (key.length < KEY_SIZE) throw new RangeError(`Control record key has ${key.length} bytes, needs ${KEY_SIZE}`);
  const version = key.readInt16BE(0);
  if (version < 0) throw new RangeError(`Invalid negative control record key version ${version}`);
  return { version, type: key.readInt16BE(2) };
}

export function encodeEndTxnMarkerValue(coordinatorEpoch: number): Buffer {
  const value = Buffer.alloc(END_TXN_MARKER_VALUE_SIZE);
  value.writeInt16BE(CURRENT_VERSION, 0);
  value.writeInt32BE(coordinatorEpoch, 2);
  return value;
}

/** Reads an ABORT/COMMIT marker value; extra bytes from newer versions are ignored. */
export function decodeEndTxnMarkerValue(value: Buffer): { version: number; coordinatorEpoch: number } {
  if (value.length < END_TXN_MARKER_VALUE_SIZE) throw new RangeError(`End transaction marker value has ${value.length} bytes, needs ${END_TXN_MARKER_VALUE_SIZE}`);
  const version = value.readInt16BE(0);
  if (version < 0) throw new RangeError(`Invalid negative end transaction marker version ${version}`);
  return { version, coordinatorEpoch: value.readInt32BE(2) };
}

export interface ControlBatchOptions {
  type: ControlRecordType.Abort | ControlRecordType.Commit;
  producerId: number;
  producerEpoch: number;
  coordinatorEpoch: number;
  /** The marker's timestamp (Kafka uses the time the marker is written). */
  timestamp: number;
  baseOffset?: number;
  partitionLeaderEpoch?: number;
}

/** Encodes a transaction marker batch: transactional + control, one record, uncompressed. */
export function encodeControlBatch(opts: ControlBatchOptions): Buffer {
  return encodeRecordBatch({
    baseOffset: opts.baseOffset ?? 0,
    partitionLeaderEpoch: opts.partitionLeaderEpoch ?? -1,
    records: [{ timestamp: opts.timestamp, key: encodeControlRecordKey(opts.type), value: encodeEndTxnMarkerValue(opts.coordinatorEpoch), headers: [] }],
    compression: CompressionType.None,
    timestampType: TimestampType.CreateTime,
    producerId: opts.producerId,
    producerEpoch: opts.producerEpoch,
    baseSequence: -1,
    isTransactional: true,
    isControl: true,
  });
}

/**
 * The ABORT/COMMIT marker of a decoded control batch, or null when the batch is not a control
 * batch or holds another (e.g. KRaft or unknown) control record type.
 */
export function readEndTxnMarker(batch: DecodedBatch): EndTxnMarker | null {
  if (!batch.isControl || batch.records.length === 0) return null;
  const record = batch.records[0]!;
  if (record.key === null) throw new RangeError('Control record has a null key');
  const { type } = decodeControlRecordKey(record.key);
  if (type !== ControlRecordType.Abort && type !== ControlRecordType.Commit) return null;
  if (record.value === null) throw new RangeError('End transaction marker has a null value');
  return { type, coordinatorEpoch: decodeEndTxnMarkerValue(record.value).coordinatorEpoch };
}
