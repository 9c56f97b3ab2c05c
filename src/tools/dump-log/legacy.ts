// Legacy messages (magic 0 and 1), which Kafka still reads: an uncompressed message is its own
// single record; a compressed one wraps a message set in its value (Kafka's DeepRecordsIterator:
// magic 1 inner offsets are relative to the wrapper's, which holds the last inner offset, and a
// LogAppendTime wrapper's timestamp overrides the inner ones).
import { decompress } from '../../protocol/records/compression/index.js';
import { JavaException, javaCrc32 } from './java.js';
import { LOG_OVERHEAD } from '../../storage/batch-header.js';

/** A legacy message as the dump prints it: offset, timestamp, key, value, validity and CRC. */
export interface LegacyRecord {
  offset: bigint;
  timestamp: bigint;
  key: Buffer | null;
  value: Buffer | null;
  isValid: boolean;
  crc: number;
}

interface ParsedMessage extends LegacyRecord {
  magic: number;
  attributes: number;
}

/** Parses the message whose log entry (offset, size, message) starts at `pos` and spans `size` bytes. */
function parseMessage(buf: Buffer, pos: number, size: number): ParsedMessage {
  const end = pos + size;
  const offset = buf.readBigInt64BE(pos);
  const crc = buf.readUInt32BE(pos + LOG_OVERHEAD);
  const magic = buf.readInt8(pos + LOG_OVERHEAD + 4);
  const attributes = buf.readInt8(pos + LOG_OVERHEAD + 5);
  let at = pos + LOG_OVERHEAD + 6;
  let timestamp = -1n;
  if (magic > 0) {
    timestamp = buf.readBigInt64BE(at);
    at += 8;
  }
  const readBytes = (): Buffer | null => {
    if (at + 4 > end) throw corrupt('Message is truncated');
    const length = buf.readInt32BE(at);
    at += 4;
    if (length < 0) return null;
    if (at + length > end) throw corrupt('Message is truncated');
    const bytes = buf.subarray(at, at + length);
    at += length;
    return bytes;
  };
  const key = readBytes();
  const value = readBytes();
  const isValid = javaCrc32(buf.subarray(pos + LOG_OVERHEAD + 4, end)) === crc;
  return { offset, timestamp, key, value, isValid, crc, magic, attributes };
}

function corrupt(message: string): JavaException {
  return new JavaException('org.apache.kafka.common.errors.CorruptRecordException', message);
}

/** The records of one legacy log entry (`bytes` holds exactly the entry). */
export function legacyRecords(bytes: Buffer): LegacyRecord[] {
  const wrapper = parseMessage(bytes, 0, bytes.length);
  const codec = wrapper.attributes & 0x07;
  if (codec === 0) return [wrapper];
  if (wrapper.value === null) throw corrupt('Found invalid compressed record set with null value');
  // Magic 0 lz4 carries old Kafka's wrong frame-header checksum, which Kafka's reader skips.
  const inner = decompress(codec, wrapper.value, undefined, wrapper.magic);
  const messages: ParsedMessage[] = [];
  for (let pos = 0; pos + LOG_OVERHEAD <= inner.length; ) {
    const size = LOG_OVERHEAD + inner.readInt32BE(pos + 8);
    if (pos + size > inner.length) break;
    messages.push(parseMessage(inner, pos, size));
    pos += size;
  }
  if (wrapper.magic > 0 && messages.length > 0) {
    const base = wrapper.offset - messages.at(-1)!.offset;
    for (const m of messages) m.offset += base;
  }
  if (wrapper.magic > 0 && wrapper.attributes & 0x08) for (const m of messages) m.timestamp = wrapper.timestamp;
  return messages;
}
