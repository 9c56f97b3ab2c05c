// The producer-state snapshot files of one partition directory, `<20-digit offset>.snapshot`
// (Kafka's ProducerStateManager snapshot handling): the state as of the log end offset in the
// name. Written at each segment roll (named by the new segment's base offset) and at close;
// loaded at open (the newest one at or below the log end), the log is replayed from there.
import fs from 'node:fs';
import type { ProducerSnapshotProducerEntry } from '../../protocol/generated/types.js';
import { PRODUCER_SNAPSHOT_SUFFIX, parseSegmentFileName, segmentFile } from '../../storage/file-names.js';
import { writeFileAtomic } from '../../storage/file-io.js';
import { encodeProducerSnapshot, readProducerSnapshot } from '../../storage/producer-snapshot.js';

export function snapshotPath(dir: string, offset: number): string {
  return segmentFile(dir, offset, PRODUCER_SNAPSHOT_SUFFIX);
}

/** Offsets of the snapshot files in `dir`, ascending. */
export function listSnapshotOffsets(dir: string): number[] {
  const offsets: number[] = [];
  for (const name of fs.readdirSync(dir)) {
    const offset = parseSegmentFileName(name, PRODUCER_SNAPSHOT_SUFFIX);
    if (offset !== undefined) offsets.push(offset);
  }
  return offsets.sort((a, b) => a - b);
}

/**
 * Writes `<offset>.snapshot`. `durable` (close) fsyncs it as a checkpoint file is; at a roll
 * (on the append path) it is only written and renamed, as Kafka leaves its fsync to a background
 * flush: a snapshot torn by a power loss fails its CRC at the next load and an older one is used.
 */
export function writeSnapshot(dir: string, offset: number, entries: readonly ProducerSnapshotProducerEntry[], durable: boolean): void {
  const path = snapshotPath(dir, offset);
  const bytes = encodeProducerSnapshot(entries);
  if (durable) {
    writeFileAtomic(path, bytes);
    return;
  }
  fs.writeFileSync(path + '.tmp', bytes);
  fs.renameSync(path + '.tmp', path);
}

export function readSnapshot(dir: string, offset: number): ProducerSnapshotProducerEntry[] {
  return readProducerSnapshot(fs.readFileSync(snapshotPath(dir, offset))).producerEntries;
}

export function deleteSnapshot(dir: string, offset: number): void {
  fs.rmSync(snapshotPath(dir, offset), { force: true });
}

/** Kafka's removeStraySnapshots / truncation: snapshots past the log end describe lost data. */
export function deleteSnapshotsAbove(dir: string, offset: number): void {
  for (const at of listSnapshotOffsets(dir)) if (at > offset) deleteSnapshot(dir, at);
}

export function hasSnapshots(dir: string): boolean {
  return fs.readdirSync(dir).some((name) => name.endsWith(PRODUCER_SNAPSHOT_SUFFIX));
}

