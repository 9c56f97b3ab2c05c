// The log start offset survives restarts through log-start-offset-checkpoint (written by the
// periodic task and on clean shutdown), and LogManager.cleanupLogs runs retention on every log.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LogManager } from '../../../src/broker/log/log-manager.js';
import { appendBatches, makeTempDir, removeTempDirs, simpleBatch, testConfig } from './batch-builder.js';

const T = 1_700_000_000_000;
const managers: LogManager[] = [];
afterEach(() => {
  for (const m of managers.splice(0)) m.close();
});
afterAll(removeTempDirs);

function openManager(dir: string, config = testConfig({ segmentBytes: 100 })) {
  const m = LogManager.open({ logDirs: [dir], defaultConfig: config, now: () => T });
  managers.push(m);
  return m;
}

/** Three one-batch segments [0,1] [2,3] [4,5]. */
function fill(m: LogManager, topic = 'orders') {
  const log = m.create(topic, 0);
  for (const ts of [T - 10_000, T - 5000, T]) appendBatches(log, simpleBatch(2, 'v', ts));
  return log;
}

const checkpointText = (dir: string) => fs.readFileSync(path.join(dir, 'log-start-offset-checkpoint'), 'utf8');

describe('log-start-offset-checkpoint', () => {
  it('keeps a DeleteRecords start offset across a crash once the periodic checkpoint ran', () => {
    const dir = makeTempDir();
    const crashed = LogManager.open({ logDirs: [dir], defaultConfig: testConfig({ segmentBytes: 100 }), now: () => T });
    fill(crashed).deleteRecordsBefore(3);
    crashed.checkpointLogStartOffsets();
    expect(checkpointText(dir)).toBe('0\n1\norders 0 3\n');
    for (const log of crashed.all()) log.flush(); // the bytes survive; the process "dies" without close()

    const log = openManager(dir).get('orders', 0)!;
    expect(log.logStartOffset).toBe(3);
    expect(log.read(2, 10_000, true)).toEqual({ outOfRange: true });
    expect(log.logEndOffset).toBe(6);
  });

  it('keeps it across a clean shutdown (close writes the checkpoints)', () => {
    const dir = makeTempDir();
    const m = LogManager.open({ logDirs: [dir], defaultConfig: testConfig({ segmentBytes: 100 }), now: () => T });
    fill(m).deleteRecordsBefore(5);
    m.close();
    expect(checkpointText(dir)).toBe('0\n1\norders 0 5\n');
    expect(openManager(dir).get('orders', 0)!.logStartOffset).toBe(5);
  });

  it('lists no partition whose start is its first segment (retention moved it there)', () => {
    const dir = makeTempDir();
    const m = LogManager.open({ logDirs: [dir], defaultConfig: testConfig({ segmentBytes: 100, retentionMs: 6000 }), now: () => T });
    fill(m);
    expect(m.cleanupLogs()).toBe(1);
    m.close();
    expect(checkpointText(dir)).toBe('0\n0\n');
    const log = openManager(dir).get('orders', 0)!;
    expect(log.segmentBaseOffsets).toEqual([2, 4]);
    expect(log.logStartOffset).toBe(2);
  });
});

describe('LogManager.cleanupLogs', () => {
  it('runs retention on every log, compacted ones for their log start offset only', () => {
    const dir = makeTempDir();
    const m = openManager(dir, testConfig({ segmentBytes: 100, retentionMs: 4000 }));
    const deleting = fill(m, 'orders');
    const compacted = m.create('state', 0, testConfig({ segmentBytes: 100, retentionMs: 4000, cleanupDelete: false, cleanupCompact: true }));
    for (const ts of [T - 10_000, T - 5000, T]) appendBatches(compacted, simpleBatch(2, 'v', ts));
    compacted.deleteRecordsBefore(2);

    expect(m.cleanupLogs()).toBe(3);
    expect(deleting.segmentBaseOffsets).toEqual([4]);
    expect(compacted.segmentBaseOffsets).toEqual([2, 4]);
  });
});
