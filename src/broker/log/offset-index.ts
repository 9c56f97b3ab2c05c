// The .index file: entries mapping an offset to the byte position in the .log where scanning for
// it may start, held in memory as typed arrays (format: src/storage/index-formats.ts).
import { OFFSET_INDEX_ENTRY_SIZE, offsetIndexPosition, offsetIndexRelativeOffset, writeOffsetIndexEntry } from '../../storage/index-formats.js';
import type { DescriptorPool } from './descriptor-pool.js';
import { IndexFile, grownInt32 } from './index-file.js';

export interface OffsetPosition {
  offset: number;
  position: number;
}

export class OffsetIndex extends IndexFile {
  private relOffsets = new Int32Array(0);
  private positions = new Int32Array(0);

  constructor(path: string, baseOffset: number, pool?: DescriptorPool) {
    super(path, baseOffset, OFFSET_INDEX_ENTRY_SIZE, pool);
  }

  /** Adds an entry in memory; offsets must grow strictly (Kafka's InvalidOffsetException otherwise). */
  add(offset: number, position: number): void {
    const rel = offset - this.baseOffset;
    if (this.count > 0 && rel <= this.relOffsets[this.count - 1]!) return;
    this.relOffsets = grownInt32(this.relOffsets, this.count + 1);
    this.positions = grownInt32(this.positions, this.count + 1);
    this.relOffsets[this.count] = rel;
    this.positions[this.count] = position;
    this.count++;
  }

  /** Greatest entry with offset <= target, or (baseOffset, 0) when there is none. */
  lookup(targetOffset: number): OffsetPosition {
    const rel = targetOffset - this.baseOffset;
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.relOffsets[mid]! <= rel) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0) return { offset: this.baseOffset, position: 0 };
    return { offset: this.baseOffset + this.relOffsets[found]!, position: this.positions[found]! };
  }

  /** How many entries have an offset below `offset` (the entries a recovery from there keeps). */
  countBelow(offset: number): number {
    const rel = offset - this.baseOffset;
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.relOffsets[mid]! < rel) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Entry i (0 <= i < entries). */
  entry(i: number): OffsetPosition {
    return { offset: this.baseOffset + this.relOffsets[i]!, position: this.positions[i]! };
  }

  /** The last entry, or (baseOffset, 0) for an empty index. */
  lastEntry(): OffsetPosition {
    if (this.count === 0) return { offset: this.baseOffset, position: 0 };
    return { offset: this.baseOffset + this.relOffsets[this.count - 1]!, position: this.positions[this.count - 1]! };
  }

  protected clearEntries(): void {
    this.relOffsets = new Int32Array(0);
    this.positions = new Int32Array(0);
  }

  protected encode(i: number, out: Buffer, slot: number): void {
    writeOffsetIndexEntry(out, slot, this.relOffsets[i]!, this.positions[i]!);
  }

  protected decode(bytes: Buffer, n: number, logSize: number): boolean {
    this.relOffsets = new Int32Array(n);
    this.positions = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const rel = offsetIndexRelativeOffset(bytes, i);
      const position = offsetIndexPosition(bytes, i);
      // Offsets and positions only grow, and every position is the start of a batch in the log.
      if (rel < 0 || position < 0 || position >= logSize) return false;
      if (i > 0 && (rel <= this.relOffsets[i - 1]! || position <= this.positions[i - 1]!)) return false;
      this.relOffsets[i] = rel;
      this.positions[i] = position;
    }
    this.count = n;
    return true;
  }
}
