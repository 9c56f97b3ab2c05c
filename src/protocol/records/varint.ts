// Signed zigzag varints of the record format (protobuf style): 7-bit groups, low group first,
// high bit = "more follows". varint is 32-bit (max 5 bytes); varlong is 64-bit (max 10 bytes)
// but carried as a JS number, exact within ±2^52 (the zigzag form must stay below 2^53;
// timestamps and deltas are far below that).
// These differ from the unsigned varints the RPC layer uses for compact lengths.

/** Mutable read position, so readers can return the value without allocating a tuple. */
export interface Cursor {
  pos: number;
}

const TWO_POW_31 = 0x8000_0000;

function zigzagLong(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

function sizeOfUnsigned(zz: number): number {
  let size = 1;
  while (zz >= 128) {
    zz = Math.floor(zz / 128);
    size++;
  }
  return size;
}

export function sizeOfVarint(value: number): number {
  return sizeOfUnsigned(((value << 1) ^ (value >> 31)) >>> 0);
}

export function sizeOfVarlong(value: number): number {
  return sizeOfUnsigned(zigzagLong(value));
}

function writeUnsigned(buf: Buffer, zz: number, pos: number): number {
  if (zz < TWO_POW_31) {
    while (zz >= 0x80) {
      buf[pos++] = (zz & 0x7f) | 0x80;
      zz >>>= 7;
    }
  } else {
    while (zz >= 0x80) {
      buf[pos++] = (zz % 128) | 0x80;
      zz = Math.floor(zz / 128);
    }
  }
  buf[pos++] = zz;
  return pos;
}

/** Writes a zigzag varint (int32) at `pos`; returns the position after it. */
export function writeVarint(buf: Buffer, value: number, pos: number): number {
  return writeUnsigned(buf, ((value << 1) ^ (value >> 31)) >>> 0, pos);
}

/** Writes a zigzag varlong (int64 as number) at `pos`; returns the position after it. */
export function writeVarlong(buf: Buffer, value: number, pos: number): number {
  return writeUnsigned(buf, zigzagLong(value), pos);
}

function readUnsigned(buf: Buffer, cursor: Cursor, maxBytes: number): number {
  let pos = cursor.pos;
  let result = 0;
  let multiplier = 1;
  for (let i = 0; i < maxBytes; i++) {
    if (pos >= buf.length) throw new RangeError('Varint runs past the end of the buffer');
    const byte = buf[pos++]!;
    result += (byte & 0x7f) * multiplier;
    if (byte < 0x80) {
      cursor.pos = pos;
      return result;
    }
    multiplier *= 128;
  }
  throw new RangeError(`Varint is longer than ${maxBytes} bytes`);
}

/** Reads a zigzag varint (int32) and advances the cursor. */
export function readVarint(buf: Buffer, cursor: Cursor): number {
  const zz = readUnsigned(buf, cursor, 5);
  if (zz > 0xffff_ffff) throw new RangeError('Varint does not fit in 32 bits');
  return (zz >>> 1) ^ -(zz & 1);
}

/** Reads a zigzag varlong (int64, as a number exact within ±2^52) and advances the cursor. */
export function readVarlong(buf: Buffer, cursor: Cursor): number {
  const zz = readUnsigned(buf, cursor, 10);
  return zz % 2 === 0 ? zz / 2 : -(zz + 1) / 2;
}
