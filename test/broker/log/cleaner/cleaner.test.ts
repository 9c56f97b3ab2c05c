import fs from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { PartitionLog } from '../../../../src/broker/log/partition-log.js';
import { listDir, readOffsetIndexFile, readTimeIndexFile, removeTempDirs } from '../batch-builder.js';
import { T0, appendKV, appendRounds, cleanOnce, compactedConfig, latestByKey, newLogDir, openLog, readAll, readBatches, type Served } from './helpers.js';

const logs: PartitionLog[] = [];
afterEach(() => {
  for (const log of logs.splice(0)) log.close();
});
afterAll(removeTempDirs);

function open(...args: Parameters<typeof openLog>): PartitionLog {
  const log = openLog(...args);
  logs.push(log);
  return log;
}

/** What a clean up to `bound` must leave: below it the latest record per key, from it everything. */
function expectedAfterClean(before: Served[], bound: number): Served[] {
  const latest = latestByKey(before.filter((r) => r.offset < bound));
  return before.filter((r) => r.offset >= bound || latest.get(r.key) === r);
}

describe('Cleaner', () => {
  it('keeps the latest record of each key at its original offset and leaves the active segment alone', async () => {
    const log = open(newLogDir());
    appendRounds(log, 60, 5);
    const before = readAll(log);
    const activeBase = log.segmentBaseOffsets.at(-1)!;
    const activeBytes = fs.readFileSync(`${log.dir}/${String(activeBase).padStart(20, '0')}.log`);
    expect(log.segmentBaseOffsets).toEqual([0, 14, 28, 42, 56]);

    const { toClean, endOffset, stats } = await cleanOnce(log, T0);

    expect(toClean.firstDirtyOffset).toBe(0);
    expect(toClean.firstUncleanableOffset).toBe(56);
    expect(endOffset).toBe(56);
    const after = readAll(log);
    expect(after).toEqual(expectedAfterClean(before, 56));
    // Offsets 51..55 are the last of k1,k2,k3,k4,k0 below the active segment.
    expect(after.map((r) => r.offset)).toEqual([51, 52, 53, 54, 55, 56, 57, 58, 59]);
    expect(after.slice(0, 5).map((r) => `${r.key}=${r.value}`)).toEqual(['k1=v51', 'k2=v52', 'k3=v53', 'k4=v54', 'k0=v55']);
    expect(fs.readFileSync(`${log.dir}/${String(activeBase).padStart(20, '0')}.log`)).toEqual(activeBytes);
    expect(stats.messagesRead).toBe(56);
    expect(stats.messagesWritten).toBe(5);
    expect(log.logEndOffset).toBe(60);
    expect(log.logStartOffset).toBe(0);
    // Each old segment (over half of segment.bytes) was cleaned on its own; the empty ones stay.
    expect(log.segmentBaseOffsets).toEqual([0, 14, 28, 42, 56]);
    // Reads at any offset in a gap answer from the next batch.
    expect(readBatches(log, 10)[0]!.baseOffset).toBe(51);
    expect(readBatches(log, 0)[0]!.baseOffset).toBe(51);
  });

  it('merges small cleaned segments into one on the next round and rebuilds their indexes', async () => {
    const log = open(newLogDir());
    appendRounds(log, 60, 5, 'a');
    await cleanOnce(log, T0);
    appendRounds(log, 40, 5, 'b');
    // A larger segment.bytes lets the cleaned segments and the new dirty ones form one group.
    log.updateConfig(compactedConfig({ segmentBytes: 4096 }));
    const before = readAll(log);
    const bases = log.segmentBaseOffsets;
    const activeBase = bases.at(-1)!;

    const { toClean } = await cleanOnce(log, T0, 56);

    expect(toClean.firstDirtyOffset).toBe(56);
    expect(bases).toEqual([0, 14, 28, 42, 56, 70, 84, 98]);
    const after = readAll(log);
    expect(after).toEqual(expectedAfterClean(before, activeBase));
    // Everything below the active segment fits in one segment now.
    expect(log.segmentBaseOffsets).toEqual([0, activeBase]);
    // The replaced files wait under `.deleted` names for file.delete.delay.ms.
    expect(listDir(log.dir).filter((n) => n.endsWith('.log.deleted'))).toEqual(bases.slice(0, -1).map((b) => `${String(b).padStart(20, '0')}.log.deleted`));
    expect(listDir(log.dir).filter((n) => !n.endsWith('.deleted'))).toEqual([
      '00000000000000000000.index',
      '00000000000000000000.log',
      '00000000000000000000.timeindex',
      // Producer snapshots of the last two rolls stay (Kafka's deleteSnapshotsAfterRecoveryPointCheckpoint).
      `${String(bases[bases.length - 2]).padStart(20, '0')}.snapshot`,
      `${String(activeBase).padStart(20, '0')}.index`,
      `${String(activeBase).padStart(20, '0')}.log`,
      `${String(activeBase).padStart(20, '0')}.snapshot`,
      `${String(activeBase).padStart(20, '0')}.timeindex`,
    ]);
    // The 5 survivors are 73-byte batches: entries after more than 100 bytes, i.e. at the third
    // and fifth batch; the time index ends with the largest timestamp.
    const survivors = readAll(log).filter((r) => r.offset < activeBase);
    expect(readOffsetIndexFile(`${log.dir}/00000000000000000000.index`)).toEqual([
      [survivors[2]!.offset, 146],
      [survivors[4]!.offset, 292],
    ]);
    expect(survivors.map((r) => r.offset)).toEqual([93, 94, 95, 96, 97]);
    expect(readTimeIndexFile(`${log.dir}/00000000000000000000.timeindex`)).toEqual([[T0, 93]]);
    // The cleaned segment reloads from its files and answers reads at every offset.
    log.close();
    logs.pop();
    const reopened = open(log.dir, { cleanShutdown: false });
    expect(readAll(reopened)).toEqual(after);
    for (const r of survivors) expect(readBatches(reopened, r.offset)[0]!.baseOffset).toBe(r.offset);
  });

  it('keeps a tombstone until delete.retention.ms after the clean that first saw it, then drops it', async () => {
    const log = open(newLogDir(), { config: compactedConfig({ deleteRetentionMs: 10_000 }) });
    appendRounds(log, 20, 4);
    appendKV(log, [{ key: 'k1', value: null }]); // offset 20
    appendRounds(log, 20, 4, 'w'); // keys k0..k3 again, offsets 21..40
    appendKV(log, [{ key: 'k2', value: null }]); // offset 41
    appendRounds(log, 30, 1, 'x'); // k0 only, pushes offset 41 out of the active segment
    const bound = log.segmentBaseOffsets.at(-1)!;
    expect(bound).toBeGreaterThan(41);

    await cleanOnce(log, T0);
    let served = readAll(log);
    const tombstone = served.find((r) => r.offset === 41)!;
    expect(tombstone).toEqual({ offset: 41, key: 'k2', value: null });
    // The first clean stamped the tombstone's batch with a delete horizon of now + 10 s.
    const stamped = readBatches(log, 41)[0]!;
    expect(stamped.hasDeleteHorizon).toBe(true);
    expect(stamped.baseTimestamp).toBe(T0 + 10_000);
    expect(stamped.records[0]!.timestamp).toBe(T0);
    expect(served.filter((r) => r.key === 'k1').map((r) => r.offset)).toEqual([38]);

    // A clean before the horizon keeps it; one at or after the horizon drops it.
    appendRounds(log, 30, 1, 'y');
    await cleanOnce(log, T0 + 9_999, bound);
    expect(readAll(log).some((r) => r.offset === 41)).toBe(true);
    const bound2 = log.segmentBaseOffsets.at(-1)!;
    appendRounds(log, 30, 1, 'z');
    await cleanOnce(log, T0 + 10_000, bound2);
    served = readAll(log);
    expect(served.some((r) => r.key === 'k2')).toBe(false);
    expect(served.filter((r) => r.key !== 'k0').map((r) => `${r.offset}:${r.key}=${r.value}`)).toEqual(['38:k1=w17', '40:k3=w19']);
  });
});
