// How far a zstd stream can expand, read from its frame and block headers without decoding
// anything (RFC 8878; the idea of zstd's ZSTD_decompressBound): raw and RLE blocks state their
// output size, a compressed block yields at most min(window size, 128 KiB), a frame at most its
// declared content size and, when it declares one, exactly that. A bomb made of RLE blocks (4
// bytes each for 128 KiB of output) is sized exactly. Windows above 128 MiB are refused as zstd's
// streaming decoder refuses them by default (ZSTD_d_windowLogMax 27, a window of at most 2^27 + 1
// bytes), which is how Kafka reads zstd (zstd-jni's ZstdInputStream); errors use zstd's texts.

const FRAME_MAGIC = 0xfd2fb528;
const SKIPPABLE_MAGIC = 0x184d2a50; // low 4 bits are free
const BLOCK_SIZE_MAX = 128 * 1024;
/** zstd's ZSTD_MAXWINDOWSIZE_DEFAULT: (1 << ZSTD_WINDOWLOG_LIMIT_DEFAULT) + 1. */
const WINDOW_SIZE_MAX = 2 ** 27 + 1;
const DICTIONARY_ID_SIZES = [0, 1, 2, 4];

const SRC_SIZE_WRONG = 'Src size is incorrect';

/** What the frames of a zstd stream decode to, in bytes, as far as their headers tell. */
export interface ZstdOutputSize {
  /** No more than this (compressed blocks counted at their most). */
  atMost: number;
  /** No less than this, if the stream decodes at all (raw and RLE blocks, declared content sizes). */
  atLeast: number;
}

/** The output size of `data` (one or more frames) from its headers; throws on a malformed header. */
export function zstdOutputSize(data: Buffer): ZstdOutputSize {
  const size: ZstdOutputSize = { atMost: 0, atLeast: 0 };
  let pos = 0;
  while (pos < data.length) {
    need(data, pos, 4);
    const magic = data.readUInt32LE(pos);
    if ((magic & 0xfffffff0) >>> 0 === SKIPPABLE_MAGIC) {
      need(data, pos, 8);
      const skipped = data.readUInt32LE(pos + 4);
      need(data, pos + 8, skipped);
      pos += 8 + skipped;
      continue;
    }
    if (magic !== FRAME_MAGIC) throw new Error('Unknown frame descriptor');
    const frame = frameSize(data, pos + 4);
    size.atMost += frame.atMost;
    size.atLeast += frame.atLeast;
    pos = frame.end;
  }
  return size;
}

/** The frame whose header starts at `pos` (after the magic): its output size and where it ends. */
function frameSize(data: Buffer, pos: number): ZstdOutputSize & { end: number } {
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

  let atMost = 0;
  let atLeast = 0;
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
    atMost += type === 2 ? compressedBlockMax : size;
    if (type !== 2) atLeast += size;
  }
  if (hasChecksum) {
    need(data, pos, 4);
    pos += 4;
  }
  // zstd checks a declared content size against what the frame decodes to (a frame whose blocks
  // cannot make that much is corrupt, for the decoder to report).
  if (contentSize >= 0) return { atMost: Math.min(atMost, contentSize), atLeast: Math.min(atMost, contentSize), end: pos };
  return { atMost, atLeast, end: pos };
}

function need(data: Buffer, pos: number, bytes: number): void {
  if (bytes > data.length - pos) throw new Error(SRC_SIZE_WRONG);
}
