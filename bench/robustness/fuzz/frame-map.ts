// Where the length prefixes of a request frame are: string, bytes and array lengths, and the
// tagged-field sections of flexible versions. The fuzzer rewrites these to lie (beyond the frame,
// negative, huge) or inserts tagged fields. The walk follows Kafka's schemas (the generated
// descriptors the codec compiles) and mirrors the codec's reading rules; it only reads.
import type { FieldDescriptor, StructDescriptor } from '../../../src/protocol/codec-types.js';
import { inVersions } from '../../../src/protocol/codec.js';
import { MESSAGE_DESCRIPTORS } from '../../../src/protocol/generated/descriptors.js';
import { apiInfo, requestHeaderVersion } from '../../../src/protocol/api.js';

/** int16 / int32 big-endian, or an unsigned varint (compact encodings, tagged sections). */
export type Width = 1 | 2 | 4 | 8 | 'uvarint';
/** Length prefixes, and plain integers (`int`: int8/16/32/64 values such as timeouts, offsets, counts). */
export type LengthKind = 'string' | 'bytes' | 'array' | 'tagged-count' | 'tagged-size' | 'int';

export interface LengthField {
  kind: LengthKind;
  /** Position of the prefix in the frame (the bytes after the 4-byte size). */
  pos: number;
  width: Width;
  /** Bytes the prefix itself takes. */
  size: number;
  /** The value as written (compact encodings: the raw uvarint, i.e. length + 1; int64: 0). */
  raw: number;
}

export interface FrameMap {
  apiKey: number;
  apiVersion: number;
  /** Where the body starts. */
  bodyOffset: number;
  flexible: boolean;
  fields: LengthField[];
  /** Whether the whole frame was walked without running out of bytes. */
  complete: boolean;
  /** Where the walk ended (the frame's length for a frame with nothing after the body). */
  end: number;
}

class Walker {
  pos: number;
  readonly fields: LengthField[] = [];

  constructor(
    readonly buf: Buffer,
    start: number,
  ) {
    this.pos = start;
  }

  need(n: number): void {
    if (n < 0 || this.pos + n > this.buf.length) throw new RangeError('frame ends early');
  }

  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }

  /** Records a plain integer field and skips it. */
  int(width: 1 | 2 | 4 | 8): void {
    this.need(width);
    const raw = width === 1 ? this.buf.readInt8(this.pos) : width === 2 ? this.buf.readInt16BE(this.pos) : width === 4 ? this.buf.readInt32BE(this.pos) : 0;
    this.fields.push({ kind: 'int', pos: this.pos, width, size: width, raw });
    this.pos += width;
  }

  fixed(width: 2 | 4): number {
    this.need(width);
    const v = width === 2 ? this.buf.readInt16BE(this.pos) : this.buf.readInt32BE(this.pos);
    this.pos += width;
    return v;
  }

  uvarint(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      this.need(1);
      const b = this.buf[this.pos++]!;
      value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return value;
    }
    throw new RangeError('varint too long');
  }

  /** Reads a length prefix and records it. */
  length(kind: LengthKind, width: 2 | 4 | 'uvarint'): number {
    const pos = this.pos;
    const raw = width === 'uvarint' ? this.uvarint() : this.fixed(width);
    this.fields.push({ kind, pos, width, size: this.pos - pos, raw });
    return raw;
  }

  taggedSection(): void {
    const count = this.length('tagged-count', 'uvarint');
    for (let i = 0; i < count; i++) {
      this.uvarint(); // tag
      this.skip(this.length('tagged-size', 'uvarint'));
    }
  }
}

const PRIMITIVE_SIZES: Record<string, number> = { bool: 1, float64: 8, uuid: 16 };
const INT_SIZES: Record<string, 1 | 2 | 4 | 8> = { int8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, int64: 8 };

function walkPrimitive(w: Walker, type: string, flexible: boolean): void {
  const intSize = INT_SIZES[type];
  if (intSize !== undefined) return w.int(intSize);
  const fixedSize = PRIMITIVE_SIZES[type];
  if (fixedSize !== undefined) return w.skip(fixedSize);
  if (type === 'string') {
    const n = w.length('string', flexible ? 'uvarint' : 2);
    const len = flexible ? n - 1 : n;
    if (len > 0) w.skip(len);
    return;
  }
  if (type === 'bytes' || type === 'records') {
    const n = w.length('bytes', flexible ? 'uvarint' : 4);
    const len = flexible ? n - 1 : n;
    if (len > 0) w.skip(len);
    return;
  }
  throw new Error(`unknown type ${type}`);
}

function walkStruct(w: Walker, fields: StructDescriptor, version: number, flexible: boolean): void {
  for (const f of fields) {
    if (!inVersions(f.v, version) || inVersions(f.tv, version)) continue; // absent, or in the tagged section
    walkField(w, f, version, flexible);
  }
  if (flexible) w.taggedSection();
}

function walkField(w: Walker, f: FieldDescriptor, version: number, flexible: boolean): void {
  if (f.t === 'struct') {
    if (inVersions(f.nv, version)) {
      w.need(1);
      if (w.buf.readInt8(w.pos++) < 0) return;
    }
    return walkStruct(w, f.s!, version, flexible);
  }
  if (f.t.startsWith('[]')) {
    const raw = w.length('array', flexible ? 'uvarint' : 4);
    const count = flexible ? raw - 1 : raw;
    for (let i = 0; i < count; i++) {
      if (f.t === '[]') walkStruct(w, f.s!, version, flexible);
      else walkPrimitive(w, f.t.slice(2), flexible);
    }
    return;
  }
  const fieldFlexible = f.fv !== undefined ? inVersions(f.fv, version) : flexible;
  walkPrimitive(w, f.t, fieldFlexible);
}

/** Maps a request frame (without its size prefix). Frames of unknown APIs map their header only. */
export function mapFrame(frame: Buffer): FrameMap {
  const w = new Walker(frame, 0);
  const apiKey = frame.length >= 2 ? frame.readInt16BE(0) : -1;
  const apiVersion = frame.length >= 4 ? frame.readInt16BE(2) : -1;
  const info = apiInfo(apiKey);
  const descriptor = info ? MESSAGE_DESCRIPTORS[`${info.name}Request`] : undefined;
  const flexible = descriptor !== undefined && inVersions(descriptor.flexibleVersions, apiVersion);
  let bodyOffset = frame.length;
  let complete = false;
  try {
    w.skip(8);
    const headerVersion = info ? requestHeaderVersion(apiKey, apiVersion) : 1;
    if (headerVersion >= 1) walkPrimitive(w, 'string', false); // client id: int16 length even in header v2
    if (headerVersion >= 2) w.taggedSection();
    bodyOffset = w.pos;
    if (descriptor && inVersions(descriptor.validVersions, apiVersion)) {
      walkStruct(w, descriptor.fields, apiVersion, flexible);
      complete = true;
    }
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
  }
  return { apiKey, apiVersion, bodyOffset, flexible, fields: w.fields, complete, end: w.pos };
}

/** Encodes an unsigned varint (up to 35 bits, as the fuzzer may want an overlong one). */
export function encodeUvarint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  do {
    let b = v % 128;
    v = Math.floor(v / 128);
    if (v > 0) b |= 0x80;
    bytes.push(b);
  } while (v > 0);
  return Buffer.from(bytes);
}
