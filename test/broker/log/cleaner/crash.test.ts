// A crash at each step of a segment swap: reopening the log (as after kill -9) must lose no
// record, serve none twice, and keep offsets increasing.
import fs from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { PartitionLog } from '../../../../src/broker/log/partition-log.js';
import { SimulatedCrash } from '../../../../src/broker/log/cleaner/swap.js';
import { listDir, readOffsetIndexFile, removeTempDirs } from '../batch-builder.js';
import { T0, appendKV, appendRounds, cleanOnce, latestByKey, newLogDir, openLog, readAll, readBatches, type Served } from './helpers.js';

const logs: PartitionLog[] = [];
afterEach(() => {
  for (const log of logs.splice(0)) log.close();
});
afterAll(removeTempDirs);

/** Offsets 0..9 hold keys written once (u0..u9); then k0..k4 five-fold, up to offset 59. */
function writeLog(): { log: PartitionLog; before: Served[] } {
  const log = openLog(newLogDir());
  for (let i = 0; i < 10; i++) appendKV(log, [{ key: `u${i}`, value: `once${i}` }]);
  appendRounds(log, 50, 5);
  expect(log.segmentBaseOffsets).toEqual([0, 13, 27, 41, 55]);
  return { log, before: readAll(log) };
}

/** What kill -9 leaves: descriptors closed, nothing flushed or written by close(). */
function crash(log: PartitionLog): void {
  for (const segment of log.segmentsForCleaner) segment.release();
}

function reopen(dir: string): PartitionLog {
  const log = openLog(dir, { cleanShutdown: false });
  logs.push(log);
  return log;
}

function expectSane(served: Served[]): void {
  const offsets = served.map((r) => r.offset);
  expect(offsets).toEqual([...new Set(offsets)].sort((a, b) => a - b));
}

describe('a crash during a swap', () => {
  it('after the .cleaned files were written: the round is dropped, the log is as before', async () => {
    const { log, before } = writeLog();
    await expect(cleanOnce(log, T0, undefined, { crashAt: 'after-cleaned' })).rejects.toThrow(SimulatedCrash);
    expect(listDir(log.dir).filter((n) => n.endsWith('.cleaned'))).toEqual([
      '00000000000000000000.index.cleaned',
      '00000000000000000000.log.cleaned',
      '00000000000000000000.timeindex.cleaned',
    ]);
    crash(log);

    const reopened = reopen(log.dir);
    expect(readAll(reopened)).toEqual(before);
    expect(listDir(log.dir).filter((n) => n.includes('.cleaned') || n.includes('.swap'))).toEqual([]);
    expect(reopened.segmentBaseOffsets).toEqual([0, 13, 27, 41, 55]);
  });

  it.each(['after-swap-rename', 'after-old-deleted'] as const)('%s: the load finishes the swap of the first group', async (crashAt) => {
    const { log, before } = writeLog();
    await expect(cleanOnce(log, T0, undefined, { crashAt })).rejects.toThrow(SimulatedCrash);
    const names = listDir(log.dir);
    expect(names.filter((n) => n.endsWith('.swap'))).toEqual([
      '00000000000000000000.index.swap',
      '00000000000000000000.log.swap',
      '00000000000000000000.timeindex.swap',
    ]);
    expect(names.filter((n) => n.endsWith('.deleted')).length).toBe(crashAt === 'after-old-deleted' ? 3 : 0);
    crash(log);

    const reopened = reopen(log.dir);
    const served = readAll(reopened);
    expectSane(served);
    // Segment 0 (offsets 0..12) now holds only its survivors u0..u9; the rest is untouched.
    expect(served).toEqual(before.filter((r) => r.offset < 10 || r.offset >= 13));
    expect(reopened.segmentBaseOffsets).toEqual([0, 13, 27, 41, 55]);
    expect(listDir(log.dir).filter((n) => n.includes('.cleaned') || n.includes('.swap') || n.includes('.deleted'))).toEqual([]);

    // A full clean afterwards gives the same result as one that never crashed.
    await cleanOnce(reopened, T0);
    const latest = latestByKey(before.filter((r) => r.offset < 55));
    expect(readAll(reopened)).toEqual(before.filter((r) => r.offset >= 55 || latest.get(r.key) === r));
  });

  it('a .log.swap without its index swaps completes, rebuilding the indexes', async () => {
    const { log, before } = writeLog();
    await expect(cleanOnce(log, T0, undefined, { crashAt: 'after-swap-rename' })).rejects.toThrow(SimulatedCrash);
    crash(log);
    fs.rmSync(`${log.dir}/00000000000000000000.index.swap`);
    fs.rmSync(`${log.dir}/00000000000000000000.timeindex.swap`);

    const reopened = reopen(log.dir);
    expect(readAll(reopened)).toEqual(before.filter((r) => r.offset < 10 || r.offset >= 13));
    // The ten survivors (69..73-byte batches) get index entries again, from their .log.
    expect(readOffsetIndexFile(`${log.dir}/00000000000000000000.index`).map(([rel]) => rel)).toEqual([2, 4, 6, 8]);
    expect(readBatches(reopened, 7)[0]!.baseOffset).toBe(7);
  });

  it('a crash between renaming the .log and its indexes to .swap drops the round, as Kafka does', async () => {
    const { log, before } = writeLog();
    await expect(cleanOnce(log, T0, undefined, { crashAt: 'after-swap-rename' })).rejects.toThrow(SimulatedCrash);
    crash(log);
    // The .log made it to .swap, the time index is still .cleaned.
    fs.renameSync(`${log.dir}/00000000000000000000.timeindex.swap`, `${log.dir}/00000000000000000000.timeindex.cleaned`);

    const reopened = reopen(log.dir);
    expect(readAll(reopened)).toEqual(before);
    expect(listDir(log.dir).filter((n) => n.includes('.cleaned') || n.includes('.swap'))).toEqual([]);
  });
});
