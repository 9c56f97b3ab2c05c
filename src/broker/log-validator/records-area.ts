// A produced batch's records area as the record walk reads it: the bytes after the header of an
// uncompressed batch, in place, or the decompressed records of a compressed one, bounded.
//
// Decompression is bounded by `maxBytes` (the broker's socket.request.max.bytes): a batch whose
// records would expand beyond it is refused with MESSAGE_TOO_LARGE before more than that is
// produced, where Kafka streams through any size. A batch the codec cannot decode fails as in
// Kafka, where the codec's exception is no ApiException: UNKNOWN_SERVER_ERROR (codecFailed).
import { CompressionError, CompressionType, DecompressionLimitError, decompress } from '../../protocol/records/compression/index.js';
import { RECORDS } from '../../storage/batch-header.js';
import { RecordsErrorCode, type RecordsError, type ValidatedBatch } from './validate.js';

export interface RecordsArea {
  buffer: Buffer;
  start: number;
  end: number;
  /** Decompressed records (read isolated, as Kafka's InputStream reader does) rather than in place. */
  decompressed: boolean;
}

/** Kafka's socket.request.max.bytes default: the bound when none is given. */
export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 104_857_600;

export function readRecordsArea(records: Buffer, batch: ValidatedBatch, maxBytes: number, topicPartition: string): RecordsArea | RecordsError {
  const start = batch.position + RECORDS;
  const end = batch.position + batch.size;
  if (batch.compression === CompressionType.None) return { buffer: records, start, end, decompressed: false };
  try {
    const body = decompress(batch.compression, records.subarray(start, end), maxBytes);
    return { buffer: body, start: 0, end: body.length, decompressed: true };
  } catch (err) {
    if (err instanceof DecompressionLimitError) return decompressedTooLarge(topicPartition, maxBytes);
    if (err instanceof CompressionError) return codecFailed(err);
    throw err;
  }
}

/**
 * Kafka's answer for compressed records (a v2 batch, or a v0/v1 wrapper's value) that the codec
 * cannot decode: the codec's exception reaches ReplicaManager wrapped in a KafkaException (an
 * IOException from the stream) or as it is (lz4's flag checks, snappy-java's SnappyError), none
 * an ApiException, so Errors.forException gives UNKNOWN_SERVER_ERROR, without a message and with
 * the log start offset (its generic branch).
 */
export function codecFailed(err: CompressionError): RecordsError {
  return { ok: false, kind: 'server-error', errorCode: RecordsErrorCode.UNKNOWN_SERVER_ERROR, message: `Failed to decompress record stream: ${err.message}`, withLogStartOffset: true };
}

/** kt's answer for compressed records that would expand past `maxBytes` (no Kafka counterpart). */
export function decompressedTooLarge(topicPartition: string, maxBytes: number): RecordsError {
  return {
    ok: false,
    kind: 'too-large',
    errorCode: RecordsErrorCode.MESSAGE_TOO_LARGE,
    message: `The records of the batch in the append to ${topicPartition} decompress to more than ${maxBytes} bytes, the most the broker holds for one request (socket.request.max.bytes).`,
  };
}
