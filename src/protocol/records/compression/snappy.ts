// snappy (codec 2). Java writes xerial snappy-java stream framing: a 16-byte header, then
// int32-BE-length-prefixed raw snappy blocks of at most 32 KiB input each. Readers must also
// take a bare raw snappy block (librdkafka and others may send it), which snappy-java falls
// back to when the header is missing. This is NOT the official snappy framing (`sNaPpY`).
// Streams are read by the rules of snappy-java 1.1.10.5's SnappyInputStream (Kafka 3.9's).
//
// The `snappy` package's calls take copyOutputData: by default it hands each result over as an
// external buffer (napi_create_external_buffer), whose memory V8 must account for and whose
// finaliser must run: that cost 70-250 us per 32 KiB block here, three quarters of the time, where
// a copy into a V8-owned buffer costs a few (about 4x the throughput both ways; see bench/README.md).
import { lazyModule } from './lazy-require.js';
import { DecompressionLimitError } from './limit.js';

const snappy = lazyModule<typeof import('snappy')>('snappy');

/** 0x82 'S' 'N' 'A' 'P' 'P' 'Y' 0x00 */
export const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
export const XERIAL_HEADER_SIZE = 16;
/** The magic's first 4 bytes read as an int32 chunk length: a concatenated stream's header. */
const XERIAL_MAGIC_HEAD = XERIAL_MAGIC.readInt32BE(0);
const XERIAL_VERSION = 1;
const XERIAL_MIN_COMPATIBLE_VERSION = 1;
/** snappy-java's default block size, which Kafka's producer uses. */
const XERIAL_CHUNK_SIZE = 32 * 1024;
/** snappy-java's SnappyInputStream.MAX_CHUNK_SIZE. */
const XERIAL_MAX_CHUNK_SIZE = 512 * 1024 * 1024;

const COPY = { copyOutputData: true } as const;
const COPY_AS_BUFFER = { asBuffer: true, copyOutputData: true } as const;

function hasXerialMagic(data: Buffer, pos: number): boolean {
  return data[pos] === XERIAL_MAGIC[0] && data.compare(XERIAL_MAGIC, 0, 8, pos, pos + 8) === 0;
}

export function snappyCompress(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  const header = Buffer.alloc(XERIAL_HEADER_SIZE);
  XERIAL_MAGIC.copy(header, 0);
  header.writeInt32BE(XERIAL_VERSION, 8);
  header.writeInt32BE(XERIAL_MIN_COMPATIBLE_VERSION, 12);
  parts.push(header);
  for (let pos = 0; pos < data.length; pos += XERIAL_CHUNK_SIZE) {
    const block = snappy().compressSync(data.subarray(pos, pos + XERIAL_CHUNK_SIZE), COPY);
    const length = Buffer.alloc(4);
    length.writeInt32BE(block.length, 0);
    parts.push(length, block);
  }
  return Buffer.concat(parts);
}

/**
 * The content of `data` (xerial stream or raw block), at most `maxBytes` of it: data whose raw
 * blocks declare more in all is refused (DecompressionLimitError) before any is decoded. Each block
 * states its uncompressed length up front, and the decoder produces exactly that or fails.
 */
export function snappyDecompress(data: Buffer, maxBytes: number): Buffer {
  const blocks = snappyBlocks(data);
  let total = 0;
  for (const block of blocks) total += declaredLength(block);
  if (total > maxBytes) throw new DecompressionLimitError(maxBytes);
  const decoded = blocks.map((block) => snappy().uncompressSync(block, COPY_AS_BUFFER) as Buffer);
  return decoded.length === 1 ? decoded[0]! : Buffer.concat(decoded, total);
}

/**
 * The raw snappy blocks of `data`, as SnappyInputStream finds them: the whole of it when it does
 * not start with a full xerial header, else its chunks. The first header's versions are not read;
 * a later one (streams concatenated) must be version 1 or above; a chunk length cut short, or a
 * header-like word not followed by the magic, ends the stream there.
 */
function snappyBlocks(data: Buffer): Buffer[] {
  if (data.length === 0) throw new Error('Cannot decompress empty stream');
  if (data.length < XERIAL_HEADER_SIZE || !hasXerialMagic(data, 0)) return [data];
  const blocks: Buffer[] = [];
  for (let pos = XERIAL_HEADER_SIZE; data.length - pos >= 4; ) {
    const length = data.readInt32BE(pos);
    if (length === XERIAL_MAGIC_HEAD) {
      if (data.length - pos < XERIAL_HEADER_SIZE) throw new Error('Insufficient header size in a concatenated block');
      if (!hasXerialMagic(data, pos)) break;
      const version = data.readInt32BE(pos + 8);
      if (version < XERIAL_MIN_COMPATIBLE_VERSION) {
        throw new Error(`Compressed with an incompatible codec version ${version}. At least version ${XERIAL_MIN_COMPATIBLE_VERSION} is required`);
      }
      pos += XERIAL_HEADER_SIZE;
      continue;
    }
    pos += 4;
    if (length < 0) throw new Error(`chunkSize is too big or negative : ${length}`);
    if (length > XERIAL_MAX_CHUNK_SIZE) throw new Error(`Received chunkSize ${length} is greater than max configured chunk size ${XERIAL_MAX_CHUNK_SIZE}`);
    if (length > data.length - pos) throw new Error('failed to read chunk');
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
