import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { PartitionLog, type PartitionLogOpenOptions } from '../../../src/broker/log/partition-log.js';
import { appendBatches, decodeBatches, makeTempDir, removeTempDirs, simpleBatch, testConfig } from './batch-builder.js';

const logs: PartitionLog[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const log of logs.splice(0)) log.close();
});
afterAll(removeTempDirs);

const BATCH_10 = 151;
const T0 = 1_700_000_000_000;

function open(dir: string, opts: Partial<PartitionLogOpenOptions> = {}) {
  const log = PartitionLog.open({ dir, topic: 'orders', partition: 0, config: testConfig({ indexIntervalBytes: 200 }), cleanShutdown: false, ...opts });
  logs.push(log);
  return log;
}

/** Writes `batches` batches of 10 records (one append each), closes cleanly, returns the dir. */
function writeLog(batches: number, opts: Partial<PartitionLogOpenOptions> = {}): string {
  const dir = path.join(makeTempDir(), 'orders-0');
  const log = open(dir, { cleanShutdown: true, ...opts });
  for (let k = 0; k < batches; k++) appendBatches(log, simpleBatch(10, 'v', T0 + k));
  log.close();
  logs.pop();
  return dir;
}

function segmentPath(dir: string, base: number, suffix = '.log') {
  return path.join(dir, String(base).padStart(20, '0') + suffix);
}

function readAll(log: PartitionLog) {
  const r = log.read(log.logStartOffset, 1 << 24, true);
  if (r.outOfRange) throw new Error('out of range');
  return decodeBatches(r.records);
}

describe('clean reopen', () => {
  it('restores the log end offset from the tail of the last segment without scanning', () => {
    const dir = writeLog(100);
    const indexBefore = fs.readFileSync(segmentPath(dir, 0, '.index'));
    const reads: { fileSize: number; length: number; position: number }[] = [];
    const readSync = fs.readSync;
    vi.spyOn(fs, 'readSync').mockImplementation(((fd: number, buf: Buffer, off: number, length: number, position: number) => {
      reads.push({ fileSize: fs.fstatSync(fd).size, length, position });
      return readSync(fd, buf, off, length, position);
    }) as typeof fs.readSync);
    const log = open(dir, { cleanShutdown: true });
    const logFileSize = 100 * BATCH_10;
    const logReads = reads.filter((r) => r.fileSize === logFileSize);
    vi.restoreAllMocks();
    expect(log.logEndOffset).toBe(1000);
    expect(log.recoveryPoint).toBe(1000);
    expect(log.recoveryStats).toEqual({ recoveredSegments: 0, truncatedBytes: 0, deletedSegments: 0 });
    // Only the tail after the last index entry (offset 989 at position 14798) was read.
    expect(logReads).toEqual([{ fileSize: logFileSize, length: logFileSize - 14798, position: 14798 }]);
    expect(fs.readFileSync(segmentPath(dir, 0, '.index'))).toEqual(indexBefore);
    expect(appendBatches(log, simpleBatch(1)).firstOffset).toBe(1000);
    expect(readAll(log).length).toBe(101);
  });

  it('rebuilds missing index files of every segment, byte for byte', () => {
    const dir = writeLog(7, { config: testConfig({ indexIntervalBytes: 200, segmentBytes: BATCH_10 * 4 }) });
    const names = ['.index', '.timeindex'].flatMap((s) => [segmentPath(dir, 0, s), segmentPath(dir, 40, s)]);
    const before = names.map((n) => fs.readFileSync(n));
    for (const n of names) fs.rmSync(n);
    const log = open(dir, { cleanShutdown: true });
    expect(log.recoveryStats.recoveredSegments).toBe(2);
    expect(log.logEndOffset).toBe(70);
    expect(names.map((n) => fs.readFileSync(n))).toEqual(before);
    expect(readAll(log).map((b) => b.baseOffset)).toEqual([0, 10, 20, 30, 40, 50, 60]);
  });

  it('rebuilds an index file that fails its sanity checks when it is first used', () => {
    const dir = writeLog(8, { config: testConfig({ indexIntervalBytes: 200, segmentBytes: BATCH_10 * 4 }) });
    const before = fs.readFileSync(segmentPath(dir, 0, '.index'));
    fs.writeFileSync(segmentPath(dir, 0, '.index'), Buffer.from([0, 0, 0, 9, 0x7f, 0, 0, 0])); // position past the log
    const log = open(dir, { cleanShutdown: true });
    expect(log.recoveryStats.recoveredSegments).toBe(0);
    const r = log.read(25, 1, true);
    if (r.outOfRange) throw new Error('out of range');
    expect(decodeBatches(r.records).map((b) => b.baseOffset)).toEqual([20]);
    expect(fs.readFileSync(segmentPath(dir, 0, '.index'))).toEqual(before);
  });
});

describe('unclean reopen', () => {
  it('keeps a log of valid batches intact and rebuilds identical indexes', () => {
    const dir = writeLog(8);
    const index = fs.readFileSync(segmentPath(dir, 0, '.index'));
    const timeIndex = fs.readFileSync(segmentPath(dir, 0, '.timeindex'));
    const log = open(dir);
    expect(log.logEndOffset).toBe(80);
    expect(log.recoveryStats).toEqual({ recoveredSegments: 1, truncatedBytes: 0, deletedSegments: 0 });
    expect(fs.readFileSync(segmentPath(dir, 0, '.index'))).toEqual(index);
    expect(fs.readFileSync(segmentPath(dir, 0, '.timeindex'))).toEqual(timeIndex);
  });

  it('truncates a torn tail (half a batch)', () => {
    const dir = writeLog(5);
    fs.appendFileSync(segmentPath(dir, 0), simpleBatch(10).subarray(0, 75));
    const log = open(dir, { recoveryPoint: 0 });
    expect(log.logEndOffset).toBe(50);
    expect(log.recoveryStats.truncatedBytes).toBe(75);
    expect(fs.statSync(segmentPath(dir, 0)).size).toBe(5 * BATCH_10);
    expect(readAll(log).map((b) => [b.baseOffset, b.crcValid])).toEqual([0, 10, 20, 30, 40].map((o) => [o, true]));
    expect(appendBatches(log, simpleBatch(1)).firstOffset).toBe(50);
  });

  it('truncates garbage bytes after the last batch', () => {
    const dir = writeLog(3);
    fs.appendFileSync(segmentPath(dir, 0), Buffer.alloc(100, 0xff));
    const log = open(dir);
    expect(log.logEndOffset).toBe(30);
    expect(log.recoveryStats.truncatedBytes).toBe(100);
    expect(readAll(log).length).toBe(3);
  });

  it('truncates at a batch whose CRC fails and deletes every later segment', () => {
    const dir = writeLog(9, { config: testConfig({ indexIntervalBytes: 200, segmentBytes: BATCH_10 * 3 }) });
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.log')).length).toBe(3);
    const file = segmentPath(dir, 0);
    const bytes = fs.readFileSync(file);
    bytes[BATCH_10 + 100] ^= 0x01; // a record byte of the second batch
    fs.writeFileSync(file, bytes);
    const log = open(dir, { recoveryPoint: 0 });
    expect(log.logEndOffset).toBe(10);
    expect(log.segmentBaseOffsets).toEqual([0]);
    expect(log.recoveryStats).toEqual({ recoveredSegments: 1, truncatedBytes: 2 * BATCH_10, deletedSegments: 2 });
    expect(fs.readdirSync(dir).sort()).toEqual(['00000000000000000000.index', '00000000000000000000.log', '00000000000000000000.timeindex']);
    expect(readAll(log).map((b) => b.baseOffset)).toEqual([0]);
    expect(log.read(10, 100, true)).toEqual({ records: Buffer.alloc(0), outOfRange: false });
    expect(log.read(11, 100, true)).toEqual({ outOfRange: true });
  });

  it('truncates at a batch whose offsets go backwards or whose magic is not 2', () => {
    const dir = writeLog(4);
    const file = segmentPath(dir, 0);
    const bytes = fs.readFileSync(file);
    bytes.writeBigInt64BE(5n, 2 * BATCH_10); // third batch claims offset 5 < 20 (outside the CRC)
    fs.writeFileSync(file, bytes);
    expect(open(dir).logEndOffset).toBe(20);

    const dir2 = writeLog(4);
    const bytes2 = fs.readFileSync(segmentPath(dir2, 0));
    bytes2[BATCH_10 + 16] = 1; // magic of the second batch
    fs.writeFileSync(segmentPath(dir2, 0), bytes2);
    expect(open(dir2).logEndOffset).toBe(10);
  });

  it('scans only from the segment holding the recovery point', () => {
    const dir = writeLog(9, { config: testConfig({ indexIntervalBytes: 200, segmentBytes: BATCH_10 * 3 }) });
    const log = open(dir, { recoveryPoint: 65 });
    expect(log.recoveryStats.recoveredSegments).toBe(1);
    expect(log.logEndOffset).toBe(90);
    expect(log.recoveryPoint).toBe(65);
  });

  it('resumes inside the segment holding the recovery point, at its last index entry below it', () => {
    const dir = writeLog(20);
    const index = fs.readFileSync(segmentPath(dir, 0, '.index'));
    const timeIndex = fs.readFileSync(segmentPath(dir, 0, '.timeindex'));
    const entries = Array.from({ length: index.length / 8 }, (_, i) => ({ offset: index.readInt32BE(i * 8), position: index.readInt32BE(i * 8 + 4) }));
    const resume = entries.filter((e) => e.offset < 150).at(-1)!;
    expect(resume.position).toBeGreaterThan(0);
    // A byte flipped before the resume point is inside fsynced data and is not re-validated;
    // a torn tail after it is truncated.
    const file = segmentPath(dir, 0);
    const bytes = fs.readFileSync(file);
    bytes[100] ^= 0x01;
    fs.writeFileSync(file, Buffer.concat([bytes, simpleBatch(10).subarray(0, 75)]));
    const logFileSize = bytes.length + 75;
    const positions: number[] = [];
    const readSync = fs.readSync;
    vi.spyOn(fs, 'readSync').mockImplementation(((fd: number, buf: Buffer, off: number, length: number, position: number) => {
      if (fs.fstatSync(fd).size === logFileSize) positions.push(position);
      return readSync(fd, buf, off, length, position);
    }) as typeof fs.readSync);
    const log = open(dir, { recoveryPoint: 150 });
    vi.restoreAllMocks();
    expect(Math.min(...positions)).toBe(resume.position);
    expect(log.logEndOffset).toBe(200);
    expect(log.recoveryStats).toEqual({ recoveredSegments: 1, truncatedBytes: 75, deletedSegments: 0 });
    expect(fs.readFileSync(segmentPath(dir, 0, '.index'))).toEqual(index);
    expect(fs.readFileSync(segmentPath(dir, 0, '.timeindex'))).toEqual(timeIndex);
    expect(log.offsetForTimestamp(T0 + 3)).toEqual({ offset: 30, timestamp: T0 + 3 });
    expect(log.offsetOfMaxTimestamp()).toEqual({ offset: 190, timestamp: T0 + 19 });
    expect(appendBatches(log, simpleBatch(1)).firstOffset).toBe(200);
  });

  it('recovers the whole segment when its index files are unusable, whatever the recovery point', () => {
    const dir = writeLog(20);
    fs.writeFileSync(segmentPath(dir, 0, '.index'), Buffer.alloc(7));
    const file = segmentPath(dir, 0);
    const bytes = fs.readFileSync(file);
    bytes[BATCH_10 * 3 + 100] ^= 0x01; // the fourth batch
    fs.writeFileSync(file, bytes);
    const log = open(dir, { recoveryPoint: 150 });
    expect(log.logEndOffset).toBe(30);
    expect(log.recoveryStats.truncatedBytes).toBe(17 * BATCH_10);
  });

  it('ends at the base offset of an active segment that held only garbage', () => {
    const dir = writeLog(6, { config: testConfig({ indexIntervalBytes: 200, segmentBytes: BATCH_10 * 3 }) });
    fs.writeFileSync(segmentPath(dir, 30), Buffer.alloc(40, 7));
    const log = open(dir);
    expect(log.segmentBaseOffsets).toEqual([0, 30]);
    expect(log.logEndOffset).toBe(30);
    expect(readAll(log).map((b) => b.baseOffset)).toEqual([0, 10, 20]);
  });

  it('clamps a recovery point beyond the recovered log end', () => {
    const dir = writeLog(2);
    const log = open(dir, { recoveryPoint: 500 });
    expect(log.logEndOffset).toBe(20);
    expect(log.recoveryPoint).toBe(20);
  });

  it('removes index files that have no .log and never serves their segment', () => {
    const dir = writeLog(2);
    fs.writeFileSync(segmentPath(dir, 99, '.index'), Buffer.alloc(8));
    open(dir, { cleanShutdown: true });
    expect(fs.existsSync(segmentPath(dir, 99, '.index'))).toBe(false);
  });
});
