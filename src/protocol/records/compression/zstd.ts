// zstd (codec 4). Decompression uses fzstd (pure JS): it needs no frame content size (Java's
// zstd-jni streaming writer leaves it out) and reads several frames in a row. Compression uses
// @bokuweb/zstd-wasm. Both load on first use (see lazy-require.ts).
//
// The produce validator's bounded decompression uses zstd-wasm's one-shot ZSTD_decompress instead:
// given the output size bound read from the frame headers (zstd-frames.ts) as its capacity, it
// needs no content size either, never writes past the bound, and runs about five times faster
// than fzstd, which also allocates each frame's whole window (up to 2 GB as declared) up front.
//
// zstd-wasm's own init() instantiates its wasm asynchronously, which would force every
// compressing caller to be async or every importer to wait at start-up. Its Emscripten runtime
// accepts an `instantiateWasm` hook instead; instantiating the (small) module synchronously
// through it initialises the runtime before init returns, so compress stays synchronous.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { lazyModule, requireModule } from './lazy-require.js';
import { DecompressionLimitError } from './limit.js';
import { zstdDecompressedBound } from './zstd-frames.js';

/** Kafka's default compression.zstd.level. */
const DEFAULT_LEVEL = 3;

type ZstdWasm = typeof import('@bokuweb/zstd-wasm');
type Fzstd = typeof import('fzstd');

const fzstd = lazyModule<Fzstd>('fzstd');

interface EmscriptenModule {
  init(wasm: Buffer): unknown;
  instantiateWasm?: (imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance) => unknown) => unknown;
  HEAPU8: Uint8Array;
  _malloc(size: number): number;
  _free(pointer: number): void;
  /** size_t results: a 32-bit unsigned count, or an error code that _ZSTD_isError recognises. */
  _ZSTD_decompress(dst: number, dstCapacity: number, src: number, srcSize: number): number;
  _ZSTD_isError(result: number): number;
}

let zstdWasm: ZstdWasm | undefined;
let zstdModule: EmscriptenModule | undefined;

function loadZstdWasm(): ZstdWasm {
  if (zstdWasm) return zstdWasm;
  const entry = requireModule.resolve('@bokuweb/zstd-wasm');
  const lib = requireModule(entry) as ZstdWasm;
  // The runtime object the library's functions use (same module instance via require's cache).
  const { Module } = requireModule(join(dirname(entry), 'module.js')) as { Module: EmscriptenModule };
  const wasm = readFileSync(join(dirname(entry), 'zstd.wasm'));
  Module.instantiateWasm = (imports, receive) => receive(new WebAssembly.Instance(new WebAssembly.Module(wasm), imports));
  Module.init(wasm);
  zstdWasm = lib;
  zstdModule = Module;
  return lib;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function zstdCompress(data: Buffer, level = DEFAULT_LEVEL): Buffer {
  // zstd-wasm returns a view into a fresh copy, not into wasm memory, so no copy is needed.
  return asBuffer(loadZstdWasm().compress(data, level));
}

export function zstdDecompress(data: Buffer): Buffer {
  return asBuffer(fzstd().decompress(data));
}

/**
 * zstd decompression that refuses (DecompressionLimitError) a stream whose frame and block headers
 * allow more than `maxBytes` of output, before decoding any of it.
 */
export function zstdDecompressBounded(data: Buffer, maxBytes: number): Buffer {
  const bound = zstdDecompressedBound(data);
  if (bound > maxBytes) throw new DecompressionLimitError(maxBytes);
  loadZstdWasm();
  const wasm = zstdModule!;
  const src = wasm._malloc(data.length);
  const dst = wasm._malloc(Math.max(bound, 1));
  try {
    if (src === 0 || dst === 0) throw new Error('Allocation error : not enough memory');
    wasm.HEAPU8.set(data, src); // HEAPU8 is read after the allocations: growing the memory replaces it
    const result = wasm._ZSTD_decompress(dst, bound, src, data.length);
    if (wasm._ZSTD_isError(result)) throw new Error(zstdErrorText(result));
    return Buffer.from(wasm.HEAPU8.subarray(dst, dst + result)); // a copy: the wasm memory is reused
  } finally {
    wasm._free(src);
    wasm._free(dst);
  }
}

/** zstd's ZSTD_getErrorName texts (the wasm build does not export it) for the decoder's errors. */
const ZSTD_ERROR_TEXTS: Readonly<Record<number, string>> = {
  10: 'Unknown frame descriptor',
  12: 'Version not supported',
  14: 'Unsupported frame parameter',
  16: 'Frame requires too much memory for decoding',
  20: 'Data corruption detected',
  22: "Restored data doesn't match checksum",
  24: "Header of Literals' block doesn't respect format specification",
  30: 'Dictionary is corrupted',
  32: 'Dictionary mismatch',
  64: 'Allocation error : not enough memory',
  70: 'Destination buffer is too small',
  72: 'Src size is incorrect',
};

function zstdErrorText(result: number): string {
  // An error result is (size_t)-code; wasm32 hands it over as a signed 32-bit number.
  const code = result < 0 ? -result : 2 ** 32 - result;
  return ZSTD_ERROR_TEXTS[code] ?? `zstd error code ${code}`;
}
