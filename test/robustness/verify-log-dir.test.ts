// The data-dir checker finds what it must: a flipped byte, a torn tail, offsets going backwards,
// an index entry that does not point at a batch.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyLogDir } from '../../bench/robustness/lib/verify-log-dir.js';
import { crc32c } from '../../src/storage/crc32c.js';
import { encodeRecordBatch } from '../../src/protocol/records/record-batch.js';

let dataDir: string;
let partDir: string;
const logFile = () => join(partDir, '00000000000000000000.log');

/** A batch of `n` records at `baseOffset` (offset patched, CRC still valid: it does not cover the offset). */
function batchAt(baseOffset: number, n: number): Buffer {
  const b = encodeRecordBatch({ records: Array.from({ length: n }, (_, i) => ({ timestamp: 1_700_000_000_000 + i, key: null, value: Buffer.from(`v${baseOffset + i}`) })) });
  b.writeBigInt64BE(BigInt(baseOffset), 0);
  return b;
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kt-verify-'));
  partDir = join(dataDir, 't-0');
  mkdirSync(partDir);
  writeFileSync(logFile(), Buffer.concat([batchAt(0, 3), batchAt(3, 2), batchAt(5, 4)]));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('verifyLogDir', () => {
  it('passes a sound segment and counts what it walked', () => {
    const r = verifyLogDir(dataDir);
    expect(r).toMatchObject({ partitions: 1, segments: 1, batches: 3, records: 9, gaps: 0, problems: [], undecodable: [], undecodableBatches: 0 });
  });

  it('reports a batch with a valid CRC but undecodable records apart from damage', () => {
    const bad = batchAt(9, 2);
    bad.fill(0xff, 61);
    bad.writeUInt32BE(crc32c(bad.subarray(21)), 17);
    appendFileSync(logFile(), bad);
    const r = verifyLogDir(dataDir);
    expect(r.problems).toEqual([]);
    expect(r.undecodable).toEqual([expect.stringMatching(/@\d+: records do not decode/)]);
  });

  it('finds a flipped byte (CRC-32C)', () => {
    const buf = readFileSync(logFile());
    buf[buf.length - 3]! ^= 0x10;
    writeFileSync(logFile(), buf);
    expect(verifyLogDir(dataDir).problems).toEqual([expect.stringMatching(/CRC-32C mismatch/)]);
  });

  it('finds a torn tail', () => {
    appendFileSync(logFile(), batchAt(9, 2).subarray(0, 70));
    expect(verifyLogDir(dataDir).problems).toEqual([expect.stringMatching(/batchLength \d+ with 70 bytes left/)]);
  });

  it('finds offsets going backwards, and counts a gap', () => {
    appendFileSync(logFile(), Buffer.concat([batchAt(20, 1), batchAt(4, 1)]));
    const r = verifyLogDir(dataDir);
    expect(r.gaps).toBe(1);
    expect(r.problems).toEqual([expect.stringMatching(/base offset 4 not after the previous batch's last offset 20/)]);
  });

  it('finds an offset index entry that does not point at a batch start', () => {
    const entry = Buffer.alloc(8);
    entry.writeInt32BE(3, 0);
    entry.writeInt32BE(10, 4);
    writeFileSync(join(partDir, '00000000000000000000.index'), entry);
    expect(verifyLogDir(dataDir).problems).toEqual([expect.stringMatching(/entry 0 points at 10, not a batch start/)]);
  });

  it('checks batches against CRC-32C over attributes..end, as Kafka does', () => {
    const b = batchAt(0, 1);
    expect(b.readUInt32BE(17)).toBe(crc32c(b.subarray(21)));
  });
});
