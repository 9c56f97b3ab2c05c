// kt's writeback pass: background fsync moves the recovery point and rewrites its checkpoint, so
// a restart after a crash re-validates only what came after (from the last index entry below it).
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

const config = testConfig({ indexIntervalBytes: 200 });
const checkpointText = (dir: string) => fs.readFileSync(path.join(dir, 'recovery-point-offset-checkpoint'), 'utf8');

describe('LogManager.writeBack', () => {
  it('moves recovery points to the log end offsets and writes the checkpoint at once', async () => {
    const dir = makeTempDir();
    const m = LogManager.open({ logDirs: [dir], defaultConfig: config, now: () => T });
    managers.push(m);
    const a = m.create('orders', 0);
    const b = m.create('orders', 1);
    for (let k = 0; k < 12; k++) appendBatches(a, simpleBatch(10, 'v', T + k));
    appendBatches(b, simpleBatch(3, 'v', T));
    expect([a.recoveryPoint, b.recoveryPoint]).toEqual([0, 0]);
    await m.writeBack();
    expect([a.recoveryPoint, b.recoveryPoint]).toEqual([120, 3]);
    expect(checkpointText(dir)).toBe('0\n2\norders 0 120\norders 1 3\n');
    // Nothing new: no pass work, the checkpoint stays.
    fs.rmSync(path.join(dir, 'recovery-point-offset-checkpoint'));
    await m.writeBack();
    expect(fs.existsSync(path.join(dir, 'recovery-point-offset-checkpoint'))).toBe(false);
  });

  it('after a crash, recovery resumes near the checkpointed point and truncates only the torn tail', async () => {
    const dir = makeTempDir();
    const crashed = LogManager.open({ logDirs: [dir], defaultConfig: config, now: () => T });
    const log = crashed.create('orders', 0);
    for (let k = 0; k < 20; k++) appendBatches(log, simpleBatch(10, 'v', T + k));
    await crashed.writeBack();
    for (let k = 20; k < 25; k++) appendBatches(log, simpleBatch(10, 'v', T + k));
    const logFile = path.join(dir, 'orders-0', '00000000000000000000.log');
    fs.appendFileSync(logFile, simpleBatch(10).subarray(0, 40)); // the process "dies" mid-write, without close()

    const reopened = LogManager.open({ logDirs: [dir], defaultConfig: config, now: () => T });
    managers.push(reopened);
    const recovered = reopened.get('orders', 0)!;
    expect(recovered.logEndOffset).toBe(250);
    expect(recovered.recoveryPoint).toBe(200);
    expect(recovered.recoveryStats).toEqual({ recoveredSegments: 1, truncatedBytes: 40, deletedSegments: 0 });
    expect(recovered.offsetForTimestamp(T + 22)).toEqual({ offset: 220, timestamp: T + 22 });
    expect(appendBatches(recovered, simpleBatch(1)).firstOffset).toBe(250);
  });

  it('drain waits for a pass in flight, so close never races its checkpoint rename', async () => {
    const dir = makeTempDir();
    const m = LogManager.open({ logDirs: [dir], defaultConfig: config, now: () => T });
    const log = m.create('orders', 0);
    appendBatches(log, simpleBatch(10, 'v', T));
    const pass = m.writeBack();
    await m.drain();
    // The pass is over: no temporary file left to be renamed after close.
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(checkpointText(dir)).toBe('0\n1\norders 0 10\n');
    expect(m.close()).toBe(true);
    await pass;
    expect(fs.existsSync(path.join(dir, '.kafka_cleanshutdown'))).toBe(true);
  });
});
