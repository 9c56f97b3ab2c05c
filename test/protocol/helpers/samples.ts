// Builds sample values for any message version straight from the generated descriptors, written
// independently of the codec: each result is exactly what decoding its encoding must return.
import type { FieldDescriptor, StructDescriptor } from '../../../src/protocol/codec-types.js';

export type Variant =
  /** Every field present in the version gets a non-default value, tagged fields included. */
  | 'full'
  /** Fields nullable in the version are null; the rest as in 'full'. */
  | 'nulls'
  /** Every field at its default (what encoding `{}` produces). */
  | 'defaults';

export function inRange(text: string | undefined, v: number): boolean {
  if (text === undefined || text === 'none') return false;
  if (text.endsWith('+')) return v >= Number(text.slice(0, -1));
  const [lo, hi = lo] = text.split('-').map(Number);
  return lo <= v && v <= hi;
}

export function defaultOf(f: FieldDescriptor): unknown {
  if (f.d !== undefined) return f.d;
  if (f.t.startsWith('[]')) return [];
  switch (f.t) {
    case 'bool':
      return false;
    case 'int64':
      return 0n;
    case 'string':
      return '';
    case 'bytes':
      return Buffer.alloc(0);
    case 'records':
      return f.nv === undefined ? Buffer.alloc(0) : null;
    case 'uuid':
      return 'AAAAAAAAAAAAAAAAAAAAAA';
    case 'struct':
      return Object.fromEntries(f.s!.map((sf) => [sf.n, defaultOf(sf)]));
    default:
      return 0;
  }
}

/** A deterministic non-default value of a primitive type; `seed` varies it between fields. */
function primitiveSample(type: string, seed: number, avoid: unknown): unknown {
  const pick = <T>(a: T, b: T): T => (a === avoid ? b : a);
  switch (type) {
    case 'bool':
      return pick(true, false);
    case 'int8':
      return pick(-100 + (seed % 50), 7);
    case 'int16':
      return pick(1000 + seed, 2);
    case 'int32':
      return pick(-70000 - seed, 3);
    case 'int64':
      return pick(-(2n ** 40n) - BigInt(seed), 4n);
    case 'uint16':
      return 65000 + (seed % 500);
    case 'uint32':
      return 4000000000 + seed;
    case 'float64':
      return 1.25 + seed;
    case 'string':
      return pick(`s${seed}-é€`, 'other'); // multi-byte UTF-8 on purpose
    case 'bytes':
      return Buffer.from([1, 2, 3, seed & 0xff]);
    case 'records': {
      // Larger than the zero-copy threshold, so encoding exercises chunking by reference.
      const b = Buffer.alloc(1500);
      for (let i = 0; i < b.length; i++) b[i] = (i + seed) & 0xff;
      return b;
    }
    case 'uuid': {
      const b = Buffer.alloc(16);
      for (let i = 0; i < 16; i++) b[i] = (seed * 31 + i * 7 + 1) & 0xff;
      return b.toString('base64url');
    }
    default:
      throw new Error(`unknown type ${type}`);
  }
}

export function sampleStruct(fields: StructDescriptor, version: number, variant: Variant, seed = { n: 0 }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const present = inRange(f.v, version);
    if (!present || variant === 'defaults') {
      out[f.n] = defaultOf(f);
      continue;
    }
    if (variant === 'nulls' && inRange(f.nv, version)) {
      out[f.n] = null;
      continue;
    }
    const n = ++seed.n;
    if (f.t === 'struct') out[f.n] = sampleStruct(f.s!, version, variant, seed);
    else if (f.t === '[]') out[f.n] = [sampleStruct(f.s!, version, variant, seed), sampleStruct(f.s!, version, variant, seed)];
    else if (f.t.startsWith('[]')) {
      const t = f.t.slice(2);
      out[f.n] = [primitiveSample(t, n, undefined), primitiveSample(t, n + 1, undefined)];
    } else out[f.n] = primitiveSample(f.t, n, f.d);
  }
  return out;
}
