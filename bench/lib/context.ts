// What every scenario shares: the mode, the volumes, the limits measured so far, the rows.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Row } from './report.js';
import { writePayloadFile } from './payload.js';
import type { KtTools } from './kt-tools.js';

export const RECORD_SIZES = [100, 1024] as const;
export type RecordSize = (typeof RECORD_SIZES)[number];

/** Quick mode runs about 1/50 of the full volumes. */
export const QUICK_DIVISOR = 50;

export class BenchContext {
  readonly rows: Row[] = [];
  readonly notes: string[] = [];
  /** Filled by the limit scenarios, read by the ones that compare with them. */
  readonly limits: { diskMbPerSec?: number; diskFsyncMbPerSec?: number; loopbackMbPerSec?: number; kcatCeilingMbPerSec?: number; kcatConsumeCeilingMbPerSec?: number } = {};
  /** records/s of kcat per record size (8 partitions, acks=1, none), for the kt tool comparison. */
  readonly kcatRecordsPerSec = new Map<RecordSize, number>();

  constructor(
    readonly quick: boolean,
    readonly workDir: string,
    readonly kt: KtTools,
  ) {}

  /** A full-mode count scaled for the mode (at least `min`). */
  scale(full: number, min = 1): number {
    return this.quick ? Math.max(min, Math.round(full / QUICK_DIVISOR)) : full;
  }

  /** Records per produce run: 256 MiB of 1 KB records, 2,000,000 of 100 B (full mode). */
  recordCount(size: RecordSize): number {
    return this.scale(size === 1024 ? 262_144 : 2_000_000);
  }

  /** The pre-generated payload file for a record size (created on first use). */
  payloadFile(size: RecordSize): string {
    const path = join(this.workDir, `payload-${size}.txt`);
    if (!existsSync(path)) writePayloadFile(path, this.recordCount(size), size);
    return path;
  }

  add(row: Row): void {
    this.rows.push(row);
    process.stderr.write(`  ${row.figure}: ${row.value.toFixed(2)} ${row.unit}${row.note ? ` (${row.note})` : ''}\n`);
  }

  note(text: string): void {
    this.notes.push(text);
    process.stderr.write(`  note: ${text}\n`);
  }
}
