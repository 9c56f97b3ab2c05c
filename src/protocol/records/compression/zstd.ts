// zstd (codec 4). Decompression uses fzstd (pure JS): it needs no frame content size (Java's
// zstd-jni streaming writer leaves it out) and reads several frames in a row. Compression uses
// @bokuweb/zstd-wasm, whose wasm module must be instantiated asynchronously once; the
// top-level await below does that when this module is first imported, so compress is
// synchronous and ready for every importer.
import { compress as zstdWasmCompress, init as initZstdWasm } from '@bokuweb/zstd-wasm';
import { decompress as fzstdDecompress } from 'fzstd';

await initZstdWasm();

/** Kafka's default compression.zstd.level. */
const DEFAULT_LEVEL = 3;

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function zstdCompress(data: Buffer, level = DEFAULT_LEVEL): Buffer {
  // zstd-wasm returns a view into a fresh copy, not into wasm memory, so no copy is needed.
  return asBuffer(zstdWasmCompress(data, level));
}

export function zstdDecompress(data: Buffer): Buffer {
  return asBuffer(fzstdDecompress(data));
}
