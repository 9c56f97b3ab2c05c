// gzip (codec 1). Java writes one GZIPOutputStream member and reads with java.util.zip's
// GZIPInputStream: several members one after another, and after a member, bytes that do not
// start a well-formed gzip header are ignored. zlib's gunzip reads the members too but refuses
// such trailing bytes (unless they start with a zero byte); when it refuses, the members are read
// again one by one by Java's rules (gunzipMembers), which gives Java's answer either way.
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

export function gzipCompressAsync(data: Buffer, level?: number): Promise<Buffer> {
  return gzipAsync(data, options(level));
}

/**
 * Inflate options: at most `maxBytes` of output (zlib checks maxOutputLength after each chunk it
 * inflates, so a bomb never expands further), in chunks sized from the input (8x it, 16 KiB to
 * 1 MiB): fewer chunks to gather than zlib's 16 KiB default (about a fifth faster on a 1 MB
 * batch), without a large buffer for a small one.
 */
function inflateOptions(input: number, maxBytes: number): zlib.ZlibOptions {
  const chunkSize = Math.min(Math.max(input * 8, 16 * 1024), 1024 * 1024);
  return Number.isFinite(maxBytes) ? { maxOutputLength: maxBytes, chunkSize } : { chunkSize };
}

/** The content of the gzip members in `data`, at most `maxBytes` of it (more throws DecompressionLimitError). */
export function gzipDecompress(data: Buffer, maxBytes: number): Buffer {
  try {
    return zlib.gunzipSync(data, inflateOptions(data.length, maxBytes));
  } catch (err) {
    return afterGunzipFailed(err, data, maxBytes);
  }
}

/** gzipDecompress with zlib on libuv's thread pool (for large batches read off the event loop). */
export async function gzipDecompressAsync(data: Buffer, maxBytes: number): Promise<Buffer> {
  try {
    return await gunzipAsync(data, inflateOptions(data.length, maxBytes));
  } catch (err) {
    return afterGunzipFailed(err, data, maxBytes);
  }
}

function afterGunzipFailed(err: unknown, data: Buffer, maxBytes: number): Buffer {
  if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new DecompressionLimitError(maxBytes);
  // Refused by zlib: by Java's rules the data may still end well, with bytes after a member that
  // Java ignores. Java's answer, whichever it is (the read below throws Java's error if any).
  return gunzipMembers(data, maxBytes);
}

const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const TRAILER_SIZE = 8;

/** GZIPInputStream's reading: members until the data ends or what follows a member is no gzip header. */
function gunzipMembers(data: Buffer, maxBytes: number): Buffer {
  const parts: Buffer[] = [];
  let total = 0;
  let pos = 0;
  do {
    let bodyStart: number;
    try {
      bodyStart = gzipHeaderEnd(data, pos);
    } catch (err) {
      if (pos === 0) throw err;
      break; // GZIPInputStream.readTrailer: "ignore any malformed, do nothing"
    }
    const body = data.subarray(bodyStart);
    let inflated: { buffer: Buffer; engine: zlib.InflateRaw };
    try {
      // At least 1 byte allowed: zlib takes no 0 (a member past the bound fails on the total below).
      inflated = zlib.inflateRawSync(body, { ...inflateOptions(body.length, Math.max(maxBytes - total, 1)), info: true }) as unknown as typeof inflated;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new DecompressionLimitError(maxBytes);
      throw err;
    }
    const { buffer, engine } = inflated;
    pos = bodyStart + engine.bytesWritten;
    if (data.length - pos < TRAILER_SIZE) throw new Error('Unexpected end of ZLIB input stream');
    if (data.readUInt32LE(pos) !== zlib.crc32(buffer) || data.readUInt32LE(pos + 4) !== buffer.length % 2 ** 32) throw new Error('Corrupt GZIP trailer');
    pos += TRAILER_SIZE;
    total += buffer.length;
    if (total > maxBytes) throw new DecompressionLimitError(maxBytes);
    parts.push(buffer);
  } while (pos < data.length);
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts, total);
}

/** Where the deflate data of the member at `pos` starts (GZIPInputStream.readHeader, with its texts). */
function gzipHeaderEnd(data: Buffer, pos: number): number {
  const byte = (at: number): number => {
    if (at >= data.length) throw new Error('Unexpected end of ZLIB input stream');
    return data[at]!;
  };
  if (byte(pos) !== 0x1f || byte(pos + 1) !== 0x8b) throw new Error('Not in GZIP format');
  if (byte(pos + 2) !== 8) throw new Error('Unsupported compression method');
  const flags = byte(pos + 3);
  let at = pos + 10; // MTIME, XFL and OS skipped
  if (flags & FEXTRA) at += 2 + (byte(at) | (byte(at + 1) << 8));
  if (flags & FNAME) while (byte(at++) !== 0);
  if (flags & FCOMMENT) while (byte(at++) !== 0);
  if (flags & FHCRC) {
    if ((byte(at) | (byte(at + 1) << 8)) !== (zlib.crc32(data.subarray(pos, at)) & 0xffff)) throw new Error('Corrupt GZIP header');
    at += 2;
  }
  byte(at - 1); // the header is all there
  return at;
}
