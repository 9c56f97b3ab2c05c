// A full check of a broker's data directory after shutdown, independent of the log code under
// test: every `.log` of every partition is walked batch by batch (size, magic 2, CRC-32C,
// offsets growing, no torn or partial tail; records decodable, reported apart), and every offset
// and time index is checked against it (entry sizes, order, positions at batch starts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { crc32c } from '../../../src/storage/crc32c.js';
import { decodeRecordBatches } from '../../../src/protocol/records/record-batch.js';

export interface LogDirReport {
  partitions: number;
  segments: number;
  batches: number;
  records: number;
  bytes: number;
  /** Batches whose base offset is not the previous batch's last offset + 1 (compaction, DeleteRecords). */
  gaps: number;
  /** Torn or garbage bytes, CRC mismatches, offsets out of order, bad index entries. */
  problems: string[];
  /**
   * Whole batches with a valid CRC whose records do not decode: stored as a client sent them
   * (kt does not read records on produce, Kafka does), not damaged by the broker. The first
   * few described; all counted in `undecodableBatches`.
   */
  undecodable: string[];
  undecodableBatches: number;
}

const HEADER = 61;
const MAX_PROBLEMS = 50;

/** Partition directories: `<topic>-<n>`, not marked for deletion. */
function partitionDirs(dataDir: string): string[] {
  return readdirSync(dataDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /-\d+$/.test(e.name))
    .map((e) => join(dataDir, e.name));
}

/** Batch start positions and the first offset of each, for the index checks. */
interface SegmentWalk {
  starts: Map<number, number>;
  lastOffset: number;
}

function walkSegment(path: string, base: number, prevLast: number, report: LogDirReport, problem: (p: string) => void, undecodable: (p: string) => void): SegmentWalk {
  const buf = readFileSync(path);
  report.bytes += buf.length;
  const starts = new Map<number, number>();
  let pos = 0;
  let last = prevLast;
  while (pos < buf.length) {
    const where = `${path} @${pos}`;
    if (buf.length - pos < HEADER) {
      problem(`${where}: ${buf.length - pos} trailing bytes, less than a batch header`);
      break;
    }
    const batchLength = buf.readInt32BE(pos + 8);
    const size = batchLength + 12;
    if (batchLength < HEADER - 12 || size > buf.length - pos) {
      problem(`${where}: batchLength ${batchLength} with ${buf.length - pos} bytes left (torn or garbage tail)`);
      break;
    }
    const batch = buf.subarray(pos, pos + size);
    const magic = batch.readInt8(16);
    const baseOffset = Number(batch.readBigInt64BE(0));
    const lastOffset = baseOffset + batch.readInt32BE(23);
    if (magic !== 2) problem(`${where}: magic ${magic}`);
    else if (batch.readUInt32BE(17) !== crc32c(batch.subarray(21))) problem(`${where}: CRC-32C mismatch`);
    else {
      try {
        for (const b of decodeRecordBatches(batch, { verifyCrc: false })) report.records += b.records.length;
      } catch (err) {
        undecodable(`${where}: records do not decode: ${(err as Error).message}`);
      }
    }
    if (baseOffset < base) problem(`${where}: base offset ${baseOffset} below the segment's ${base}`);
    if (lastOffset < baseOffset) problem(`${where}: last offset ${lastOffset} below base offset ${baseOffset}`);
    if (last >= 0 && baseOffset <= last) problem(`${where}: base offset ${baseOffset} not after the previous batch's last offset ${last}`);
    else if (last >= 0 && baseOffset !== last + 1) report.gaps++;
    starts.set(pos, baseOffset);
    last = Math.max(last, lastOffset);
    report.batches++;
    pos += size;
  }
  return { starts, lastOffset: last };
}

function checkOffsetIndex(path: string, base: number, walk: SegmentWalk, problem: (p: string) => void): void {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch {
    return; // an index may be absent (empty segment, or rebuilt on load)
  }
  if (buf.length % 8 !== 0) problem(`${path}: size ${buf.length} is not a multiple of 8`);
  let prevOffset = -1;
  let prevPos = -1;
  for (let i = 0; i + 8 <= buf.length; i += 8) {
    const offset = base + buf.readInt32BE(i);
    const pos = buf.readInt32BE(i + 4);
    if (offset <= prevOffset || pos <= prevPos) problem(`${path}: entry ${i / 8} (${offset} -> ${pos}) not after (${prevOffset} -> ${prevPos})`);
    const batchBase = walk.starts.get(pos);
    if (batchBase === undefined) problem(`${path}: entry ${i / 8} points at ${pos}, not a batch start`);
    else if (offset < batchBase || offset > walk.lastOffset) problem(`${path}: entry ${i / 8} offset ${offset} outside the batch at ${pos} (base ${batchBase})`);
    prevOffset = offset;
    prevPos = pos;
  }
}

function checkTimeIndex(path: string, base: number, problem: (p: string) => void): void {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch {
    return;
  }
  if (buf.length % 12 !== 0) problem(`${path}: size ${buf.length} is not a multiple of 12`);
  let prevTs = -Infinity;
  let prevOffset = -1;
  for (let i = 0; i + 12 <= buf.length; i += 12) {
    const ts = Number(buf.readBigInt64BE(i));
    const offset = base + buf.readInt32BE(i + 8);
    if (ts < prevTs || offset < prevOffset) problem(`${path}: entry ${i / 12} (${ts}, ${offset}) goes backwards`);
    prevTs = ts;
    prevOffset = offset;
  }
}

/** Walks every partition of `dataDir`. */
export function verifyLogDir(dataDir: string): LogDirReport {
  const report: LogDirReport = { partitions: 0, segments: 0, batches: 0, records: 0, bytes: 0, gaps: 0, problems: [], undecodable: [], undecodableBatches: 0 };
  const problem = (p: string) => {
    if (report.problems.length < MAX_PROBLEMS) report.problems.push(p);
  };
  const undecodable = (p: string) => {
    report.undecodableBatches++;
    if (report.undecodable.length < MAX_PROBLEMS) report.undecodable.push(p);
  };
  for (const dir of partitionDirs(dataDir)) {
    report.partitions++;
    const bases = readdirSync(dir)
      .filter((f) => /^\d{20}\.log$/.test(f))
      .map((f) => Number(f.slice(0, 20)))
      .sort((a, b) => a - b);
    let last = -1;
    for (const base of bases) {
      const name = String(base).padStart(20, '0');
      const logPath = join(dir, `${name}.log`);
      if (!statSync(logPath).isFile()) continue;
      report.segments++;
      const walk = walkSegment(logPath, base, last, report, problem, undecodable);
      checkOffsetIndex(join(dir, `${name}.index`), base, walk, problem);
      checkTimeIndex(join(dir, `${name}.timeindex`), base, problem);
      last = walk.lastOffset;
    }
  }
  return report;
}
