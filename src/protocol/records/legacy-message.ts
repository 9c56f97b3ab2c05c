// Message formats v0 and v1 (magic 0 and 1; Kafka's LegacyRecord and AbstractLegacyRecordBatch),
// which Produce v0-v2 and Fetch v0-v3 carry. kt never stores them: the broker converts them to
// v2 batches on produce and back on fetch. One log entry (a "message" with its log header):
//
//   offset     int64   absolute offset (an inner message of a magic 1 wrapper: relative, below)
//   size       int32   bytes of the message that follows
//   crc        uint32  CRC-32 (not 32C) of magic..end
//   magic      int8    0 or 1
//   attributes int8    bits 0-2 codec; bit 3 (magic 1 only) LogAppendTime
//   timestamp  int64   magic 1 only
//   key        int32 length (-1 = null) + bytes
//   value      int32 length (-1 = null) + bytes
//
// A compressed message is a wrapper: null key, its value the compressed message set of its inner
// (uncompressed) messages. The wrapper's offset is the last inner offset. Inner offsets are
// absolute for magic 0 and relative (0..n-1) for magic 1; a magic 1 LogAppendTime wrapper's
// timestamp is every inner message's timestamp.
import { crc32 } from 'node:zlib';
import { ErrorCode, KafkaError } from '../errors.js';
import { CompressionType } from './compression/compression-type.js';
import { compressLegacy, decompress } from './compression/index.js';
import { readInt64Number, writeInt64Number } from './int64.js';

/** Byte positions in a log entry. */
export const LEGACY_OFFSET = 0;
export const LEGACY_SIZE = 8;
export const LEGACY_CRC = 12;
export const LEGACY_MAGIC = 16;
export const LEGACY_ATTRIBUTES = 17;
export const LEGACY_TIMESTAMP = 18;
/** offset + size: the log header before every message. */
export const LEGACY_LOG_OVERHEAD = 12;
/** crc, magic, attributes and the two lengths: the smallest magic 0 message. */
export const RECORD_OVERHEAD_V0 = 14;
/** RECORD_OVERHEAD_V0 plus the timestamp. */
export const RECORD_OVERHEAD_V1 = 22;
export const LEGACY_CODEC_MASK = 0x07;
export const LEGACY_TIMESTAMP_TYPE_MASK = 0x08;

/** One parsed log entry; key and value are views into the parsed buffer. */
export interface LegacyMessage {
  /** The entry's offset as written (inner magic 1 offsets made absolute by readWrapper). */
  offset: number;
  /** Entry bytes: LEGACY_LOG_OVERHEAD + the message. */
  size: number;
  /** The CRC stored in the message. */
  crc: number;
  magic: number;
  attributes: number;
  /** -1 (no timestamp) for magic 0; for inner messages of a LogAppendTime wrapper, the wrapper's. */
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  /** Inner messages (readWrapper) only: the CRC their bytes give, to compare with `crc`. */
  computedCrc?: number;
}

/** A message set Kafka's record classes refuse: CORRUPT_MESSAGE or INVALID_RECORD, with Kafka's text. */
export class LegacyRecordError extends KafkaError {
  constructor(code: ErrorCode.CORRUPT_MESSAGE | ErrorCode.INVALID_RECORD, message: string) {
    super(code, message);
    this.name = 'LegacyRecordError';
  }
}

export function legacyCodec(attributes: number): CompressionType {
  return (attributes & LEGACY_CODEC_MASK) as CompressionType;
}

export function isLegacyLogAppendTime(magic: number, attributes: number): boolean {
  return magic > 0 && (attributes & LEGACY_TIMESTAMP_TYPE_MASK) !== 0;
}

/** The CRC-32 a message should carry: its bytes from the magic to the end. */
export function computeLegacyCrc(buf: Buffer, entryPosition: number, entrySize: number): number {
  return crc32(buf.subarray(entryPosition + LEGACY_MAGIC, entryPosition + entrySize));
}

/** Kafka's LegacyRecord.isValid: at least RECORD_OVERHEAD_V0 bytes and a matching CRC. */
export function isLegacyCrcValid(buf: Buffer, entryPosition: number, entrySize: number): boolean {
  return entrySize - LEGACY_LOG_OVERHEAD >= RECORD_OVERHEAD_V0 && buf.readUInt32BE(entryPosition + LEGACY_CRC) === computeLegacyCrc(buf, entryPosition, entrySize);
}

/**
 * Parses the entry of `entrySize` bytes at `pos` (its framing already checked). Null when its key
 * and value lengths do not fit inside the message.
 */
export function readLegacyMessage(buf: Buffer, pos: number, entrySize: number): LegacyMessage | null {
  const end = pos + entrySize;
  const magic = buf.readInt8(pos + LEGACY_MAGIC);
  const attributes = buf.readInt8(pos + LEGACY_ATTRIBUTES);
  let at = pos + LEGACY_TIMESTAMP;
  let timestamp = -1;
  if (magic > 0) {
    if (at + 8 > end) return null;
    timestamp = readInt64Number(buf, at);
    at += 8;
  }
  const readBytes = (): Buffer | null | undefined => {
    if (at + 4 > end) return undefined;
    const length = buf.readInt32BE(at);
    at += 4;
    if (length < 0) return null;
    if (length > end - at) return undefined;
    at += length;
    return buf.subarray(at - length, at);
  };
  const key = readBytes();
  if (key === undefined) return null;
  const value = readBytes();
  if (value === undefined) return null;
  return { offset: readInt64Number(buf, pos + LEGACY_OFFSET), size: entrySize, crc: buf.readUInt32BE(pos + LEGACY_CRC), magic, attributes, timestamp, key, value };
}

/**
 * The inner messages of a compressed wrapper, as Kafka's DeepRecordsIterator reads them: offsets
 * made absolute (magic 1), the wrapper's timestamp on each magic 1 inner message of a
 * LogAppendTime wrapper. A trailing partial entry is ignored. Throws LegacyRecordError with
 * Kafka's texts for a zstd or null-valued wrapper, an inner size below RECORD_OVERHEAD_V0, no
 * inner message, or an impossible magic 1 wrapper offset; CompressionError when the value does
 * not decompress, DecompressionLimitError when it would expand past `maxBytes` (given for
 * produced data). Inner CRCs, magics and codecs are the caller's to check.
 */
export function readWrapper(wrapper: LegacyMessage, maxBytes?: number): LegacyMessage[] {
  const codec = legacyCodec(wrapper.attributes);
  if (codec === CompressionType.Zstd) {
    // Kafka's text names the magic where it means the codec.
    throw new LegacyRecordError(ErrorCode.INVALID_RECORD, `Invalid wrapper compressionType found in legacy deep record iterator ${wrapper.magic}`);
  }
  if (wrapper.value === null) {
    throw new LegacyRecordError(ErrorCode.INVALID_RECORD, `Found invalid compressed record set with null value (magic = ${wrapper.magic})`);
  }
  const inner = decompress(codec, wrapper.value, maxBytes, wrapper.magic);
  const messages: LegacyMessage[] = [];
  for (let pos = 0; inner.length - pos >= LEGACY_LOG_OVERHEAD; ) {
    const messageSize = inner.readInt32BE(pos + LEGACY_SIZE);
    if (messageSize < RECORD_OVERHEAD_V0) {
      throw new LegacyRecordError(ErrorCode.CORRUPT_MESSAGE, `Record size is less than the minimum record overhead (${RECORD_OVERHEAD_V0})`);
    }
    const size = LEGACY_LOG_OVERHEAD + messageSize;
    if (size > inner.length - pos) break;
    const message = readLegacyMessage(inner, pos, size);
    if (message === null) throw new LegacyRecordError(ErrorCode.CORRUPT_MESSAGE, `Record at offset ${readInt64Number(inner, pos)} has key and value lengths that do not fit its size ${messageSize}`);
    message.computedCrc = computeLegacyCrc(inner, pos, size);
    messages.push(message);
    pos += size;
  }
  if (messages.length === 0) throw new LegacyRecordError(ErrorCode.INVALID_RECORD, 'Found invalid compressed record set with no inner records');
  if (wrapper.magic === 1) {
    const lastInner = messages.at(-1)!.offset;
    // Some librdkafka versions send a wrapper offset of 0: Kafka then takes inner offsets as they are.
    if (wrapper.offset !== 0 && wrapper.offset < lastInner) {
      throw new LegacyRecordError(
        ErrorCode.INVALID_RECORD,
        `Found invalid wrapper offset in compressed v1 message set, wrapper offset '${wrapper.offset}' is less than the last inner message offset '${lastInner}' and it is not zero.`,
      );
    }
    const base = wrapper.offset === 0 ? 0 : wrapper.offset - lastInner;
    const logAppendTime = isLegacyLogAppendTime(1, wrapper.attributes);
    for (const m of messages) {
      m.offset += base;
      if (logAppendTime && m.magic === 1) m.timestamp = wrapper.timestamp;
    }
  }
  return messages;
}

// ---------------------------------------------------------------- writing

/** Bytes of a message (without its log header). */
export function legacyMessageSize(magic: number, key: Buffer | null, value: Buffer | null): number {
  return (magic > 0 ? RECORD_OVERHEAD_V1 : RECORD_OVERHEAD_V0) + (key?.length ?? 0) + (value?.length ?? 0);
}

export interface LegacyMessageFields {
  offset: number;
  magic: 0 | 1;
  attributes: number;
  /** Written for magic 1 only. */
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
}

/** Writes the entry (log header and message, CRC sealed) at `pos`; returns the position after it. */
export function writeLegacyMessage(buf: Buffer, pos: number, m: LegacyMessageFields): number {
  const messageSize = legacyMessageSize(m.magic, m.key, m.value);
  writeInt64Number(buf, m.offset, pos + LEGACY_OFFSET);
  buf.writeInt32BE(messageSize, pos + LEGACY_SIZE);
  buf.writeInt8(m.magic, pos + LEGACY_MAGIC);
  buf.writeInt8(m.attributes, pos + LEGACY_ATTRIBUTES);
  let at = pos + LEGACY_TIMESTAMP;
  if (m.magic > 0) {
    writeInt64Number(buf, m.timestamp, at);
    at += 8;
  }
  for (const bytes of [m.key, m.value]) {
    buf.writeInt32BE(bytes === null ? -1 : bytes.length, at);
    at += 4;
    if (bytes !== null) at += bytes.copy(buf, at);
  }
  const size = LEGACY_LOG_OVERHEAD + messageSize;
  buf.writeUInt32BE(computeLegacyCrc(buf, pos, size), pos + LEGACY_CRC);
  return pos + size;
}

/** A record to write into a legacy message set. */
export interface LegacyRecordInput {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
}

export interface LegacyMessageSetOptions {
  magic: 0 | 1;
  /** None: one message per record; another codec: one wrapper holding them all. Never zstd. */
  codec: CompressionType;
  /** Set for LogAppendTime: every magic 1 message then carries it and the timestamp-type bit. */
  logAppendTime: number | null;
}

/**
 * Writes records as Kafka's MemoryRecordsBuilder does for magic 0/1: uncompressed, one message
 * per record at its absolute offset; compressed, one wrapper at the last record's offset whose
 * timestamp is the LogAppendTime or the largest record timestamp, holding inner messages at
 * absolute (magic 0) or relative-to-the-first-record (magic 1) offsets. `records` must not be empty.
 */
export function encodeLegacyMessageSet(records: readonly LegacyRecordInput[], opts: LegacyMessageSetOptions): Buffer {
  const { magic, codec, logAppendTime } = opts;
  const typeBit = magic > 0 && logAppendTime !== null ? LEGACY_TIMESTAMP_TYPE_MASK : 0;
  const timestampOf = (r: LegacyRecordInput) => (logAppendTime !== null ? logAppendTime : r.timestamp);
  const baseOffset = records[0]!.offset;
  const innerOffset = (offset: number) => (codec !== CompressionType.None && magic > 0 ? offset - baseOffset : offset);
  let total = 0;
  for (const r of records) total += LEGACY_LOG_OVERHEAD + legacyMessageSize(magic, r.key, r.value);
  const plain = Buffer.allocUnsafe(total);
  let pos = 0;
  for (const r of records) pos = writeLegacyMessage(plain, pos, { offset: innerOffset(r.offset), magic, attributes: typeBit, timestamp: timestampOf(r), key: r.key, value: r.value });
  if (codec === CompressionType.None) return plain;

  let maxTimestamp = -1;
  for (const r of records) maxTimestamp = Math.max(maxTimestamp, timestampOf(r));
  const value = compressLegacy(codec, plain, magic);
  const wrapper = Buffer.allocUnsafe(LEGACY_LOG_OVERHEAD + legacyMessageSize(magic, null, value));
  writeLegacyMessage(wrapper, 0, { offset: records.at(-1)!.offset, magic, attributes: codec | typeBit, timestamp: maxTimestamp, key: null, value });
  return wrapper;
}
