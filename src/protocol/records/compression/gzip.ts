// gzip (codec 1). Java writes one GZIPOutputStream member; zlib's gunzip also reads several
// members one after another, as Java's GZIPInputStream does.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { DecompressionLimitError } from './limit.js';

const gzipAsync = promisify(zlib.gzip);
const gunzipAsync = promisify(zlib.gunzip);

/** Kafka's compression.gzip.level: 1..9, or -1 for zlib's default (6). */
function options(level: number | undefined): zlib.ZlibOptions {
  return level === undefined ? {} : { level };
}

export function gzipCompress(data: Buffer, level?: number): Buffer {
  return zlib.gzipSync(data, options(level));
}

export function gzipDecompress(data: Buffer): Buffer {
  return zlib.gunzipSync(data);
}

/**
 * gunzip that gives up past `maxBytes` of output (DecompressionLimitError): zlib checks
 * maxOutputLength after each chunk it inflates, so a bomb never expands further. Chunks are sized
 * from the input (8x it, 16 KiB to 1 MiB): fewer chunks to gather than zlib's 16 KiB default
 * (about a fifth faster on a 1 MB batch), without a large buffer for a small one.
 */
export function gzipDecompressBounded(data: Buffer, maxBytes: number): Buffer {
  const chunkSize = Math.min(Math.max(data.length * 8, 16 * 1024), 1024 * 1024);
  try {
    return zlib.gunzipSync(data, { maxOutputLength: maxBytes, chunkSize });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new DecompressionLimitError(maxBytes);
    throw err;
  }
}

export function gzipCompressAsync(data: Buffer, level?: number): Promise<Buffer> {
  return gzipAsync(data, options(level));
}

export function gzipDecompressAsync(data: Buffer): Promise<Buffer> {
  return gunzipAsync(data);
}
