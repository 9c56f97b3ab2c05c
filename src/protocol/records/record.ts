// One record inside a v2 batch (Kafka's DefaultRecord):
//   length varint, attributes int8 (0), timestampDelta varlong, offsetDelta varint,
//   key (varint length, -1 = null), value (same), headers count varint, then per header
//   key (varint length >= 0, UTF-8) and value (varint length, -1 = null).
import { type Cursor, readVarint, readVarlong, sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from './varint.js';

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

/** A record to encode. Named KafkaRecord so it does not shadow TypeScript's Record<K, V>. */
export interface KafkaRecord {
  /** Offset relative to the batch's baseOffset; defaults to the record's index in the batch. */
  offsetDelta?: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers?: RecordHeader[];
}

/** A decoded record with its offset and timestamp resolved against the batch header. */
export interface DecodedRecord {
  offset: number;
  offsetDelta: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

function sizeOfNullableBytes(bytes: Buffer | null): number {
  return bytes === null ? 1 : sizeOfVarint(bytes.length) + bytes.length;
}

/** Bytes of the record after its length prefix. `headerKeys` holds the UTF-8 header keys. */
function bodySize(record: KafkaRecord, timestampDelta: number, offsetDelta: number, headerKeys: Buffer[]): number {
  let size = 1 + sizeOfVarlong(timestampDelta) + sizeOfVarint(offsetDelta);
  size += sizeOfNullableBytes(record.key) + sizeOfNullableBytes(record.value);
  const headers = record.headers ?? [];
  size += sizeOfVarint(headers.length);
  for (let i = 0; i < headers.length; i++) {
    size += sizeOfNullableBytes(headerKeys[i]!) + sizeOfNullableBytes(headers[i]!.value);
  }
  return size;
}

/** A record measured and ready to be written; measuring first lets the batch allocate once. */
export interface SizedRecord {
  record: KafkaRecord;
  timestampDelta: number;
  offsetDelta: number;
  headerKeys: Buffer[];
  bodySize: number;
  /** length prefix + body */
  totalSize: number;
}

export function sizeRecord(record: KafkaRecord, timestampDelta: number, offsetDelta: number): SizedRecord {
  const headerKeys = (record.headers ?? []).map((header) => Buffer.from(header.key, 'utf8'));
  const size = bodySize(record, timestampDelta, offsetDelta, headerKeys);
  return { record, timestampDelta, offsetDelta, headerKeys, bodySize: size, totalSize: sizeOfVarint(size) + size };
}

function writeNullableBytes(buf: Buffer, bytes: Buffer | null, pos: number): number {
  if (bytes === null) return writeVarint(buf, -1, pos);
  pos = writeVarint(buf, bytes.length, pos);
  return pos + bytes.copy(buf, pos);
}

/** Writes a sized record at `pos`; returns the position after it. */
export function writeRecord(buf: Buffer, sized: SizedRecord, pos: number): number {
  const { record } = sized;
  pos = writeVarint(buf, sized.bodySize, pos);
  buf[pos++] = 0; // attributes: unused
  pos = writeVarlong(buf, sized.timestampDelta, pos);
  pos = writeVarint(buf, sized.offsetDelta, pos);
  pos = writeNullableBytes(buf, record.key, pos);
  pos = writeNullableBytes(buf, record.value, pos);
  const headers = record.headers ?? [];
  pos = writeVarint(buf, headers.length, pos);
  for (let i = 0; i < headers.length; i++) {
    pos = writeNullableBytes(buf, sized.headerKeys[i]!, pos);
    pos = writeNullableBytes(buf, headers[i]!.value, pos);
  }
  return pos;
}

function readNullableBytes(buf: Buffer, cursor: Cursor, end: number, what: string): Buffer | null {
  const length = readVarint(buf, cursor);
  if (length < 0) return null;
  const start = cursor.pos;
  if (length > end - start) throw new RangeError(`Record ${what} of ${length} bytes runs past the record`);
  cursor.pos = start + length;
  return buf.subarray(start, start + length);
}

/**
 * Reads one record at cursor.pos (key, value and header values are views into `buf`).
 * Offset and timestamp are resolved from the batch's baseOffset and baseTimestamp, or set to
 * `logAppendTime` when the batch is LogAppendTime (pass null otherwise).
 */
export function readRecord(buf: Buffer, cursor: Cursor, baseOffset: number, baseTimestamp: number, logAppendTime: number | null): DecodedRecord {
  const length = readVarint(buf, cursor);
  const start = cursor.pos;
  const end = start + length;
  if (length < 1 || end > buf.length) throw new RangeError(`Record length ${length} does not fit in the batch`);
  cursor.pos++; // attributes: unused
  const timestampDelta = readVarlong(buf, cursor);
  const offsetDelta = readVarint(buf, cursor);
  const key = readNullableBytes(buf, cursor, end, 'key');
  const value = readNullableBytes(buf, cursor, end, 'value');
  const headerCount = readVarint(buf, cursor);
  if (headerCount < 0) throw new RangeError(`Invalid negative header count ${headerCount}`);
  const headers: RecordHeader[] = [];
  for (let i = 0; i < headerCount; i++) {
    const headerKey = readNullableBytes(buf, cursor, end, 'header key');
    if (headerKey === null) throw new RangeError('Invalid null header key');
    headers.push({ key: headerKey.toString('utf8'), value: readNullableBytes(buf, cursor, end, 'header value') });
  }
  if (cursor.pos !== end) throw new RangeError(`Record declared ${length} bytes but its fields take ${cursor.pos - start}`);
  return {
    offset: baseOffset + offsetDelta,
    offsetDelta,
    timestamp: logAppendTime ?? baseTimestamp + timestampDelta,
    key,
    value,
    headers,
  };
}
