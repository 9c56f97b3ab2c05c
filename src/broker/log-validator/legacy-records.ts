// Produce v0-v2 carrying message format v0/v1 (magic 0 and 1). Kafka 3.9's leader checks them in
// UnifiedLog.analyzeAndValidateRecords and LogValidator, and since a KRaft log's format is v2
// (toMagic 2) it always converts them: every message becomes a record of ONE v2 batch, with the
// message's timestamp (-1, Kafka's NO_TIMESTAMP, for magic 0), key and value, no headers, no
// producer id. The batch's codec is the topic's compression.type, or with `producer` the codec of
// the wrapper (uncompressed messages stay uncompressed). Offsets are the log's to assign; a
// LogAppendTime topic stamps the batch afterwards like any v2 batch.
//
// Checked in Kafka's order, with its codes and texts:
//   every entry   size field < 14 -> CORRUPT_MESSAGE; magic outside 0..2 -> CORRUPT_MESSAGE;
//                 a trailing partial entry is dropped (Kafka trims it); entry larger than
//                 max.message.bytes -> MESSAGE_TOO_LARGE; CRC-32 wrong -> CORRUPT_MESSAGE
//   no entry      nothing appended; the partition answers NONE with base offset -1
//   compressed    any wrapper among several entries -> INVALID_RECORD; a zstd or null-valued
//                 wrapper, no inner message, a bad magic 1 wrapper offset, a compressed inner
//                 message -> INVALID_RECORD; an inner size < 14 or a wrong inner CRC -> CORRUPT_MESSAGE
//   per message   another magic than the first entry's (uncompressed) -> INVALID_RECORD; per-record
//                 errors: inner magic differing from the wrapper's, no key on a compacted topic
//                 (INVALID_RECORD), timestamp out of message.timestamp.before/after.max.ms or a
//                 LogAppendTime message where Kafka refuses one (INVALID_TIMESTAMP)
//   converted     the v2 batch larger than max.message.bytes -> MESSAGE_TOO_LARGE
// A wrapper's value is decompressed as v2 batches are (lz4 for magic 0 without its header
// checksum), within socket.request.max.bytes: past it, MESSAGE_TOO_LARGE (kt's bound, see
// records-area.ts); a value the codec cannot decode answers UNKNOWN_SERVER_ERROR, as a v2 batch's
// does (DeepRecordsIterator wraps the stream's IOException in a KafkaException).
// Deviations: an unknown codec id answers CORRUPT_MESSAGE (Kafka: UNKNOWN_SERVER_ERROR, from an
// IllegalArgumentException), as does a message whose key/value lengths overrun it (Kafka:
// UNKNOWN_SERVER_ERROR).
import { ErrorCode } from '../../protocol/errors.js';
import { CompressionError, CompressionType, DecompressionLimitError } from '../../protocol/records/compression/index.js';
import {
  LEGACY_CRC,
  LEGACY_LOG_OVERHEAD,
  LEGACY_MAGIC,
  LEGACY_SIZE,
  LegacyRecordError,
  RECORD_OVERHEAD_V0,
  isLegacyCrcValid,
  isLegacyLogAppendTime,
  legacyCodec,
  readLegacyMessage,
  readWrapper,
  type LegacyMessage,
} from '../../protocol/records/legacy-message.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { ATTRIBUTES, BATCH_HEADER_SIZE, COMPRESSION_CODEC_MASK, CRC, isBatchCrcValid } from '../../storage/batch-header.js';
import { rejectRecords, type RecordsRejection, type TypedRecordError } from './record-errors.js';
import { DEFAULT_MAX_UNCOMPRESSED_BYTES, codecFailed, decompressedTooLarge } from './records-area.js';
import { outOfRangeMessage, type TimestampPolicy } from './timestamp-bounds.js';
import type { TopicRecordRules } from './topic-rules.js';
import { RecordsErrorCode, validateProducedRecords, type RecordsError, type ValidatedBatch } from './validate.js';

export interface LegacyProduceOptions {
  rules: TopicRecordRules;
  now: number;
  topic: string;
  partition: number;
}

export type LegacyProduceResult =
  | { ok: true; records: Buffer; batches: ValidatedBatch[] }
  /** No complete message: Kafka appends nothing and answers NONE with base offset -1. */
  | { ok: true; records: null }
  | RecordsError
  | RecordsRejection;

/** Whether a produce request's records start with a magic 0 or 1 message (the legacy path). */
export function startsWithLegacyMessage(records: Buffer): boolean {
  if (records.length <= LEGACY_MAGIC) return false;
  const magic = records.readInt8(LEGACY_MAGIC);
  return magic === 0 || magic === 1;
}

interface Entry {
  position: number;
  size: number;
  magic: number;
  codec: number;
}

const CODEC_NAMES = ['NONE', 'GZIP', 'SNAPPY', 'LZ4', 'ZSTD'];

/** Validates a legacy message set for one partition and converts it to one v2 batch. Never throws on bad input. */
export function upConvertLegacyRecords(records: Buffer, opts: LegacyProduceOptions): LegacyProduceResult {
  const tp = `${opts.topic}-${opts.partition}`;
  const { rules } = opts;
  const scanned = scanEntries(records, rules.maxMessageBytes, tp);
  if (!Array.isArray(scanned)) return scanned;
  if (scanned.length === 0) return { ok: true, records: null };

  // UnifiedLog's sourceCompression: the codec of the last compressed entry.
  const sourceCodec = scanned.reduce((codec, e) => (e.codec !== CompressionType.None ? e.codec : codec), CompressionType.None as number);
  if (sourceCodec !== CompressionType.None && scanned.length > 1) return invalidRecord('Compressed outer record has more than one batch');

  let messages: LegacyMessage[];
  try {
    messages = sourceCodec === CompressionType.None ? uncompressedMessages(records, scanned, rules, opts.now, tp) : wrappedMessages(records, scanned[0]!, rules, opts.now, tp);
  } catch (err) {
    if (err instanceof Rejection) return err.result;
    if (err instanceof LegacyRecordError) return fail(err.code === ErrorCode.CORRUPT_MESSAGE ? 'corrupt' : 'invalid-record', err.code, err.message);
    if (err instanceof CompressionError) return codecFailed(err);
    if (err instanceof DecompressionLimitError) return decompressedTooLarge(tp, err.limit);
    throw err;
  }

  const codec = rules.codec ?? (sourceCodec as CompressionType);
  const batch = encodeRecordBatch({
    records: messages.map((m) => ({ timestamp: m.timestamp, key: m.key, value: m.value })),
    compression: codec,
    compressionLevel: rules.codec !== null ? rules.compressionLevel : undefined,
  });
  if (batch.length > rules.maxMessageBytes) {
    return fail(
      'too-large',
      RecordsErrorCode.MESSAGE_TOO_LARGE,
      `Message batch size is ${batch.length} bytes in append to partition ${tp} which exceeds the maximum configured size of ${rules.maxMessageBytes}.`,
    );
  }
  const validated = validateProducedRecords(batch, { maxMessageBytes: Infinity });
  if (!validated.ok) return validated;
  return { ok: true, records: batch, batches: validated.batches };
}

/** UnifiedLog.analyzeAndValidateRecords over the entries (ByteBufferLogInputStream's framing). */
function scanEntries(records: Buffer, maxMessageBytes: number, tp: string): Entry[] | RecordsError {
  const entries: Entry[] = [];
  let pos = 0;
  while (records.length - pos >= LEGACY_LOG_OVERHEAD) {
    const messageSize = records.readInt32BE(pos + LEGACY_SIZE);
    if (messageSize < RECORD_OVERHEAD_V0) return corrupt(`Record size ${messageSize} is less than the minimum record overhead (${RECORD_OVERHEAD_V0})`);
    if (records.length - pos <= LEGACY_MAGIC) break;
    const magic = records.readInt8(pos + LEGACY_MAGIC);
    if (magic < 0 || magic > 2) return corrupt(`Invalid magic found in record: ${magic}`);
    const size = LEGACY_LOG_OVERHEAD + messageSize;
    if (size > records.length - pos) break; // a partial entry at the end is trimmed, not refused
    if (size > maxMessageBytes) {
      return fail('too-large', RecordsErrorCode.MESSAGE_TOO_LARGE, `The record batch size in the append to ${tp} is ${size} bytes which exceeds the maximum configured value of ${maxMessageBytes}.`);
    }
    const isV2 = magic === 2;
    const valid = isV2 ? size >= BATCH_HEADER_SIZE && isBatchCrcValid(records, pos, size) : isLegacyCrcValid(records, pos, size);
    if (!valid) return corrupt(`Record is corrupt (stored crc = ${records.readUInt32BE(pos + (isV2 ? CRC : LEGACY_CRC))}) in topic partition ${tp}.`);
    const codec = isV2 ? records.readInt16BE(pos + ATTRIBUTES) & COMPRESSION_CODEC_MASK : legacyCodec(records.readInt8(pos + LEGACY_MAGIC + 1));
    if (codec > CompressionType.Zstd) return corrupt(`Unknown compression type id: ${codec}`);
    entries.push({ position: pos, size, magic, codec });
    pos += size;
  }
  return entries;
}

/** Uncompressed entries: each is a batch of one message, validated batch by batch (record index 0). */
function uncompressedMessages(records: Buffer, entries: readonly Entry[], rules: TopicRecordRules, now: number, tp: string): LegacyMessage[] {
  const firstMagic = entries[0]!.magic;
  const messages: LegacyMessage[] = [];
  for (const entry of entries) {
    if (entry.magic !== firstMagic) throw new Rejection(invalidRecord(`Batch magic ${entry.magic} is not the same as the first batch's magic byte ${firstMagic} in topic partition ${tp}`));
    const message = parse(records, entry);
    const error = recordError(message, 0, { magic: message.magic, attributes: message.attributes }, timestampTypeOf(message), rules, now, tp);
    if (error) throw new Rejection(rejectRecords([error]));
    messages.push(message);
  }
  return messages;
}

/** One compressed wrapper: its inner messages, each checked (DeepRecordsIterator and validateRecord). */
function wrappedMessages(records: Buffer, entry: Entry, rules: TopicRecordRules, now: number, tp: string): LegacyMessage[] {
  const wrapper = parse(records, entry);
  const inner = readWrapper(wrapper, rules.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES);
  const wrapperType = timestampTypeOf(wrapper);
  const errors: TypedRecordError[] = [];
  inner.forEach((message, index) => {
    if (legacyCodec(message.attributes) !== CompressionType.None) throw new LegacyRecordError(ErrorCode.INVALID_RECORD, 'Inner messages must not be compressed');
    // A magic 1 inner message takes its timestamp type from the wrapper.
    const type = message.magic === 0 ? 'NoTimestampType' : wrapperType;
    if (message.magic !== wrapper.magic) {
      errors.push({ batchIndex: index, code: ErrorCode.INVALID_RECORD, message: `Record ${describe(message, type)}'s magic does not match outer magic ${wrapper.magic} in topic partition ${tp}` });
      return;
    }
    if (message.crc !== message.computedCrc) {
      throw new LegacyRecordError(ErrorCode.CORRUPT_MESSAGE, `Record is corrupt (stored crc = ${message.crc}, computed crc = ${message.computedCrc})`);
    }
    const error = recordError(message, index, wrapper, type, rules, now, tp);
    if (error) errors.push(error);
  });
  if (errors.length > 0) throw new Rejection(rejectRecords(errors));
  return inner;
}

/** LogValidator.validateKey then validateTimestamp for one message of `batch` (the entry or the wrapper). */
function recordError(
  message: LegacyMessage,
  batchIndex: number,
  batch: { magic: number; attributes: number },
  timestampType: string,
  rules: TopicRecordRules,
  now: number,
  tp: string,
): TypedRecordError | null {
  if (rules.compacted && message.key === null) {
    return { batchIndex, code: ErrorCode.INVALID_RECORD, message: `Compacted topic cannot accept message without key in topic partition ${tp}.` };
  }
  const policy: TimestampPolicy = rules.timestamps;
  if (!policy.logAppendTime && message.timestamp !== -1) {
    const diff = now - message.timestamp;
    if (diff > policy.beforeMaxMs || -diff > policy.afterMaxMs) {
      return { batchIndex, code: ErrorCode.INVALID_TIMESTAMP, message: outOfRangeMessage(message.timestamp, message.offset, now, policy) };
    }
  } else if (isLegacyLogAppendTime(batch.magic, batch.attributes)) {
    return {
      batchIndex,
      code: ErrorCode.INVALID_TIMESTAMP,
      message: `Invalid timestamp type in message ${describe(message, timestampType)}. Producer should not set timestamp type to LogAppendTime.`,
    };
  }
  return null;
}

function timestampTypeOf(message: LegacyMessage): string {
  if (message.magic === 0) return 'NoTimestampType';
  return isLegacyLogAppendTime(message.magic, message.attributes) ? 'LogAppendTime' : 'CreateTime';
}

/** The message as Kafka's AbstractLegacyRecordBatch.toString prints it in record errors. */
function describe(m: LegacyMessage, timestampType: string): string {
  const codec = CODEC_NAMES[legacyCodec(m.attributes)] ?? String(legacyCodec(m.attributes));
  const sizes = `key=${m.key?.length ?? 0} bytes, value=${m.value?.length ?? 0} bytes`;
  const time = m.magic > 0 ? `${timestampType}=${m.timestamp}, ` : '';
  return `LegacyRecordBatch(offset=${m.offset}, Record(magic=${m.magic}, attributes=${m.attributes}, compression=${codec}, crc=${m.crc}, ${time}${sizes}))`;
}

function parse(records: Buffer, entry: Entry): LegacyMessage {
  const message = readLegacyMessage(records, entry.position, entry.size);
  if (message === null) throw new Rejection(corrupt(`Record at position ${entry.position} has key and value lengths that do not fit its size ${entry.size - LEGACY_LOG_OVERHEAD}`));
  return message;
}

/** Carries a finished rejection out of the per-message loops. */
class Rejection extends Error {
  constructor(readonly result: RecordsError | RecordsRejection) {
    super(result.message);
  }
}

function fail(kind: RecordsError['kind'], errorCode: number, message: string): RecordsError {
  return { ok: false, kind, errorCode, message };
}

function corrupt(message: string): RecordsError {
  return fail('corrupt', RecordsErrorCode.CORRUPT_MESSAGE, message);
}

function invalidRecord(message: string): RecordsError {
  return fail('invalid-record', RecordsErrorCode.INVALID_RECORD, message);
}
