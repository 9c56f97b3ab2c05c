// Kafka's primitive wire encodings: a bounds-checked Reader over a Buffer and a growable,
// zero-copy Writer. Everything is big-endian; varints are 7 bits per byte, low group first.
import { ProtocolError } from './errors.js';

/** The largest string length Kafka accepts (an int16 length prefix, enforced for compact strings too). */
export const MAX_STRING_LENGTH = 0x7fff;
/** bytes/records values at least this long are kept by reference instead of copied. */
export const ZERO_COPY_THRESHOLD = 1024;
export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';
export const EMPTY_BUFFER: Buffer = Buffer.alloc(0);

const UUID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export class Reader {
  pos: number;
  readonly end: number;

  constructor(
    readonly buf: Buffer,
    pos = 0,
    end = buf.length,
  ) {
    this.pos = pos;
    this.end = end;
  }

  remaining(): number {
    return this.end - this.pos;
  }

  /** Claims n bytes and returns their start offset. */
  private take(n: number): number {
    const at = this.pos;
    if (n > this.end - at) {
      throw new ProtocolError(`truncated input: need ${n} bytes at offset ${at}, ${this.end - at} left`);
    }
    this.pos = at + n;
    return at;
  }

  skip(n: number): void {
    this.take(n);
  }

  int8(): number {
    return this.buf.readInt8(this.take(1));
  }
  bool(): boolean {
    return this.buf[this.take(1)] !== 0;
  }
  int16(): number {
    return this.buf.readInt16BE(this.take(2));
  }
  uint16(): number {
    return this.buf.readUInt16BE(this.take(2));
  }
  int32(): number {
    return this.buf.readInt32BE(this.take(4));
  }
  uint32(): number {
    return this.buf.readUInt32BE(this.take(4));
  }
  int64(): bigint {
    return this.buf.readBigInt64BE(this.take(8));
  }
  float64(): number {
    return this.buf.readDoubleBE(this.take(8));
  }

  /** Unsigned varint of at most 32 bits (5 bytes). */
  uvarint(): number {
    const buf = this.buf;
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (this.pos >= this.end) throw new ProtocolError(`truncated varint at offset ${this.pos}`);
      const b = buf[this.pos++];
      value += (b & 0x7f) * 2 ** shift; // multiplication keeps bit 31 unsigned
      if ((b & 0x80) === 0) {
        if (value > 0xffffffff) break;
        return value;
      }
    }
    throw new ProtocolError(`varint longer than 32 bits ending at offset ${this.pos}`);
  }

  /** Signed (zigzag) varint of at most 32 bits. */
  varint(): number {
    const v = this.uvarint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }

  /** Signed (zigzag) varlong of at most 64 bits. */
  varlong(): bigint {
    const buf = this.buf;
    let value = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.pos >= this.end) throw new ProtocolError(`truncated varlong at offset ${this.pos}`);
      const b = buf[this.pos++];
      value |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return (value >> 1n) ^ -(value & 1n);
    }
    throw new ProtocolError(`varlong longer than 64 bits ending at offset ${this.pos}`);
  }

  uuid(): string {
    const at = this.take(16);
    return this.buf.toString('base64url', at, at + 16);
  }

  private utf8(length: number): string {
    if (length > MAX_STRING_LENGTH) throw new ProtocolError(`string length ${length} exceeds ${MAX_STRING_LENGTH}`);
    const at = this.take(length);
    return this.buf.toString('utf8', at, at + length);
  }

  /** STRING / NULLABLE_STRING: int16 length, -1 = null. */
  nullableString(): string | null {
    const length = this.int16();
    if (length === -1) return null;
    if (length < 0) throw new ProtocolError(`negative string length ${length}`);
    return this.utf8(length);
  }

  /** COMPACT_(NULLABLE_)STRING: uvarint length+1, 0 = null. */
  compactNullableString(): string | null {
    const n = this.uvarint();
    return n === 0 ? null : this.utf8(n - 1);
  }

  /** BYTES / NULLABLE_BYTES: int32 length, -1 = null. The result is a view of the input. */
  nullableBytes(): Buffer | null {
    const length = this.int32();
    if (length === -1) return null;
    if (length < 0) throw new ProtocolError(`negative bytes length ${length}`);
    return this.slice(length);
  }

  /** COMPACT_(NULLABLE_)BYTES: uvarint length+1, 0 = null. The result is a view of the input. */
  compactNullableBytes(): Buffer | null {
    const n = this.uvarint();
    return n === 0 ? null : this.slice(n - 1);
  }

  /** The next n bytes as a view (subarray) of the input: no copy. */
  slice(n: number): Buffer {
    const at = this.take(n);
    return this.buf.subarray(at, at + n);
  }

  /** ARRAY count: int32, -1 = null. Rejects counts larger than the bytes left (each element takes at least one). */
  arrayLength(): number {
    const n = this.int32();
    if (n === -1) return -1;
    return this.checkCount(n);
  }

  /** COMPACT_ARRAY count: uvarint count+1, 0 = null (returned as -1). */
  compactArrayLength(): number {
    const n = this.uvarint() - 1;
    if (n === -1) return -1;
    return this.checkCount(n);
  }

  private checkCount(n: number): number {
    if (n < 0) throw new ProtocolError(`negative array length ${n}`);
    if (n > this.end - this.pos) {
      throw new ProtocolError(`array length ${n} exceeds the ${this.end - this.pos} bytes left at offset ${this.pos}`);
    }
    return n;
  }
}

/** A placeholder returned by Writer.reserveInt32, filled in later (frame sizes). */
export interface Int32Slot {
  readonly buf: Buffer;
  readonly offset: number;
}

/**
 * Appends to a growable buffer. Instead of copying on growth it starts a new buffer, and large
 * bytes/records values become chunks of their own, so a response carrying megabytes of record
 * batches is handed to the socket without being copied. `finish()` returns the chunks.
 */
export class Writer {
  private readonly chunks: Buffer[] = [];
  private buf: Buffer;
  /** Start of the part of `buf` not yet moved to `chunks`. */
  private start = 0;
  private pos = 0;
  /** Bytes already in `chunks`. */
  private flushed = 0;

  constructor(initialSize = 256) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  /** Total bytes written so far. */
  get length(): number {
    return this.flushed + this.pos - this.start;
  }

  private flushCurrent(): void {
    if (this.pos > this.start) {
      this.chunks.push(this.buf.subarray(this.start, this.pos));
      this.flushed += this.pos - this.start;
      this.start = this.pos;
    }
  }

  /**
   * Makes room for n more bytes and returns the offset to write them at. It may switch
   * `this.buf` to a new buffer, so callers must call it before reading `this.buf`.
   */
  private room(n: number): number {
    if (this.pos + n > this.buf.length) {
      this.flushCurrent();
      // Slack after n so the small writes that usually follow do not start yet another buffer.
      this.buf = Buffer.allocUnsafe(Math.max(n + 512, Math.min(this.buf.length * 2, 65536)));
      this.start = 0;
      this.pos = 0;
    }
    const at = this.pos;
    this.pos = at + n;
    return at;
  }

  int8(v: number): void {
    const at = this.room(1);
    this.buf.writeInt8(v, at);
  }
  bool(v: boolean): void {
    const at = this.room(1);
    this.buf[at] = v ? 1 : 0;
  }
  int16(v: number): void {
    const at = this.room(2);
    this.buf.writeInt16BE(v, at);
  }
  uint16(v: number): void {
    const at = this.room(2);
    this.buf.writeUInt16BE(v, at);
  }
  int32(v: number): void {
    const at = this.room(4);
    this.buf.writeInt32BE(v, at);
  }
  uint32(v: number): void {
    const at = this.room(4);
    this.buf.writeUInt32BE(v, at);
  }
  int64(v: bigint): void {
    const at = this.room(8);
    this.buf.writeBigInt64BE(v, at);
  }
  float64(v: number): void {
    const at = this.room(8);
    this.buf.writeDoubleBE(v, at);
  }

  /** Unsigned varint of at most 32 bits. */
  uvarint(v: number): void {
    if (v < 0x80 && v >= 0) {
      const at = this.room(1);
      this.buf[at] = v;
      return;
    }
    if (!(v >= 0 && v <= 0xffffffff)) throw new ProtocolError(`uvarint out of range: ${v}`);
    let at = this.room(5);
    const buf = this.buf;
    while (v >= 0x80) {
      buf[at++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    buf[at++] = v;
    this.pos = at;
  }

  /** Signed (zigzag) varint of at most 32 bits. */
  varint(v: number): void {
    this.uvarint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  /** Signed (zigzag) varlong. */
  varlong(v: bigint): void {
    let z = BigInt.asUintN(64, (v << 1n) ^ (v >> 63n));
    let at = this.room(10);
    const buf = this.buf;
    while (z >= 0x80n) {
      buf[at++] = Number(z & 0x7fn) | 0x80;
      z >>= 7n;
    }
    buf[at++] = Number(z);
    this.pos = at;
  }

  uuid(v: string): void {
    if (!UUID_PATTERN.test(v)) throw new ProtocolError(`not a 22-character base64url uuid: ${JSON.stringify(v)}`);
    const at = this.room(16);
    this.buf.write(v, at, 16, 'base64url');
  }

  /** STRING / NULLABLE_STRING: int16 length, -1 = null. */
  nullableString(v: string | null): void {
    if (v === null) {
      this.int16(-1);
      return;
    }
    const at = this.room(2 + v.length * 3);
    const n = this.buf.write(v, at + 2, 'utf8');
    if (n > MAX_STRING_LENGTH) throw new ProtocolError(`string of ${n} bytes exceeds ${MAX_STRING_LENGTH}`);
    this.buf.writeInt16BE(n, at);
    this.pos = at + 2 + n;
  }

  /** COMPACT_(NULLABLE_)STRING: uvarint length+1, 0 = null. */
  compactNullableString(v: string | null): void {
    if (v === null) {
      this.uvarint(0);
      return;
    }
    if (v.length * 3 < 0x7f) {
      // Short strings: the length fits one varint byte whatever the encoding, so write in place.
      const at = this.room(1 + v.length * 3);
      const n = this.buf.write(v, at + 1, 'utf8');
      this.buf[at] = n + 1;
      this.pos = at + 1 + n;
      return;
    }
    const n = Buffer.byteLength(v, 'utf8');
    if (n > MAX_STRING_LENGTH) throw new ProtocolError(`string of ${n} bytes exceeds ${MAX_STRING_LENGTH}`);
    this.uvarint(n + 1);
    const at = this.room(n);
    this.buf.write(v, at, n, 'utf8');
  }

  /** BYTES / NULLABLE_BYTES: int32 length, -1 = null. */
  nullableBytes(v: Buffer | null): void {
    if (v === null) {
      this.int32(-1);
      return;
    }
    this.int32(v.length);
    this.raw(v);
  }

  /** COMPACT_(NULLABLE_)BYTES: uvarint length+1, 0 = null. */
  compactNullableBytes(v: Buffer | null): void {
    if (v === null) {
      this.uvarint(0);
      return;
    }
    this.uvarint(v.length + 1);
    this.raw(v);
  }

  /** Appends bytes as they are; large ones by reference (the caller must not modify them afterwards). */
  raw(v: Buffer): void {
    if (v.length >= ZERO_COPY_THRESHOLD) {
      this.flushCurrent();
      this.chunks.push(v);
      this.flushed += v.length;
      return;
    }
    const at = this.room(v.length);
    this.buf.set(v, at);
  }

  /** Appends the chunks of another writer's output. */
  rawChunks(chunks: readonly Buffer[]): void {
    for (const c of chunks) this.raw(c);
  }

  /** Reserves four bytes to fill in later, e.g. a frame size. */
  reserveInt32(): Int32Slot {
    const offset = this.room(4);
    return { buf: this.buf, offset };
  }

  fillInt32(slot: Int32Slot, v: number): void {
    slot.buf.writeInt32BE(v, slot.offset);
  }

  /** The written bytes as chunks, in order. The writer must not be used afterwards. */
  finish(): Buffer[] {
    this.flushCurrent();
    return this.chunks;
  }

  /** The written bytes as one Buffer (copies only when there is more than one chunk). */
  toBuffer(): Buffer {
    const chunks = this.finish();
    if (chunks.length === 1) return chunks[0];
    return Buffer.concat(chunks, this.flushed);
  }
}
