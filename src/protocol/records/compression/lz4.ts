// LZ4 (codec 3) in the LZ4 frame format, written the way Kafka's Lz4BlockOutputStream does:
// FLG 0x60 (version 01, independent blocks, no checksums, no content size), BD 0x40 (64 KiB
// blocks), a correct header checksum, blocks that are stored raw when they do not shrink, and
// an end mark. Independent blocks matter: Java's reader rejects linked blocks, and the
// reference library's default frame settings use linked ones.
//
// lz4-napi's compressFrameSync is not used for writing because it picks the block size itself
// (it wrote BD 0x50 = 256 KiB for larger inputs); only its block codec is used, here and in the
// reader (lz4-reader.ts).
import { lazyModule } from './lazy-require.js';
import { xxhash32 } from './xxhash32.js';

export const lz4 = lazyModule<typeof import('lz4-napi')>('lz4-napi');

export const FRAME_MAGIC = 0x184d2204;
/** Set in a block's size word when the block is stored uncompressed. */
export const BLOCK_UNCOMPRESSED_FLAG = 0x80000000;
/** lz4-napi's block codec prefixes a block with its uncompressed size (uint32 LE). */
export const SIZE_PREFIX = 4;
const FLG_VERSION_01_INDEPENDENT_BLOCKS = 0x60;
const BD_MAX_BLOCK_64KB = 0x40;
const MAX_BLOCK_SIZE = 64 * 1024;

/**
 * The 7-byte frame header Kafka writes: magic, FLG, BD, HC = (xxhash32(FLG..BD) >> 8) & 0xff.
 * With `brokenChecksum`, HC covers the magic too: Kafka's Lz4BlockOutputStream keeps that bug
 * of the first Kafka LZ4 writer for message format v0 (magic 0), whose readers expect it.
 */
export function lz4FrameHeader(brokenChecksum = false): Buffer {
  const header = Buffer.alloc(7);
  header.writeUInt32LE(FRAME_MAGIC, 0);
  header[4] = FLG_VERSION_01_INDEPENDENT_BLOCKS;
  header[5] = BD_MAX_BLOCK_64KB;
  header[6] = (xxhash32(header.subarray(brokenChecksum ? 0 : 4, 6), 0) >>> 8) & 0xff;
  return header;
}

/** `brokenChecksum`: the magic 0 header checksum (see lz4FrameHeader). */
export function lz4Compress(data: Buffer, brokenChecksum = false): Buffer {
  const lz4CompressPrefixed = lz4().compressSync;
  const parts: Buffer[] = [lz4FrameHeader(brokenChecksum)];
  for (let pos = 0; pos < data.length; pos += MAX_BLOCK_SIZE) {
    const block = data.subarray(pos, pos + MAX_BLOCK_SIZE);
    const compressed = lz4CompressPrefixed(block);
    const compressedSize = compressed.length - SIZE_PREFIX;
    const blockHeader = Buffer.alloc(4);
    if (compressedSize < block.length) {
      blockHeader.writeUInt32LE(compressedSize, 0);
      parts.push(blockHeader, compressed.subarray(SIZE_PREFIX));
    } else {
      blockHeader.writeUInt32LE((block.length | BLOCK_UNCOMPRESSED_FLAG) >>> 0, 0);
      parts.push(blockHeader, block);
    }
  }
  parts.push(Buffer.alloc(4)); // end mark
  return Buffer.concat(parts);
}
