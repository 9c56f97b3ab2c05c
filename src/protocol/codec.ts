// Compiles the generated descriptor tables into encoders/decoders for one (message, version).
// All version checks happen once, at compile time; the compiled closures only read and write.
import type { FieldDescriptor, MessageDescriptor, StructDescriptor } from './codec-types.js';
import { ErrorCode, ProtocolError } from './errors.js';
import { MESSAGE_DESCRIPTORS } from './generated/descriptors.js';
import { EMPTY_BUFFER, Reader, Writer, ZERO_UUID } from './primitives.js';

/** Any value accepted where a decoded value is expected; the codec fills gaps with defaults. */
type Loose = any;

export interface Codec<T = unknown> {
  read(r: Reader): T;
  /** `undefined` writes the field's default (for structs: every field at its default). */
  write(w: Writer, value: Loose): void;
}

// ---------------------------------------------------------------------------------------------
// Version ranges

type Range = readonly [number, number] | null;
const rangeCache = new Map<string, Range>();

function parseRange(text: string): Range {
  let r = rangeCache.get(text);
  if (r !== undefined) return r;
  if (text === 'none') r = null;
  else if (text.endsWith('+')) r = [Number(text.slice(0, -1)), 0x7fff];
  else if (text.includes('-')) {
    const [lo, hi] = text.split('-');
    r = [Number(lo), Number(hi)];
  } else r = [Number(text), Number(text)];
  rangeCache.set(text, r);
  return r;
}

export function inVersions(text: string | undefined, version: number): boolean {
  if (text === undefined) return false;
  const r = parseRange(text);
  return r !== null && r[0] <= version && version <= r[1];
}

// ---------------------------------------------------------------------------------------------
// Defaults

const EMPTY_ARRAY: readonly never[] = Object.freeze([]);

/** A fresh default value for a field (arrays and structs are new objects each time). */
function makeDefault(f: FieldDescriptor): unknown {
  if (f.d !== undefined) return f.d;
  switch (f.t) {
    case 'bool':
      return false;
    case 'int64':
      return 0n;
    case 'string':
      return '';
    case 'bytes':
      return EMPTY_BUFFER;
    case 'records':
      return f.nv === undefined ? EMPTY_BUFFER : null;
    case 'uuid':
      return ZERO_UUID;
    case 'struct':
      return defaultStruct(f.s!);
    default:
      return f.t.startsWith('[]') ? [] : 0;
  }
}

function defaultStruct(fields: StructDescriptor): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const f of fields) o[f.n] = makeDefault(f);
  return o;
}

/**
 * The value written for a missing field. Shared between writes (the writer never mutates it),
 * so arrays use one frozen empty array and structs `undefined` (= every field at its default).
 */
function defaultForWriting(f: FieldDescriptor): unknown {
  if (f.d !== undefined) return f.d;
  if (f.t === 'struct') return undefined;
  if (f.t.startsWith('[]')) return EMPTY_ARRAY;
  return makeDefault(f);
}

/** Whether a value equals the field's default; tagged fields are written only when it does not. */
function isDefault(f: FieldDescriptor, v: unknown): boolean {
  if (v === undefined) return true;
  if (f.d === null) return v === null;
  if (v === null) return false;
  switch (f.t) {
    case 'bytes':
    case 'records':
      return f.d === undefined && (v as Buffer).length === 0;
    case 'int64':
      return BigInt(v as bigint) === (f.d ?? 0n);
    case 'struct':
      return f.s!.every((sf) => isDefault(sf, (v as Record<string, unknown>)[sf.n]));
    default:
      if (f.t.startsWith('[]')) return (v as unknown[]).length === 0;
      return v === makeDefault(f);
  }
}

// ---------------------------------------------------------------------------------------------
// Field codecs

function nullError(name: string, version: number): ProtocolError {
  return new ProtocolError(`field ${name} is not nullable in version ${version}`);
}

function toBigInt(v: bigint | number): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

/** Codec of a primitive value. `flexible` selects compact encodings for strings and bytes. */
function primitiveCodec(type: string, flexible: boolean, nullable: boolean, name: string, version: number): Codec {
  switch (type) {
    case 'bool':
      return { read: (r) => r.bool(), write: (w, v) => w.bool(v) };
    case 'int8':
      return { read: (r) => r.int8(), write: (w, v) => w.int8(v) };
    case 'int16':
      return { read: (r) => r.int16(), write: (w, v) => w.int16(v) };
    case 'int32':
      return { read: (r) => r.int32(), write: (w, v) => w.int32(v) };
    case 'int64':
      return { read: (r) => r.int64(), write: (w, v) => w.int64(toBigInt(v)) };
    case 'uint16':
      return { read: (r) => r.uint16(), write: (w, v) => w.uint16(v) };
    case 'uint32':
      return { read: (r) => r.uint32(), write: (w, v) => w.uint32(v) };
    case 'float64':
      return { read: (r) => r.float64(), write: (w, v) => w.float64(v) };
    case 'uuid':
      return { read: (r) => r.uuid(), write: (w, v) => w.uuid(v) };
    case 'string':
      return nullableCodec(
        flexible ? (r) => r.compactNullableString() : (r) => r.nullableString(),
        flexible ? (w, v) => w.compactNullableString(v) : (w, v) => w.nullableString(v),
        nullable,
        name,
        version,
      );
    case 'bytes':
    case 'records':
      return nullableCodec(
        flexible ? (r) => r.compactNullableBytes() : (r) => r.nullableBytes(),
        flexible ? (w, v) => w.compactNullableBytes(v) : (w, v) => w.nullableBytes(v),
        nullable,
        name,
        version,
      );
    default:
      throw new Error(`unknown primitive type ${type}`);
  }
}

function nullableCodec(
  read: (r: Reader) => unknown,
  write: (w: Writer, v: Loose) => void,
  nullable: boolean,
  name: string,
  version: number,
): Codec {
  if (nullable) return { read, write };
  return {
    read(r) {
      const v = read(r);
      if (v === null) throw nullError(name, version);
      return v;
    },
    write(w, v) {
      if (v === null) throw nullError(name, version);
      write(w, v);
    },
  };
}

function arrayCodec(element: Codec, flexible: boolean, nullable: boolean, name: string, version: number): Codec {
  const readElement = element.read;
  const writeElement = element.write;
  return {
    read(r) {
      const n = flexible ? r.compactArrayLength() : r.arrayLength();
      if (n === -1) {
        if (!nullable) throw nullError(name, version);
        return null;
      }
      const out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = readElement(r);
      return out;
    },
    write(w, v: unknown[] | null) {
      if (v === null) {
        if (!nullable) throw nullError(name, version);
        if (flexible) w.uvarint(0);
        else w.int32(-1);
        return;
      }
      const n = v.length;
      if (flexible) w.uvarint(n + 1);
      else w.int32(n);
      for (let i = 0; i < n; i++) writeElement(w, v[i]);
    },
  };
}

/**
 * A nullable struct carries a marker before its fields: int8 -1/1 normally, uvarint 0/1 inside
 * a tagged field's payload.
 */
function nullableStructCodec(inner: Codec, taggedPayload: boolean): Codec {
  return {
    read(r) {
      const marker = taggedPayload ? r.uvarint() : r.int8();
      if (taggedPayload ? marker === 0 : marker < 0) return null;
      return inner.read(r);
    },
    write(w, v) {
      if (v === null) {
        if (taggedPayload) w.uvarint(0);
        else w.int8(-1);
        return;
      }
      if (taggedPayload) w.uvarint(1);
      else w.int8(1);
      inner.write(w, v);
    },
  };
}

interface CompileContext {
  version: number;
  flexible: boolean;
}

function fieldCodec(f: FieldDescriptor, ctx: CompileContext, tagged: boolean): Codec {
  const nullable = inVersions(f.nv, ctx.version);
  const name = f.n;
  if (f.t === 'struct') {
    const inner = structCodec(f.s!, ctx);
    return nullable ? nullableStructCodec(inner, tagged) : nonNullStruct(inner, name, ctx.version);
  }
  if (f.t === '[]') return arrayCodec(structCodec(f.s!, ctx), ctx.flexible, nullable, name, ctx.version);
  if (f.t.startsWith('[]')) {
    const element = primitiveCodec(f.t.slice(2), ctx.flexible, false, name, ctx.version);
    return arrayCodec(element, ctx.flexible, nullable, name, ctx.version);
  }
  const flexible = f.fv !== undefined ? inVersions(f.fv, ctx.version) : ctx.flexible;
  return primitiveCodec(f.t, flexible, nullable, name, ctx.version);
}

function nonNullStruct(inner: Codec, name: string, version: number): Codec {
  return {
    read: inner.read,
    write(w, v) {
      if (v === null) throw nullError(name, version);
      inner.write(w, v);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Structs

interface TaggedField {
  tag: number;
  name: string;
  field: FieldDescriptor;
  codec: Codec;
}

/**
 * Decoding builds every object with its keys in schema order, whatever the version, so all
 * decoded objects of one struct share a shape: fixed fields are read in place, tagged and
 * absent fields start at their defaults (tagged ones may then be overwritten by the section).
 */
function structCodec(fields: StructDescriptor, ctx: CompileContext): Codec<Record<string, unknown>> {
  const { version, flexible } = ctx;
  const names: string[] = [];
  const slots: Array<(r: Reader) => unknown> = [];
  const fixedNames: string[] = [];
  const fixedWriters: Array<(w: Writer, v: Loose) => void> = [];
  const fixedDefaults: unknown[] = [];
  const tagged: TaggedField[] = [];

  for (const f of fields) {
    names.push(f.n);
    const present = inVersions(f.v, version);
    const isTagged = present && inVersions(f.tv, version);
    if (!present || isTagged) {
      slots.push(() => makeDefault(f));
      if (isTagged) tagged.push({ tag: f.tag!, name: f.n, field: f, codec: fieldCodec(f, ctx, true) });
      continue;
    }
    const codec = fieldCodec(f, ctx, false);
    slots.push(codec.read);
    fixedNames.push(f.n);
    fixedWriters.push(codec.write);
    fixedDefaults.push(defaultForWriting(f));
  }
  tagged.sort((a, b) => a.tag - b.tag);
  const byTag: Array<TaggedField | undefined> = [];
  for (const t of tagged) byTag[t.tag] = t;

  // The read and write functions are generated as source so that each struct gets object
  // literals and property accesses with fixed names: V8 then gives every decoded object of a
  // struct one hidden class and keeps the accesses monomorphic. Names come from the generated
  // descriptors (validated identifiers) and are quoted anyway.
  const key = (name: string) => JSON.stringify(name);
  const readSource =
    `return function read(r) {\n  const o = {${names.map((n, i) => `${key(n)}: slots[${i}](r)`).join(', ')}};\n` +
    (flexible ? '  readTaggedSection(r, o, byTag);\n' : '') +
    '  return o;\n};';
  const read = new Function('slots', 'readTaggedSection', 'byTag', readSource)(slots, readTaggedSection, byTag) as (r: Reader) => Record<string, unknown>;

  const writeSource =
    'return function write(w, o) {\n  if (o === undefined) o = NO_FIELDS;\n  let v;\n' +
    fixedNames.map((n, i) => `  v = o[${key(n)}];\n  writers[${i}](w, v === undefined ? defaults[${i}] : v);\n`).join('') +
    (flexible ? '  writeTaggedSection(w, o, tagged);\n' : '') +
    '};';
  const write = new Function('writers', 'defaults', 'writeTaggedSection', 'tagged', 'NO_FIELDS', writeSource)(
    fixedWriters,
    fixedDefaults,
    writeTaggedSection,
    tagged,
    NO_FIELDS,
  ) as (w: Writer, o: Record<string, unknown> | undefined) => void;
  return { read, write };
}

function readTaggedSection(r: Reader, o: Record<string, unknown>, byTag: Array<TaggedField | undefined>): void {
  // Like Kafka's readers, accept tags in any order; writers always use ascending order.
  const count = r.uvarint();
  for (let i = 0; i < count; i++) {
    const tag = r.uvarint();
    const size = r.uvarint();
    if (size > r.remaining()) throw new ProtocolError(`tagged field ${tag} of ${size} bytes overruns the input`);
    const end = r.pos + size;
    const known = byTag[tag];
    if (known !== undefined) {
      const sub = new Reader(r.buf, r.pos, end);
      o[known.name] = known.codec.read(sub);
      if (sub.pos !== end) throw new ProtocolError(`tagged field ${known.name} used ${sub.pos - r.pos} of its ${size} bytes`);
    }
    r.pos = end; // unknown tags are skipped
  }
}

/** Stands in for a missing struct value when writing: every field takes its default. */
const NO_FIELDS: Record<string, unknown> = Object.freeze({});

function writeTaggedSection(w: Writer, o: Record<string, unknown>, tagged: readonly TaggedField[]): void {
  if (tagged.length === 0) {
    w.uvarint(0);
    return;
  }
  let count = 0;
  for (const t of tagged) if (!isDefault(t.field, o[t.name])) count++;
  w.uvarint(count);
  if (count === 0) return;
  for (const t of tagged) {
    const v = o[t.name];
    if (isDefault(t.field, v)) continue;
    const payload = new Writer(64);
    t.codec.write(payload, v);
    w.uvarint(t.tag);
    w.uvarint(payload.length);
    w.rawChunks(payload.finish());
  }
}

// ---------------------------------------------------------------------------------------------
// Message codecs, compiled once per (message, version)

const cache = new Map<string, Array<Codec | undefined>>();

/** Whether `name` is a message, header or data schema known to the generator. */
export function hasMessage(name: string): boolean {
  return Object.hasOwn(MESSAGE_DESCRIPTORS, name);
}

/** The version range of a message schema as [min, max]. */
export function messageVersions(name: string): readonly [number, number] {
  const d = MESSAGE_DESCRIPTORS[name];
  if (d === undefined) throw new Error(`unknown message ${name}`);
  return parseRange(d.validVersions)!;
}

/** The encoder/decoder of a message at a version; throws ProtocolError (UNSUPPORTED_VERSION) outside the schema's range. */
export function messageCodec(name: string, version: number): Codec<Record<string, unknown>> {
  let perVersion = cache.get(name);
  if (perVersion === undefined) {
    perVersion = [];
    cache.set(name, perVersion);
  }
  let codec = perVersion[version];
  if (codec === undefined) {
    const d = MESSAGE_DESCRIPTORS[name];
    if (d === undefined) throw new Error(`unknown message ${name}`);
    if (!Number.isInteger(version) || !inVersions(d.validVersions, version)) {
      throw new ProtocolError(`${name} has no version ${version} (valid: ${d.validVersions})`, ErrorCode.UNSUPPORTED_VERSION);
    }
    codec = compileMessage(d, version);
    perVersion[version] = codec;
  }
  return codec as Codec<Record<string, unknown>>;
}

/** Compiles a descriptor at a version without caching or range checks (tests use synthetic descriptors). */
export function compileMessage(d: MessageDescriptor, version: number): Codec<Record<string, unknown>> {
  return structCodec(d.fields, { version, flexible: inVersions(d.flexibleVersions, version) });
}

/** Whether a message version uses the flexible encodings (compact lengths, tagged fields). */
export function isFlexible(name: string, version: number): boolean {
  const d = MESSAGE_DESCRIPTORS[name];
  if (d === undefined) throw new Error(`unknown message ${name}`);
  return inVersions(d.flexibleVersions, version);
}

/** Encodes a message body at a version into one Buffer. */
export function encodeMessage(name: string, version: number, value: unknown): Buffer {
  const w = new Writer();
  messageCodec(name, version).write(w, value);
  return w.toBuffer();
}

/** Decodes a whole buffer as a message body at a version. Trailing bytes are an error. */
export function decodeMessage(name: string, version: number, buf: Buffer): Record<string, unknown> {
  const r = new Reader(buf);
  const value = messageCodec(name, version).read(r);
  if (r.pos !== r.end) throw new ProtocolError(`${name} v${version}: ${r.end - r.pos} bytes left over`);
  return value;
}
