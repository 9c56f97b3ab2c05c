// int64 fields read and written as JS numbers without going through bigint.
// Offsets, timestamps and producer ids stay far below 2^53, and the hot path
// touches these fields for every batch, so we split them into two 32-bit halves.

const TWO_POW_32 = 0x1_0000_0000;

/** Reads a signed big-endian int64 as a number (exact within ±2^53). */
export function readInt64Number(buf: Buffer, pos: number): number {
  return buf.readInt32BE(pos) * TWO_POW_32 + buf.readUInt32BE(pos + 4);
}

const TWO_POW_63 = 2 ** 63;

/**
 * Writes an integer number as a big-endian int64: exact within ±2^53; beyond, the nearest value a
 * float holds, and anything at or past ±2^63 saturates to Long.MAX_VALUE / Long.MIN_VALUE. A
 * client may send Long.MAX_VALUE as a timestamp (Kafka stores it); read back as a number it
 * becomes 2^63, which must not overflow when written again (e.g. into a time index).
 */
export function writeInt64Number(buf: Buffer, value: number, pos: number): void {
  if (value >= TWO_POW_63) {
    buf.writeUInt32BE(0x7fffffff, pos);
    buf.writeUInt32BE(0xffffffff, pos + 4);
    return;
  }
  if (value < -TWO_POW_63) value = -TWO_POW_63;
  const high = Math.floor(value / TWO_POW_32);
  buf.writeInt32BE(high, pos);
  buf.writeUInt32BE(value - high * TWO_POW_32, pos + 4);
}

const LONG_MAX = 2n ** 63n - 1n;
const LONG_MIN = -(2n ** 63n);

/** An int64 field's bigint for a number read with readInt64Number, saturating as writeInt64Number does. */
export function int64BigInt(value: number): bigint {
  if (value >= TWO_POW_63) return LONG_MAX;
  if (value < -TWO_POW_63) return LONG_MIN;
  return BigInt(Math.trunc(value));
}
