// What DumpLogSegments appends to a control record's line: the transaction marker, KRaft's
// snapshot/version/voters records as JSON, or `controlType: <TYPE>(<id>)` for other types.
import { messageCodec, messageVersions } from '../../protocol/codec.js';
import { Reader } from '../../protocol/primitives.js';
import { JavaException } from './java.js';
import { messageToJson, stringifyJson } from './json.js';

/** Kafka's ControlRecordType names by id; anything else is UNKNOWN. */
const CONTROL_TYPES = ['ABORT', 'COMMIT', 'LEADER_CHANGE', 'SNAPSHOT_HEADER', 'SNAPSHOT_FOOTER', 'KRAFT_VERSION', 'KRAFT_VOTERS'];

/** Control types printed as ` <Label> <json>`, with the schema of their value. */
const JSON_RECORDS: Readonly<Record<string, { label: string; schema: string }>> = {
  SNAPSHOT_HEADER: { label: 'SnapshotHeader', schema: 'SnapshotHeaderRecord' },
  SNAPSHOT_FOOTER: { label: 'SnapshotFooter', schema: 'SnapshotFooterRecord' },
  KRAFT_VERSION: { label: 'KRaftVersion', schema: 'KRaftVersionRecord' },
  KRAFT_VOTERS: { label: 'KRaftVoters', schema: 'VotersRecord' },
};

function invalidRecord(message: string): JavaException {
  return new JavaException('org.apache.kafka.common.InvalidRecordException', message);
}

/** ControlRecordType.parseTypeId. */
function parseTypeId(key: Buffer | null): number {
  if (key === null) throw new JavaException('java.lang.NullPointerException');
  if (key.length < 4) throw invalidRecord(`Invalid value size found for end control record key. Must have at least 4 bytes, but found only ${key.length}`);
  const version = key.readInt16BE(0);
  if (version < 0) throw invalidRecord(`Invalid version found for control record: ${version}. May indicate data corruption`);
  return key.readInt16BE(2);
}

/** The text after a control record's metadata, starting with a space. */
export function describeControlRecord(key: Buffer | null, value: Buffer | null): string {
  const typeId = parseTypeId(key);
  const type = CONTROL_TYPES[typeId] ?? 'UNKNOWN';
  if (type === 'ABORT' || type === 'COMMIT') return ` endTxnMarker: ${type} coordinatorEpoch: ${endTxnCoordinatorEpoch(value)}`;
  const json = JSON_RECORDS[type];
  if (json !== undefined) return ` ${json.label} ${kraftRecordJson(json.schema, value)}`;
  return ` controlType: ${type}(${typeId})`;
}

/** EndTransactionMarker.deserialize: version int16 (>= 0), coordinatorEpoch int32. */
function endTxnCoordinatorEpoch(value: Buffer | null): number {
  if (value === null) throw new JavaException('java.lang.NullPointerException');
  if (value.length >= 2 && value.readInt16BE(0) < 0) {
    throw invalidRecord(`Invalid version found for end transaction marker: ${value.readInt16BE(0)}. May indicate data corruption`);
  }
  if (value.length < 6) throw invalidRecord(`Invalid value size found for end transaction marker. Must have at least 6 bytes, but found only ${value.length}`);
  return value.readInt32BE(2);
}

/** ControlRecordUtils' readers (int16 version, then the record) and the record's JSON at its own Version field. */
function kraftRecordJson(schema: string, value: Buffer | null): string {
  if (value === null) throw new JavaException('java.lang.NullPointerException');
  if (value.length < 2) throw new JavaException('java.nio.BufferUnderflowException');
  const version = value.readInt16BE(0);
  const [, max] = messageVersions(schema);
  const record = messageCodec(schema, Math.min(Math.max(version, 0), max)).read(new Reader(value, 2));
  const jsonVersion = typeof record.version === 'number' ? record.version : version;
  return stringifyJson(messageToJson(schema, jsonVersion, record));
}
