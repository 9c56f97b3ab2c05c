import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PartitionLog, type PartitionLogOpenOptions } from '../../../src/broker/log/partition-log.js';
import {
  appendBatches,
  buildBatch,
  fakeClock,
  listDir,
  makeTempDir,
  readOffsetIndexFile,
  readTimeIndexFile,
  removeTempDirs,
  simpleBatch,
  testConfig,
  withLastOffsetDelta,
} from './batch-builder.js';

const logs: PartitionLog[] = [];
afterEach(() => {
  for (const log of logs.splice(0)) log.close();
});
afterAll(removeTempDirs);

function openLog(opts: Partial<PartitionLogOpenOptions> = {}) {
  const dir = path.join(makeTempDir(), 'orders-0');
  const log = PartitionLog.open({ dir, topic: 'orders', partition: 0, config: testConfig(), cleanShutdown: true, ...opts });
  logs.push(log);
  return log;
}

const T0 = 1_700_000_000_000;
const BATCH_10 = 151; // simpleBatch(10): 61-byte header + 10 records of 9 bytes

describe('segment roll', () => {
  it('rolls when the next append would pass segment.bytes, naming files by base offset', () => {
    const log = openLog({ config: testConfig({ segmentBytes: BATCH_10 * 3 }) });
    expect(simpleBatch(10).length).toBe(BATCH_10);
    for (let i = 0; i < 7; i++) appendBatches(log, simpleBatch(10));
    expect(log.segmentBaseOffsets).toEqual([0, 30, 60]);
    expect(listDir(log.dir)).toEqual([
      '00000000000000000000.index',
      '00000000000000000000.log',
      '00000000000000000000.timeindex',
      '00000000000000000030.index',
      '00000000000000000030.log',
      // Kafka's producer-state snapshot at each roll, named by the new segment's base offset.
      '00000000000000000030.snapshot',
      '00000000000000000030.timeindex',
      '00000000000000000060.index',
      '00000000000000000060.log',
      '00000000000000000060.snapshot',
      '00000000000000000060.timeindex',
    ]);
    expect(log.sizeInBytes).toBe(7 * BATCH_10);
  });

  it('rolls on segment.ms measured from the first batch timestamp to the new batch timestamp', () => {
    const clock = fakeClock();
    const log = openLog({ config: testConfig({ segmentMs: 1000 }), now: clock.now });
    appendBatches(log, simpleBatch(1, 'v', T0));
    appendBatches(log, simpleBatch(1, 'v', T0 + 1000)); // waited 1000, not > 1000
    expect(log.segmentBaseOffsets).toEqual([0]);
    clock.advance(10_000); // the wall clock does not matter when batches carry timestamps
    appendBatches(log, simpleBatch(1, 'v', T0 + 500));
    expect(log.segmentBaseOffsets).toEqual([0]);
    appendBatches(log, simpleBatch(1, 'v', T0 + 1001));
    expect(log.segmentBaseOffsets).toEqual([0, 3]);
  });

  it('rolls on segment.ms by the clock when the first batch has no timestamp', () => {
    const clock = fakeClock();
    const log = openLog({ config: testConfig({ segmentMs: 1000 }), now: clock.now });
    appendBatches(log, simpleBatch(1, 'v', -1));
    clock.advance(1000);
    appendBatches(log, simpleBatch(1, 'v', -1));
    expect(log.segmentBaseOffsets).toEqual([0]);
    clock.advance(1);
    appendBatches(log, simpleBatch(1, 'v', -1));
    expect(log.segmentBaseOffsets).toEqual([0, 2]);
  });

  it('never rolls an empty segment for time', () => {
    const clock = fakeClock();
    const log = openLog({ config: testConfig({ segmentMs: 1 }), now: clock.now });
    clock.advance(5000);
    appendBatches(log, simpleBatch(1, 'v', -1));
    expect(log.segmentBaseOffsets).toEqual([0]);
  });

  it('rolls when the offset index is full (segment.index.bytes / 8 entries)', () => {
    // No timestamps: the time index stays empty, so only the offset index fills up.
    const log = openLog({ config: testConfig({ segmentIndexBytes: 16, indexIntervalBytes: 200 }) });
    for (let i = 0; i < 6; i++) appendBatches(log, simpleBatch(10, 'v', -1));
    // entries after appends 2 and 4 fill the 2-entry index; append 5 rolls
    expect(log.segmentBaseOffsets).toEqual([0, 50]);
    expect(readOffsetIndexFile(path.join(log.dir, '00000000000000000000.index'))).toEqual([
      [29, 302],
      [49, 604],
    ]);
  });

  it('rolls when an offset would not fit 32 bits relative to the base offset', () => {
    const log = openLog();
    appendBatches(log, simpleBatch(1));
    const huge = withLastOffsetDelta(simpleBatch(1), 0x7fffffff);
    const result = appendBatches(log, huge);
    expect([result.firstOffset, result.lastOffset]).toEqual([1, 2 ** 31]);
    expect(log.segmentBaseOffsets).toEqual([0, 1]);
    expect(log.logEndOffset).toBe(2 ** 31 + 1);
  });
});

describe('sparse indexes', () => {
  it('writes Kafka entries: last offset of an append at its start position, after more than index.interval.bytes', () => {
    const log = openLog({ config: testConfig({ indexIntervalBytes: 200 }) });
    for (let k = 0; k < 8; k++) appendBatches(log, simpleBatch(10, 'v', T0 + k * 1000));
    // Entries reach the files when the segment is flushed (as an mmapped index is written back).
    log.flush();
    const indexFile = path.join(log.dir, '00000000000000000000.index');
    const timeIndexFile = path.join(log.dir, '00000000000000000000.timeindex');
    expect(readOffsetIndexFile(indexFile)).toEqual([
      [29, 302],
      [49, 604],
      [69, 906],
    ]);
    expect(readTimeIndexFile(timeIndexFile)).toEqual([
      [T0 + 2000, 29],
      [T0 + 4000, 49],
      [T0 + 6000, 69],
    ]);
    log.close();
    // On close the largest timestamp is recorded, as Kafka does.
    expect(readTimeIndexFile(timeIndexFile).at(-1)).toEqual([T0 + 7000, 79]);
  });

  it('adds a time index entry only when the largest timestamp grew, pointing at its batch', () => {
    const log = openLog({ config: testConfig({ indexIntervalBytes: 0 }) });
    const stamps = [T0 + 50, T0 + 10, T0 + 40, T0 + 60, T0 + 60];
    for (const ts of stamps) appendBatches(log, buildBatch([{ value: 'a', timestamp: ts }]));
    log.flush();
    // entries are considered from the second append on (bytes since last entry must exceed 0)
    expect(readTimeIndexFile(path.join(log.dir, '00000000000000000000.timeindex'))).toEqual([
      [T0 + 50, 0],
      [T0 + 60, 3],
    ]);
    expect(readOffsetIndexFile(path.join(log.dir, '00000000000000000000.index'))).toEqual([
      [1, 69],
      [2, 138],
      [3, 207],
      [4, 276],
    ]);
  });

  it('records the rolled segment largest timestamp in its time index', () => {
    const log = openLog({ config: testConfig({ segmentBytes: BATCH_10 * 2 }) });
    for (let k = 0; k < 3; k++) appendBatches(log, simpleBatch(10, 'v', T0 + k));
    expect(readTimeIndexFile(path.join(log.dir, '00000000000000000000.timeindex'))).toEqual([[T0 + 1, 19]]);
    expect(readTimeIndexFile(path.join(log.dir, '00000000000000000020.timeindex'))).toEqual([]);
  });
});

describe('empty segments at open', () => {
  it('does not read the index files of an empty segment, and replaces stale ones on first write', () => {
    const dir = path.join(makeTempDir(), 'orders-0');
    const first = PartitionLog.open({ dir, topic: 'orders', partition: 0, config: testConfig(), cleanShutdown: true });
    first.close();
    const indexFile = path.join(dir, '00000000000000000000.index');
    // Garbage in the index of an empty log: never read, and gone once real entries are written.
    writeFileSync(indexFile, Buffer.alloc(24, 0xff));
    const log = openLog({ dir, config: testConfig({ indexIntervalBytes: 0 }) });
    expect(log.logEndOffset).toBe(0);
    for (let k = 0; k < 3; k++) appendBatches(log, simpleBatch(2, 'v', T0 + k));
    log.flush();
    expect(readOffsetIndexFile(indexFile)).toEqual([
      [3, 79],
      [5, 158],
    ]);
  });
});
