// The bound on what one compressed records area may expand to (decompress in index.ts).
// A batch of a few kilobytes can hold gigabytes of zeros (gzip ~1000:1, zstd RLE blocks
// ~30000:1), and the broker decompresses every produced batch: without a bound one request could
// take the process's memory. Each codec stops at the bound, or refuses before decoding when its
// framing declares more.

export class DecompressionLimitError extends Error {
  constructor(readonly limit: number) {
    super(`Decompressed data exceeds the limit of ${limit} bytes`);
    this.name = 'DecompressionLimitError';
  }
}
