// Codec dispatch for the records area of a batch (everything after the 61-byte header).
// Errors from a codec are rethrown as CompressionError so callers can map them to
// CORRUPT_MESSAGE without knowing which library failed.
import { CompressionType } from './compression-type.js';
import { gzipCompress, gzipCompressAsync, gzipDecompress, gzipDecompressAsync, gzipDecompressBounded } from './gzip.js';
import { lz4Compress, lz4Decompress, lz4DecompressAsync, lz4DecompressIgnoringHeaderChecksum } from './lz4.js';
import { lz4DecompressBounded } from './lz4-reader.js';
import { DecompressionLimitError } from './limit.js';
import { snappyCompress, snappyDecompress, snappyDecompressBounded } from './snappy.js';
import { zstdCompress, zstdDecompress, zstdDecompressBounded } from './zstd.js';

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

export function decompress(codec: CompressionType, data: Buffer): Buffer {
  if (codec === CompressionType.None) return data;
  try {
    switch (codec) {
      case CompressionType.Gzip:
        return gzipDecompress(data);
      case CompressionType.Snappy:
        return snappyDecompress(data);
      case CompressionType.Lz4:
        return lz4Decompress(data);
      case CompressionType.Zstd:
        return zstdDecompress(data);
      default:
        return unknownCodec(codec);
    }
  } catch (error) {
    throw new CompressionError(codec, 'decompress', error);
  }
}

/**
 * Decompresses a produced v2 batch's records area for the broker's validation, never producing
 * more than `maxBytes`: throws DecompressionLimitError when the data would expand beyond it,
 * CompressionError when the codec fails. Stricter than decompress where Kafka's broker is: lz4
 * frames are read by Kafka's rules (lz4-reader.ts), zstd windows above 128 MiB are refused.
 */
export function decompressBounded(codec: CompressionType, data: Buffer, maxBytes: number): Buffer {
  if (codec === CompressionType.None) return data;
  try {
    switch (codec) {
      case CompressionType.Gzip:
        return gzipDecompressBounded(data, maxBytes);
      case CompressionType.Snappy:
        return snappyDecompressBounded(data, maxBytes);
      case CompressionType.Lz4:
        return lz4DecompressBounded(data, maxBytes);
      case CompressionType.Zstd:
        return zstdDecompressBounded(data, maxBytes);
      default:
        return unknownCodec(codec);
    }
  } catch (error) {
    if (error instanceof DecompressionLimitError) throw error;
    throw new CompressionError(codec, 'decompress', error);
  }
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

export function decompressLegacy(codec: CompressionType, data: Buffer, magic: number): Buffer {
  if (codec !== CompressionType.Lz4 || magic !== 0) return decompress(codec, data);
  try {
    return lz4DecompressIgnoringHeaderChecksum(data);
  } catch (error) {
    throw new CompressionError(codec, 'decompress', error);
  }
}

/** decompressBounded for a v0/v1 wrapper's value: lz4 for magic 0 without its header checksum (see decompressLegacy). */
export function decompressLegacyBounded(codec: CompressionType, data: Buffer, magic: number, maxBytes: number): Buffer {
  if (codec !== CompressionType.Lz4 || magic !== 0) return decompressBounded(codec, data, maxBytes);
  try {
    return lz4DecompressBounded(data, maxBytes, true);
  } catch (error) {
    if (error instanceof DecompressionLimitError) throw error;
    throw new CompressionError(codec, 'decompress', error);
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

/** Like decompress, but gzip and lz4 run off the main thread; the others run inline. */
export async function decompressAsync(codec: CompressionType, data: Buffer): Promise<Buffer> {
  if (codec !== CompressionType.Gzip && codec !== CompressionType.Lz4) return decompress(codec, data);
  try {
    return codec === CompressionType.Gzip ? await gzipDecompressAsync(data) : await lz4DecompressAsync(data);
  } catch (error) {
    throw new CompressionError(codec, 'decompress', error);
  }
}
