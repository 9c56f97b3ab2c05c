// Produce hot path, first step: the header checks of the batches of one partition's `records`
// (header reads and CRC check: src/storage/batch-header.ts), before topic-rules.ts reads their
// records; setLogAppendTime stamps the batches of LogAppendTime topics. The log assigns offsets
// and the leader epoch at append.
//
// Checked here, in the order Kafka's UnifiedLog/LogValidator applies them:
//   magic      read before the length, as Kafka's ByteBufferLogInputStream does: outside 0..2
//              -> 2 ("Invalid magic found in record"); 0/1 -> 87 (ProduceRequest.validateRecords
//              for v3+: "only allowed to contain record batches with magic version 2"; a v0/v1
//              message is shorter than a v2 header). Produce v0-v2 sends such message sets to
//              legacy-records.ts instead.
//   structure  batchLength >= 49 and the batch inside the buffer; a trailing partial batch or
//              leftover bytes are rejected (a fetch may end mid-batch, a produce may not)  -> 2
//   count      no batch at all -> 87; more than one batch -> 87 (produce v3+ carries exactly
//              one batch per partition, ProduceRequest.validateRecords), unless allowed
//   size       batch bigger than max.message.bytes -> 10
//   crc        CRC-32C over attributes..end -> 2
//   header     unknown codec id -> 2; zstd on produce < v7 -> 76; recordsCount <= 0 or
//              != lastOffsetDelta + 1 -> 87; control batch from a client -> 87;
//              producerId >= 0 with baseSequence < 0 -> 87 (these four are LogValidator's
//              validateBatch: Kafka's answer reports the log start offset)
//
// Every batch's records are then read by topic-rules.ts (Kafka's LogValidator record pass).
// Not checked: baseOffset being 0 as sent by the producer (clients always send 0 and we overwrite
// it anyway; a compressed batch's record offsets are checked from it, though, as Kafka does).
import { CompressionType } from '../../protocol/records/compression/compression-type.js';
import {
  BATCH_LENGTH,
  CONTROL_FLAG_MASK,
  COMPRESSION_CODEC_MASK,
  CURRENT_MAGIC,
  LOG_OVERHEAD,
  MAGIC,
  MIN_BATCH_LENGTH,
  TIMESTAMP_TYPE_MASK,
  TRANSACTIONAL_FLAG_MASK,
  computeBatchCrc,
  readBatchHeader,
  setLogAppendTime as stampLogAppendTime,
} from '../../storage/batch-header.js';

/** Kafka error codes the validator answers with (see errors.tsv). */
export const RecordsErrorCode = {
  UNKNOWN_SERVER_ERROR: -1,
  CORRUPT_MESSAGE: 2,
  MESSAGE_TOO_LARGE: 10,
  INVALID_TIMESTAMP: 32,
  UNSUPPORTED_VERSION: 35,
  UNSUPPORTED_COMPRESSION_TYPE: 76,
  INVALID_RECORD: 87,
} as const;

export type RecordsErrorKind =
  | 'corrupt' // sizes or CRC do not add up
  | 'too-large' // a batch exceeds max.message.bytes
  | 'unsupported-compression' // zstd on a produce version that predates it
  | 'invalid-record' // well-formed bytes that break a produce rule
  | 'invalid-timestamp' // a record timestamp the topic's message.timestamp.* configs refuse
  | 'server-error'; // where Kafka fails with an exception that is no ApiException (a codec's, say)

export interface RecordsError {
  ok: false;
  kind: RecordsErrorKind;
  errorCode: number;
  /** Kafka's exception text. */
  message: string;
  /**
   * Kafka's answer carries the partition's log start offset: errors UnifiedLog.append raises from
   * LogValidator, which ReplicaManager answers in its generic branch (its listed exceptions,
   * CorruptRecordException and RecordTooLargeException among them, report -1).
   */
  withLogStartOffset?: boolean;
}

/** Header facts of one validated batch; numbers are exact (int64 fields read without bigint). */
export interface ValidatedBatch {
  /** Byte position of the batch in the records buffer. */
  position: number;
  /** Whole batch size in bytes (batchLength + 12). */
  size: number;
  lastOffsetDelta: number;
  recordCount: number;
  baseTimestamp: number;
  maxTimestamp: number;
  compression: CompressionType;
  /** Timestamp-type bit as sent (true = LogAppendTime). */
  isLogAppendTime: boolean;
  isTransactional: boolean;
  isControl: boolean;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
}

export interface ValidatedRecords {
  ok: true;
  batches: ValidatedBatch[];
  /** Sum of recordsCount over the batches. */
  recordCount: number;
  /** Offsets the append consumes: sum of lastOffsetDelta + 1 (equals recordCount once validated). */
  offsetCount: number;
  /** Largest batch maxTimestamp, -1 when every batch has -1. */
  maxTimestamp: number;
  /**
   * Offset of the last record of the (first) batch holding maxTimestamp, relative to the first
   * offset of the append (add the assigned first offset to get the log offset); -1 if no batch
   * has a timestamp. This is Kafka's "shallow" offset of max timestamp used for the time index.
   */
  shallowOffsetDeltaOfMaxTimestamp: number;
}

export type RecordsValidation = ValidatedRecords | RecordsError;

export interface ValidateOptions {
  /** The topic's max.message.bytes: the largest batch accepted. */
  maxMessageBytes: number;
  /**
   * Produce request version, for v3+ only (ProduceRequest.validateRecords): when given and < 7,
   * zstd batches are refused as Kafka does. Produce v0-v2 leave it unset: Kafka checks neither.
   */
  produceVersion?: number;
  /** Accept several batches (Kafka does not for produce v3+; useful for replication/tests). */
  allowMultipleBatches?: boolean;
}

const MAX_CODEC_ID = CompressionType.Zstd;

function isLegacyMagic(magic: number): boolean {
  return magic === 0 || magic === 1;
}

function fail(kind: RecordsErrorKind, errorCode: number, message: string): RecordsError {
  return { ok: false, kind, errorCode, message };
}

/** Validates a produce request's records for one partition. Never throws on bad input. */
export function validateProducedRecords(records: Buffer, opts: ValidateOptions): RecordsValidation {
  const batches: ValidatedBatch[] = [];
  const end = records.length;
  let pos = 0;
  let recordCount = 0;
  let offsetCount = 0;
  let maxTimestamp = -1;
  let shallowOffsetDeltaOfMaxTimestamp = -1;

  while (pos < end) {
    if (end - pos < LOG_OVERHEAD) {
      return fail('corrupt', RecordsErrorCode.CORRUPT_MESSAGE, `Trailing ${end - pos} bytes at position ${pos} are not a record batch`);
    }
    const batchLength = records.readInt32BE(pos + BATCH_LENGTH);
    // Kafka's ByteBufferLogInputStream reads the magic before judging the length.
    const magicByte = end - pos > MAGIC ? records.readInt8(pos + MAGIC) : CURRENT_MAGIC;
    if (magicByte < 0 || magicByte > CURRENT_MAGIC) return fail('corrupt', RecordsErrorCode.CORRUPT_MESSAGE, `Invalid magic found in record: ${magicByte}`);
    if (isLegacyMagic(magicByte)) {
      // Produce v3+ (Kafka checks the first batch's magic; a later one is a second batch).
      if (batches.length > 0 && !opts.allowMultipleBatches) {
        return fail('invalid-record', RecordsErrorCode.INVALID_RECORD, 'Produce requests are only allowed to contain exactly one record batch per partition');
      }
      const version = opts.produceVersion === undefined ? '' : ` with version ${opts.produceVersion}`;
      return fail('invalid-record', RecordsErrorCode.INVALID_RECORD, `Produce requests${version} are only allowed to contain record batches with magic version 2`);
    }
    if (batchLength < MIN_BATCH_LENGTH) {
      return fail('corrupt', RecordsErrorCode.CORRUPT_MESSAGE, `Record batch at position ${pos} has batchLength ${batchLength}, below the minimum ${MIN_BATCH_LENGTH}`);
    }
    const size = batchLength + LOG_OVERHEAD;
    if (size > end - pos) {
      return fail('corrupt', RecordsErrorCode.CORRUPT_MESSAGE, `Record batch at position ${pos} declares ${size} bytes but only ${end - pos} remain`);
    }

    if (batches.length === 1 && !opts.allowMultipleBatches) {
      return fail('invalid-record', RecordsErrorCode.INVALID_RECORD, 'Produce requests are only allowed to contain exactly one record batch per partition');
    }
    if (size > opts.maxMessageBytes) {
      return fail('too-large', RecordsErrorCode.MESSAGE_TOO_LARGE, `Record batch of ${size} bytes exceeds the maximum of ${opts.maxMessageBytes} bytes`);
    }
    const header = readBatchHeader(records, pos);
    const computedCrc = computeBatchCrc(records, pos, size);
    if (header.crc !== computedCrc) {
      return fail('corrupt', RecordsErrorCode.CORRUPT_MESSAGE, `Record batch at position ${pos} is corrupt (stored crc = ${header.crc}, computed crc = ${computedCrc})`);
    }

    const { attributes, lastOffsetDelta, producerId, baseSequence } = header;
    const compression = attributes & COMPRESSION_CODEC_MASK;
    if (compression > MAX_CODEC_ID) {
      return fail('corrupt', RecordsErrorCode.CORRUPT_MESSAGE, `Unknown compression type id ${compression}`);
    }
    if (compression === CompressionType.Zstd && opts.produceVersion !== undefined && opts.produceVersion < 7) {
      return fail('unsupported-compression', RecordsErrorCode.UNSUPPORTED_COMPRESSION_TYPE, `Produce requests with version ${opts.produceVersion} are not allowed to use ZStandard compression`);
    }
    const count = header.recordCount;
    if (count <= 0) {
      return { ...fail('invalid-record', RecordsErrorCode.INVALID_RECORD, `Invalid reported count for record batch: ${count}`), withLogStartOffset: true };
    }
    if (lastOffsetDelta + 1 !== count) {
      return { ...fail('invalid-record', RecordsErrorCode.INVALID_RECORD, `Inconsistent batch offset range: lastOffsetDelta ${lastOffsetDelta} with record count ${count}`), withLogStartOffset: true };
    }
    const isControl = (attributes & CONTROL_FLAG_MASK) !== 0;
    if (isControl) {
      return { ...fail('invalid-record', RecordsErrorCode.INVALID_RECORD, 'Clients are not allowed to write control records'), withLogStartOffset: true };
    }
    if (producerId >= 0 && baseSequence < 0) {
      return { ...fail('invalid-record', RecordsErrorCode.INVALID_RECORD, `Invalid sequence number ${baseSequence} in record batch with producerId ${producerId}`), withLogStartOffset: true };
    }

    const batchMaxTimestamp = header.maxTimestamp;
    if (batchMaxTimestamp > maxTimestamp) {
      maxTimestamp = batchMaxTimestamp;
      shallowOffsetDeltaOfMaxTimestamp = offsetCount + lastOffsetDelta;
    }
    batches.push({
      position: pos,
      size,
      lastOffsetDelta,
      recordCount: count,
      baseTimestamp: header.baseTimestamp,
      maxTimestamp: batchMaxTimestamp,
      compression,
      isLogAppendTime: (attributes & TIMESTAMP_TYPE_MASK) !== 0,
      isTransactional: (attributes & TRANSACTIONAL_FLAG_MASK) !== 0,
      isControl,
      producerId,
      producerEpoch: header.producerEpoch,
      baseSequence,
    });
    recordCount += count;
    offsetCount += lastOffsetDelta + 1;
    pos += size;
  }

  if (batches.length === 0) {
    return fail('invalid-record', RecordsErrorCode.INVALID_RECORD, 'Produce request has no record batch for the partition');
  }
  return { ok: true, batches, recordCount, offsetCount, maxTimestamp, shallowOffsetDeltaOfMaxTimestamp };
}

/**
 * For LogAppendTime topics: stamps each batch (timestamp-type bit, maxTimestamp = nowMs, CRC
 * re-sealed: storage's setLogAppendTime) and updates the batch descriptors to match.
 */
export function setLogAppendTime(records: Buffer, batches: ValidatedBatch[], nowMs: number): void {
  for (const batch of batches) {
    stampLogAppendTime(records, batch.position, batch.size, nowMs);
    batch.maxTimestamp = nowMs;
    batch.isLogAppendTime = true;
  }
}
