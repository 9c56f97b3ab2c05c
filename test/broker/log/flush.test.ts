import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { PartitionLog, type PartitionLogOpenOptions } from '../../../src/broker/log/partition-log.js';
import { appendBatches, fakeClock, makeTempDir, removeTempDirs, simpleBatch, testConfig } from './batch-builder.js';

const logs: PartitionLog[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const log of logs.splice(0)) log.close();
});
afterAll(removeTempDirs);

function openLog(opts: Partial<PartitionLogOpenOptions> = {}) {
  const dir = path.join(makeTempDir(), 'orders-0');
  const log = PartitionLog.open({ dir, topic: 'orders', partition: 0, config: testConfig(), cleanShutdown: true, ...opts });
  logs.push(log);
  return log;
}

/** Records the size of every file fsynced (the .log is recognizable by its size). */
function spyFsync() {
  const synced: number[] = [];
  const fsyncSync = fs.fsyncSync;
  vi.spyOn(fs, 'fsyncSync').mockImplementation((fd: number) => {
    synced.push(fs.fstatSync(fd).size);
    fsyncSync(fd);
  });
  return synced;
}

describe('flush policy', () => {
  it('relies on the page cache by default: no fsync on append', () => {
    const log = openLog();
    const synced = spyFsync();
    for (let i = 0; i < 5; i++) appendBatches(log, simpleBatch(10));
    expect(synced).toEqual([]);
    expect(log.recoveryPoint).toBe(0);
  });

  it('fsyncs once flush.messages offsets are unflushed and moves the recovery point', () => {
    const log = openLog({ config: testConfig({ flushMessages: 3 }) });
    const synced = spyFsync();
    appendBatches(log, simpleBatch(2));
    expect(synced).toEqual([]);
    appendBatches(log, simpleBatch(2));
    // .log (158 bytes), .index, .timeindex (empty), then the directory (a segment was created)
    expect(synced.slice(0, 3)).toEqual([158, 0, 0]);
    expect(synced.length).toBe(4);
    expect(log.recoveryPoint).toBe(4);
    appendBatches(log, simpleBatch(2));
    expect(synced.length).toBe(4);
    expect(log.recoveryPoint).toBe(4);
    appendBatches(log, simpleBatch(1));
    expect(synced.slice(4)).toEqual([307, 0, 0]);
    expect(log.recoveryPoint).toBe(7);
  });

  it('fsyncs when the last flush is older than flush.ms, on append or on the periodic check', () => {
    const clock = fakeClock();
    const log = openLog({ config: testConfig({ flushMs: 1000 }), now: clock.now });
    const synced = spyFsync();
    appendBatches(log, simpleBatch(1));
    clock.advance(999);
    log.maybeFlush();
    expect(synced).toEqual([]);
    clock.advance(1);
    appendBatches(log, simpleBatch(1));
    expect(log.recoveryPoint).toBe(2);
    expect(synced.length).toBeGreaterThan(0);
    appendBatches(log, simpleBatch(1));
    clock.advance(1000);
    log.maybeFlush();
    expect(log.recoveryPoint).toBe(3);
  });

  it('flushes a rolled segment in the background and then advances the recovery point', async () => {
    const log = openLog({ config: testConfig({ segmentBytes: 200 }) });
    appendBatches(log, simpleBatch(10));
    appendBatches(log, simpleBatch(10));
    expect(log.segmentBaseOffsets).toEqual([0, 10]);
    await log.awaitBackgroundFlushes();
    expect(log.recoveryPoint).toBe(10);
  });

  it('flushes on close so the recovery point is the log end offset', () => {
    const log = openLog();
    appendBatches(log, simpleBatch(3));
    log.close();
    expect(log.recoveryPoint).toBe(3);
  });
});
