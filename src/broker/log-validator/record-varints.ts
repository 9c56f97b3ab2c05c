// Kafka's record varints read with Java's semantics (ByteUtils), for the record walk's slow path
// (record-walk.ts decodes one- and two-byte varints inline): a varint is at most 5 bytes and keeps
// the low 32 bits of its fifth byte's contribution, a varlong at most 10 bytes. A varint running
// past its limit or too long throws BadVarint, which the walk turns into Kafka's error.

/** A varint that ran past its limit (overlong null) or is longer than its type allows. */
export class BadVarint extends Error {
  constructor(readonly overlong: number | null) {
    super('bad varint');
  }
}
export const UNDERFLOW = new BadVarint(null);

export function zigzag(unsigned: number): number {
  return (unsigned >>> 1) ^ -(unsigned & 1);
}

/**
 * The unsigned (zigzag-encoded) value of the varint at `pos`, with Java's semantics (ByteUtils):
 * at most 5 bytes, the fifth contributing only what fits in 32 bits.
 */
export function unsignedVarintAt(buf: Buffer, pos: number, limit: number): number {
  let value = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    if (pos >= limit) throw UNDERFLOW;
    const byte = buf[pos++]!;
    value |= (byte & 0x7f) << shift;
    if (byte < 0x80) return value >>> 0;
  }
  if (pos >= limit) throw UNDERFLOW;
  const fifth = buf[pos]!;
  // Java ORs in the fifth byte as a signed byte, then refuses it if its top bit is set.
  if (fifth >= 0x80) throw new BadVarint(value | (((fifth << 24) >> 24) << 28));
  return (value | (fifth << 28)) >>> 0;
}

/** The zigzag varlong at `pos` (at most 10 bytes) as a number: exact within ±2^53, as timestamps are. */
export function varlongAt(buf: Buffer, pos: number, limit: number): number {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= limit) throw UNDERFLOW;
    const byte = buf[pos++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
    scale *= 128;
  }
  throw new BadVarint(0);
}

/** The position after the varint at `pos`, which has been read successfully. */
export function afterVarint(buf: Buffer, pos: number): number {
  while (buf[pos]! >= 0x80) pos++;
  return pos + 1;
}
