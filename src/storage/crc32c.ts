// CRC-32C (Castagnoli), the checksum of record batch v2 (bytes 21..end of batch).
// @node-rs/crc32 ships prebuilt native binaries using the CPU's crc32 instruction. It loads on
// the first checksum (about 20 ms), not at import, so commands that never check a batch skip it.
import { createRequire } from 'node:module';

type NativeCrc32c = (input: Buffer, initialState?: number) => number;

let native: NativeCrc32c | undefined;

function loadNative(): NativeCrc32c {
  const require = createRequire(import.meta.url);
  native = (require('@node-rs/crc32') as { crc32c: NativeCrc32c }).crc32c;
  return native;
}

/** CRC-32C of `buf` as an unsigned 32-bit number. */
export function crc32c(buf: Uint8Array): number {
  return (native ?? loadNative())(buf as Buffer) >>> 0;
}

/**
 * Loads the native module now. The broker does so at start-up: loading opens files, and a
 * broker out of descriptors must still be able to check a produced batch.
 */
export function loadCrc32c(): void {
  if (native === undefined) loadNative();
}
