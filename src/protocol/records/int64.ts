// int64 fields read and written as JS numbers without going through bigint.
// Offsets, timestamps and producer ids stay far below 2^53, and the hot path
// touches these fields for every batch, so we split them into two 32-bit halves.

const TWO_POW_32 = 0x1_0000_0000;

/** Reads a signed big-endian int64 as a number (exact within ±2^53). */
export function readInt64Number(buf: Buffer, pos: number): number {
  return buf.readInt32BE(pos) * TWO_POW_32 + buf.readUInt32BE(pos + 4);
}

/** Writes an integer number (within ±2^53) as a big-endian int64. */
export function writeInt64Number(buf: Buffer, value: number, pos: number): void {
  const high = Math.floor(value / TWO_POW_32);
  buf.writeInt32BE(high, pos);
  buf.writeUInt32BE(value - high * TWO_POW_32, pos + 4);
}
