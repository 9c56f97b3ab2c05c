// Storage errors in the log (injected through node:fs): a failed append, roll, flush, partition
// creation or close answers KAFKA_STORAGE_ERROR with Kafka's message, leaves nothing of itself
// on disk or in memory, and the log (and the broker's restart) goes on with exactly what was
// acknowledged.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { DescriptorPool } from '../../../src/broker/log/descriptor-pool.js';
import { KafkaStorageError } from '../../../src/broker/log/errors.js';
import { LogManager } from '../../../src/broker/log/log-manager.js';
import { PartitionLog, type PartitionLogOpenOptions } from '../../../src/broker/log/partition-log.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { CLEAN_SHUTDOWN_FILE } from '../../../src/storage/file-names.js';
import { writeFileAtomic } from '../../../src/storage/file-io.js';
import { appendBatches, decodeBatches, listDir, makeTempDir, removeTempDirs, simpleBatch, testConfig } from './batch-builder.js';

afterEach(() => vi.restoreAllMocks());
afterAll(removeTempDirs);

const osError = (code: string) => Object.assign(new Error(`${code}: injected`), { code });
const ENOSPC = osError('ENOSPC');
const realWriteSync = fs.writeSync;
const realOpenSync = fs.openSync;
const realWriteFileSync = fs.writeFileSync;

/** Makes fs.openSync fail with `err` for paths `matches` accepts. */
function failOpens(matches: (path: string) => boolean, err: Error) {
  return vi.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
    if (matches(String(p))) throw err;
    return (realOpenSync as (...args: unknown[]) => number)(p, ...rest);
  }) as typeof fs.openSync);
}

function openLog(dir: string, opts: Partial<PartitionLogOpenOptions> = {}): PartitionLog {
  return PartitionLog.open({ dir, topic: 'orders', partition: 0, config: testConfig(), cleanShutdown: true, warn: () => undefined, error: () => undefined, ...opts });
}

const storageError = (parent: string) => ({ code: ErrorCode.KAFKA_STORAGE_ERROR, message: `Error while appending records to orders-0 in dir ${parent}` });
const baseOffsets = (log: PartitionLog) => {
  const read = log.read(log.logStartOffset, 1 << 20, true);
  return read.outOfRange ? null : decodeBatches(read.records).map((b) => b.baseOffset);
};

describe('append on a full disk', () => {
  it('a write that fails part-way is cut off: KAFKA_STORAGE_ERROR, the file and the log end unchanged, the next append takes the same offset', () => {
    const parent = makeTempDir();
    const dir = path.join(parent, 'orders-0');
    const errors: string[] = [];
    const infos: string[] = [];
    const log = openLog(dir, { error: (m) => errors.push(m), info: (m) => infos.push(m) });
    appendBatches(log, simpleBatch(3));
    const logFile = path.join(dir, '00000000000000000000.log');
    const size = fs.statSync(logFile).size;
    // Half the batch reaches the file, then the disk is full.
    let calls = 0;
    vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buf: Buffer, off: number, len: number, pos: number) => {
      if (calls++ === 0) return realWriteSync(fd, buf, off, Math.floor(len / 2), pos);
      throw ENOSPC;
    }) as typeof fs.writeSync);
    for (let attempt = 0; attempt < 3; attempt++) {
      calls = 0;
      expect(() => appendBatches(log, simpleBatch(3))).toThrow(expect.objectContaining(storageError(parent)));
      expect([fs.statSync(logFile).size, log.logEndOffset]).toEqual([size, 3]);
    }
    vi.restoreAllMocks();
    expect(appendBatches(log, simpleBatch(3)).firstOffset).toBe(3);
    // Logged once, not once per attempt; the recovery once.
    expect(errors).toEqual([`Error while appending records to orders-0 in dir ${parent}: ENOSPC: injected`]);
    expect(infos.filter((m) => m.includes('again'))).toEqual([`[UnifiedLog partition=orders-0, dir=${parent}] Appends succeed again, after 3 failed attempt(s) (ENOSPC: injected)`]);
    log.close();
    for (const cleanShutdown of [true, false]) {
      const reopened = openLog(dir, { cleanShutdown });
      expect([baseOffsets(reopened), reopened.recoveryStats.truncatedBytes]).toEqual([[0, 3], 0]);
      reopened.close();
    }
  });

  it('a roll that cannot create the new segment leaves no file of it; the append is refused and the next one rolls', () => {
    const parent = makeTempDir();
    const dir = path.join(parent, 'orders-0');
    const log = openLog(dir, { config: testConfig({ segmentBytes: simpleBatch(3).length }) });
    appendBatches(log, simpleBatch(3));
    vi.spyOn(fs, 'writeFileSync').mockImplementation(((p: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      if (String(p).endsWith('.timeindex')) throw ENOSPC;
      return (realWriteFileSync as (...args: unknown[]) => void)(p, ...rest);
    }) as typeof fs.writeFileSync);
    expect(() => appendBatches(log, simpleBatch(3))).toThrow(expect.objectContaining(storageError(parent)));
    expect(listDir(dir)).toEqual(['00000000000000000000.index', '00000000000000000000.log', '00000000000000000000.timeindex']);
    expect([log.segmentBaseOffsets, log.logEndOffset]).toEqual([[0], 3]);
    vi.restoreAllMocks();
    expect(appendBatches(log, simpleBatch(3)).firstOffset).toBe(3);
    expect(log.segmentBaseOffsets).toEqual([0, 3]);
    log.close();
    const reopened = openLog(dir);
    expect(baseOffsets(reopened)).toEqual([0, 3]);
    reopened.close();
  });

  it('a new partition that cannot be created leaves no directory behind (out of descriptors)', () => {
    const logDir = makeTempDir();
    const manager = LogManager.open({ logDirs: [logDir], defaultConfig: testConfig(), descriptors: new DescriptorPool(8), error: () => undefined });
    failOpens((p) => p.endsWith('.log'), osError('EMFILE'));
    expect(() => manager.create('t', 0, undefined, 'AAAAAAAAAAAAAAAAAAAAAQ')).toThrow(
      expect.objectContaining({ code: ErrorCode.KAFKA_STORAGE_ERROR, message: `Error while creating log for t-0 in dir ${logDir}` }),
    );
    expect([listDir(logDir), manager.get('t', 0)]).toEqual([[], undefined]);
    vi.restoreAllMocks();
    expect(manager.create('t', 0, undefined, 'AAAAAAAAAAAAAAAAAAAAAQ').logEndOffset).toBe(0);
    expect(manager.close()).toBe(true);
  });
});

describe('not a storage error', () => {
  it('a bug under the append (no errno code) is thrown as it is, not answered KAFKA_STORAGE_ERROR, and leaves nothing', () => {
    const parent = makeTempDir();
    const errors: string[] = [];
    const log = openLog(path.join(parent, 'orders-0'), { error: (m) => errors.push(m) });
    appendBatches(log, simpleBatch(3));
    const bug = new RangeError('The value of "value" is out of range.');
    vi.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw bug;
    });
    expect(() => appendBatches(log, simpleBatch(3))).toThrow(bug);
    vi.restoreAllMocks();
    expect([errors, log.logEndOffset, appendBatches(log, simpleBatch(3)).firstOffset]).toEqual([[], 3, 3]);
    log.close();
  });
});

describe('a failed fsync', () => {
  it('takes the append back, refuses appends until a restart, keeps serving reads; the restart recovers', () => {
    const logDir = makeTempDir();
    const config = testConfig({ flushMessages: 1 });
    const manager = LogManager.open({ logDirs: [logDir], defaultConfig: config, descriptors: new DescriptorPool(8), error: () => undefined, warn: () => undefined });
    const log = manager.create('orders', 0);
    appendBatches(log, simpleBatch(3));
    const logFile = path.join(logDir, 'orders-0', '00000000000000000000.log');
    const size = fs.statSync(logFile).size;
    vi.spyOn(fs, 'fsyncSync').mockImplementationOnce(() => {
      throw osError('EIO');
    });
    expect(() => appendBatches(log, simpleBatch(2))).toThrow(expect.objectContaining(storageError(logDir)));
    expect([log.logEndOffset, fs.statSync(logFile).size, log.recoveryPoint]).toEqual([3, size, 3]);
    expect(log.offline).toMatch(/^The log of orders-0 in dir .* takes no appends until the broker restarts: fsync of .*00000000000000000000\.log failed: EIO: injected$/);
    vi.restoreAllMocks();
    // The fsync works again, but after a failed one the page cache may have lost data: only a
    // restart (which re-validates past the recovery point) takes the log back.
    expect(() => appendBatches(log, simpleBatch(2))).toThrow(expect.objectContaining({ code: ErrorCode.KAFKA_STORAGE_ERROR, message: log.offline }));
    expect(baseOffsets(log)).toEqual([0]);
    // Not a clean shutdown: no marker, so the next start recovers from the recovery point.
    expect(manager.close()).toBe(false);
    expect(fs.existsSync(path.join(logDir, CLEAN_SHUTDOWN_FILE))).toBe(false);
    const restarted = LogManager.open({ logDirs: [logDir], defaultConfig: config, descriptors: new DescriptorPool(8) });
    const again = restarted.get('orders', 0)!;
    expect([again.offline, again.logEndOffset, appendBatches(again, simpleBatch(2)).firstOffset]).toEqual([null, 3, 3]);
    expect(baseOffsets(again)).toEqual([0, 3]);
    expect(restarted.close()).toBe(true);
  });
});

describe('shutdown on a full disk', () => {
  it('closes every log and releases every descriptor, writes no clean-shutdown marker, and the next start has everything', () => {
    const logDir = makeTempDir();
    const pool = new DescriptorPool(8);
    // An index entry per append, so closing has index bytes to write.
    const config = testConfig({ indexIntervalBytes: 0 });
    const manager = LogManager.open({ logDirs: [logDir], defaultConfig: config, descriptors: pool, error: () => undefined, warn: () => undefined });
    const logs = [0, 1, 2].map((p) => manager.create('orders', p));
    for (const log of logs) for (let i = 0; i < 3; i++) appendBatches(log, simpleBatch(2));
    failOpens((p) => p.endsWith('.index') || p.endsWith('.tmp'), ENOSPC);
    expect(manager.close()).toBe(false);
    expect([pool.openCount, fs.existsSync(path.join(logDir, CLEAN_SHUTDOWN_FILE))]).toEqual([0, false]);
    vi.restoreAllMocks();
    const restarted = LogManager.open({ logDirs: [logDir], defaultConfig: config, descriptors: pool });
    expect([0, 1, 2].map((p) => baseOffsets(restarted.get('orders', p)!))).toEqual([
      [0, 2, 4],
      [0, 2, 4],
      [0, 2, 4],
    ]);
    expect(restarted.close()).toBe(true);
  });

  it('a checkpoint-like file that cannot be written keeps the old one and leaves no temporary file', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'recovery-point-offset-checkpoint');
    writeFileAtomic(file, 'old');
    vi.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw ENOSPC;
    });
    expect(() => writeFileAtomic(file, 'new')).toThrow(ENOSPC);
    vi.restoreAllMocks();
    expect([listDir(dir), fs.readFileSync(file, 'utf8')]).toEqual([['recovery-point-offset-checkpoint'], 'old']);
  });
});

describe('reads', () => {
  it('a read that cannot open its segment is a KafkaStorageError with Kafka message', () => {
    const parent = makeTempDir();
    const pool = new DescriptorPool(8);
    const log = openLog(path.join(parent, 'orders-0'), { descriptors: pool });
    appendBatches(log, simpleBatch(3));
    pool.evictIdle(8);
    failOpens((p) => p.endsWith('.log'), osError('EMFILE'));
    let thrown: unknown;
    try {
      log.read(0, 1000, true);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(KafkaStorageError);
    expect((thrown as Error).message).toBe(`Exception while reading from orders-0 in dir ${parent}`);
    vi.restoreAllMocks();
    expect(baseOffsets(log)).toEqual([0]);
    log.close();
  });
});
