// Codec libraries load on first use, not at import: each native or wasm module costs 10-25 ms
// to load, and a broker that never sees a compressed batch (or a CLI command that never
// compresses) should not pay for them at start-up. All of them ship CommonJS entry points, so
// a synchronous require keeps the codec API synchronous.
import { createRequire } from 'node:module';

export const requireModule = createRequire(import.meta.url);

/** A getter that requires `specifier` once, on its first call. */
export function lazyModule<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireModule(specifier) as T);
}
