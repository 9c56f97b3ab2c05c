// Test helpers for the log cleaner: a compacted PartitionLog with tiny segments, keyed appends
// (any codec), and a decoded view of everything the log serves.
import path from 'node:path';
import { PartitionLog, type PartitionLogOpenOptions } from '../../../../src/broker/log/partition-log.js';
import { Cleaner, type CleanerOptions } from '../../../../src/broker/log/cleaner/cleaner.js';
import { cleanableOffsets, logToClean } from '../../../../src/broker/log/cleaner/cleaner-manager.js';
import { CompressionType } from '../../../../src/protocol/records/compression/compression-type.js';
import { decodeRecordBatches, encodeRecordBatch, type DecodedBatch } from '../../../../src/protocol/records/record-batch.js';
import { describeBatches, makeTempDir, testConfig } from '../batch-builder.js';
import type { LogConfig } from '../../../../src/broker/log/config.js';

export const T0 = 1_700_000_000_000;

export interface KV {
  key: string | null;
  /** null = tombstone */
  value: string | null;
  timestamp?: number;
}

export function compactedConfig(overrides: Partial<LogConfig> = {}): LogConfig {
  return testConfig({ cleanupCompact: true, cleanupDelete: false, indexIntervalBytes: 100, segmentBytes: 1024, ...overrides });
}

export function openLog(dir: string, opts: Partial<PartitionLogOpenOptions> = {}): PartitionLog {
  return PartitionLog.open({ dir, topic: 't', partition: 0, config: compactedConfig(), cleanShutdown: true, ...opts });
}

export function newLogDir(): string {
  return path.join(makeTempDir(), 't-0');
}

/** Appends one batch of the records (as a producer sends it) with the codec. */
export function appendKV(log: PartitionLog, records: KV[], compression = CompressionType.None): { firstOffset: number; lastOffset: number } {
  const batch = encodeRecordBatch({
    compression,
    records: records.map((r) => ({
      timestamp: r.timestamp ?? T0,
      key: r.key === null ? null : Buffer.from(r.key),
      value: r.value === null ? null : Buffer.from(r.value),
    })),
  });
  return log.append(batch, describeBatches(batch));
}

/** `count` single-record batches key-(i % keys) = `${prefix}i`. */
export function appendRounds(log: PartitionLog, count: number, keys: number, prefix = 'v', timestamp = T0): void {
  for (let i = 0; i < count; i++) appendKV(log, [{ key: `k${i % keys}`, value: `${prefix}${i}`, timestamp }]);
}

export interface Served {
  offset: number;
  key: string | null;
  value: string | null;
}

export function readBatches(log: PartitionLog, from = log.logStartOffset): DecodedBatch[] {
  const read = log.read(from, 1 << 26, true);
  if (read.outOfRange) throw new Error('out of range');
  return decodeRecordBatches(read.records);
}

/** Every record the log serves from its start, in order. */
export function readAll(log: PartitionLog): Served[] {
  return readBatches(log).flatMap((b) =>
    b.records.map((r) => ({ offset: r.offset, key: r.key?.toString() ?? null, value: r.value === null ? null : r.value.toString() })),
  );
}

/** The latest value per key of `records` (in order), tombstones included as null. */
export function latestByKey(records: Served[]): Map<string | null, Served> {
  const latest = new Map<string | null, Served>();
  for (const r of records) latest.set(r.key, r);
  return latest;
}

/** One cleaning round the way the LogCleaner runs it (from the checkpoint `firstDirty`). */
export async function cleanOnce(log: PartitionLog, now: number, firstDirty?: number, opts: CleanerOptions = {}) {
  const offsets = cleanableOffsets(log, firstDirty, now, () => undefined);
  const toClean = logToClean(log, offsets.firstDirtyOffset, offsets.firstUncleanableDirtyOffset, false);
  const cleaner = new Cleaner({ dedupeBufferSize: 1 << 20, loadFactor: 0.9, ioBufferSize: 512 }, { now: () => now, ...opts });
  return { toClean, ...(await cleaner.clean(toClean)) };
}
