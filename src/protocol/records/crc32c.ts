// CRC-32C (Castagnoli), the checksum of record batch v2 (bytes 21..end of batch).
// @node-rs/crc32 ships prebuilt native binaries using the CPU's crc32 instruction.
import { crc32c as nativeCrc32c } from '@node-rs/crc32';

/** CRC-32C of `buf` as an unsigned 32-bit number. */
export function crc32c(buf: Uint8Array): number {
  return nativeCrc32c(buf as Buffer) >>> 0;
}
