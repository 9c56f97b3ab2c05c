// zstd (codec 4). Decompression uses fzstd (pure JS): it needs no frame content size (Java's
// zstd-jni streaming writer leaves it out) and reads several frames in a row. Compression uses
// @bokuweb/zstd-wasm. Both load on first use (see lazy-require.ts).
//
// zstd-wasm's own init() instantiates its wasm asynchronously, which would force every
// compressing caller to be async or every importer to wait at start-up. Its Emscripten runtime
// accepts an `instantiateWasm` hook instead; instantiating the (small) module synchronously
// through it initialises the runtime before init returns, so compress stays synchronous.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { lazyModule, requireModule } from './lazy-require.js';

/** Kafka's default compression.zstd.level. */
const DEFAULT_LEVEL = 3;

type ZstdWasm = typeof import('@bokuweb/zstd-wasm');
type Fzstd = typeof import('fzstd');

const fzstd = lazyModule<Fzstd>('fzstd');

interface EmscriptenModule {
  init(wasm: Buffer): unknown;
  instantiateWasm?: (imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance) => unknown) => unknown;
}

let zstdWasm: ZstdWasm | undefined;

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
