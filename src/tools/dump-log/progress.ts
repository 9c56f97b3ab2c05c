// Progress of a dump over a large segment, for a human watching a terminal while the dump goes
// to a file or a pipe: one stderr line (records, bytes, rate) redrawn in place, then a one-line
// status. Nothing at all unless stderr is a terminal and stdout is not: when the dump itself
// scrolls on the terminal it is its own progress, and scripts get Kafka's bytes only.
import { RECORDS_COUNT } from '../../storage/batch-header.js';
import { spinnersEnabled } from '../../cli/terminal.js';
import type { FileBatch } from './file-records.js';

/** Segments smaller than this dump in well under a second: no progress line. */
const MIN_BYTES = 16 * 1024 * 1024;
const REDRAW_MS = 200;
const MB = 1024 * 1024;

export interface DumpProgress {
  /** False when nothing is shown (not a terminal, small segment). */
  readonly active: boolean;
  advance(batch: FileBatch): void;
  end(): void;
}

const NONE: DumpProgress = { active: false, advance() {}, end() {} };

export function startDumpProgress(name: string, totalBytes: number): DumpProgress {
  if (totalBytes < MIN_BYTES || !spinnersEnabled() || process.stdout.isTTY === true) return NONE;
  const started = Date.now();
  let records = 0;
  let bytes = 0;
  let drawn = 0;
  const text = () => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const percent = Math.min(100, Math.floor((100 * bytes) / totalBytes));
    return `${name}: ${records.toLocaleString('en-US')} records, ${(bytes / MB).toFixed(1)} of ${(totalBytes / MB).toFixed(1)} MB (${percent}%), ${Math.round(records / seconds).toLocaleString('en-US')} records/s`;
  };
  return {
    active: true,
    advance(batch) {
      records += batch.magic >= 2 ? batch.bytes.readInt32BE(RECORDS_COUNT) : 1;
      bytes += batch.sizeInBytes;
      const now = Date.now();
      if (now - drawn < REDRAW_MS) return;
      drawn = now;
      process.stderr.write(`\r\u001b[2K${text()}`);
    },
    end() {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stderr.write(`\r\u001b[2K${text()}, done in ${seconds} s\n`);
    },
  };
}
