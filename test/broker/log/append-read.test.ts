import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PartitionLog } from '../../../src/broker/log/partition-log.js';
import { RecordListTooLargeError } from '../../../src/broker/log/errors.js';
import { appendBatches, buildBatch, decodeBatches, describeBatches, makeTempDir, removeTempDirs, simpleBatch, testConfig } from './batch-builder.js';

const logs: PartitionLog[] = [];
afterEach(() => {
  for (const log of logs.splice(0)) log.close();
});
afterAll(removeTempDirs);

function openLog(config = testConfig()) {
  const root = makeTempDir();
  const log = PartitionLog.open({ dir: path.join(root, 'orders-0'), topic: 'orders', partition: 0, config, cleanShutdown: true });
  logs.push(log);
  return log;
}

describe('PartitionLog append and read', () => {
  it('starts empty with one segment and the three segment files', () => {
    const log = openLog();
    expect([log.logStartOffset, log.logEndOffset, log.highWatermark, log.recoveryPoint, log.sizeInBytes]).toEqual([0, 0, 0, 0, 0]);
    expect(fs.readdirSync(log.dir).sort()).toEqual(['00000000000000000000.index', '00000000000000000000.log', '00000000000000000000.timeindex']);
  });

  it('assigns consecutive offsets, patches baseOffset and leader epoch in place, stores the exact bytes', () => {
    const log = openLog();
    const a = simpleBatch(3);
    const b = simpleBatch(2, 'w');
    const first = log.append(a, describeBatches(a), { leaderEpoch: 7 });
    const second = log.append(b, describeBatches(b));
    expect(first).toMatchObject({ firstOffset: 0, lastOffset: 2 });
    expect(second).toMatchObject({ firstOffset: 3, lastOffset: 4 });
    expect(a.readBigInt64BE(0)).toBe(0n);
    expect(a.readInt32BE(12)).toBe(7);
    expect(b.readBigInt64BE(0)).toBe(3n);
    expect(b.readInt32BE(12)).toBe(0); // default leader epoch of a single node
    expect(log.logEndOffset).toBe(5);
    expect(log.sizeInBytes).toBe(a.length + b.length);
    expect(fs.readFileSync(path.join(log.dir, '00000000000000000000.log'))).toEqual(Buffer.concat([a, b]));

    const read = log.read(0, 1 << 20, false);
    expect(read.outOfRange).toBe(false);
    if (read.outOfRange) return;
    expect(read.records).toEqual(Buffer.concat([a, b]));
    const decoded = decodeBatches(read.records);
    expect(decoded.map((d) => [d.baseOffset, d.lastOffset, d.crcValid])).toEqual([
      [0, 2, true],
      [3, 4, true],
    ]);
    expect(decoded[1]!.values).toEqual(['w0', 'w1']);
  });

  it('appends several batches in one call with one offset range', () => {
    const log = openLog();
    const { firstOffset, lastOffset, bytes } = appendBatches(log, simpleBatch(2), simpleBatch(4), simpleBatch(1));
    expect([firstOffset, lastOffset]).toEqual([0, 6]);
    expect(decodeBatches(bytes).map((d) => d.baseOffset)).toEqual([0, 2, 6]);
  });

  it('reads from an offset inside a batch by returning that whole batch', () => {
    const log = openLog(testConfig({ indexIntervalBytes: 1 }));
    for (let i = 0; i < 20; i++) appendBatches(log, simpleBatch(5));
    for (const [offset, base] of [
      [0, 0],
      [4, 0],
      [5, 5],
      [37, 35],
      [99, 95],
    ] as const) {
      const read = log.read(offset, 1, true);
      if (read.outOfRange) throw new Error('out of range');
      expect(decodeBatches(read.records).map((d) => d.baseOffset)).toEqual([base]);
    }
  });

  it('returns only whole batches within maxBytes, and the first batch alone with minOneBatch', () => {
    const log = openLog();
    for (let i = 0; i < 4; i++) appendBatches(log, simpleBatch(10)); // 151 bytes each
    const read = (offset: number, maxBytes: number, minOne: boolean) => {
      const r = log.read(offset, maxBytes, minOne);
      if (r.outOfRange) throw new Error('out of range');
      return decodeBatches(r.records).map((d) => d.baseOffset);
    };
    expect(read(0, 302, false)).toEqual([0, 10]);
    expect(read(0, 301, false)).toEqual([0]);
    expect(read(0, 150, false)).toEqual([]);
    expect(read(0, 150, true)).toEqual([0]);
    expect(read(0, 0, true)).toEqual([0]);
    expect(read(15, 1000, false)).toEqual([10, 20, 30]);
  });

  it('reports out of range below the log start and above the log end; empty at the log end', () => {
    const log = openLog();
    appendBatches(log, simpleBatch(3));
    expect(log.read(4, 100, true)).toEqual({ outOfRange: true });
    expect(log.read(-1, 100, true)).toEqual({ outOfRange: true });
    expect(log.read(3, 100, true)).toEqual({ records: Buffer.alloc(0), outOfRange: false });
  });

  it('stops before the batch reaching maxOffset (an exclusive upper bound such as the LSO)', () => {
    const log = openLog();
    for (let i = 0; i < 3; i++) appendBatches(log, simpleBatch(2));
    const r = log.read(0, 1 << 20, true, 4);
    if (r.outOfRange) throw new Error('out of range');
    expect(decodeBatches(r.records).map((d) => d.baseOffset)).toEqual([0, 2]);
    expect(log.read(4, 1 << 20, true, 4)).toEqual({ records: Buffer.alloc(0), outOfRange: false });
  });

  it('reads across segment boundaries with whole batches', () => {
    const log = openLog(testConfig({ segmentBytes: 151 * 2 }));
    for (let i = 0; i < 5; i++) appendBatches(log, simpleBatch(10));
    expect(log.segmentBaseOffsets).toEqual([0, 20, 40]);
    const r = log.read(15, 151 * 3, false);
    if (r.outOfRange) throw new Error('out of range');
    expect(decodeBatches(r.records).map((d) => d.baseOffset)).toEqual([10, 20, 30]);
  });

  it('wakes onAppend listeners after the data is readable, and unsubscribes', () => {
    const log = openLog();
    const seen: number[] = [];
    const off = log.onAppend(() => seen.push(log.logEndOffset));
    appendBatches(log, simpleBatch(2));
    off();
    appendBatches(log, simpleBatch(2));
    expect(seen).toEqual([2]);
  });

  it('rejects an append larger than segment.bytes with RECORD_LIST_TOO_LARGE', () => {
    const log = openLog(testConfig({ segmentBytes: 100 }));
    const batch = simpleBatch(10);
    expect(() => log.append(batch, describeBatches(batch))).toThrow(RecordListTooLargeError);
    try {
      log.append(batch, describeBatches(batch));
    } catch (err) {
      expect((err as RecordListTooLargeError).code).toBe(18);
    }
    expect(log.logEndOffset).toBe(0);
  });

  it('rejects batch descriptors that do not tile the buffer', () => {
    const log = openLog();
    const records = Buffer.concat([simpleBatch(1), simpleBatch(1)]);
    expect(() => log.append(records, describeBatches(records).slice(0, 1))).toThrow(/cover/);
    expect(log.logEndOffset).toBe(0);
  });

  it('keeps a record batch with null values and keys intact', () => {
    const log = openLog();
    appendBatches(log, buildBatch([{ key: 'k', value: null }, { value: 'x' }]));
    const r = log.read(0, 1000, true);
    if (r.outOfRange) throw new Error('out of range');
    expect(decodeBatches(r.records)[0]!.values).toEqual([null, 'x']);
  });
});
