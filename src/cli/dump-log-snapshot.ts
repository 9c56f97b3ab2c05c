// DumpLogSegments' producer-state snapshots (.snapshot) and aborted-transaction indexes
// (.txnindex). kt's broker writes neither yet; the dump reads Kafka's files.
import { existsSync, readFileSync } from 'node:fs';
import { messageCodec } from '../protocol/codec.js';
import type { ProducerSnapshot } from '../protocol/generated/types.js';
import { Reader } from '../protocol/primitives.js';
import { crc32c } from '../storage/crc32c.js';
import { JavaException, javaAbsolutePath, javaFileName, javaIoException, optionalLong, parseJavaLong } from './dump-log-java.js';
import type { Printer } from './dump-log-output.js';

const SNAPSHOT_VERSION = 1;
/** version int16 + crc uint32: the CRC-32C covers everything after them. */
const PRODUCER_ENTRIES_OFFSET = 6;
const INT_MAX = 2147483647;
const ABORTED_TXN_SIZE = 34;
const ABORTED_TXN_VERSION = 0;

function readAll(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw javaIoException(e, file);
  }
}

/** ProducerStateManager.readSnapshot's failures, which the tool prints on stderr and moves on. */
class CorruptSnapshot extends Error {}

function readProducerSnapshot(buf: Buffer): ProducerSnapshot {
  let version: number;
  let snapshot: ProducerSnapshot;
  try {
    version = new Reader(buf).int16();
    snapshot = messageCodec('ProducerSnapshot', SNAPSHOT_VERSION).read(new Reader(buf, 2)) as unknown as ProducerSnapshot;
  } catch (e) {
    throw new CorruptSnapshot(`Snapshot failed schema validation: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (version !== SNAPSHOT_VERSION) throw new CorruptSnapshot(`Snapshot contained an unknown file version ${version}`);
  const computed = crc32c(buf.subarray(PRODUCER_ENTRIES_OFFSET));
  if (snapshot.crc !== computed) throw new CorruptSnapshot(`Snapshot is corrupt (CRC is no longer valid). Stored crc: ${snapshot.crc}. Computed crc: ${computed}`);
  return snapshot;
}

/** DefaultRecordBatch.decrementSequence. */
function decrementSequence(sequence: number, decrement: number): number {
  if (sequence < decrement) return INT_MAX - (decrement - sequence) + 1;
  return sequence - decrement;
}

export async function dumpProducerIdSnapshot(out: Printer, file: string, stderr: (line: string) => Promise<void>): Promise<void> {
  let snapshot: ProducerSnapshot;
  try {
    snapshot = readProducerSnapshot(readAll(file));
  } catch (e) {
    if (!(e instanceof CorruptSnapshot)) throw e;
    return stderr(e.message);
  }
  for (const entry of snapshot.producerEntries) {
    const txnFirstOffset = entry.currentTxnFirstOffset >= 0n ? entry.currentTxnFirstOffset : null;
    out.print(
      `producerId: ${entry.producerId} producerEpoch: ${entry.epoch} coordinatorEpoch: ${entry.coordinatorEpoch} ` +
        `currentTxnFirstOffset: ${optionalLong(txnFirstOffset)} lastTimestamp: ${entry.timestamp} `,
    );
    // The last batch's metadata is only kept for producers that wrote data.
    if (entry.lastOffset >= 0n) {
      out.print(
        `firstSequence: ${decrementSequence(entry.lastSequence, entry.offsetDelta)} lastSequence: ${entry.lastSequence} ` +
          `lastOffset: ${entry.lastOffset} offsetDelta: ${entry.offsetDelta} timestamp: ${entry.timestamp}`,
      );
    }
    out.println();
    await out.maybeFlush();
  }
}

export async function dumpTxnIndex(out: Printer, file: string): Promise<void> {
  // UnifiedLog.offsetFromFile: the name up to its first dot must be a number.
  const name = javaFileName(file);
  parseJavaLong(name.slice(0, Math.max(0, name.indexOf('.'))));
  // A missing transaction index is an empty one.
  if (!existsSync(file)) return;
  const index = readAll(file);
  // Kafka reads every entry (allAbortedTxns) before printing any.
  const lines: string[] = [];
  for (let pos = 0; pos + ABORTED_TXN_SIZE <= index.length; pos += ABORTED_TXN_SIZE) {
    const version = index.readInt16BE(pos);
    if (version > ABORTED_TXN_VERSION) {
      throw new JavaException(
        'org.apache.kafka.common.KafkaException',
        `Unexpected aborted transaction version ${version} in transaction index ${javaAbsolutePath(file)}, current version is ${ABORTED_TXN_VERSION}`,
      );
    }
    lines.push(
      `version: ${version} producerId: ${index.readBigInt64BE(pos + 2)} firstOffset: ${index.readBigInt64BE(pos + 10)} ` +
        `lastOffset: ${index.readBigInt64BE(pos + 18)} lastStableOffset: ${index.readBigInt64BE(pos + 26)}`,
    );
  }
  for (const line of lines) {
    out.println(line);
    await out.maybeFlush();
  }
}
