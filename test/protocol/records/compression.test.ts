import { describe, expect, it } from 'vitest';
import { CompressionError, CompressionType, compress, compressAsync, decompress, decompressAsync } from '../../../src/protocol/records/compression/index.js';
import { lz4FrameHeader } from '../../../src/protocol/records/compression/lz4.js';
import { xxhash32 } from '../../../src/protocol/records/compression/xxhash32.js';

const hex = (s: string) => Buffer.from(s, 'hex');
const SMALL = Buffer.from('hello hello hello hello kafka\n');
// Mixed compressible / incompressible data spanning several 32 KiB and 64 KiB chunks.
const LARGE = Buffer.concat(
  Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? Buffer.from(Array.from({ length: 7000 }, (_, j) => (j * 7919 + i * 104729) % 251)) : Buffer.alloc(5000, `record-${i}-`))),
);

/** xorshift32 bytes: deterministic and incompressible. */
function pseudoRandomBytes(length: number): Buffer {
  const out = Buffer.alloc(length);
  let x = 0x12345678;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const codecs = [CompressionType.None, CompressionType.Gzip, CompressionType.Snappy, CompressionType.Lz4, CompressionType.Zstd];

describe('compress/decompress round trip', () => {
  for (const codec of codecs) {
    it(`${CompressionType[codec]}: empty, small and multi-chunk input`, async () => {
      for (const input of [Buffer.alloc(0), SMALL, LARGE]) {
        const compressed = compress(codec, input);
        expect(decompress(codec, compressed).equals(input)).toBe(true);
        expect((await decompressAsync(codec, await compressAsync(codec, input))).equals(input)).toBe(true);
      }
    });
  }

  it('gzip and zstd honour the level', () => {
    expect(compress(CompressionType.Gzip, LARGE, 1).length).toBeGreaterThan(compress(CompressionType.Gzip, LARGE, 9).length);
    expect(decompress(CompressionType.Zstd, compress(CompressionType.Zstd, LARGE, 19)).equals(LARGE)).toBe(true);
  });

  it('wraps codec failures in CompressionError', () => {
    expect(() => decompress(CompressionType.Gzip, Buffer.from('not gzip'))).toThrow(CompressionError);
    expect(() => decompress(CompressionType.Lz4, Buffer.from('not lz4 at all'))).toThrow(CompressionError);
    expect(() => decompress(CompressionType.Zstd, Buffer.from('not zstd at all'))).toThrow(CompressionError);
    expect(() => decompress(CompressionType.Snappy, hex('8253 4e41 5050 5900 0000 0001 0000 0001 0000 00ff 00'.replace(/ /g, '')))).toThrow(CompressionError);
  });
});

describe('gzip framing', () => {
  it('reads several gzip members one after another', () => {
    const members = hex('1f8b0800000000000003cb48cdc9c95700' + '00f6f981ed06000000' + '1f8b0800000000000003cb4e4ccb4e0400' + '1775bc5b05000000');
    expect(decompress(CompressionType.Gzip, members).toString()).toBe('hello kafka');
  });
});

describe('snappy framing', () => {
  it('writes the xerial header and int32 length-prefixed raw chunks', () => {
    const out = compress(CompressionType.Snappy, Buffer.from('hello'));
    expect(out.subarray(0, 16).toString('hex')).toBe('82534e41505059000000000100000001');
    expect(out.readInt32BE(16)).toBe(out.length - 20);
    expect(out.subarray(20).toString('hex')).toBe('051068656c6c6f');
  });

  it('cuts the input into chunks of at most 32 KiB like snappy-java', () => {
    const out = compress(CompressionType.Snappy, LARGE);
    const chunkInputSizes: number[] = [];
    for (let pos = 16; pos < out.length; ) {
      const length = out.readInt32BE(pos);
      const block = out.subarray(pos + 4, pos + 4 + length);
      chunkInputSizes.push(decompress(CompressionType.Snappy, block).length);
      pos += 4 + length;
    }
    expect(chunkInputSizes.length).toBe(Math.ceil(LARGE.length / 32768));
    expect(chunkInputSizes.slice(0, -1).every((n) => n === 32768)).toBe(true);
  });

  it('reads a bare raw snappy block', () => {
    expect(decompress(CompressionType.Snappy, hex('051068656c6c6f')).toString()).toBe('hello');
  });

  it('reads hand-built xerial streams, including two concatenated ones', () => {
    const stream = hex('82534e41505059000000000100000001' + '00000007' + '051068656c6c6f');
    expect(decompress(CompressionType.Snappy, stream).toString()).toBe('hello');
    expect(decompress(CompressionType.Snappy, Buffer.concat([stream, stream])).toString()).toBe('hellohello');
  });
});

describe('lz4 framing', () => {
  it('xxhash32 matches the reference values', () => {
    expect(xxhash32(Buffer.alloc(0), 0)).toBe(0x02cc5d05);
    expect(xxhash32(Buffer.from('abc'), 0)).toBe(0x32d153ff);
    expect(xxhash32(Buffer.from('Nobody inspects the spammish repetition'), 0)).toBe(0xe2293b2f);
  });

  it('writes Kafka frame header bytes: magic, FLG 0x60, BD 0x40, HC 0x82', () => {
    expect(lz4FrameHeader().toString('hex')).toBe('04224d18604082');
    const out = compress(CompressionType.Lz4, SMALL);
    expect(out.subarray(0, 7).toString('hex')).toBe('04224d18604082');
    expect(out.subarray(out.length - 4).toString('hex')).toBe('00000000');
  });

  it('writes independent blocks of at most 64 KiB, storing incompressible ones raw', () => {
    const incompressible = pseudoRandomBytes(1000);
    const out = compress(CompressionType.Lz4, incompressible);
    expect(out.readUInt32LE(7)).toBe((0x80000000 | 1000) >>> 0);
    expect(out.subarray(11, 1011).equals(incompressible)).toBe(true);
    expect(out.length).toBe(7 + 4 + 1000 + 4);
    const large = compress(CompressionType.Lz4, LARGE);
    let blocks = 0;
    for (let pos = 7; large.readUInt32LE(pos) !== 0; blocks++) pos += 4 + (large.readUInt32LE(pos) & 0x7fffffff);
    expect(blocks).toBe(Math.ceil(LARGE.length / 65536));
  });

  it('reads frames from the reference lz4 tool: plain, checksums + content size, linked blocks', () => {
    // printf 'hello hello hello hello kafka\n' | lz4 -B4 ... (FLG 0x64: content checksum)
    expect(decompress(CompressionType.Lz4, hex('04224d186440a7100000006e68656c6c6f200600606b61666b610a000000002956b5fc')).equals(SMALL)).toBe(true);
    // lz4 -BX --content-size (FLG 0x7c: block checksums, content size, content checksum)
    expect(decompress(CompressionType.Lz4, hex('04224d187c401e000000000000007b100000006e68656c6c6f200600606b61666b610acbb719e7000000002956b5fc')).equals(SMALL)).toBe(true);
    // lz4 -BD (FLG 0x44: linked blocks; Java refuses these, we are lenient)
    const linked = Buffer.from(compress(CompressionType.Lz4, SMALL));
    linked[4] = 0x40;
    linked[6] = (xxhash32(linked.subarray(4, 6)) >>> 8) & 0xff;
    expect(decompress(CompressionType.Lz4, linked).equals(SMALL)).toBe(true);
  });
});

describe('zstd framing', () => {
  it('reads a frame without content size (as zstd-jni streaming writes)', () => {
    // zstd --no-check < small.txt: FHD 0x20 = single segment, no content-size field beyond the window byte
    const noSizeNoCheck = hex('28b52ffd201e9500006068656c6c6f206b61666b610a0100f14a11');
    expect(decompress(CompressionType.Zstd, noSizeNoCheck).equals(SMALL)).toBe(true);
    // cat small.txt | zstd: FHD 0x04 = no content size, checksum
    const streamed = hex('28b52ffd04589500006068656c6c6f206b61666b610a0100f14a11ac6acf');
    expect(streamed[4]! & 0xc0).toBe(0);
    expect(decompress(CompressionType.Zstd, streamed).equals(SMALL)).toBe(true);
  });

  it('reads several frames in a row', () => {
    const frame = compress(CompressionType.Zstd, SMALL);
    expect(frame.subarray(0, 4).toString('hex')).toBe('28b52ffd');
    expect(decompress(CompressionType.Zstd, Buffer.concat([frame, frame, frame])).toString()).toBe(SMALL.toString().repeat(3));
  });
});
