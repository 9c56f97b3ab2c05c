// How far a zstd stream can expand, read from its frame and block headers without decoding
// anything (RFC 8878; the idea of zstd's ZSTD_decompressBound): raw and RLE blocks state their
// output size, a compressed block yields at most min(window size, 128 KiB), a frame at most its
// declared content size. A bomb made of RLE blocks (4 bytes each for 128 KiB of output) is sized
// exactly. Windows above 128 MiB are refused as zstd's streaming decoder refuses them by default
// (ZSTD_d_windowLogMax 27), which is how Kafka's broker reads zstd (zstd-jni); errors use zstd's
// texts.

const FRAME_MAGIC = 0xfd2fb528;
const SKIPPABLE_MAGIC = 0x184d2a50; // low 4 bits are free
const BLOCK_SIZE_MAX = 128 * 1024;
const WINDOW_SIZE_MAX = 2 ** 27;
const DICTIONARY_ID_SIZES = [0, 1, 2, 4];

const SRC_SIZE_WRONG = 'Src size is incorrect';

/** Upper bound on the decompressed size of `data` (one or more frames); throws on a malformed header. */
export function zstdDecompressedBound(data: Buffer): number {
  let bound = 0;
  let pos = 0;
  while (pos < data.length) {
    need(data, pos, 4);
    const magic = data.readUInt32LE(pos);
    if ((magic & 0xfffffff0) >>> 0 === SKIPPABLE_MAGIC) {
      need(data, pos, 8);
      const size = data.readUInt32LE(pos + 4);
      need(data, pos + 8, size);
      pos += 8 + size;
      continue;
    }
    if (magic !== FRAME_MAGIC) throw new Error('Unknown frame descriptor');
    const frame = frameBound(data, pos + 4);
    bound += frame.bound;
    pos = frame.end;
  }
  return bound;
}

/** The frame whose header starts at `pos` (after the magic): its bound and where it ends. */
function frameBound(data: Buffer, pos: number): { bound: number; end: number } {
  need(data, pos, 1);
  const descriptor = data[pos++]!;
  if (descriptor & 0x08) throw new Error('Unsupported frame parameter'); // reserved bit
  const singleSegment = (descriptor & 0x20) !== 0;
  const hasChecksum = (descriptor & 0x04) !== 0;
  let windowSize = 0;
  if (!singleSegment) {
    need(data, pos, 1);
    const windowDescriptor = data[pos++]!;
    const windowBase = 2 ** (10 + (windowDescriptor >> 3));
    windowSize = windowBase + (windowBase / 8) * (windowDescriptor & 7);
  }
  pos += DICTIONARY_ID_SIZES[descriptor & 3]!;
  const contentSizeFlag = descriptor >> 6;
  const contentSizeBytes = contentSizeFlag === 0 ? (singleSegment ? 1 : 0) : 1 << contentSizeFlag;
  need(data, pos, contentSizeBytes);
  let contentSize = -1;
  if (contentSizeBytes > 0) {
    contentSize = data.readUIntLE(pos, Math.min(contentSizeBytes, 6)) + (contentSizeBytes === 8 ? data.readUInt16LE(pos + 6) * 2 ** 48 : 0);
    if (contentSizeBytes === 2) contentSize += 256;
    pos += contentSizeBytes;
  }
  if (singleSegment) windowSize = contentSize;
  if (windowSize > WINDOW_SIZE_MAX) throw new Error('Frame requires too much memory for decoding');
  const compressedBlockMax = Math.min(windowSize, BLOCK_SIZE_MAX);

  let bound = 0;
  for (let last = false; !last; ) {
    need(data, pos, 3);
    const header = data.readUIntLE(pos, 3);
    pos += 3;
    last = (header & 1) === 1;
    const type = (header >> 1) & 3;
    const size = header >>> 3;
    if (type === 3) throw new Error('Data corruption detected'); // reserved block type
    // Raw blocks carry `size` bytes, RLE blocks one byte repeated `size` times.
    const stored = type === 1 ? 1 : size;
    need(data, pos, stored);
    pos += stored;
    bound += type === 2 ? compressedBlockMax : size;
  }
  if (hasChecksum) {
    need(data, pos, 4);
    pos += 4;
  }
  return { bound: contentSize >= 0 ? Math.min(bound, contentSize) : bound, end: pos };
}

function need(data: Buffer, pos: number, bytes: number): void {
  if (bytes > data.length - pos) throw new Error(SRC_SIZE_WRONG);
}
