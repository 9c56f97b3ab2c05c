// zstd (codec 4), both ways with @bokuweb/zstd-wasm (zstd's C library as wasm), loaded on first
// use (see lazy-require.ts).
//
// Decompression is zstd's one-shot ZSTD_decompress, given as its capacity the output size read
// from the frame and block headers (zstd-frames.ts): so it needs no frame content size (Java's
// zstd-jni streaming writer leaves it out), reads several frames and skippable frames in a row,
// verifies content checksums, and never writes past the bound. It refuses windows above 128 MiB
// before decoding, as zstd-jni's streaming reader (Kafka's) does. A bound from the caller caps the
// capacity: output that would not fit fails in the decoder and is reported as the limit.
//
// zstd-wasm's own init() instantiates its wasm asynchronously, which would force every
// compressing caller to be async or every importer to wait at start-up. Its Emscripten runtime
// accepts an `instantiateWasm` hook instead; instantiating the (small) module synchronously
// through it initialises the runtime before init returns, so compress stays synchronous.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { requireModule } from './lazy-require.js';
import { DecompressionLimitError } from './limit.js';
import { zstdOutputSize } from './zstd-frames.js';

/** Kafka's default compression.zstd.level. */
const DEFAULT_LEVEL = 3;

type ZstdWasm = typeof import('@bokuweb/zstd-wasm');

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

/**
 * The content of the zstd frames in `data`, at most `maxBytes` of it: a stream whose headers
 * declare more is refused before decoding, one that would decode to more fails at the bound
 * (DecompressionLimitError either way).
 */
export function zstdDecompress(data: Buffer, maxBytes: number): Buffer {
  const size = zstdOutputSize(data);
  if (size.atLeast > maxBytes) throw new DecompressionLimitError(maxBytes);
  // Past WASM_CAPACITY_MAX the allocation below fails ('Allocation error'): the wasm heap is 2 GiB.
  const capacity = Math.min(size.atMost, maxBytes, WASM_CAPACITY_MAX);
  loadZstdWasm();
  const wasm = zstdModule!;
  const src = wasm._malloc(data.length);
  const dst = wasm._malloc(Math.max(capacity, 1));
  try {
    if (src === 0 || dst === 0) throw new Error('Allocation error : not enough memory');
    wasm.HEAPU8.set(data, src); // HEAPU8 is read after the allocations: growing the memory replaces it
    const result = wasm._ZSTD_decompress(dst, capacity, src, data.length);
    if (wasm._ZSTD_isError(result)) {
      const code = zstdErrorCode(result);
      if (code === DST_SIZE_TOO_SMALL && capacity === maxBytes && maxBytes < size.atMost) throw new DecompressionLimitError(maxBytes);
      throw new Error(ZSTD_ERROR_TEXTS[code] ?? `zstd error code ${code}`);
    }
    return Buffer.from(wasm.HEAPU8.subarray(dst, dst + result)); // a copy: the wasm memory is reused
  } finally {
    wasm._free(src);
    wasm._free(dst);
  }
}

const DST_SIZE_TOO_SMALL = 70;
/** The largest size_t a wasm32 call takes as a positive 32-bit number. */
const WASM_CAPACITY_MAX = 2 ** 31 - 1;

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

/** zstd's error code in a result that _ZSTD_isError flags. */
function zstdErrorCode(result: number): number {
  // An error result is (size_t)-code; wasm32 hands it over as a signed 32-bit number.
  return result < 0 ? -result : 2 ** 32 - result;
}
