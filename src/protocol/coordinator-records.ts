// Codecs for Kafka's free-standing structures (schemas of type "data"): the consumer protocol
// subscription/assignment carried as opaque bytes in JoinGroup/SyncGroup, and the records of
// __consumer_offsets and __transaction_state (formats.md §6).
import type { DeepPartial } from './api.js';
import { decodeMessage, encodeMessage, messageCodec, messageVersions } from './codec.js';
import { ProtocolError } from './errors.js';
import { OFFSETS_RECORD_TYPES, type DataMap, type OffsetsRecordKeyMap, type OffsetsRecordValueMap } from './generated/api-keys.js';
import type { ConsumerProtocolAssignment, ConsumerProtocolSubscription, TransactionLogKey, TransactionLogValue } from './generated/types.js';
import { Reader, Writer } from './primitives.js';

export { OFFSETS_RECORD_TYPES, type DataMap, type OffsetsRecordKeyMap, type OffsetsRecordValueMap };

export type DataName = keyof DataMap;

/** Encodes a data structure at a version, without any version prefix. */
export function encodeData<N extends DataName>(name: N, version: number, value: DeepPartial<DataMap[N]>): Buffer {
  return encodeMessage(name, version, value);
}

/** Decodes a whole buffer as a data structure at a version. */
export function decodeData<N extends DataName>(name: N, version: number, buf: Buffer): DataMap[N] {
  return decodeMessage(name, version, buf) as unknown as DataMap[N];
}

/** Encodes `int16 version` followed by the structure at that version. */
export function encodeVersioned<N extends DataName>(name: N, version: number, value: DeepPartial<DataMap[N]>): Buffer {
  const codec = messageCodec(name, version);
  const w = new Writer();
  w.int16(version);
  codec.write(w, value);
  return w.toBuffer();
}

/**
 * Decodes `int16 version` + structure. A version newer than the schema's is decoded with the
 * newest known layout and trailing bytes are ignored, as Kafka's consumer protocol does: newer
 * versions only append fields.
 */
export function decodeVersioned<N extends DataName>(name: N, buf: Buffer): { version: number; value: DataMap[N] } {
  const r = new Reader(buf);
  const version = r.int16();
  const [, max] = messageVersions(name);
  const value = messageCodec(name, Math.min(version, max)).read(r) as unknown as DataMap[N];
  if (version <= max && r.pos !== r.end) throw new ProtocolError(`${name} v${version}: ${r.end - r.pos} bytes left over`);
  return { version, value };
}

// ---------------------------------------------------------------------------------------------
// Consumer protocol (JoinGroup metadata / SyncGroup assignment of protocol type "consumer")

export const CONSUMER_PROTOCOL_VERSION = messageVersions('ConsumerProtocolSubscription')[1];

export function encodeConsumerSubscription(value: DeepPartial<ConsumerProtocolSubscription>, version = CONSUMER_PROTOCOL_VERSION): Buffer {
  return encodeVersioned('ConsumerProtocolSubscription', version, value);
}

export function decodeConsumerSubscription(buf: Buffer): { version: number; value: ConsumerProtocolSubscription } {
  return decodeVersioned('ConsumerProtocolSubscription', buf);
}

export function encodeConsumerAssignment(value: DeepPartial<ConsumerProtocolAssignment>, version = CONSUMER_PROTOCOL_VERSION): Buffer {
  return encodeVersioned('ConsumerProtocolAssignment', version, value);
}

export function decodeConsumerAssignment(buf: Buffer): { version: number; value: ConsumerProtocolAssignment } {
  return decodeVersioned('ConsumerProtocolAssignment', buf);
}

// ---------------------------------------------------------------------------------------------
// __consumer_offsets: the key's int16 version is the record type and selects both schemas.

export type OffsetsRecordType = keyof OffsetsRecordKeyMap;

/** A decoded __consumer_offsets key; `recordType` narrows `key`. */
export type OffsetsRecordKey = { [T in OffsetsRecordType]: { recordType: T; key: OffsetsRecordKeyMap[T] } }[OffsetsRecordType];

function recordSchemas(recordType: number): { key: DataName; value: DataName } {
  const schemas = OFFSETS_RECORD_TYPES[recordType];
  if (schemas === undefined) throw new ProtocolError(`unknown __consumer_offsets record type ${recordType}`);
  return schemas;
}

export function encodeOffsetsRecordKey<T extends OffsetsRecordType>(recordType: T, key: DeepPartial<OffsetsRecordKeyMap[T]>): Buffer {
  return encodeVersioned(recordSchemas(recordType).key, recordType, key as never);
}

export function decodeOffsetsRecordKey(buf: Buffer): OffsetsRecordKey {
  const r = new Reader(buf);
  const recordType = r.int16();
  const key = decodeData(recordSchemas(recordType).key, recordType, buf.subarray(2));
  return { recordType, key } as OffsetsRecordKey;
}

export function encodeOffsetsRecordValue<T extends OffsetsRecordType>(
  recordType: T,
  valueVersion: number,
  value: DeepPartial<OffsetsRecordValueMap[T]>,
): Buffer {
  return encodeVersioned(recordSchemas(recordType).value, valueVersion, value as never);
}

/** Decodes a value given the record type from its key (values newer than the schema: see decodeVersioned). */
export function decodeOffsetsRecordValue<T extends OffsetsRecordType>(recordType: T, buf: Buffer): { version: number; value: OffsetsRecordValueMap[T] } {
  return decodeVersioned(recordSchemas(recordType).value, buf) as { version: number; value: OffsetsRecordValueMap[T] };
}

// ---------------------------------------------------------------------------------------------
// __transaction_state: key TransactionLogKey v0, value TransactionLogValue v0 or v1 (flexible).

export function encodeTransactionLogKey(key: DeepPartial<TransactionLogKey>): Buffer {
  return encodeVersioned('TransactionLogKey', 0, key);
}

export function decodeTransactionLogKey(buf: Buffer): TransactionLogKey {
  return decodeVersioned('TransactionLogKey', buf).value;
}

export function encodeTransactionLogValue(version: number, value: DeepPartial<TransactionLogValue>): Buffer {
  return encodeVersioned('TransactionLogValue', version, value);
}

export function decodeTransactionLogValue(buf: Buffer): { version: number; value: TransactionLogValue } {
  return decodeVersioned('TransactionLogValue', buf);
}
