// --offsets-decoder: __consumer_offsets records as DumpLogSegments' OffsetsMessageParser prints
// them (GroupCoordinatorRecordSerde + the generated JSON converters):
//   key     {"type":"<record type>","data":{...key fields...}}
//   payload {"version":"<value version>","data":{...value fields...}}, or <DELETE> for a tombstone
// In group metadata of protocol type "consumer", each member's subscription and assignment bytes
// are replaced by their decoded JSON (kept as base64 when they do not decode).
import { messageCodec, messageVersions } from '../../protocol/codec.js';
import { OFFSETS_RECORD_TYPES } from '../../protocol/coordinator-records.js';
import { Reader } from '../../protocol/primitives.js';
import type { ParseResult } from './decoders.js';
import { JavaException } from './java.js';
import { messageToJson, stringifyJson, type JsonObject, type JsonValue } from './json.js';
import type { DumpRecord } from './records.js';

const CONSUMER_PROTOCOL_TYPE = 'consumer';

export function parseOffsetsRecord(record: DumpRecord): ParseResult {
  if (record.key === null) {
    throw new JavaException('java.lang.RuntimeException', `Failed to decode message at offset ${record.offset} using offset topic decoder (message had a missing key)`);
  }
  try {
    const recordType = readVersion(record.key, 'key');
    const schemas = OFFSETS_RECORD_TYPES[recordType];
    if (schemas === undefined) return { key: `Unknown record type ${recordType} at offset ${record.offset}, skipping.`, payload: null };
    const key = readMessage(schemas.key, record.key, recordType, 'key');
    let payload = '<DELETE>';
    if (record.value !== null) {
      const valueVersion = readVersion(record.value, 'value');
      const value = readMessage(schemas.value, record.value, valueVersion, 'value');
      const data = messageToJson(schemas.value, valueVersion, value);
      if (schemas.value === 'GroupMetadataValue') decodeConsumerProtocolFields(data);
      payload = stringifyJson(new Map<string, JsonValue>([['version', String(valueVersion)], ['data', data]]));
    }
    const keyJson = new Map<string, JsonValue>([['type', String(recordType)], ['data', messageToJson(schemas.key, recordType, key)]]);
    return { key: stringifyJson(keyJson), payload };
  } catch (e) {
    return { key: `Error at offset ${record.offset}, skipping. ${e instanceof Error ? e.message : String(e)}`, payload: null };
  }
}

/** CoordinatorRecordSerde.readVersion. */
function readVersion(buf: Buffer, name: string): number {
  if (buf.length < 2) throw new Error(`Could not read version from ${name}'s buffer.`);
  return buf.readInt16BE(0);
}

/** CoordinatorRecordSerde.readMessage: the structure after the version, at that version. */
function readMessage(schema: string, buf: Buffer, version: number, name: string): Record<string, unknown> {
  try {
    return readData(schema, buf.subarray(2), version);
  } catch (e) {
    throw new Error(`Could not read record with version ${version} from ${name}'s buffer due to: ${e instanceof Error ? e.message : String(e)}.`);
  }
}

/** Reads a structure like Kafka's generated readers: newer versions with the newest layout, extra bytes ignored. */
function readData(schema: string, buf: Buffer, version: number): Record<string, unknown> {
  const [min, max] = messageVersions(schema);
  if (version < min) throw new Error(`Can't read version ${version} of ${schema}`);
  return messageCodec(schema, Math.min(version, max)).read(new Reader(buf));
}

/** prepareGroupMetadataValue: the consumer protocol's subscription and assignment as JSON. */
function decodeConsumerProtocolFields(data: JsonObject): void {
  if (data.get('protocolType') !== CONSUMER_PROTOCOL_TYPE) return;
  const members = data.get('members');
  if (!Array.isArray(members)) return;
  for (const member of members) {
    if (!(member instanceof Map)) continue;
    replaceWithDecoded(member, 'subscription', 'ConsumerProtocolSubscription');
    replaceWithDecoded(member, 'assignment', 'ConsumerProtocolAssignment');
  }
}

function replaceWithDecoded(member: JsonObject, field: string, schema: string): void {
  const bytes = member.get(field);
  if (!Buffer.isBuffer(bytes)) return;
  try {
    const version = readVersion(bytes, field);
    member.set(field, messageToJson(schema, version, readData(schema, bytes.subarray(2), version)));
  } catch {
    // Kafka swallows the failure and keeps the original bytes.
  }
}
