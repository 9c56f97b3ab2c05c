// Which records and batches a clean keeps: compaction lag, compressed batches, keyless records,
// the empty batch that closes a round, and reads and appends while a round is running.
import fs from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { PartitionLog } from '../../../../src/broker/log/partition-log.js';
import { CleaningAbortedError } from '../../../../src/broker/log/cleaner/cleaner.js';
import { cleanableOffsets } from '../../../../src/broker/log/cleaner/cleaner-manager.js';
import { CompressionType } from '../../../../src/protocol/records/compression/compression-type.js';
import { removeTempDirs } from '../batch-builder.js';
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

function expectedAfterClean(before: Served[], from: number, bound: number): Served[] {
  const latest = latestByKey(before.filter((r) => r.offset >= from && r.offset < bound));
  return before.filter((r) => r.offset >= bound || !latest.has(r.key) || latest.get(r.key)!.offset <= r.offset);
}

describe('min.compaction.lag.ms', () => {
  it('stops the dirty section at the first segment whose largest timestamp is younger than the lag', async () => {
    const log = open(newLogDir(), { config: compactedConfig({ minCompactionLagMs: 3_000 }) });
    appendRounds(log, 14, 3, 'o', T0); // segment 0: offsets 0..13
    appendRounds(log, 14, 3, 'y', T0 + 5_000); // segment 14
    appendRounds(log, 5, 3, 't', T0); // active segment 28
    expect(log.segmentBaseOffsets).toEqual([0, 14, 28]);
    const before = readAll(log);

    expect(cleanableOffsets(log, undefined, T0 + 6_000, () => undefined)).toEqual({ firstDirtyOffset: 0, firstUncleanableDirtyOffset: 14, forceUpdateCheckpoint: false });
    // Once the young segment is older than the lag, the bound moves to the active segment.
    expect(cleanableOffsets(log, undefined, T0 + 8_001, () => undefined).firstUncleanableDirtyOffset).toBe(28);

    await cleanOnce(log, T0 + 6_000);
    const after = readAll(log);
    expect(after).toEqual(expectedAfterClean(before, 0, 14));
    expect(after.map((r) => r.offset)).toEqual([11, 12, 13, ...before.filter((r) => r.offset >= 14).map((r) => r.offset)]);
  });
});

describe('compressed batches', () => {
  it.each([
    ['gzip', CompressionType.Gzip],
    ['snappy', CompressionType.Snappy],
    ['lz4', CompressionType.Lz4],
    ['zstd', CompressionType.Zstd],
  ])('rewrites a %s batch with the survivors, compressed with the same codec, at the same offsets', async (_name, codec) => {
    const log = open(newLogDir(), { config: compactedConfig({ segmentMs: 1_000 }) });
    // Batch 0..9: keys a0..a9; batch 10..14 overwrites a0..a4; a tail 10 s later rolls a new
    // segment, so both batches are cleanable.
    appendKV(log, Array.from({ length: 10 }, (_, i) => ({ key: `a${i}`, value: `first-${i}`, timestamp: T0 + i })), codec);
    appendKV(log, Array.from({ length: 5 }, (_, i) => ({ key: `a${i}`, value: `second-${i}`, timestamp: T0 + 20 + i })), codec);
    appendKV(log, [{ key: 'z', value: 'tail', timestamp: T0 + 10_000 }]);
    const bound = log.segmentBaseOffsets.at(-1)!;
    expect(bound).toBe(15);

    await cleanOnce(log, T0);
    const batches = readBatches(log).filter((b) => b.baseOffset < bound);
    expect(batches.map((b) => [b.baseOffset, b.lastOffset, b.compression, b.recordCount])).toEqual([
      [0, 9, codec, 5],
      [10, 14, codec, 5],
    ]);
    const first = batches[0]!;
    expect(first.records.map((r) => [r.offset, r.key!.toString(), r.value!.toString(), r.timestamp])).toEqual(
      [5, 6, 7, 8, 9].map((i) => [i, `a${i}`, `first-${i}`, T0 + i]),
    );
    // The rewritten batch's timestamps: base = first survivor, max = largest survivor.
    expect([first.baseTimestamp, first.maxTimestamp, first.hasDeleteHorizon]).toEqual([T0 + 5, T0 + 9, false]);
  });
});

describe('records without a key and the last batch of a round', () => {
  it('drops keyless records, keeping the batch that ends the round as an empty batch', async () => {
    const log = open(newLogDir(), { config: compactedConfig({ segmentMs: 1_000 }) });
    appendKV(log, [{ key: 'a', value: '1' }]); // 0
    appendKV(log, [{ key: null, value: 'no key' }]); // 1
    appendKV(log, [{ key: null, value: 'no key either' }]); // 2: ends segment 0
    appendKV(log, [{ key: 'b', value: '2', timestamp: T0 + 5_000 }]); // rolls: active segment 3
    expect(log.segmentBaseOffsets).toEqual([0, 3]);

    const { stats } = await cleanOnce(log, T0);
    expect(stats.invalidMessagesRead).toBe(2);
    const batches = readBatches(log);
    expect(batches.map((b) => [b.baseOffset, b.lastOffset, b.recordCount, b.sizeInBytes])).toEqual([
      [0, 0, 1, batches[0]!.sizeInBytes],
      [2, 2, 0, 61],
      [3, 3, 1, batches[2]!.sizeInBytes],
    ]);
    // The empty batch keeps the original's maxTimestamp as both timestamps.
    expect([batches[1]!.baseTimestamp, batches[1]!.maxTimestamp]).toEqual([T0, T0]);
    expect(readAll(log).map((r) => r.offset)).toEqual([0, 3]);
  });
});

describe('reads and appends during a round', () => {
  it('serve whole, correct batches at every step and lose nothing appended meanwhile', async () => {
    const log = open(newLogDir(), { config: compactedConfig({ segmentBytes: 2048 }) });
    appendRounds(log, 200, 20);
    const before = readAll(log);
    const latestBefore = latestByKey(before);
    const bound = log.segmentBaseOffsets.at(-1)!;

    let done = false;
    const round = cleanOnce(log, T0).finally(() => {
      done = true;
    });
    let steps = 0;
    let appended = 200;
    while (!done) {
      // Every read is whole batches of records that were written, offsets increasing, and
      // every key's latest value is still there.
      const served = readAll(log);
      const offsets = served.map((r) => r.offset);
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
      expect(new Set(offsets).size).toBe(offsets.length);
      for (const r of served) if (r.offset < 200) expect(r).toEqual(before[r.offset]);
      const servedOffsets = new Set(offsets);
      for (const latest of latestBefore.values()) expect(servedOffsets.has(latest.offset)).toBe(true);
      appendKV(log, [{ key: `k${appended % 20}`, value: `during${appended}` }]);
      appended++;
      steps++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await round;
    expect(steps).toBeGreaterThan(3);
    const after = readAll(log);
    expect(after.filter((r) => r.offset >= 200).map((r) => r.value)).toEqual(Array.from({ length: appended - 200 }, (_, i) => `during${200 + i}`));
    expect(after.filter((r) => r.offset < 200)).toEqual(expectedAfterClean(before, 0, bound).filter((r) => r.offset < 200));
  });
});

describe('retention during a round', () => {
  it('drops the round when retention removed one of its segments before the swap', async () => {
    const log = open(newLogDir(), { config: compactedConfig({ segmentBytes: 2048, fileDeleteDelayMs: 0 }) });
    appendRounds(log, 200, 20);
    const before = readAll(log);
    const [, second] = log.segmentBaseOffsets;

    const round = cleanOnce(log, T0);
    // Once the first group's replacement is being written, DeleteRecords + retention remove segment 0.
    while (!fs.readdirSync(log.dir).some((n) => n.endsWith('.log.cleaned'))) await new Promise((r) => setImmediate(r));
    log.deleteRecordsBefore(second!);
    expect(log.deleteOldSegments()).toBe(1);

    await expect(round).rejects.toThrow(CleaningAbortedError);
    expect(fs.readdirSync(log.dir).filter((n) => n.includes('.cleaned') || n.includes('.swap'))).toEqual([]);
    expect(log.segmentBaseOffsets[0]).toBe(second);
    expect(readAll(log)).toEqual(before.filter((r) => r.offset >= second!));
  });
});
