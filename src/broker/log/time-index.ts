// The .timeindex file: (timestamp, offset) entries held in memory as typed arrays (format:
// src/storage/index-formats.ts). An entry is added only when the segment's largest timestamp
// grew, so timestamps strictly increase; the offset is the last offset of the batch holding that
// timestamp.
import { TIME_INDEX_ENTRY_SIZE, timeIndexRelativeOffset, timeIndexTimestamp, writeTimeIndexEntry } from '../../storage/index-formats.js';
import type { DescriptorPool } from './descriptor-pool.js';
import { IndexFile, grownFloat64, grownInt32 } from './index-file.js';

export interface TimestampOffset {
  timestamp: number;
  offset: number;
}

export class TimeIndex extends IndexFile {
  private timestamps = new Float64Array(0);
  private relOffsets = new Int32Array(0);

  constructor(path: string, baseOffset: number, pool?: DescriptorPool) {
    super(path, baseOffset, TIME_INDEX_ENTRY_SIZE, pool);
  }

  /** Kafka's maybeAppend: adds (timestamp, offset) only if timestamp is above the last entry's. */
  maybeAdd(timestamp: number, offset: number): void {
    if (timestamp <= this.lastEntry().timestamp) return;
    this.timestamps = grownFloat64(this.timestamps, this.count + 1);
    this.relOffsets = grownInt32(this.relOffsets, this.count + 1);
    this.timestamps[this.count] = timestamp;
    this.relOffsets[this.count] = offset - this.baseOffset;
    this.count++;
  }

  /** Greatest entry with timestamp <= target, or (-1, baseOffset) when there is none. */
  lookup(targetTimestamp: number): TimestampOffset {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timestamps[mid]! <= targetTimestamp) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0) return { timestamp: -1, offset: this.baseOffset };
    return { timestamp: this.timestamps[found]!, offset: this.baseOffset + this.relOffsets[found]! };
  }

  /** How many entries have an offset at or below `offset`. */
  countAtOrBelow(offset: number): number {
    const rel = offset - this.baseOffset;
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.relOffsets[mid]! <= rel) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The last entry, or (-1, baseOffset) for an empty index (Kafka's TimestampOffset.UNKNOWN-like start). */
  lastEntry(): TimestampOffset {
    if (this.count === 0) return { timestamp: -1, offset: this.baseOffset };
    return { timestamp: this.timestamps[this.count - 1]!, offset: this.baseOffset + this.relOffsets[this.count - 1]! };
  }

  protected clearEntries(): void {
    this.timestamps = new Float64Array(0);
    this.relOffsets = new Int32Array(0);
  }

  protected encode(i: number, out: Buffer, slot: number): void {
    writeTimeIndexEntry(out, slot, this.timestamps[i]!, this.relOffsets[i]!);
  }

  protected decode(bytes: Buffer, n: number): boolean {
    this.timestamps = new Float64Array(n);
    this.relOffsets = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const timestamp = timeIndexTimestamp(bytes, i);
      const rel = timeIndexRelativeOffset(bytes, i);
      if (rel < 0) return false;
      if (i > 0 && (timestamp <= this.timestamps[i - 1]! || rel < this.relOffsets[i - 1]!)) return false;
      this.timestamps[i] = timestamp;
      this.relOffsets[i] = rel;
    }
    this.count = n;
    return true;
  }
}
