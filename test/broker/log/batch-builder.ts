// Test helper: a minimal uncompressed record batch v2 encoder/decoder, independent of
// src/protocol/records (which is tested on its own), plus small log helpers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32c } from '../../../src/storage/crc32c.js';
import type { AppendBatch, PartitionLog } from '../../../src/broker/log/partition-log.js';
import { DEFAULT_LOG_CONFIG, type LogConfig } from '../../../src/broker/log/config.js';
import { zigzagVarint } from '../../helpers/zigzag-varint.js';

export interface TestRecord {
  value: string | null;
  key?: string | null;
  timestamp?: number;
}

function bytesField(s: string | null | undefined): number[] {
  if (s === null || s === undefined) return zigzagVarint(-1);
  const b = Buffer.from(s, 'utf8');
  return [...zigzagVarint(b.length), ...b];
}

function writeInt64(buf: Buffer, value: number, at: number): void {
  buf.writeBigInt64BE(BigInt(value), at);
}

export interface BatchOptions {
  /** Sets the LogAppendTime attribute bit. */
  logAppendTime?: boolean;
  /** Compression codec id written into the attributes (records are still written plain). */
  codec?: number;
  /** Default timestamp of records that give none. */
  timestamp?: number;
}

/** Encodes one uncompressed v2 batch the way a producer sends it (baseOffset 0, epoch -1). */
export function buildBatch(records: TestRecord[], opts: BatchOptions = {}): Buffer {
  const timestamps = records.map((r) => r.timestamp ?? opts.timestamp ?? 1_700_000_000_000);
  const baseTimestamp = timestamps[0] ?? -1;
  const maxTimestamp = timestamps.length ? Math.max(...timestamps) : -1;
  const body: number[] = [];
  records.forEach((r, i) => {
    const rec = [0, ...zigzagVarint(timestamps[i]! - baseTimestamp), ...zigzagVarint(i), ...bytesField(r.key), ...bytesField(r.value), ...zigzagVarint(0)];
    body.push(...zigzagVarint(rec.length), ...rec);
  });
  const buf = Buffer.alloc(61 + body.length);
  writeInt64(buf, 0, 0);
  buf.writeInt32BE(buf.length - 12, 8);
  buf.writeInt32BE(-1, 12);
  buf.writeInt8(2, 16);
  buf.writeInt16BE((opts.codec ?? 0) | (opts.logAppendTime ? 0x08 : 0), 21);
  buf.writeInt32BE(records.length - 1, 23);
  writeInt64(buf, baseTimestamp, 27);
  writeInt64(buf, maxTimestamp, 35);
  writeInt64(buf, -1, 43);
  buf.writeInt16BE(-1, 51);
  buf.writeInt32BE(-1, 53);
  buf.writeInt32BE(records.length, 57);
  Buffer.from(body).copy(buf, 61);
  buf.writeUInt32BE(crc32c(buf.subarray(21)), 17);
  return buf;
}

/** Values v0..v(n-1) with one timestamp. */
export function simpleBatch(n: number, valuePrefix = 'v', timestamp?: number): Buffer {
  return buildBatch(Array.from({ length: n }, (_, i) => ({ value: `${valuePrefix}${i}`, timestamp })));
}

/** Header facts of each batch in `records`, in the shape PartitionLog.append takes. */
export function describeBatches(records: Buffer): AppendBatch[] {
  const out: AppendBatch[] = [];
  let pos = 0;
  while (pos < records.length) {
    const size = records.readInt32BE(pos + 8) + 12;
    out.push({ position: pos, size, lastOffsetDelta: records.readInt32BE(pos + 23), maxTimestamp: Number(records.readBigInt64BE(pos + 35)) });
    pos += size;
  }
  return out;
}

/** Appends the given batches as one append call; returns the append result and the patched bytes. */
export function appendBatches(log: PartitionLog, ...batches: Buffer[]) {
  const records = Buffer.concat(batches);
  const result = log.append(records, describeBatches(records));
  return { ...result, bytes: records };
}

export interface DecodedBatch {
  baseOffset: number;
  lastOffset: number;
  partitionLeaderEpoch: number;
  crcValid: boolean;
  values: (string | null)[];
}

/** Decodes the (uncompressed) batches of a log read; throws on a partial trailing batch. */
export function decodeBatches(buf: Buffer): DecodedBatch[] {
  const out: DecodedBatch[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const size = buf.readInt32BE(pos + 8) + 12;
    if (pos + size > buf.length) throw new Error(`partial batch at ${pos}`);
    const batch = buf.subarray(pos, pos + size);
    const count = batch.readInt32BE(57);
    const values: (string | null)[] = [];
    let p = 61;
    const readVarint = () => {
      let value = 0;
      let mult = 1;
      for (;;) {
        const b = batch[p++]!;
        value += (b & 0x7f) * mult;
        if ((b & 0x80) === 0) break;
        mult *= 128;
      }
      return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
    };
    for (let i = 0; i < count; i++) {
      const len = readVarint();
      const end = p + len;
      p++;
      readVarint();
      readVarint();
      const keyLen = readVarint();
      if (keyLen > 0) p += keyLen;
      const valueLen = readVarint();
      values.push(valueLen < 0 ? null : batch.subarray(p, p + valueLen).toString('utf8'));
      p = end;
    }
    const baseOffset = Number(batch.readBigInt64BE(0));
    out.push({
      baseOffset,
      lastOffset: baseOffset + batch.readInt32BE(23),
      partitionLeaderEpoch: batch.readInt32BE(12),
      crcValid: batch.readUInt32BE(17) === crc32c(batch.subarray(21)),
      values,
    });
    pos += size;
  }
  return out;
}

const tempDirs: string[] = [];

export function makeTempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-log-'));
  tempDirs.push(dir);
  return dir;
}

/** Removes every directory makeTempDir created (call from afterAll). */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function testConfig(overrides: Partial<LogConfig> = {}): LogConfig {
  return { ...DEFAULT_LOG_CONFIG, ...overrides };
}

/** A controllable clock for segment.ms / flush.ms. */
export function fakeClock(start = 1_700_000_000_000) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

export function listDir(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

/** Rewrites a header field covered by the CRC and fixes the CRC, as a producer would have sent it. */
export function withLastOffsetDelta(batch: Buffer, lastOffsetDelta: number): Buffer {
  const copy = Buffer.from(batch);
  copy.writeInt32BE(lastOffsetDelta, 23);
  copy.writeUInt32BE(crc32c(copy.subarray(21)), 17);
  return copy;
}

/** `.index` entries as [relativeOffset, position] pairs. */
export function readOffsetIndexFile(file: string): [number, number][] {
  const buf = fs.readFileSync(file);
  const out: [number, number][] = [];
  for (let i = 0; i < buf.length; i += 8) out.push([buf.readInt32BE(i), buf.readInt32BE(i + 4)]);
  return out;
}

/** `.timeindex` entries as [timestamp, relativeOffset] pairs. */
export function readTimeIndexFile(file: string): [number, number][] {
  const buf = fs.readFileSync(file);
  const out: [number, number][] = [];
  for (let i = 0; i < buf.length; i += 12) out.push([Number(buf.readBigInt64BE(i)), buf.readInt32BE(i + 8)]);
  return out;
}
