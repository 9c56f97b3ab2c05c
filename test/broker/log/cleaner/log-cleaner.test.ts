// Choosing the log to clean, the cleaner-offset-checkpoint file, and the background loop.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { PartitionLog } from '../../../../src/broker/log/partition-log.js';
import { LogCleaner, type LogCleanerConfig } from '../../../../src/broker/log/cleaner/log-cleaner.js';
import { grabFilthiestCompactedLog, logToClean } from '../../../../src/broker/log/cleaner/cleaner-manager.js';
import { OffsetMap, hashKey } from '../../../../src/broker/log/cleaner/offset-map.js';
import { makeTempDir, removeTempDirs } from '../batch-builder.js';
import { T0, appendRounds, compactedConfig, openLog, readAll } from './helpers.js';

const logs: PartitionLog[] = [];
afterEach(() => {
  for (const log of logs.splice(0)) if (!log.isClosed) log.close();
});
afterAll(removeTempDirs);

const CONFIG: LogCleanerConfig = { enable: true, backoffMs: 20, dedupeBufferSize: 1 << 20, loadFactor: 0.9, ioBufferSize: 4096 };

function openIn(logDir: string, topic: string, overrides = {}): PartitionLog {
  const log = openLog(path.join(logDir, `${topic}-0`), { topic, config: compactedConfig(overrides) });
  logs.push(log);
  return log;
}

function grab(candidates: PartitionLog[], now = T0, checkpoints = new Map<PartitionLog, number>()) {
  return grabFilthiestCompactedLog({
    logs: candidates,
    now,
    lastCleanOffset: (log) => checkpoints.get(log),
    forceCheckpoint: () => undefined,
    skip: () => false,
    warn: () => undefined,
  });
}

describe('OffsetMap', () => {
  it('keeps the latest offset per key digest and counts distinct keys', () => {
    const map = new OffsetMap(OffsetMap.memoryFor(1000, 0.9));
    expect(map.slots).toBe(1113);
    for (let i = 0; i < 3000; i++) map.put(hashKey(Buffer.from(`key-${i % 1000}`)), i);
    expect(map.size).toBe(1000);
    expect(map.latestOffset).toBe(2999);
    expect(map.get(hashKey(Buffer.from('key-7')))).toBe(2007);
    expect(map.get(hashKey(Buffer.from('key-1000')))).toBe(-1);
    expect(map.get(hashKey(Buffer.alloc(0)))).toBe(-1);
    map.put(hashKey(Buffer.alloc(0)), 0);
    expect(map.get(hashKey(Buffer.alloc(0)))).toBe(0);
    map.updateLatestOffset(5000);
    expect(map.latestOffset).toBe(5000);
    expect(OffsetMap.slotsFor(24 * 1000 + 23)).toBe(1000);
  });
});

describe('grabFilthiestCompactedLog', () => {
  it('picks the compacted log with the highest dirty ratio above min.cleanable.dirty.ratio', () => {
    const dir = makeTempDir();
    const dirty = openIn(dir, 'dirty');
    appendRounds(dirty, 60, 5); // 4 full segments below the active one
    const lessDirty = openIn(dir, 'less');
    appendRounds(lessDirty, 60, 5);
    const notCompacted = openIn(dir, 'plain', { cleanupCompact: false, cleanupDelete: true });
    appendRounds(notCompacted, 60, 5);
    const checkpoints = new Map([[lessDirty, 28]]);

    const chosen = grab([lessDirty, notCompacted, dirty], T0, checkpoints)!;
    expect(chosen.log).toBe(dirty);
    expect([chosen.firstDirtyOffset, chosen.firstUncleanableOffset, chosen.cleanBytes, chosen.cleanableRatio]).toEqual([0, 56, 0, 1]);
    // 'less' alone: 2044 of 4078 bytes are dirty (0.5012): above 0.5, but 'dirty' (1.0) wins.
    expect(grab([lessDirty, notCompacted], T0, checkpoints)!.log).toBe(lessDirty);
    const [s0, s14, s28, s42] = [0, 14, 28, 42].map((base) => fs.statSync(path.join(lessDirty.dir, `${String(base).padStart(20, '0')}.log`)).size);
    expect([s0, s14, s28, s42]).toEqual([1012, 1022, 1022, 1022]);
    const less = logToClean(lessDirty, 28, 56, false);
    expect([less.cleanBytes, less.cleanableBytes, less.cleanableRatio]).toEqual([2034, 2044, 2044 / 4078]);
    lessDirty.updateConfig(compactedConfig({ minCleanableDirtyRatio: 0.502 }));
    expect(grab([lessDirty], T0, checkpoints)).toBeNull();
  });

  it('cleans a log below the ratio once a dirty batch is older than max.compaction.lag.ms', () => {
    const log = openIn(makeTempDir(), 'lag', { maxCompactionLagMs: 60_000 });
    appendRounds(log, 60, 5);
    const checkpoints = new Map([[log, 42]]);
    expect(grab([log], T0 + 60_000, checkpoints)).toBeNull();
    const chosen = grab([log], T0 + 60_001, checkpoints)!;
    expect([chosen.needCompactionNow, chosen.firstDirtyOffset, chosen.cleanableBytes, chosen.totalBytes]).toEqual([true, 42, 1022, 4078]);
  });
});

describe('LogCleaner', () => {
  it('cleans in the background, writes cleaner-offset-checkpoint, and resumes from it after a restart', async () => {
    const logDir = makeTempDir();
    const log = openIn(logDir, 'orders');
    appendRounds(log, 60, 5);
    const lines: string[] = [];
    const cleaner = new LogCleaner({ logDirs: [logDir], logs: () => logs, config: CONFIG, info: (m) => lines.push(m), warn: (m) => lines.push(`WARN ${m}`) });
    cleaner.start();
    const deadline = Date.now() + 5_000;
    while (lines.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await cleaner.stop();

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Log cleaner thread 0 cleaned log orders-0 \(dirty section = \[0, 56\]\): 0\.0 MB of log processed in \d+\.\d seconds, /);
    expect(lines[0]).toMatch(/start size 0\.0 MB \(56 messages\), end size 0\.0 MB \(5 messages\), 91\.\d% size reduction \(91\.1% fewer messages\)$/);
    expect(fs.readFileSync(path.join(logDir, 'cleaner-offset-checkpoint'), 'utf8')).toBe('0\n1\norders 0 56\n');
    expect(readAll(log).map((r) => r.offset)).toEqual([51, 52, 53, 54, 55, 56, 57, 58, 59]);

    // A new cleaner (a restart) starts from the checkpoint: nothing is dirty yet.
    const restarted = new LogCleaner({ logDirs: [logDir], logs: () => logs, config: CONFIG, info: (m) => lines.push(m), warn: (m) => lines.push(m) });
    expect(restarted.checkpointOf(log)).toBe(56);
    expect(await restarted.cleanFilthiestLog()).toBe(false);
  });

  it('aborts a round in progress when stopped, leaving no .cleaned files and no checkpoint', async () => {
    const logDir = makeTempDir();
    const log = openIn(logDir, 'big', { segmentBytes: 64 * 1024 });
    appendRounds(log, 3000, 100);
    const before = readAll(log);
    const cleaner = new LogCleaner({ logDirs: [logDir], logs: () => logs, config: { ...CONFIG, ioBufferSize: 1024 }, info: () => undefined, warn: () => undefined });
    cleaner.start();
    // Stop once the first group's replacement segment is being written.
    const deadline = Date.now() + 5_000;
    while (!fs.readdirSync(log.dir).some((n) => n.endsWith('.log.cleaned')) && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    expect(fs.readdirSync(log.dir).filter((n) => n.endsWith('.log.cleaned'))).toEqual(['00000000000000000000.log.cleaned']);
    await cleaner.stop();
    expect(fs.readdirSync(log.dir).filter((n) => n.endsWith('.cleaned'))).toEqual([]);
    expect(fs.existsSync(path.join(logDir, 'cleaner-offset-checkpoint'))).toBe(false);
    expect(readAll(log)).toEqual(before);
  });

  it('drops the checkpoint of a topic deleted and created again under the same name', async () => {
    const logDir = makeTempDir();
    const first = openIn(logDir, 'reborn');
    appendRounds(first, 60, 5);
    const cleaner = new LogCleaner({ logDirs: [logDir], logs: () => logs.filter((l) => !l.isClosed), config: CONFIG, info: () => undefined, warn: () => undefined });
    expect(await cleaner.cleanFilthiestLog()).toBe(true);
    expect(cleaner.checkpointOf(first)).toBe(56);
    first.delete();
    const second = openIn(logDir, 'reborn');
    appendRounds(second, 60, 5);
    expect(cleaner.checkpointOf(second)).toBeUndefined();
    expect(await cleaner.cleanFilthiestLog()).toBe(true);
    expect(cleaner.checkpointOf(second)).toBe(56);
  });
});
