import { describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { CompressionError, CompressionType, DecompressionLimitError, compress, compressAsync, decompress, decompressAsync } from '../../../src/protocol/records/compression/index.js';
import { lz4FrameHeader } from '../../../src/protocol/records/compression/lz4.js';
import { XERIAL_MAGIC } from '../../../src/protocol/records/compression/snappy.js';
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

const LARGE_ZSTD = compress(CompressionType.Zstd, LARGE);

/**
 * 3,000,000 zeros as `zstd --long=27` writes them (window descriptor 0x88), with `windowDescriptor`
 * put in its place: the frame header declares the window, the blocks do not depend on it.
 */
function zstdLongZeros(windowDescriptor: number): Buffer {
  const frame = hex(
    '28b52ffd04886400001000000200e9ff3773e0012c020010000200100002001000020010000200100002001000020010000200100002001000020010000200100002001000020010000200100002001000540000000100fdff0300202740020010000200100002001000020010000200100003360e0003c9afd6',
  );
  frame[5] = windowDescriptor;
  return frame;
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

  it("reads streams by snappy-java 1.1.10.5's rules (Kafka 3.9's SnappyInputStream)", () => {
    const header = (version: number, compatible: number) => Buffer.concat([XERIAL_MAGIC, Buffer.from([0, 0, 0, version, 0, 0, 0, compatible])]);
    const chunk = hex('00000007' + '051068656c6c6f');
    const read = (...parts: Buffer[]) => decompress(CompressionType.Snappy, Buffer.concat(parts)).toString();
    const failure = (...parts: Buffer[]) => () => decompress(CompressionType.Snappy, Buffer.concat(parts));
    // Java's own stream (SnappyOutputStream).
    expect(read(hex('82534e41505059000000000100000001000000121e1468656c6c6f20460600146b61666b610a'))).toBe(SMALL.toString());
    // The first header's versions are not read; a concatenated stream's version must be 1 or more.
    expect(read(header(0, 9), chunk)).toBe('hello');
    expect(read(header(1, 1), chunk, header(1, 1), chunk)).toBe('hellohello');
    expect(failure(header(1, 1), chunk, header(0, 1), chunk)).toThrow('Snappy decompress failed: Compressed with an incompatible codec version 0. At least version 1 is required');
    // A cut chunk length (1-3 bytes) ends the stream; so does a header-like word without the rest of the magic.
    expect(read(header(1, 1), chunk, Buffer.from([0, 0, 1]))).toBe('hello');
    expect(read(header(1, 1), chunk, XERIAL_MAGIC.subarray(0, 4), Buffer.alloc(12))).toBe('hello');
    expect(failure(header(1, 1), chunk, XERIAL_MAGIC.subarray(0, 4), Buffer.alloc(11))).toThrow('Snappy decompress failed: Insufficient header size in a concatenated block');
    expect(failure(header(1, 1), hex('ffffffff'))).toThrow('Snappy decompress failed: chunkSize is too big or negative : -1');
    expect(failure(header(1, 1), hex('00000008051068'))).toThrow('Snappy decompress failed: failed to read chunk');
    expect(failure(Buffer.alloc(0))).toThrow('Snappy decompress failed: Cannot decompress empty stream');
    // Shorter than a header, or without the magic: one raw block.
    expect(failure(XERIAL_MAGIC.subarray(0, 6))).toThrow(CompressionError);
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

  it("reads Kafka's own frames: Java's Lz4BlockOutputStream for v2 and for magic 0 (its header checksum over the magic)", () => {
    const v2 = hex('04224d18604082100000006e68656c6c6f200600606b61666b610a00000000');
    const magic0 = hex('04224d1860401a100000006e68656c6c6f200600606b61666b610a00000000');
    expect(decompress(CompressionType.Lz4, v2)).toEqual(SMALL);
    expect(decompress(CompressionType.Lz4, magic0, undefined, 0)).toEqual(SMALL);
    expect(() => decompress(CompressionType.Lz4, magic0)).toThrow('Lz4 decompress failed: Stream frame descriptor corrupted');
  });

  it('reads frames from the reference lz4 tool as Java does: checksums and content size taken, the content checksum not verified', () => {
    // printf 'hello hello hello hello kafka\n' | lz4 -B4 ... (FLG 0x64: content checksum)
    const plain = hex('04224d186440a7100000006e68656c6c6f200600606b61666b610a000000002956b5fc');
    expect(decompress(CompressionType.Lz4, plain)).toEqual(SMALL);
    // lz4 -BX --content-size (FLG 0x7c: block checksums, content size, content checksum)
    expect(decompress(CompressionType.Lz4, hex('04224d187c401e000000000000007b100000006e68656c6c6f200600606b61666b610acbb719e7000000002956b5fc'))).toEqual(SMALL);
    // Kafka 3.9's reader skips the content checksum (Lz4BlockInputStream: "TODO: verify this content checksum")...
    const wrongContentChecksum = Buffer.from(plain);
    wrongContentChecksum[wrongContentChecksum.length - 1] ^= 1;
    expect(decompress(CompressionType.Lz4, wrongContentChecksum)).toEqual(SMALL);
    // ...but reads it: a frame that flags one and ends without it is refused.
    expect(() => decompress(CompressionType.Lz4, plain.subarray(0, plain.length - 4))).toThrow('Lz4 decompress failed: Stream ended prematurely');
  });

  it('refuses what Java refuses: linked blocks, the legacy format, skippable frames, a missing end mark', () => {
    const failure = (data: Buffer) => () => decompress(CompressionType.Lz4, data);
    const linked = Buffer.from(compress(CompressionType.Lz4, SMALL)); // lz4 -BD: FLG 0x40
    linked[4] = 0x40;
    linked[6] = (xxhash32(linked.subarray(4, 6)) >>> 8) & 0xff;
    expect(failure(linked)).toThrow('Lz4 decompress failed: Dependent block stream is unsupported');
    // lz4 -l (legacy format, magic 0x184c2102)
    expect(failure(hex('02214c18120000001f68656c6c6f200600606b61666b610a'))).toThrow('Lz4 decompress failed: Stream unsupported (invalid magic bytes)');
    const skippable = hex('502a4d1804000000abcd1234');
    expect(failure(Buffer.concat([skippable, compress(CompressionType.Lz4, SMALL)]))).toThrow('Lz4 decompress failed: Stream unsupported (invalid magic bytes)');
    const ok = compress(CompressionType.Lz4, SMALL);
    expect(failure(ok.subarray(0, ok.length - 4))).toThrow('Lz4 decompress failed: Stream ended prematurely');
  });
});

describe('zstd framing', () => {
  it("reads Kafka's own frames: zstd-jni's ZstdOutputStream, no content size, an empty last block", () => {
    const java = hex('28b52ffd00589400006068656c6c6f206b61666b610a0100f14a11010000');
    expect(java[4]).toBe(0x00); // FHD: no content size, no checksum, window descriptor follows
    expect(decompress(CompressionType.Zstd, java)).toEqual(SMALL);
  });

  it('reads a frame without content size (as zstd-jni streaming writes)', () => {
    // zstd --no-check < small.txt: FHD 0x20 = single segment, no content-size field beyond the window byte
    const noSizeNoCheck = hex('28b52ffd201e9500006068656c6c6f206b61666b610a0100f14a11');
    expect(decompress(CompressionType.Zstd, noSizeNoCheck).equals(SMALL)).toBe(true);
    // cat small.txt | zstd: FHD 0x04 = no content size, checksum
    const streamed = hex('28b52ffd04589500006068656c6c6f206b61666b610a0100f14a11ac6acfec');
    expect(streamed[4]! & 0xc0).toBe(0);
    expect(decompress(CompressionType.Zstd, streamed).equals(SMALL)).toBe(true);
  });

  it('reads several frames in a row, and skippable frames between them', () => {
    const frame = compress(CompressionType.Zstd, SMALL);
    expect(frame.subarray(0, 4).toString('hex')).toBe('28b52ffd');
    expect(decompress(CompressionType.Zstd, Buffer.concat([frame, frame, frame])).toString()).toBe(SMALL.toString().repeat(3));
    const skippable = (n: number) => Buffer.concat([hex('5a2a4d18'), Buffer.from([n, 0, 0, 0]), Buffer.alloc(n, 0xaa)]);
    expect(decompress(CompressionType.Zstd, Buffer.concat([skippable(3), frame, skippable(0), LARGE_ZSTD, skippable(9)])).equals(Buffer.concat([SMALL, LARGE]))).toBe(true);
  });

  it('verifies the content checksum and refuses trailing bytes that are no frame, as zstd-jni does', () => {
    const frame = hex('28b52ffd04589500006068656c6c6f206b61666b610a0100f14a11ac6acfec');
    expect(decompress(CompressionType.Zstd, frame)).toEqual(SMALL);
    const wrongChecksum = Buffer.from(frame);
    wrongChecksum[wrongChecksum.length - 1] ^= 1;
    expect(() => decompress(CompressionType.Zstd, wrongChecksum)).toThrow("Zstd decompress failed: Restored data doesn't match checksum");
    expect(() => decompress(CompressionType.Zstd, Buffer.concat([frame, Buffer.from('garbage!')]))).toThrow('Zstd decompress failed: Unknown frame descriptor');
    expect(() => decompress(CompressionType.Zstd, frame.subarray(0, frame.length - 2))).toThrow('Zstd decompress failed: Src size is incorrect');
  });

  it('takes windows up to 128 MiB (zstd --long=27) and refuses larger ones, as zstd-jni by default', () => {
    // 3 MB of zeros through `zstd --long=27`: window descriptor 0x88 = 2^27, no content size
    const long27 = zstdLongZeros(0x88);
    expect(decompress(CompressionType.Zstd, long27).equals(Buffer.alloc(3_000_000))).toBe(true); // equals: toEqual walks 3 MB slowly
    // The same frame declaring 2^28 (zstd --long=28) or 2^30.
    for (const descriptor of [0x90, 0xa0]) {
      expect(() => decompress(CompressionType.Zstd, zstdLongZeros(descriptor))).toThrow('Zstd decompress failed: Frame requires too much memory for decoding');
    }
  });
});

describe('gzip framing as GZIPInputStream reads it', () => {
  const member = (text: string) => zlib.gzipSync(Buffer.from(text));

  it("reads Java's GZIPOutputStream", () => {
    expect(decompress(CompressionType.Gzip, hex('1f8b08000000000000ffcb48cdc9c957c8c020b313d3b213b900690d54e11e000000'))).toEqual(SMALL);
  });

  it('ignores bytes after a member that do not start a gzip header; a truncated or corrupt member still fails', () => {
    expect(decompress(CompressionType.Gzip, Buffer.concat([member('one'), Buffer.from('trailing garbage')])).toString()).toBe('one');
    expect(decompress(CompressionType.Gzip, Buffer.concat([member('one'), member('two'), Buffer.from([0x1f, 0x8b, 0x07])])).toString()).toBe('onetwo');
    expect(decompress(CompressionType.Gzip, Buffer.concat([member('one'), Buffer.alloc(3)])).toString()).toBe('one');
    const two = member('two');
    expect(() => decompress(CompressionType.Gzip, Buffer.concat([member('one'), two.subarray(0, two.length - 3)]))).toThrow('Gzip decompress failed: Unexpected end of ZLIB input stream');
    const badTrailer = Buffer.from(two);
    badTrailer[badTrailer.length - 8] ^= 1;
    expect(() => decompress(CompressionType.Gzip, Buffer.concat([member('one'), badTrailer, Buffer.from('x')]))).toThrow('Gzip decompress failed: Corrupt GZIP trailer');
    expect(() => decompress(CompressionType.Gzip, Buffer.from('trailing garbage'))).toThrow('Gzip decompress failed: Not in GZIP format');
  });

  it('keeps the bound on the member-by-member read', () => {
    const data = Buffer.concat([member('a'.repeat(1000)), member('b'.repeat(1000)), Buffer.from('tail')]);
    expect(decompress(CompressionType.Gzip, data, 2000)).toHaveLength(2000);
    expect(() => decompress(CompressionType.Gzip, data, 1999)).toThrow(DecompressionLimitError);
    expect(() => decompress(CompressionType.Gzip, data, 999)).toThrow(DecompressionLimitError);
  });
});
