// Segment descriptors opened lazily and bounded (src/broker/log/descriptor-pool.ts): the pool
// itself, and the logs that use it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { BACKGROUND_JOBS, DescriptorPool, MIN_POOL_CAPACITY, openFileLimit, poolCapacityFor } from '../../../src/broker/log/descriptor-pool.js';
import { PartitionLog, type PartitionLogOpenOptions } from '../../../src/broker/log/partition-log.js';
import { appendBatches, decodeBatches, makeTempDir, removeTempDirs, simpleBatch, testConfig } from './batch-builder.js';

const logs: PartitionLog[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const log of logs.splice(0)) log.close();
});
afterAll(removeTempDirs);

const openFds = () => fs.readdirSync('/proc/self/fd').length;
const hasProc = fs.existsSync('/proc/self/fd');

function tempFile(content: string): string {
  const file = path.join(makeTempDir(), 'f.log');
  fs.writeFileSync(file, content);
  return file;
}

function readAll(pool: DescriptorPool, file: ReturnType<DescriptorPool['file']>): string {
  return file.use((fd) => {
    const buf = Buffer.alloc(64);
    return buf.subarray(0, fs.readSync(fd, buf, 0, 64, 0)).toString();
  });
}

function openLog(pool: DescriptorPool, partition: number, opts: Partial<PartitionLogOpenOptions> = {}): PartitionLog {
  const dir = path.join(makeTempDir(), `orders-${partition}`);
  const log = PartitionLog.open({ dir, topic: 'orders', partition, config: testConfig(), cleanShutdown: true, descriptors: pool, ...opts });
  logs.push(log);
  return log;
}

describe('DescriptorPool', () => {
  it('opens a file on first use and keeps at most `capacity` open, closing the least recently used', () => {
    const pool = new DescriptorPool(2);
    const [a, b, c] = ['a', 'b', 'c'].map((text) => pool.file(tempFile(text)));
    expect([a!.isOpen, pool.openCount]).toEqual([false, 0]);
    expect(readAll(pool, a!)).toBe('a');
    expect(readAll(pool, b!)).toBe('b');
    expect(readAll(pool, a!)).toBe('a'); // a is now the most recently used
    expect(readAll(pool, c!)).toBe('c'); // b goes
    expect([a!.isOpen, b!.isOpen, c!.isOpen, pool.openCount, pool.opened, pool.evicted]).toEqual([true, false, true, 2, 3, 1]);
    expect(readAll(pool, b!)).toBe('b'); // reopened by path; a goes
    expect([a!.isOpen, b!.isOpen, c!.isOpen, pool.opened, pool.evicted]).toEqual([false, true, true, 4, 2]);
    for (const f of [a, b, c]) f!.close();
    expect(pool.openCount).toBe(0);
  });

  it('never closes a descriptor an operation holds; close() during an async use closes it when the use ends', async () => {
    const pool = new DescriptorPool(1);
    const a = pool.file(tempFile('a'));
    const b = pool.file(tempFile('b'));
    let release!: () => void;
    const held = a.useAsync(async (fd) => {
      await new Promise<void>((resolve) => (release = resolve));
      return fs.fstatSync(fd).size; // still this file's descriptor
    });
    expect(readAll(pool, b)).toBe('b'); // over capacity: a is pinned, so both stay open
    expect([a.isOpen, b.isOpen, pool.openCount]).toEqual([true, true, 2]);
    a.close();
    expect(a.isOpen).toBe(true);
    release();
    expect(await held).toBe(1);
    expect(a.isOpen).toBe(false);
    expect(() => a.use(() => 0)).toThrow(/is closed/);
    b.close();
  });

  it('reopens an evicted file under the name it was renamed to', () => {
    const pool = new DescriptorPool(1);
    const file = tempFile('kept');
    const a = pool.file(file);
    expect(readAll(pool, a)).toBe('kept');
    fs.renameSync(file, `${file}.deleted`);
    a.renamed(`${file}.deleted`);
    expect(readAll(pool, a)).toBe('kept'); // the open descriptor
    pool.evictIdle(1);
    expect(readAll(pool, a)).toBe('kept'); // reopened by the new name
    a.close();
  });

  it('retrying: on EMFILE closes idle descriptors and tries again; rethrows when none is idle', () => {
    const pool = new DescriptorPool(8);
    const files = ['a', 'b', 'c'].map((text) => pool.file(tempFile(text)));
    for (const f of files) readAll(pool, f);
    const emfile = Object.assign(new Error('EMFILE: too many open files'), { code: 'EMFILE' });
    let calls = 0;
    expect(
      pool.retrying(() => {
        if (calls++ === 0) throw emfile;
        return 'opened';
      }),
    ).toBe('opened');
    expect([calls, pool.openCount]).toEqual([2, 0]);
    expect(() =>
      pool.retrying(() => {
        throw emfile;
      }),
    ).toThrow(emfile);
    const enospc = Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
    readAll(pool, files[0]!);
    expect(() =>
      pool.retrying(() => {
        throw enospc;
      }),
    ).toThrow(enospc);
    expect(pool.openCount).toBe(1); // other errors close nothing
    for (const f of files) f.close();
  });

  it(`runs at most ${BACKGROUND_JOBS} background jobs at once, in order`, async () => {
    const pool = new DescriptorPool(8);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const job = (i: number) => async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      order.push(i);
      running--;
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => pool.inBackground(job(i))));
    expect([most, order]).toEqual([BACKGROUND_JOBS, Array.from({ length: 20 }, (_, i) => i)]);
  });

  it('sizes itself from the soft RLIMIT_NOFILE in /proc/self/limits: half of it, at least a floor', () => {
    const limits = ['Limit                     Soft Limit           Hard Limit           Units     ', 'Max open files            1024                 4096                 files     ', ''].join('\n');
    expect(openFileLimit(limits)).toBe(1024);
    expect(openFileLimit('Max processes 10 10 processes\n')).toBe(null);
    expect(poolCapacityFor(1024)).toBe(512);
    expect(poolCapacityFor(20_000)).toBe(10_000);
    expect(poolCapacityFor(10)).toBe(MIN_POOL_CAPACITY);
    expect(poolCapacityFor(null)).toBe(512); // no /proc: a limit of 1024 is assumed
  });
});

describe('logs on a bounded pool', () => {
  it('a new partition holds no descriptor; a read or append opens its active segment, and the indexes hold none', () => {
    const pool = new DescriptorPool(8);
    const log = openLog(pool, 0);
    expect([pool.openCount, log.openSegmentDescriptors]).toEqual([0, [false]]);
    expect(log.read(0, 1000, true)).toEqual({ outOfRange: false, records: Buffer.alloc(0) }); // empty: nothing to read
    appendBatches(log, simpleBatch(2));
    expect([pool.openCount, log.openSegmentDescriptors]).toEqual([1, [true]]);
  });

  it.runIf(hasProc)('holds at most `capacity` segment descriptors across many partitions, and serves all of them', () => {
    const pool = new DescriptorPool(4);
    const before = openFds();
    const many = Array.from({ length: 20 }, (_, p) => openLog(pool, p, { config: testConfig({ indexIntervalBytes: 0 }) }));
    for (let round = 0; round < 3; round++) for (const log of many) appendBatches(log, simpleBatch(2, `r${round}-`));
    expect(openFds() - before).toBe(4);
    for (const log of many) {
      const read = log.read(0, 1 << 20, true);
      expect(read.outOfRange ? [] : decodeBatches(read.records).map((b) => b.baseOffset)).toEqual([0, 2, 4]);
    }
    expect(openFds() - before).toBe(4);
    for (const log of logs.splice(0)) log.close();
    expect([openFds(), pool.openCount]).toEqual([before, 0]);
  });

  it('busy partitions keep their active segment open: a thousand appends open each file once', () => {
    const pool = new DescriptorPool(4);
    const busy = [0, 1, 2].map((p) => openLog(pool, p));
    for (let i = 0; i < 1000; i++) appendBatches(busy[i % 3]!, simpleBatch(1));
    expect([pool.opened, pool.evicted]).toEqual([3, 0]);
    expect(busy.map((log) => log.logEndOffset)).toEqual([334, 333, 333]);
  });

  it('a rolled segment is fsynced through its pinned descriptor: deleting the log meanwhile closes it afterwards', async () => {
    const pool = new DescriptorPool(1);
    const warnings: string[] = [];
    const log = openLog(pool, 0, { config: testConfig({ segmentBytes: simpleBatch(5).length }), warn: (m) => warnings.push(m) });
    appendBatches(log, simpleBatch(5));
    appendBatches(log, simpleBatch(5)); // rolls: the first segment's fsync is queued in the background
    logs.splice(logs.indexOf(log), 1);
    log.delete();
    await log.awaitBackgroundFlushes();
    expect([warnings, pool.openCount, fs.existsSync(log.dir)]).toEqual([[], 0, false]);
  });

  it(`background flushes still queued behind ${BACKGROUND_JOBS} others when their logs are closed or deleted report nothing`, async () => {
    const pool = new DescriptorPool(4);
    const errors: string[] = [];
    const batch = simpleBatch(5);
    const rolling = Array.from({ length: 3 * BACKGROUND_JOBS }, (_, p) => openLog(pool, p, { config: testConfig({ segmentBytes: batch.length }), warn: (m) => errors.push(m), error: (m) => errors.push(m) }));
    for (const log of rolling) for (let i = 0; i < 2; i++) appendBatches(log, batch);
    logs.splice(0);
    rolling.forEach((log, i) => (i % 2 === 0 ? log.delete() : log.close()));
    await Promise.all(rolling.map((log) => log.awaitBackgroundFlushes()));
    expect([errors, pool.openCount]).toEqual([[], 0]);
  });
});
