// snappy (codec 2). Java writes xerial snappy-java stream framing: a 16-byte header, then
// int32-BE-length-prefixed raw snappy blocks of at most 32 KiB input each. Readers must also
// take a bare raw snappy block (librdkafka and others may send it), which snappy-java falls
// back to when the header is missing. This is NOT the official snappy framing (`sNaPpY`).
import { lazyModule } from './lazy-require.js';
import { DecompressionLimitError } from './limit.js';

const snappy = lazyModule<typeof import('snappy')>('snappy');

/** 0x82 'S' 'N' 'A' 'P' 'P' 'Y' 0x00 */
export const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
export const XERIAL_HEADER_SIZE = 16;
const XERIAL_VERSION = 1;
const XERIAL_MIN_COMPATIBLE_VERSION = 1;
/** snappy-java's default block size, which Kafka's producer uses. */
const XERIAL_CHUNK_SIZE = 32 * 1024;

function uncompressBlock(block: Buffer): Buffer {
  return snappy().uncompressSync(block, { asBuffer: true }) as Buffer;
}

function startsWithXerialHeader(data: Buffer, pos: number): boolean {
  return data.length - pos >= XERIAL_HEADER_SIZE && data[pos] === XERIAL_MAGIC[0] && data.compare(XERIAL_MAGIC, 0, 8, pos, pos + 8) === 0;
}

export function snappyCompress(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  const header = Buffer.alloc(XERIAL_HEADER_SIZE);
  XERIAL_MAGIC.copy(header, 0);
  header.writeInt32BE(XERIAL_VERSION, 8);
  header.writeInt32BE(XERIAL_MIN_COMPATIBLE_VERSION, 12);
  parts.push(header);
  for (let pos = 0; pos < data.length; pos += XERIAL_CHUNK_SIZE) {
    const block = snappy().compressSync(data.subarray(pos, pos + XERIAL_CHUNK_SIZE));
    const length = Buffer.alloc(4);
    length.writeInt32BE(block.length, 0);
    parts.push(length, block);
  }
  return Buffer.concat(parts);
}

export function snappyDecompress(data: Buffer): Buffer {
  return concatBlocks(snappyBlocks(data).map(uncompressBlock));
}

/**
 * snappyDecompress that refuses (DecompressionLimitError) data whose raw blocks declare more than
 * `maxBytes` in all: each block states its uncompressed length up front, and the decoder produces
 * exactly that or fails, so nothing is decoded past the bound.
 */
export function snappyDecompressBounded(data: Buffer, maxBytes: number): Buffer {
  const blocks = snappyBlocks(data);
  let total = 0;
  for (const block of blocks) total += declaredLength(block);
  if (total > maxBytes) throw new DecompressionLimitError(maxBytes);
  return concatBlocks(blocks.map(uncompressBlock));
}

/** The raw snappy blocks of `data`: its xerial chunks, or the whole of it when it has no xerial header. */
function snappyBlocks(data: Buffer): Buffer[] {
  if (!startsWithXerialHeader(data, 0)) return [data];
  const blocks: Buffer[] = [];
  let pos = 0;
  while (pos < data.length) {
    // snappy-java also reads xerial streams concatenated one after another.
    if (startsWithXerialHeader(data, pos)) {
      const version = data.readInt32BE(pos + 8);
      if (version < XERIAL_MIN_COMPATIBLE_VERSION) throw new Error(`Unsupported xerial snappy stream version ${version}`);
      pos += XERIAL_HEADER_SIZE;
      continue;
    }
    if (data.length - pos < 4) throw new Error('Truncated xerial snappy chunk length');
    const length = data.readInt32BE(pos);
    pos += 4;
    if (length < 0 || length > data.length - pos) throw new Error(`Invalid xerial snappy chunk length ${length}`);
    blocks.push(data.subarray(pos, pos + length));
    pos += length;
  }
  return blocks;
}

/** A raw block's preamble: its uncompressed length as an unsigned varint of at most 5 bytes. */
function declaredLength(block: Buffer): number {
  let length = 0;
  for (let i = 0; i < 5 && i < block.length; i++) {
    const byte = block[i]!;
    length += (byte & 0x7f) * 2 ** (7 * i);
    if (byte < 0x80) return length;
  }
  throw new Error('snappy: corrupt input (invalid length preamble)');
}

function concatBlocks(parts: Buffer[]): Buffer {
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}
