// Mutations of a valid request frame. Each returns the bytes to write (size prefix included):
// bit flips, truncation, a lying frame size, lying string/bytes/array lengths, huge array counts,
// boundary values in integer fields (timeouts, offsets, partition indexes, acks...), random tagged
// fields, a garbage body behind a valid header, one API's header on another's body, and a record
// batch changed behind its CRC (records or header fields, CRC-32C recomputed: it reaches the
// record-level checks a bit flip never passes).
import { crc32c } from '../../../src/storage/crc32c.js';
import type { Rng } from '../lib/rng.js';
import { encodeUvarint, mapFrame, type LengthField } from './frame-map.js';

export const MUTATIONS = ['bitflip', 'truncate', 'frame-size', 'length-lie', 'huge-count', 'int-value', 'tagged-fields', 'garbage-body', 'splice', 'records-crc'] as const;
export type MutationName = (typeof MUTATIONS)[number];

export interface Mutated {
  /** What was applied (the first name is the main one; a fallback is named as applied). */
  name: MutationName;
  /** Size prefix and frame. */
  wire: Buffer;
  /** The size prefix does not match the bytes: nothing after it can be framed as sent. */
  lyingSize: boolean;
}

function withSize(frame: Buffer): Buffer {
  const size = Buffer.allocUnsafe(4);
  size.writeInt32BE(frame.length);
  return Buffer.concat([size, frame]);
}

function bitflip(rng: Rng, frame: Buffer): Buffer {
  const out = Buffer.from(frame);
  if (out.length === 0) return out;
  const flips = rng.int(1, 8);
  // Mostly past api key and version, which would only ever reach the unknown-API path.
  const from = out.length > 4 && rng.chance(0.85) ? 4 : 0;
  for (let i = 0; i < flips; i++) out[rng.int(from, out.length - 1)]! ^= 1 << rng.int(0, 7);
  return out;
}

/** Replaces the prefix of `field` with `value` encoded in the field's width. */
function rewrite(frame: Buffer, field: LengthField, value: number | bigint): Buffer {
  let prefix: Buffer;
  if (field.width === 'uvarint') prefix = encodeUvarint(Math.max(0, Number(value)));
  else {
    prefix = Buffer.allocUnsafe(field.width);
    if (field.width === 8) prefix.writeBigInt64BE(BigInt(value));
    else if (field.width === 4) prefix.writeInt32BE(Number(value));
    else if (field.width === 2) prefix.writeInt16BE(Number(value));
    else prefix.writeInt8(Number(value));
  }
  return Buffer.concat([frame.subarray(0, field.pos), prefix, frame.subarray(field.pos + field.size)]);
}

function lyingLength(rng: Rng, frame: Buffer, field: LengthField): number {
  const remaining = frame.length - field.pos - field.size;
  const beyond = remaining + (field.width === 'uvarint' ? 2 : 1);
  if (field.width === 2) return rng.pick([beyond, Math.min(0x7fff, remaining + rng.int(2, 1000)), 0x7fff, -2, -0x8000, 0]);
  if (field.width === 4) return rng.pick([beyond, remaining + rng.int(2, 1_000_000), 0x7fffffff, -2, -0x80000000, 0, field.raw + 1, field.raw - 1]);
  return rng.pick([beyond, remaining + rng.int(2, 1_000_000), 0xffffffff, 2 ** 35 - 1, 0, field.raw + 1, Math.max(0, field.raw - 1)]);
}

/** A boundary value for an integer field of `width` bytes. */
function intValue(rng: Rng, width: 1 | 2 | 4 | 8, raw: number): number | bigint {
  const bits = width * 8;
  if (width === 8) return rng.pick([0n, -1n, 1n, -2n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 31n, 2n ** 53n, BigInt(rng.int(-1000, 1_000_000))]);
  const max = 2 ** (bits - 1) - 1;
  return rng.pick([0, -1, 1, -2, max, -max - 1, max - 1, raw + 1, raw - 1, rng.int(-max - 1, max)].map((v) => Math.max(-max - 1, Math.min(max, v))));
}

function hugeCount(rng: Rng, field: LengthField): number {
  if (field.width === 2) return 0x7fff;
  if (field.width === 4) return rng.pick([0x7fffffff, 0x40000000, 0x10000000, 0x01000000]);
  return rng.pick([0xffffffff, 0x80000000, 0x10000001, 0x01000001]);
}

/** Inserts 1-4 random tagged fields at the front of a tagged section (sizes sometimes lying). */
function taggedFields(rng: Rng, frame: Buffer, section: LengthField): Buffer {
  const n = rng.int(1, 4);
  const entries: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const tag = rng.chance(0.7) ? rng.int(0, 8) : rng.int(0, 0x7fffffff);
    const size = rng.int(0, 40);
    const declared = rng.chance(0.2) ? size + rng.int(1, 100_000) : size;
    entries.push(encodeUvarint(tag), encodeUvarint(declared), rng.bytes(size));
  }
  const after = section.pos + section.size;
  return Buffer.concat([frame.subarray(0, section.pos), encodeUvarint(section.raw + n), ...entries, frame.subarray(after)]);
}

/** Header fields after the CRC (attributes, lastOffsetDelta, timestamps, producer fields, recordsCount): offset and width. */
const BATCH_FIELDS_AFTER_CRC: ReadonlyArray<[number, 2 | 4 | 8]> = [[21, 2], [23, 4], [27, 8], [35, 8], [43, 8], [51, 2], [53, 4], [57, 4]];

/** The first record batch (magic 2) carried in a bytes field, as [start, end) in the frame. */
function recordBatchIn(frame: Buffer, fields: readonly LengthField[]): [number, number] | null {
  for (const f of fields) {
    if (f.kind !== 'bytes') continue;
    const start = f.pos + f.size;
    const length = f.width === 'uvarint' ? f.raw - 1 : f.raw;
    if (length < 61 || start + length > frame.length || frame.readInt8(start + 16) !== 2) continue;
    return [start, start + Math.min(length, frame.readInt32BE(start + 8) + 12)];
  }
  return null;
}

/** Changes a record batch behind its CRC and recomputes the CRC-32C. */
function recordsBehindCrc(rng: Rng, frame: Buffer, at: [number, number]): Buffer {
  const out = Buffer.from(frame);
  const batch = out.subarray(at[0], at[1]);
  if (batch.length > 61 && rng.chance(0.6)) {
    for (let i = rng.int(1, 8); i > 0; i--) batch[rng.int(61, batch.length - 1)]! ^= 1 << rng.int(0, 7);
  } else {
    const [pos, width] = rng.pick(BATCH_FIELDS_AFTER_CRC);
    const field: LengthField = { kind: 'int', pos, width, size: width, raw: width === 8 ? 0 : width === 4 ? batch.readInt32BE(pos) : batch.readInt16BE(pos) };
    rewrite(batch, field, intValue(rng, width, field.raw)).copy(batch);
  }
  batch.writeUInt32BE(crc32c(batch.subarray(21)), 17);
  return out;
}

/**
 * One mutation of `frame` (a seed with its correlation id already set). `other` is another seed
 * (for splice). Mutations that do not apply to this frame (no tagged section in a non-flexible
 * version, no length field) fall back to a bit flip and are named so.
 */
export function mutate(rng: Rng, name: MutationName, frame: Buffer, other: Buffer): Mutated {
  const map = mapFrame(frame);
  const lengths = map.fields.filter((f) => f.kind !== 'tagged-count' && f.kind !== 'int');
  const ints = map.fields.filter((f) => f.kind === 'int' && f.pos >= map.bodyOffset);
  const arrays = map.fields.filter((f) => f.kind === 'array');
  const sections = map.fields.filter((f) => f.kind === 'tagged-count');
  const plain = (n: MutationName, f: Buffer): Mutated => ({ name: n, wire: withSize(f), lyingSize: false });
  switch (name) {
    case 'bitflip':
      return plain(name, bitflip(rng, frame));
    case 'truncate':
      return plain(name, frame.subarray(0, rng.int(0, frame.length - 1)));
    case 'frame-size': {
      const wire = withSize(frame);
      const n = frame.length;
      wire.writeInt32BE(rng.pick([n + rng.int(1, 64), n + rng.int(65, 100_000_000), Math.max(0, n - rng.int(1, Math.min(n, 64))), 0, rng.int(1, 7)]));
      return { name, wire, lyingSize: true };
    }
    case 'length-lie':
      if (lengths.length === 0) return plain('bitflip', bitflip(rng, frame));
      {
        const field = rng.pick(lengths);
        return plain(name, rewrite(frame, field, lyingLength(rng, frame, field)));
      }
    case 'huge-count':
      if (arrays.length === 0) return plain('bitflip', bitflip(rng, frame));
      {
        const field = rng.pick(arrays);
        return plain(name, rewrite(frame, field, hugeCount(rng, field)));
      }
    case 'int-value':
      if (ints.length === 0) return plain('bitflip', bitflip(rng, frame));
      {
        const field = rng.pick(ints);
        return plain(name, rewrite(frame, field, intValue(rng, field.width as 1 | 2 | 4 | 8, field.raw)));
      }
    case 'tagged-fields':
      if (sections.length === 0) return plain('bitflip', bitflip(rng, frame));
      return plain(name, taggedFields(rng, frame, rng.pick(sections)));
    case 'garbage-body':
      return plain(name, Buffer.concat([frame.subarray(0, map.bodyOffset), rng.bytes(rng.int(0, Math.max(8, 2 * (frame.length - map.bodyOffset))))]));
    case 'records-crc': {
      const at = recordBatchIn(frame, map.fields);
      if (at === null) return plain('bitflip', bitflip(rng, frame));
      return plain(name, recordsBehindCrc(rng, frame, at));
    }
    case 'splice': {
      const otherBody = mapFrame(other).bodyOffset;
      return plain(name, Buffer.concat([frame.subarray(0, map.bodyOffset), other.subarray(otherBody)]));
    }
  }
}
