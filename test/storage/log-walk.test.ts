// The one .log walk under both rule sets, through the sync and async adapters.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BatchCursor } from '../../src/storage/log-cursor.js';
import { readBatchesAsync, CorruptSegmentError } from '../../src/storage/log-cursor-async.js';
import { FILE_RECORDS_FRAMING, type LogWalkOptions } from '../../src/storage/log-walk.js';
import { rawBatch } from '../helpers/raw-batch.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-walk-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let files = 0;

function withFile<T>(bytes: Buffer, use: (fd: number, file: string) => T): T {
  const file = path.join(dir, `${files++}.log`);
  fs.writeFileSync(file, bytes);
  const fd = fs.openSync(file, 'r');
  try {
    return use(fd, file);
  } finally {
    fs.closeSync(fd);
  }
}

/** Batches of 71 + n bytes at offsets 0, 3, 6, ... */
function log(count: number, bodyBytes = 10): Buffer {
  return Buffer.concat(Array.from({ length: count }, (_, i) => rawBatch({ baseOffset: BigInt(3 * i), body: Buffer.alloc(bodyBytes, i) })));
}

function walk(bytes: Buffer, opts: LogWalkOptions = {}, to = bytes.length) {
  return withFile(bytes, (fd) => {
    const cursor = new BatchCursor(fd, 0, to, opts);
    const seen: Array<[number, number, number]> = [];
    while (cursor.next()) seen.push([cursor.position, cursor.size, cursor.lastOffset]);
    return { seen, ended: cursor.ended, at: cursor.position, shortRead: cursor.shortRead, badBatchLength: cursor.badBatchLength };
  });
}

describe('the .log walk, kt segments (v2 rules)', () => {
  it('walks every batch across chunk boundaries, headers only or whole', () => {
    const bytes = log(50, 500);
    const expected = Array.from({ length: 50 }, (_, i) => [i * 561, 561, 3 * i + 2]);
    expect(walk(bytes, { chunkSize: 1000 })).toMatchObject({ seen: expected, ended: 'end' });
    expect(walk(bytes, { wholeBatches: true, chunkSize: 1000 })).toMatchObject({ seen: expected, ended: 'end' });
    expect(walk(bytes, { wholeBatches: true, chunkSize: 100 })).toMatchObject({ seen: expected, ended: 'end' });
  });

  it('loads whole batches byte for byte', () => {
    const bytes = log(3);
    withFile(bytes, (fd) => {
      const cursor = new BatchCursor(fd, 0, bytes.length, { wholeBatches: true, chunkSize: 100 });
      const batches: Buffer[] = [];
      while (cursor.next()) batches.push(Buffer.from(cursor.batchBytes()));
      expect(Buffer.concat(batches)).toEqual(bytes);
    });
  });

  it('ends torn before a partial header or batch, bad-length below the v2 header', () => {
    const bytes = log(2);
    expect(walk(Buffer.concat([bytes, Buffer.alloc(60)]))).toMatchObject({ seen: [[0, 71, 2], [71, 71, 5]], ended: 'torn', at: 142 });
    expect(walk(bytes.subarray(0, 100))).toMatchObject({ seen: [[0, 71, 2]], ended: 'torn', at: 71 });
    const tiny = Buffer.from(bytes);
    tiny.writeInt32BE(48, 71 + 8);
    expect(walk(tiny)).toMatchObject({ seen: [[0, 71, 2]], ended: 'bad-length', at: 71, badBatchLength: 48 });
  });

  it('reports a file shorter than the range as a torn end with the short read', () => {
    const bytes = log(2);
    expect(walk(bytes.subarray(0, 100), {}, 142)).toMatchObject({ seen: [[0, 71, 2]], ended: 'torn', shortRead: { stage: 'batch', position: 71, wanted: 61, got: 29 } });
  });
});

describe('the .log walk, Kafka FileRecords rules', () => {
  it('ends quietly unless more than 17 bytes are left; a batchLength below 14 is corruption', () => {
    const bytes = log(1);
    expect(walk(Buffer.concat([bytes, Buffer.alloc(17)]), { framing: FILE_RECORDS_FRAMING })).toMatchObject({ seen: [[0, 71, 2]], ended: 'torn' });
    const small = Buffer.alloc(18);
    small.writeInt32BE(13, 8);
    expect(walk(Buffer.concat([bytes, small]), { framing: FILE_RECORDS_FRAMING })).toMatchObject({ ended: 'bad-length', badBatchLength: 13 });
  });

  it('frames a v2 batch claiming less than its header, then loads the 61 header bytes Kafka reads', () => {
    const claim = Buffer.alloc(30);
    claim.writeInt32BE(18, 8); // 30 bytes in all
    claim.writeInt8(2, 16);
    const seen = walk(Buffer.concat([claim, Buffer.alloc(40)]), { framing: FILE_RECORDS_FRAMING, wholeBatches: true }, 30);
    expect(seen).toMatchObject({ seen: [[0, 30, expect.any(Number)]], ended: 'end' });
    // The file ends before the 61 bytes: a short read of the batch.
    expect(walk(claim, { framing: FILE_RECORDS_FRAMING, wholeBatches: true })).toMatchObject({ seen: [], shortRead: { stage: 'batch', wanted: 61, got: 30 } });
  });
});

describe('the asynchronous adapter (cleaner)', () => {
  it('yields the same batches, each in a buffer of its own chunk that stays valid', async () => {
    const bytes = log(20, 200);
    const file = path.join(dir, 'async.log');
    fs.writeFileSync(file, bytes);
    const handle = await fs.promises.open(file, 'r');
    try {
      const got = [];
      for await (const b of readBatchesAsync(handle, 0, bytes.length, 1000)) got.push(b);
      expect(got.map((b) => b.position)).toEqual(Array.from({ length: 20 }, (_, i) => i * 261));
      expect(Buffer.concat(got.map((b) => b.bytes))).toEqual(bytes);
      const drainTornRange = async () => {
        for await (const batch of readBatchesAsync(handle, 0, bytes.length - 1, 1000)) void batch;
      };
      await expect(drainTornRange()).rejects.toThrow(CorruptSegmentError);
    } finally {
      await handle.close();
    }
  });
});
