// Codec dispatch for the records area of a batch (everything after the 61-byte header) and for
// a legacy wrapper's value. One decoder per codec, for every reader (produce validation,
// consumers, down-conversion, the cleaner, dump-log, group loads), each reading as Kafka 3.9's
// Java readers do and never producing more than the caller's bound. Errors from a codec are
// rethrown as CompressionError so callers need not know which library failed.
import { CompressionType } from './compression-type.js';
import { gzipCompress, gzipCompressAsync, gzipDecompress, gzipDecompressAsync } from './gzip.js';
import { lz4Compress } from './lz4.js';
import { lz4Decompress } from './lz4-reader.js';
import { DecompressionLimitError } from './limit.js';
import { snappyCompress, snappyDecompress } from './snappy.js';
import { zstdCompress, zstdDecompress } from './zstd.js';

export { CompressionType } from './compression-type.js';
export { DecompressionLimitError } from './limit.js';

export class CompressionError extends Error {
  constructor(
    readonly codec: CompressionType,
    readonly operation: 'compress' | 'decompress',
    cause: unknown,
  ) {
    super(`${CompressionType[codec] ?? `codec ${codec}`} ${operation} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'CompressionError';
  }
}

/** Record batch v2's magic: the default message format of the data. */
const CURRENT_MAGIC = 2;

function unknownCodec(codec: number): never {
  throw new Error(`Unknown compression type id ${codec}`);
}

/**
 * Compresses a batch's records area. `level` follows Kafka's compression.<codec>.level:
 * gzip 1..9 (-1 default), zstd (default 3). snappy has no level; lz4's level is ignored
 * (lz4-napi has a single fast level, where Java's default 9 means LZ4 HC).
 */
export function compress(codec: CompressionType, data: Buffer, level?: number): Buffer {
  if (codec === CompressionType.None) return data;
  try {
    switch (codec) {
      case CompressionType.Gzip:
        return gzipCompress(data, level);
      case CompressionType.Snappy:
        return snappyCompress(data);
      case CompressionType.Lz4:
        return lz4Compress(data);
      case CompressionType.Zstd:
        return zstdCompress(data, level);
      default:
        return unknownCodec(codec);
    }
  } catch (error) {
    throw new CompressionError(codec, 'compress', error);
  }
}

/**
 * Decompresses a records area (or a legacy wrapper's value). `maxBytes` bounds the output: data
 * that would expand beyond it throws DecompressionLimitError, and decoding stops there (the broker
 * passes socket.request.max.bytes for produced data; readers of stored data pass none, as Kafka's
 * readers stream through any size). `magic`: the message format the data comes from; magic 0 lz4
 * skips the frame header checksum (see compressLegacy). Codec failures throw CompressionError.
 */
export function decompress(codec: CompressionType, data: Buffer, maxBytes = Infinity, magic = CURRENT_MAGIC): Buffer {
  if (codec === CompressionType.None) return data;
  try {
    switch (codec) {
      case CompressionType.Gzip:
        return gzipDecompress(data, maxBytes);
      case CompressionType.Snappy:
        return snappyDecompress(data, maxBytes);
      case CompressionType.Lz4:
        return lz4Decompress(data, maxBytes, magic === 0);
      case CompressionType.Zstd:
        return zstdDecompress(data, maxBytes);
      default:
        return unknownCodec(codec);
    }
  } catch (error) {
    return decompressFailed(codec, error);
  }
}

/** A decoder's failure as the decompress functions report it: the bound as it is, the rest as CompressionError. */
function decompressFailed(codec: CompressionType, error: unknown): never {
  if (error instanceof DecompressionLimitError) throw error;
  throw new CompressionError(codec, 'decompress', error);
}

/**
 * The codecs as message formats v0/v1 (magic 0 and 1) frame them: the same as v2's except lz4
 * for magic 0, whose frame header checksum Kafka writes wrong and does not check (Kafka's
 * Lz4BlockOutputStream/InputStream with the magic-0 flags). zstd does not exist before magic 2.
 */
export function compressLegacy(codec: CompressionType, data: Buffer, magic: number): Buffer {
  if (codec !== CompressionType.Lz4 || magic !== 0) return compress(codec, data);
  try {
    return lz4Compress(data, true);
  } catch (error) {
    throw new CompressionError(codec, 'compress', error);
  }
}

/** Like compress, but gzip runs on libuv's thread pool; other codecs run inline (they are fast). */
export async function compressAsync(codec: CompressionType, data: Buffer, level?: number): Promise<Buffer> {
  if (codec !== CompressionType.Gzip) return compress(codec, data, level);
  try {
    return await gzipCompressAsync(data, level);
  } catch (error) {
    throw new CompressionError(codec, 'compress', error);
  }
}

/**
 * decompress with gzip on libuv's thread pool (the cleaner reads whole segments; async callers await
 * it); the other codecs decode inline, faster than a hop to the pool and back.
 */
export async function decompressAsync(codec: CompressionType, data: Buffer, maxBytes = Infinity): Promise<Buffer> {
  if (codec !== CompressionType.Gzip) return decompress(codec, data, maxBytes);
  try {
    return await gzipDecompressAsync(data, maxBytes);
  } catch (error) {
    return decompressFailed(codec, error);
  }
}
