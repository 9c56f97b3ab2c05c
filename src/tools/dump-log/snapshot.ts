// DumpLogSegments' producer-state snapshots (.snapshot) and aborted-transaction indexes
// (.txnindex), printed as Kafka prints them; the formats are
// src/storage/producer-snapshot.ts and transaction-index.ts.
import { existsSync, readFileSync } from 'node:fs';
import type { ProducerSnapshot } from '../../protocol/generated/types.js';
import { indexEntryCount } from '../../storage/index-formats.js';
import { CorruptSnapshotError, readProducerSnapshot } from '../../storage/producer-snapshot.js';
import { ABORTED_TXN_ENTRY_SIZE, ABORTED_TXN_VERSION, readAbortedTxn } from '../../storage/transaction-index.js';
import { JavaException, javaAbsolutePath, javaFileName, javaIoException, optionalLong, parseJavaLong } from './java.js';
import type { Printer } from './output.js';

const INT_MAX = 2147483647;

function readAll(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw javaIoException(e, file);
  }
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
    if (!(e instanceof CorruptSnapshotError)) throw e;
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
  for (let slot = 0; slot < indexEntryCount(index.length, ABORTED_TXN_ENTRY_SIZE); slot++) {
    const entry = readAbortedTxn(index, slot);
    if (entry.version > ABORTED_TXN_VERSION) {
      throw new JavaException(
        'org.apache.kafka.common.KafkaException',
        `Unexpected aborted transaction version ${entry.version} in transaction index ${javaAbsolutePath(file)}, current version is ${ABORTED_TXN_VERSION}`,
      );
    }
    lines.push(
      `version: ${entry.version} producerId: ${entry.producerId} firstOffset: ${entry.firstOffset} ` +
        `lastOffset: ${entry.lastOffset} lastStableOffset: ${entry.lastStableOffset}`,
    );
  }
  for (const line of lines) {
    out.println(line);
    await out.maybeFlush();
  }
}
