// The cleaner's key -> latest offset map (Kafka's SkimpyOffsetMap): a fixed-size open-addressing
// hash table in one buffer, each slot the MD5 digest of a key (16 bytes) and an offset (8 bytes).
// Keys are never stored, so memory is bounded by log.cleaner.dedupe.buffer.size whatever the key
// sizes; like Kafka we accept MD5's negligible collision risk.
import crypto from 'node:crypto';
import { readInt64Number, writeInt64Number } from '../../../protocol/records/int64.js';

const HASH_SIZE = 16;
const SLOT_SIZE = HASH_SIZE + 8;

// crypto.hash (Node >= 20.12) skips creating a Hash object per key: about twice as fast.
const md5: (key: Uint8Array) => Buffer =
  typeof crypto.hash === 'function' ? (key) => crypto.hash('md5', key, 'buffer') : (key) => crypto.createHash('md5').update(key).digest();

/** The MD5 digest of a record key: what the map stores instead of the key. */
export function hashKey(key: Uint8Array): Buffer {
  return md5(key);
}

export class OffsetMap {
  readonly slots: number;
  private readonly table: Buffer;
  private entries = 0;
  private _latestOffset = -1;

  /** `memoryBytes` of slots (at least one). */
  constructor(memoryBytes: number) {
    this.slots = OffsetMap.slotsFor(memoryBytes);
    // Zero-filled: an offset field of 0 marks an empty slot (stored offsets are offset + 1).
    this.table = Buffer.alloc(this.slots * SLOT_SIZE);
  }

  /** Slots a map of `memoryBytes` has. */
  static slotsFor(memoryBytes: number): number {
    return Math.max(1, Math.floor(memoryBytes / SLOT_SIZE));
  }

  /** Slots needed so that `keys` entries stay within `loadFactor` (Kafka's maxDesiredMapSize). */
  static memoryFor(keys: number, loadFactor: number): number {
    return (Math.ceil(keys / loadFactor) + 1) * SLOT_SIZE;
  }

  get size(): number {
    return this.entries;
  }

  /** The largest offset put or declared with updateLatestOffset; -1 when empty. */
  get latestOffset(): number {
    return this._latestOffset;
  }

  /** Records `offset` as the latest for the key with this digest. */
  put(hash: Buffer, offset: number): void {
    const slot = this.find(hash);
    const at = slot * SLOT_SIZE;
    if (this.table.readUInt32BE(at + HASH_SIZE) === 0 && this.table.readUInt32BE(at + HASH_SIZE + 4) === 0) {
      hash.copy(this.table, at, 0, HASH_SIZE);
      this.entries++;
    }
    writeInt64Number(this.table, offset + 1, at + HASH_SIZE);
    this._latestOffset = offset;
  }

  /** The latest offset for the key with this digest, or -1. */
  get(hash: Buffer): number {
    const at = this.find(hash) * SLOT_SIZE;
    const stored = readInt64Number(this.table, at + HASH_SIZE);
    return stored === 0 ? -1 : stored - 1;
  }

  /** Kafka moves the latest offset past offsets that hold no keyed record (gaps, control batches). */
  updateLatestOffset(offset: number): void {
    this._latestOffset = offset;
  }


  /** The slot holding this digest, or the empty slot where it would go (linear probing). */
  private find(hash: Buffer): number {
    let slot = hash.readUInt32BE(0) % this.slots;
    for (let probes = 0; probes < this.slots; probes++) {
      const at = slot * SLOT_SIZE;
      const empty = this.table.readUInt32BE(at + HASH_SIZE) === 0 && this.table.readUInt32BE(at + HASH_SIZE + 4) === 0;
      if (empty || this.table.compare(hash, 0, HASH_SIZE, at, at + HASH_SIZE) === 0) return slot;
      slot = slot + 1 === this.slots ? 0 : slot + 1;
    }
    throw new Error('offset map is full');
  }
}
