import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PartitionLog, type PartitionLogOpenOptions } from '../../../src/broker/log/partition-log.js';
import { appendBatches, buildBatch, makeTempDir, removeTempDirs, testConfig } from './batch-builder.js';

const logs: PartitionLog[] = [];
afterEach(() => {
  for (const log of logs.splice(0)) log.close();
});
afterAll(removeTempDirs);

const T = 1_700_000_000_000;

function openLog(opts: Partial<PartitionLogOpenOptions> = {}, dir = path.join(makeTempDir(), 'orders-0')) {
  const log = PartitionLog.open({ dir, topic: 'orders', partition: 0, config: testConfig({ indexIntervalBytes: 0 }), cleanShutdown: true, ...opts });
  logs.push(log);
  return log;
}

const records = (...stamps: number[]) => stamps.map((ts, i) => ({ value: `r${i}`, timestamp: T + ts }));

/** Offsets 0-2 at T+10,30,20; 3-4 at T+40,25; 5 at T+50. */
function fill(log: PartitionLog) {
  appendBatches(log, buildBatch(records(10, 30, 20)));
  appendBatches(log, buildBatch(records(40, 25)));
  appendBatches(log, buildBatch(records(50)));
}

describe('offsetForTimestamp', () => {
  it('returns the first record at or after the target timestamp, with its own timestamp', () => {
    const log = openLog();
    fill(log);
    const at = (ts: number) => log.offsetForTimestamp(T + ts);
    expect(at(-5)).toEqual({ offset: 0, timestamp: T + 10 });
    expect(at(10)).toEqual({ offset: 0, timestamp: T + 10 });
    expect(at(11)).toEqual({ offset: 1, timestamp: T + 30 });
    expect(at(25)).toEqual({ offset: 1, timestamp: T + 30 });
    expect(at(31)).toEqual({ offset: 3, timestamp: T + 40 });
    expect(at(41)).toEqual({ offset: 5, timestamp: T + 50 });
    expect(at(51)).toBeNull();
  });

  it('searches across segments and after a clean reopen', () => {
    const dir = path.join(makeTempDir(), 'orders-0');
    const log = openLog({ config: testConfig({ indexIntervalBytes: 0, segmentBytes: 100 }) }, dir);
    fill(log);
    expect(log.segmentBaseOffsets).toEqual([0, 3, 5]);
    log.close();
    logs.pop();
    const reopened = openLog({ config: testConfig({ indexIntervalBytes: 0, segmentBytes: 100 }) }, dir);
    expect(reopened.offsetForTimestamp(T + 31)).toEqual({ offset: 3, timestamp: T + 40 });
    expect(reopened.offsetForTimestamp(T + 45)).toEqual({ offset: 5, timestamp: T + 50 });
    expect(reopened.offsetOfMaxTimestamp()).toEqual({ offset: 5, timestamp: T + 50 });
  });

  it('never answers below the log start offset', () => {
    const dir = path.join(makeTempDir(), 'orders-0');
    fill(openLog({}, dir));
    logs.pop()!.close();
    const log = openLog({ logStartOffset: 2 }, dir);
    expect(log.logStartOffset).toBe(2);
    expect(log.offsetForTimestamp(T)).toEqual({ offset: 2, timestamp: T + 20 });
  });

  it('answers LogAppendTime batches with the batch timestamp for every record', () => {
    const log = openLog();
    appendBatches(log, buildBatch(records(1, 2, 3)));
    appendBatches(log, buildBatch(records(5, 5), { logAppendTime: true }));
    expect(log.offsetForTimestamp(T + 4)).toEqual({ offset: 3, timestamp: T + 5 });
  });

  it('answers compressed batches per record with a decompressor, per batch without one', () => {
    const gzipAttr = { codec: 1 }; // records are stored plain; the fake decompressor passes them through
    const plain = openLog();
    appendBatches(plain, buildBatch(records(10, 30, 20), gzipAttr));
    expect(plain.offsetForTimestamp(T + 25)).toEqual({ offset: 0, timestamp: T + 30 });
    expect(plain.offsetOfMaxTimestamp()).toEqual({ offset: 0, timestamp: T + 30 });

    const seen: number[] = [];
    const decoding = openLog({ decompress: (codec, data) => (seen.push(codec), data) });
    appendBatches(decoding, buildBatch(records(10, 30, 20), gzipAttr));
    expect(decoding.offsetForTimestamp(T + 25)).toEqual({ offset: 1, timestamp: T + 30 });
    expect(decoding.offsetOfMaxTimestamp()).toEqual({ offset: 1, timestamp: T + 30 });
    expect(seen).toEqual([1, 1]);
  });

  it('is null for an empty log', () => {
    const log = openLog();
    expect(log.offsetForTimestamp(0)).toBeNull();
    expect(log.offsetOfMaxTimestamp()).toBeNull();
  });
});

describe('offsetOfMaxTimestamp', () => {
  it('returns the record holding the largest timestamp, the first one on ties', () => {
    const log = openLog();
    appendBatches(log, buildBatch(records(10, 99, 20)));
    appendBatches(log, buildBatch(records(40, 99)));
    expect(log.offsetOfMaxTimestamp()).toEqual({ offset: 1, timestamp: T + 99 });
  });

  it('returns the base offset of a LogAppendTime batch', () => {
    const log = openLog();
    appendBatches(log, buildBatch(records(1)));
    appendBatches(log, buildBatch(records(7, 7), { logAppendTime: true }));
    expect(log.offsetOfMaxTimestamp()).toEqual({ offset: 1, timestamp: T + 7 });
  });
});
