// decompress with a bound, as the produce validator calls it. Round trips, the exact bound per
// codec, and real decompression bombs (kept to a few MB of input; none is ever expanded beyond
// the bound, which is what these tests are about).
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CompressionError, CompressionType, DecompressionLimitError, compress, decompress } from '../../../src/protocol/records/compression/index.js';
import { lz4FrameHeader } from '../../../src/protocol/records/compression/lz4.js';
import { xxhash32 } from '../../../src/protocol/records/compression/xxhash32.js';

const lz4Napi = createRequire(import.meta.url)('lz4-napi') as typeof import('lz4-napi');

const SMALL = Buffer.from('hello hello hello hello kafka\n');
const LARGE = Buffer.concat(Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? Buffer.from(Array.from({ length: 7000 }, (_, j) => (j * 7919 + i * 104729) % 251)) : Buffer.alloc(5000, `record-${i}-`))));
const MB = 1024 * 1024;
const codecs = [CompressionType.Gzip, CompressionType.Snappy, CompressionType.Lz4, CompressionType.Zstd];

function limitError(fn: () => unknown): DecompressionLimitError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DecompressionLimitError) return err;
    throw err;
  }
  throw new Error('expected a DecompressionLimitError');
}

describe('decompress with a bound', () => {
  for (const codec of codecs) {
    it(`${CompressionType[codec]}: round trip, and the bound is exactly the decompressed size`, () => {
      for (const input of [SMALL, LARGE]) {
        const compressed = compress(codec, input);
        expect(decompress(codec, compressed, 64 * MB).equals(input)).toBe(true);
        expect(decompress(codec, compressed, input.length).equals(input)).toBe(true);
        expect(limitError(() => decompress(codec, compressed, input.length - 1)).limit).toBe(input.length - 1);
      }
    });
  }

  it('returns uncompressed data as it is', () => {
    expect(decompress(CompressionType.None, SMALL, 1)).toBe(SMALL);
  });

  it('wraps codec failures in CompressionError, empty input included except for zstd (no frame, no data)', () => {
    for (const codec of codecs) expect(() => decompress(codec, Buffer.from('not compressed at all'), MB)).toThrow(CompressionError);
    for (const codec of [CompressionType.Gzip, CompressionType.Snappy, CompressionType.Lz4]) expect(() => decompress(codec, Buffer.alloc(0), MB)).toThrow(CompressionError);
    expect(decompress(CompressionType.Zstd, Buffer.alloc(0), MB).length).toBe(0);
  });
});

describe('decompression bombs stop at the bound', () => {
  it('gzip: 1 GiB of zeros in 1 MiB (1024 members of 1 MiB each) is abandoned after the first MiB', () => {
    const member = zlib.gzipSync(Buffer.alloc(MB), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 1024 }, () => member));
    expect(bomb.length).toBeLessThan(1.1 * MB);
    expect(limitError(() => decompress(CompressionType.Gzip, bomb, 4 * MB)).message).toBe('Decompressed data exceeds the limit of 4194304 bytes');
  });

  it('zstd: 1 GiB of RLE blocks in 32 KiB is refused from its block headers, before decoding', () => {
    const bomb = zstdRleFrame(8192); // 8192 blocks of 128 KiB
    expect(bomb.length).toBe(4 + 2 + 8192 * 4);
    limitError(() => decompress(CompressionType.Zstd, bomb, 64 * MB));
    // The same frame shape within the bound decodes to the zeros it stands for.
    expect(decompress(CompressionType.Zstd, zstdRleFrame(3), 64 * MB).equals(Buffer.alloc(3 * 128 * 1024))).toBe(true);
  });

  it('zstd: many small compressed blocks (each counted at 128 KiB by the headers) decode up to the bound, not past it', () => {
    const frame = zstdLiteralBlocksFrame(2000, Buffer.from('0123456789')); // 20,000 bytes; 2000 x 128 KiB by the headers
    expect(decompress(CompressionType.Zstd, frame, MB).equals(Buffer.from('0123456789'.repeat(2000)))).toBe(true);
    expect(decompress(CompressionType.Zstd, frame, 20_000)).toHaveLength(20_000);
    expect(limitError(() => decompress(CompressionType.Zstd, frame, 19_999)).limit).toBe(19_999);
  });

  it('lz4: 1 GiB in 4 MiB (256 blocks of 4 MiB of zeros) is abandoned after the bound', () => {
    const block = lz4Napi.compressSync(Buffer.alloc(4 * MB)).subarray(4); // minus lz4-napi's size prefix
    const header = Buffer.alloc(4);
    header.writeUInt32LE(block.length, 0);
    const bomb = Buffer.concat([lz4Header(0x70), ...Array.from({ length: 256 }, () => [header, block]).flat(), Buffer.alloc(4)]);
    expect(bomb.length).toBeLessThan(5 * MB);
    limitError(() => decompress(CompressionType.Lz4, bomb, 16 * MB));
    expect(decompress(CompressionType.Lz4, Buffer.concat([lz4Header(0x70), Buffer.alloc(4)]), 16 * MB).length).toBe(0);
  });

  it('snappy: chunks declaring 32 MiB in 1.5 MiB, and a block claiming 2 GiB, are refused from their preambles', () => {
    const chunk = compress(CompressionType.Snappy, Buffer.alloc(32 * 1024)).subarray(16); // one xerial chunk
    const bomb = Buffer.concat([compress(CompressionType.Snappy, Buffer.alloc(0)), ...Array.from({ length: 1024 }, () => chunk)]);
    limitError(() => decompress(CompressionType.Snappy, bomb, 16 * MB));
    const liar = Buffer.from([0x80, 0x80, 0x80, 0x80, 0x08, 0x00, 0x00]); // preamble 2^31, no data
    limitError(() => decompress(CompressionType.Snappy, liar, 16 * MB));
  });
});

describe('lz4 frames as Kafka reads them', () => {
  it('refuses dependent blocks, reserved bits, small block sizes and a wrong header checksum', () => {
    const ok = compress(CompressionType.Lz4, SMALL);
    const withFlg = (flg: number, bd = 0x40) => Buffer.concat([lz4Header(bd, flg), ok.subarray(7)]);
    const message = (data: Buffer) => {
      try {
        decompress(CompressionType.Lz4, data, MB);
      } catch (err) {
        return ((err as CompressionError).cause as Error).message;
      }
      return 'accepted';
    };
    expect(message(withFlg(0x60))).toBe('accepted');
    expect(message(withFlg(0x40))).toBe('Dependent block stream is unsupported');
    expect(message(withFlg(0x61))).toBe('Reserved bits must be 0');
    expect(message(withFlg(0xa0))).toBe('Version 2 is unsupported');
    expect(message(withFlg(0x60, 0x30))).toBe('Block size value must be between 4 and 7');
    const badChecksum = Buffer.from(ok);
    badChecksum[6] ^= 1;
    expect(message(badChecksum)).toBe('Stream frame descriptor corrupted');
    expect(message(ok.subarray(0, ok.length - 4))).toBe('Stream ended prematurely');
    // Anything after the end mark is ignored, as by Kafka's Lz4BlockInputStream.
    expect(message(Buffer.concat([ok, Buffer.from('trailing')]))).toBe('accepted');
  });

  it('checks block checksums when the frame has them', () => {
    const block = Buffer.from('uncompressed block');
    const size = Buffer.alloc(4);
    size.writeUInt32LE((block.length | 0x80000000) >>> 0, 0);
    const checksum = Buffer.alloc(4);
    checksum.writeUInt32LE(xxhash32(block, 0), 0);
    const frame = Buffer.concat([lz4Header(0x40, 0x70), size, block, checksum, Buffer.alloc(4)]);
    expect(decompress(CompressionType.Lz4, frame, MB).toString()).toBe('uncompressed block');
    checksum[0] ^= 1;
    expect(() => decompress(CompressionType.Lz4, Buffer.concat([lz4Header(0x40, 0x70), size, block, checksum, Buffer.alloc(4)]), MB)).toThrow(/Block checksum mismatch/);
  });
});

describe('zstd frame headers', () => {
  it('refuses a window above 128 MiB as zstd-jni does, before allocating it', () => {
    const frame = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x89, 0x01, 0x00, 0x00]); // window 2^27 * 1.125, one empty last raw block
    expect(() => decompress(CompressionType.Zstd, frame, 64 * MB)).toThrow(/Frame requires too much memory for decoding/);
    frame[5] = 0x80; // exactly 128 MiB
    expect(decompress(CompressionType.Zstd, frame, 64 * MB).length).toBe(0);
  });

  it('names zstd errors and reads skippable frames', () => {
    expect(() => decompress(CompressionType.Zstd, compress(CompressionType.Zstd, LARGE).subarray(0, 100), MB)).toThrow(/Src size is incorrect/);
    const skippable = Buffer.from([0x5a, 0x2a, 0x4d, 0x18, 0x02, 0x00, 0x00, 0x00, 0xaa, 0xbb]);
    expect(decompress(CompressionType.Zstd, Buffer.concat([skippable, compress(CompressionType.Zstd, SMALL)]), MB).equals(SMALL)).toBe(true);
  });
});

/** A zstd frame of `blocks` RLE blocks of 128 KiB zeros: 4 bytes each, window 128 KiB, no content size. */
function zstdRleFrame(blocks: number): Buffer {
  const frame = Buffer.alloc(6 + blocks * 4);
  frame.writeUInt32LE(0xfd2fb528, 0);
  frame[4] = 0x00; // no content size, not single segment, no checksum, no dictionary
  frame[5] = 0x38; // window 2^17
  for (let i = 0; i < blocks; i++) {
    const header = ((128 * 1024) << 3) | (1 << 1) | (i === blocks - 1 ? 1 : 0); // RLE, last flag
    frame.writeUIntLE(header, 6 + i * 4, 3);
    frame[6 + i * 4 + 3] = 0; // the repeated byte
  }
  return frame;
}

/**
 * A zstd frame of `blocks` compressed blocks that each hold `literal` as raw literals and no
 * sequences (the smallest compressed block: 2 bytes of headers), window 128 KiB, no content size.
 */
function zstdLiteralBlocksFrame(blocks: number, literal: Buffer): Buffer {
  if (literal.length > 31) throw new Error('one-byte literals header: at most 31 bytes');
  const body = Buffer.concat([Buffer.from([literal.length << 3]), literal, Buffer.from([0])]); // raw literals, 0 sequences
  const parts = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38])];
  for (let i = 0; i < blocks; i++) {
    const header = Buffer.alloc(3);
    header.writeUIntLE((body.length << 3) | (2 << 1) | (i === blocks - 1 ? 1 : 0), 0, 3); // compressed block, last flag
    parts.push(header, body);
  }
  return Buffer.concat(parts);
}

/** An lz4 frame header with the given BD and FLG bytes and a correct header checksum. */
function lz4Header(bd: number, flg = 0x60): Buffer {
  const header = lz4FrameHeader();
  header[4] = flg;
  header[5] = bd;
  header[6] = (xxhash32(header.subarray(4, 6), 0) >>> 8) & 0xff;
  return header;
}
