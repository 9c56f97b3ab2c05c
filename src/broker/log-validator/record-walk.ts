// The one pass over the records of a produced v2 batch (Kafka's LogValidator iterating a batch's
// records): the records' framing, checked as Kafka's DefaultRecord.readFrom checks it, and what
// the record rules need, gathered on the way: the largest timestamp, whether the offset deltas
// run 0..n-1, and the per-record errors of validateKey and validateTimestamp. Varints are read
// in place over the buffer: no allocation per record (only per error).
//
// Kafka reads records two ways, and the walk follows both:
//   in place   an uncompressed batch, straight from the request buffer (readFrom(ByteBuffer)):
//              a record's fields are read up to the end of the batch and their total checked
//              against the record's length afterwards.
//   isolated   the decompressed records of a compressed batch (readFrom(InputStream)): the
//              record's length is read first and its fields must lie within it.
// Deviation: a compressed batch kept as it is goes through Kafka's skip-key/value iterator
// (readPartiallyFrom), which ignores record lengths, so Kafka stores a batch whose lengths
// disagree with its fields and which its own consumers then cannot read; kt checks those
// records as Kafka reads them everywhere else (isolated) and refuses such a batch.
//
// Errors, with Kafka's texts: a framing error is an InvalidRecordException (INVALID_RECORD), but
// for an uncompressed batch's record length that is an over-long varint, where Kafka's reader
// lets an IllegalArgumentException through (UNKNOWN_SERVER_ERROR).
import type { TypedRecordError } from './record-errors.js';
import { afterVarint, BadVarint, UNDERFLOW, unsignedVarintAt, varlongAt, zigzag } from './record-varints.js';
import { RecordsErrorCode, type RecordsError } from './validate.js';

/** The batch facts and topic rules the walk applies to each record. */
export interface WalkInput {
  /** The records area: the batch's bytes after its header, or its decompressed records. */
  body: Buffer;
  start: number;
  end: number;
  /** Records read from their own length (decompressed records) rather than in place. */
  isolated: boolean;
  recordCount: number;
  /** baseOffset as sent (record offsets are baseOffset + offsetDelta, expected 0..n-1). */
  baseOffset: number;
  baseTimestamp: number;
  /** The batch claims LogAppendTime: every record's timestamp is `logAppendTime`. */
  isLogAppendTime: boolean;
  logAppendTime: number;
  /** How Kafka prints a record in an error: PartialDefaultRecord for its skip-key/value iterator. */
  partialRecords: boolean;
  rules: WalkRules;
}

export interface WalkRules {
  /** cleanup.policy has compact: a record without a key is a record error. */
  compacted: boolean;
  /** message.timestamp.type=LogAppendTime. */
  logAppendTime: boolean;
  /** message.timestamp.before/after.max.ms; Infinity = no bound. */
  beforeMaxMs: number;
  afterMaxMs: number;
  now: number;
  /** `topic-partition`, for the key error text. */
  topicPartition: string;
  /** Kafka's text for a timestamp out of range (timestamp-bounds.ts). */
  outOfRange(timestamp: number, offset: number): string;
}

export interface RecordsWalk {
  ok: true;
  /** Largest record timestamp, -1 (NO_TIMESTAMP) when none is larger. */
  maxTimestamp: number;
  /** Every record's baseOffset + offsetDelta equals its index. */
  offsetsInOrder: boolean;
  /** validateKey / validateTimestamp errors, in record order; empty when none. */
  recordErrors: TypedRecordError[];
}

const PREMATURE_EOF = 'Incorrect declared batch size, premature EOF reached';
const INVALID_STRUCTURE = 'Found invalid record structure';

/** Thrown on a malformed record; the walk turns it into a RecordsError. */
class Malformed extends Error {
  constructor(
    message: string,
    readonly errorCode: number = RecordsErrorCode.INVALID_RECORD,
  ) {
    super(message);
  }
}


/** Walks every record of one batch. Never throws on bad input. */
export function walkRecords(input: WalkInput): RecordsWalk | RecordsError {
  try {
    return walk(input);
  } catch (err) {
    const malformed = err instanceof BadVarint ? new Malformed(INVALID_STRUCTURE) : err;
    if (malformed instanceof Malformed) {
      const kind = malformed.errorCode === RecordsErrorCode.INVALID_RECORD ? 'invalid-record' : 'server-error';
      return { ok: false, kind, errorCode: malformed.errorCode, message: malformed.message, withLogStartOffset: true };
    }
    throw err;
  }
}

// The hot loop decodes one- and two-byte varints inline (most record fields: lengths under
// 8 KiB, small deltas), because calls cost more here than the decoding: longer varints, and any
// read that reaches the limit, go to the exact out-of-line readers below. A varint that fails
// while reading a record's fields (BadVarint) is "Found invalid record structure", as in Kafka.
function walk(input: WalkInput): RecordsWalk {
  const { body: buf, end, isolated, rules } = input;
  let pos = input.start;
  let maxTimestamp = -1;
  let offsetsInOrder = true;
  const recordErrors: TypedRecordError[] = [];
  let b: number;
  let c: number;
  for (let index = 0; index < input.recordCount; index++) {
    b = buf[pos]!;
    if (b < 0x80 && pos < end) pos += 1;
    else if ((c = buf[pos + 1]!) < 0x80 && pos + 1 < end) (b = (b & 0x7f) | (c << 7)), (pos += 2);
    else (b = recordLengthAt(buf, pos, end, isolated)), (pos = afterVarint(buf, pos));
    const length = zigzag(b);
    const recordStart = pos;
    let limit = end;
    if (isolated) {
      // readFrom(InputStream) allocates the record's buffer (a negative size fails there), then fills it.
      if (length < 0) throw new Malformed(PREMATURE_EOF);
      if (length > end - recordStart) throw new Malformed(`Invalid record size: expected ${length} bytes in record payload, but the record payload reached EOF.`);
      limit = recordStart + length;
    } else if (length > end - recordStart) {
      throw new Malformed(`Invalid record size: expected ${length} bytes in record payload, but instead the buffer has only ${end - recordStart} remaining bytes.`);
    }

    if (pos >= limit) throw UNDERFLOW;
    pos += 1; // attributes: unused
    let timestampDelta: number;
    b = buf[pos]!;
    if (b < 0x80 && pos < limit) (timestampDelta = zigzag(b)), (pos += 1);
    else if ((c = buf[pos + 1]!) < 0x80 && pos + 1 < limit) (timestampDelta = zigzag((b & 0x7f) | (c << 7))), (pos += 2);
    else (timestampDelta = varlongAt(buf, pos, limit)), (pos = afterVarint(buf, pos));

    b = buf[pos]!;
    if (b < 0x80 && pos < limit) pos += 1;
    else if ((c = buf[pos + 1]!) < 0x80 && pos + 1 < limit) (b = (b & 0x7f) | (c << 7)), (pos += 2);
    else (b = unsignedVarintAt(buf, pos, limit)), (pos = afterVarint(buf, pos));
    const offsetDelta = zigzag(b);

    b = buf[pos]!;
    if (b < 0x80 && pos < limit) pos += 1;
    else if ((c = buf[pos + 1]!) < 0x80 && pos + 1 < limit) (b = (b & 0x7f) | (c << 7)), (pos += 2);
    else (b = unsignedVarintAt(buf, pos, limit)), (pos = afterVarint(buf, pos));
    const keySize = zigzag(b); // negative: null (Utils.readBytes)
    if (keySize > 0) {
      if (keySize > limit - pos) throw new Malformed(INVALID_STRUCTURE);
      pos += keySize;
    }

    b = buf[pos]!;
    if (b < 0x80 && pos < limit) pos += 1;
    else if ((c = buf[pos + 1]!) < 0x80 && pos + 1 < limit) (b = (b & 0x7f) | (c << 7)), (pos += 2);
    else (b = unsignedVarintAt(buf, pos, limit)), (pos = afterVarint(buf, pos));
    const valueSize = zigzag(b);
    if (valueSize > 0) {
      if (valueSize > limit - pos) throw new Malformed(INVALID_STRUCTURE);
      pos += valueSize;
    }

    b = buf[pos]!;
    if (b < 0x80 && pos < limit) pos += 1;
    else (b = unsignedVarintAt(buf, pos, limit)), (pos = afterVarint(buf, pos));
    const headerCount = zigzag(b);
    if (headerCount !== 0) pos = skipHeaders(buf, pos, limit, headerCount);

    if (pos - recordStart !== length) {
      throw new Malformed(`Invalid record size: expected to read ${length} bytes in record payload, but instead read ${pos - recordStart}`);
    }

    const offset = input.baseOffset + offsetDelta;
    if (offset !== index) offsetsInOrder = false;
    const timestamp = input.isLogAppendTime ? input.logAppendTime : input.baseTimestamp + timestampDelta;
    if (timestamp > maxTimestamp) maxTimestamp = timestamp;
    // LogValidator.validateKey, then validateTimestamp: at most one error per record.
    if (rules.compacted && keySize < 0) {
      recordErrors.push({ batchIndex: index, code: RecordsErrorCode.INVALID_RECORD, message: `Compacted topic cannot accept message without key in topic partition ${rules.topicPartition}.` });
    } else if (!rules.logAppendTime && timestamp !== -1) {
      const diff = rules.now - timestamp;
      if (diff > rules.beforeMaxMs || -diff > rules.afterMaxMs) {
        recordErrors.push({ batchIndex: index, code: RecordsErrorCode.INVALID_TIMESTAMP, message: rules.outOfRange(timestamp, offset) });
      }
    } else if (input.isLogAppendTime) {
      const record = describeRecord(input.partialRecords, offset, timestamp, keySize, valueSize);
      recordErrors.push({ batchIndex: index, code: RecordsErrorCode.INVALID_TIMESTAMP, message: `Invalid timestamp type in message ${record}. Producer should not set timestamp type to LogAppendTime.` });
    }
  }
  // Kafka checks this right after reading the declared number of records.
  if (pos !== end) throw new Malformed('Incorrect declared batch size, records still remaining in file');
  return { ok: true, maxTimestamp, offsetsInOrder, recordErrors };
}

/** The headers of a record (rare on the hot path, so read plainly); returns the position after them. */
function skipHeaders(buf: Buffer, pos: number, limit: number, count: number): number {
  if (count < 0) throw new Malformed(`Found invalid number of record headers ${count}`);
  if (count > limit - pos) throw new Malformed(`Found invalid number of record headers. ${count} is larger than the remaining size of the buffer`);
  for (let i = 0; i < count; i++) {
    const keySize = zigzag(unsignedVarintAt(buf, pos, limit));
    pos = afterVarint(buf, pos);
    if (keySize < 0) throw new Malformed(`Invalid negative header key size ${keySize}`);
    if (keySize > limit - pos) throw new Malformed(INVALID_STRUCTURE);
    pos += keySize;
    const valueSize = zigzag(unsignedVarintAt(buf, pos, limit));
    pos = afterVarint(buf, pos);
    if (valueSize > 0) {
      if (valueSize > limit - pos) throw new Malformed(INVALID_STRUCTURE);
      pos += valueSize;
    }
  }
  return pos;
}

/** Record.toString as Kafka prints it: DefaultRecord shows null as 0 bytes, PartialDefaultRecord as -1. */
function describeRecord(partial: boolean, offset: number, timestamp: number, keySize: number, valueSize: number): string {
  if (partial) return `PartialDefaultRecord(offset=${offset}, timestamp=${timestamp}, key=${keySize} bytes, value=${valueSize} bytes)`;
  return `DefaultRecord(offset=${offset}, timestamp=${timestamp}, key=${Math.max(keySize, 0)} bytes, value=${Math.max(valueSize, 0)} bytes)`;
}

/** A record's length prefix, failing as Kafka's two readers fail on a bad one. */
function recordLengthAt(buf: Buffer, pos: number, limit: number, isolated: boolean): number {
  try {
    return unsignedVarintAt(buf, pos, limit);
  } catch (err) {
    if (!(err instanceof BadVarint)) throw err;
    // In place, an over-long varint escapes Kafka's reader as an IllegalArgumentException.
    if (isolated || err.overlong === null) throw new Malformed(PREMATURE_EOF);
    const text = `Varint is too long, the most significant bit in the 5th byte is set, converted value: ${(err.overlong >>> 0).toString(16)}`;
    throw new Malformed(text, RecordsErrorCode.UNKNOWN_SERVER_ERROR);
  }
}
