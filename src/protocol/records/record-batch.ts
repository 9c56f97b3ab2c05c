// Whole-batch encode/decode (records included), for the places that need record contents:
// the CLI, coordinator logs and tests. The header layout, its CRC seal and check are storage's
// (src/storage/batch-header.ts); the broker's produce/fetch hot path uses only those and never
// decodes records.
import {
  BATCH_HEADER_SIZE,
  BATCH_LENGTH,
  COMPRESSION_CODEC_MASK,
  CONTROL_FLAG_MASK,
  CURRENT_MAGIC,
  DELETE_HORIZON_FLAG_MASK,
  LOG_OVERHEAD,
  MAGIC,
  RECORDS,
  TIMESTAMP_TYPE_MASK,
  TRANSACTIONAL_FLAG_MASK,
  TimestampType,
  computeBatchCrc,
  readBatchHeader,
  writeBatchHeader,
} from '../../storage/batch-header.js';
import { CompressionType } from './compression/compression-type.js';
import { compress, decompress } from './compression/index.js';
import { type DecodedRecord, type KafkaRecord, type SizedRecord, readRecord, sizeRecord, writeRecord } from './record.js';

export type { DecodedRecord, KafkaRecord, RecordHeader } from './record.js';

export interface EncodeBatchOptions {
  baseOffset?: number; // default 0 (what a producer sends)
  records: KafkaRecord[];
  compression?: CompressionType; // default None
  compressionLevel?: number;
  /**
   * Default CreateTime. With LogAppendTime the caller gives every record the append time as
   * its timestamp; maxTimestamp is then that time, as Kafka's builder writes it.
   */
  timestampType?: TimestampType;
  producerId?: number; // default -1
  producerEpoch?: number; // default -1
  baseSequence?: number; // default -1
  isTransactional?: boolean;
  isControl?: boolean;
  partitionLeaderEpoch?: number; // default -1
}

export interface DecodedBatch {
  baseOffset: number;
  /** baseOffset + lastOffsetDelta */
  lastOffset: number;
  /** Bytes the batch takes in the buffer (batchLength + 12). */
  sizeInBytes: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  compression: CompressionType;
  timestampType: TimestampType;
  isTransactional: boolean;
  isControl: boolean;
  hasDeleteHorizon: boolean;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  /** recordsCount from the header. */
  recordCount: number;
  records: DecodedRecord[];
}

export interface DecodeOptions {
  /** Check each batch's CRC-32C like a consumer with check.crcs=true (default true). */
  verifyCrc?: boolean;
}

export class RecordBatchDecodeError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'RecordBatchDecodeError';
  }
}

function attributesOf(opts: EncodeBatchOptions): number {
  let attributes = (opts.compression ?? CompressionType.None) & COMPRESSION_CODEC_MASK;
  if (opts.timestampType === TimestampType.LogAppendTime) attributes |= TIMESTAMP_TYPE_MASK;
  if (opts.isTransactional) attributes |= TRANSACTIONAL_FLAG_MASK;
  if (opts.isControl) attributes |= CONTROL_FLAG_MASK;
  return attributes;
}

/** Encodes one v2 batch. An empty record list gives an empty batch (timestamps -1). */
export function encodeRecordBatch(opts: EncodeBatchOptions): Buffer {
  const { records } = opts;
  const compression = opts.compression ?? CompressionType.None;
  // Kafka's builder uses the first record's timestamp as the base.
  const baseTimestamp = records.length > 0 ? records[0]!.timestamp : -1;
  let maxTimestamp = -1;
  let lastOffsetDelta = 0;
  let recordsSize = 0;
  const sized: SizedRecord[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const offsetDelta = record.offsetDelta ?? i;
    sized[i] = sizeRecord(record, record.timestamp - baseTimestamp, offsetDelta);
    recordsSize += sized[i]!.totalSize;
    if (record.timestamp > maxTimestamp) maxTimestamp = record.timestamp;
    if (offsetDelta > lastOffsetDelta) lastOffsetDelta = offsetDelta;
  }

  let batch: Buffer;
  if (compression === CompressionType.None) {
    batch = Buffer.allocUnsafe(BATCH_HEADER_SIZE + recordsSize);
    let pos = RECORDS;
    for (const record of sized) pos = writeRecord(batch, record, pos);
  } else {
    const plain = Buffer.allocUnsafe(recordsSize);
    let pos = 0;
    for (const record of sized) pos = writeRecord(plain, record, pos);
    const compressed = compress(compression, plain, opts.compressionLevel);
    batch = Buffer.allocUnsafe(BATCH_HEADER_SIZE + compressed.length);
    compressed.copy(batch, RECORDS);
  }

  writeBatchHeader(batch, {
    baseOffset: opts.baseOffset ?? 0,
    partitionLeaderEpoch: opts.partitionLeaderEpoch ?? -1,
    attributes: attributesOf(opts),
    lastOffsetDelta,
    baseTimestamp,
    maxTimestamp,
    producerId: opts.producerId ?? -1,
    producerEpoch: opts.producerEpoch ?? -1,
    baseSequence: opts.baseSequence ?? -1,
    recordCount: records.length,
  });
  return batch;
}

/** Reads the batch at `pos`, whose full size the caller has checked fits in `buf`. */
function decodeBatchAt(buf: Buffer, pos: number, size: number, verifyCrc: boolean): DecodedBatch {
  const magic = buf.readInt8(pos + MAGIC);
  if (magic !== CURRENT_MAGIC) throw new RecordBatchDecodeError(`Unsupported record batch magic ${magic}`, pos);
  const header = readBatchHeader(buf, pos);
  if (verifyCrc) {
    const computed = computeBatchCrc(buf, pos, size);
    if (computed !== header.crc) throw new RecordBatchDecodeError(`Record batch is corrupt (stored crc = ${header.crc}, computed crc = ${computed})`, pos);
  }
  const { attributes, baseOffset, baseTimestamp, maxTimestamp, recordCount } = header;
  const compression = (attributes & COMPRESSION_CODEC_MASK) as CompressionType;
  const timestampType = attributes & TIMESTAMP_TYPE_MASK ? TimestampType.LogAppendTime : TimestampType.CreateTime;
  if (recordCount < 0) throw new RecordBatchDecodeError(`Invalid negative record count ${recordCount}`, pos);

  let recordBytes = buf.subarray(pos + RECORDS, pos + size);
  try {
    recordBytes = decompress(compression, recordBytes);
  } catch (error) {
    throw new RecordBatchDecodeError(error instanceof Error ? error.message : String(error), pos);
  }
  const logAppendTime = timestampType === TimestampType.LogAppendTime ? maxTimestamp : null;
  const records: DecodedRecord[] = new Array(recordCount);
  const cursor = { pos: 0 };
  try {
    for (let i = 0; i < recordCount; i++) records[i] = readRecord(recordBytes, cursor, baseOffset, baseTimestamp, logAppendTime);
  } catch (error) {
    throw new RecordBatchDecodeError(`Bad record in batch: ${error instanceof Error ? error.message : String(error)}`, pos);
  }
  if (cursor.pos !== recordBytes.length) {
    throw new RecordBatchDecodeError(`Record batch has ${recordBytes.length - cursor.pos} bytes left after its ${recordCount} records`, pos);
  }

  return {
    baseOffset,
    lastOffset: baseOffset + header.lastOffsetDelta,
    sizeInBytes: size,
    partitionLeaderEpoch: header.partitionLeaderEpoch,
    magic,
    crc: header.crc,
    attributes,
    compression,
    timestampType,
    isTransactional: (attributes & TRANSACTIONAL_FLAG_MASK) !== 0,
    isControl: (attributes & CONTROL_FLAG_MASK) !== 0,
    hasDeleteHorizon: (attributes & DELETE_HORIZON_FLAG_MASK) !== 0,
    lastOffsetDelta: header.lastOffsetDelta,
    baseTimestamp,
    maxTimestamp,
    producerId: header.producerId,
    producerEpoch: header.producerEpoch,
    baseSequence: header.baseSequence,
    recordCount,
    records,
  };
}

/**
 * Decodes every whole batch in `buf` (a fetch response's records, a log segment, ...).
 * A trailing partial batch is ignored, as consumers do. Throws RecordBatchDecodeError on a
 * corrupt batch, a non-v2 magic or an undecodable record. Record keys/values of uncompressed
 * batches are views into `buf`.
 */
export function decodeRecordBatches(buf: Buffer, opts: DecodeOptions = {}): DecodedBatch[] {
  const verifyCrc = opts.verifyCrc ?? true;
  const batches: DecodedBatch[] = [];
  let pos = 0;
  while (buf.length - pos >= LOG_OVERHEAD) {
    const size = buf.readInt32BE(pos + BATCH_LENGTH) + LOG_OVERHEAD;
    if (size < BATCH_HEADER_SIZE) throw new RecordBatchDecodeError(`Record batch size ${size} is below the minimum ${BATCH_HEADER_SIZE}`, pos);
    if (size > buf.length - pos) break;
    batches.push(decodeBatchAt(buf, pos, size, verifyCrc));
    pos += size;
  }
  return batches;
}
