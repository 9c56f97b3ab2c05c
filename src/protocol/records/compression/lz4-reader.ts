// LZ4 frames read as Kafka 3.9 reads them (Lz4BlockInputStream), by the broker and by consumers
// alike: one frame; FLG version 1, independent blocks, no dictionary id; BD block size 64 KiB to
// 4 MiB; a correct header checksum (skipped for magic 0, see below); block checksums verified when
// flagged; the content checksum skipped, not verified; anything after the end mark ignored.
// Linked blocks, the legacy lz4 format and skippable frames are refused, as Java refuses them.
// Failures use Kafka's texts.
//
// Blocks are decoded one by one with lz4-napi's block decoder (an order of magnitude faster than
// its frame decoder, which reads through io::Read in small steps), so the output is counted as it
// grows and decoding stops at `maxBytes`: a frame can expand 255:1, a 1 MB batch to ~255 MB.
import { BLOCK_UNCOMPRESSED_FLAG, FRAME_MAGIC, SIZE_PREFIX, lz4 } from './lz4.js';
import { DecompressionLimitError } from './limit.js';
import { xxhash32 } from './xxhash32.js';

const FLG_CONTENT_CHECKSUM = 0x04;
const FLG_CONTENT_SIZE = 0x08;
const FLG_BLOCK_CHECKSUM = 0x10;
const FLG_INDEPENDENT_BLOCKS = 0x20;

const PREMATURE_EOS = 'Stream ended prematurely';

/** lz4-napi's block decoder takes a uint32 LE size prefix; as a capacity, the output may be shorter. */
let scratch = Buffer.alloc(0);

/**
 * The content of the LZ4 frame at the start of `data`, at most `maxBytes` of it (more throws
 * DecompressionLimitError). `ignoreHeaderChecksum`: message format v0 (magic 0), whose old writers
 * computed the header checksum over the magic too; Kafka's reader skips it there.
 */
export function lz4Decompress(data: Buffer, maxBytes: number, ignoreHeaderChecksum = false): Buffer {
  const { blockMaxSize, flg, pos: afterHeader } = readFrameHeader(data, ignoreHeaderChecksum);
  const blocks: Buffer[] = [];
  let total = 0;
  let pos = afterHeader;
  for (;;) {
    if (data.length - pos < 4) throw new Error(PREMATURE_EOS);
    const word = data.readUInt32LE(pos);
    pos += 4;
    const size = (word & ~BLOCK_UNCOMPRESSED_FLAG) >>> 0;
    if (size === 0) break; // end mark; a content checksum and anything after it are not checked
    if (size > blockMaxSize) throw new Error(`Block size ${size} exceeded max: ${blockMaxSize}`);
    if (data.length - pos < size) throw new Error(PREMATURE_EOS);
    const block = data.subarray(pos, pos + size);
    const decoded = word & BLOCK_UNCOMPRESSED_FLAG ? block : decodeBlock(block, blockMaxSize);
    pos += size;
    if (flg & FLG_BLOCK_CHECKSUM) {
      if (data.length - pos < 4) throw new Error(PREMATURE_EOS);
      if (xxhash32(block, 0) !== data.readUInt32LE(pos)) throw new Error('Block checksum mismatch');
      pos += 4;
    }
    total += decoded.length;
    if (total > maxBytes) throw new DecompressionLimitError(maxBytes);
    blocks.push(decoded);
  }
  // Java reads the content checksum (4 bytes) and fails when they are missing.
  if (flg & FLG_CONTENT_CHECKSUM && data.length - pos < 4) throw new Error(PREMATURE_EOS);
  return blocks.length === 1 ? blocks[0]! : Buffer.concat(blocks, total);
}

interface FrameHeader {
  flg: number;
  blockMaxSize: number;
  /** Where the first block starts. */
  pos: number;
}

/** Kafka's readHeader with its FLG/BD checks (Lz4BlockOutputStream.FLG/BD.fromByte). */
function readFrameHeader(data: Buffer, ignoreHeaderChecksum: boolean): FrameHeader {
  if (data.length < 6) throw new Error(PREMATURE_EOS);
  if (data.readUInt32LE(0) !== FRAME_MAGIC) throw new Error('Stream unsupported (invalid magic bytes)');
  const flg = data[4]!;
  if (flg & 0x03) throw new Error('Reserved bits must be 0');
  if (!(flg & FLG_INDEPENDENT_BLOCKS)) throw new Error('Dependent block stream is unsupported');
  if (flg >> 6 !== 1) throw new Error(`Version ${flg >> 6} is unsupported`);
  const bd = data[5]!;
  if (bd & 0x0f) throw new Error('Reserved2 field must be 0');
  const sizeCode = (bd >> 4) & 7;
  if (sizeCode < 4) throw new Error('Block size value must be between 4 and 7');
  if (bd & 0x80) throw new Error('Reserved3 field must be 0');
  let pos = 6;
  if (flg & FLG_CONTENT_SIZE) {
    if (data.length - pos < 8) throw new Error(PREMATURE_EOS);
    pos += 8; // declared content size: not used, as in Kafka
  }
  if (pos >= data.length) throw new Error(PREMATURE_EOS);
  if (!ignoreHeaderChecksum && data[pos] !== ((xxhash32(data.subarray(4, pos), 0) >>> 8) & 0xff)) throw new Error('Stream frame descriptor corrupted');
  return { flg, blockMaxSize: 1 << (2 * sizeCode + 8), pos: pos + 1 };
}

/** One compressed block, at most `capacity` bytes of output (more fails in the decoder). */
function decodeBlock(block: Buffer, capacity: number): Buffer {
  if (scratch.length < block.length + SIZE_PREFIX) scratch = Buffer.allocUnsafe(Math.max(block.length + SIZE_PREFIX, 64 * 1024 + SIZE_PREFIX));
  scratch.writeUInt32LE(capacity, 0);
  block.copy(scratch, SIZE_PREFIX);
  return lz4().uncompressSync(scratch.subarray(0, block.length + SIZE_PREFIX));
}
