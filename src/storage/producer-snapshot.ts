// Kafka's producer-state snapshot `<20-digit offset>.snapshot` (ProducerStateManager): a version
// int16 (1), then the ProducerSnapshot message (generated codec, schema version 1) whose first
// field is a CRC-32C of every byte after it, then one 46-byte entry per producer. kt's broker
// writes none yet; kt dump-log reads Kafka's.
import { messageCodec } from '../protocol/codec.js';
import type { ProducerSnapshot } from '../protocol/generated/types.js';
import { Reader } from '../protocol/primitives.js';
import { crc32c } from './crc32c.js';

export const PRODUCER_SNAPSHOT_VERSION = 1;
/** version int16 + crc uint32: the CRC covers everything after them. */
const PRODUCER_ENTRIES_OFFSET = 6;

/** A snapshot ProducerStateManager.readSnapshot refuses; the message is Kafka's. */
export class CorruptSnapshotError extends Error {}

/** Reads and checks a snapshot file's bytes; throws CorruptSnapshotError as Kafka's reader does. */
export function readProducerSnapshot(buf: Buffer): ProducerSnapshot {
  let version: number;
  let snapshot: ProducerSnapshot;
  try {
    version = new Reader(buf).int16();
    snapshot = messageCodec('ProducerSnapshot', PRODUCER_SNAPSHOT_VERSION).read(new Reader(buf, 2)) as unknown as ProducerSnapshot;
  } catch (e) {
    throw new CorruptSnapshotError(`Snapshot failed schema validation: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (version !== PRODUCER_SNAPSHOT_VERSION) throw new CorruptSnapshotError(`Snapshot contained an unknown file version ${version}`);
  const computed = crc32c(buf.subarray(PRODUCER_ENTRIES_OFFSET));
  if (snapshot.crc !== computed) throw new CorruptSnapshotError(`Snapshot is corrupt (CRC is no longer valid). Stored crc: ${snapshot.crc}. Computed crc: ${computed}`);
  return snapshot;
}
