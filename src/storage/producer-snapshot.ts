// Kafka's producer-state snapshot `<20-digit offset>.snapshot` (ProducerStateManager): a version
// int16 (1), then the ProducerSnapshot message (generated codec, schema version 1) whose first
// field is a CRC-32C of every byte after it, then one 46-byte entry per producer. The broker
// writes them (src/broker/txn/producer-state-snapshots.ts); kt dump-log reads them and Kafka's.
import { messageCodec } from '../protocol/codec.js';
import type { ProducerSnapshot, ProducerSnapshotProducerEntry } from '../protocol/generated/types.js';
import { Reader, Writer } from '../protocol/primitives.js';
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

/** The bytes of a snapshot holding `entries`, CRC sealed (Kafka's ProducerStateManager.writeSnapshot). */
export function encodeProducerSnapshot(entries: readonly ProducerSnapshotProducerEntry[]): Buffer {
  const w = new Writer(PRODUCER_ENTRIES_OFFSET + 4 + entries.length * 46);
  w.int16(PRODUCER_SNAPSHOT_VERSION);
  messageCodec('ProducerSnapshot', PRODUCER_SNAPSHOT_VERSION).write(w, { crc: 0, producerEntries: entries });
  const buf = w.toBuffer();
  buf.writeUInt32BE(crc32c(buf.subarray(PRODUCER_ENTRIES_OFFSET)), 2);
  return buf;
}
