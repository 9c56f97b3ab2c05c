// Rebuilding a partition's producer state from its log (Kafka's rebuildProducerState /
// loadProducersFromRecords): from a snapshot's offset to the log end, batch headers only, with
// control batches read whole for their marker; the `.txnindex` entries of the markers passed are
// rewritten. Also the one step after a marker: an aborted transaction gets its `.txnindex` entry.
import { ATTRIBUTES, CONTROL_FLAG_MASK, PRODUCER_EPOCH, PRODUCER_ID, baseOffsetAt, lastOffsetAt, maxTimestampAt } from '../../storage/batch-header.js';
import { readInt64Number } from '../../protocol/records/int64.js';
import { ControlRecordType, readEndTxnMarker } from '../../protocol/records/control.js';
import { decodeRecordBatches } from '../../protocol/records/record-batch.js';
import { producerBatchAt, type CompletedTxn, type ProducerStateManager } from '../txn/producer-state.js';
import type { LogSegment } from './segment.js';

/**
 * Replays the batches whose last offset is in [from, end) into `state`, starting in
 * segments[first] (the segment holding `from`). The `.txnindex` entries at or past `from` are
 * dropped first and written again as the markers come.
 */
export function replayProducerState(segments: readonly LogSegment[], first: number, from: number, end: number, state: ProducerStateManager, indexIntervalBytes: number): void {
  for (let i = first; i < segments.length; i++) segments[i]!.txnIndex.truncateFrom(from);
  for (let i = first; i < segments.length; i++) {
    const segment = segments[i]!;
    segment.ensureIndexes(indexIntervalBytes);
    const cursor = segment.cursor(i === first ? segment.offsetIndex.lookup(from).position : 0);
    while (cursor.next()) {
      const header = cursor.loadedBytes();
      const lastOffset = lastOffsetAt(header);
      if (lastOffset < from || lastOffset >= end) continue;
      const producerId = readInt64Number(header, PRODUCER_ID);
      if (producerId < 0) continue;
      const attributes = header.readInt16BE(ATTRIBUTES);
      const producerEpoch = header.readInt16BE(PRODUCER_EPOCH);
      if ((attributes & CONTROL_FLAG_MASK) !== 0) {
        const marker = readMarker(segment, cursor.position, cursor.size);
        if (marker === null) continue;
        const prepared = state.prepareMarker(
          { producerId, producerEpoch, coordinatorEpoch: marker.coordinatorEpoch, isAbort: marker.isAbort, offset: baseOffsetAt(header), timestamp: maxTimestampAt(header) },
          'replay',
        );
        completeTxn(state.commitMarker(prepared), segment);
        continue;
      }
      const batch = producerBatchAt(header, 0, baseOffsetAt(header), lastOffset, maxTimestampAt(header))!;
      const prepared = state.prepareAppend([batch], 'replay');
      if (prepared.duplicate === null) state.commitAppend(prepared, lastOffset + 1);
    }
  }
}

/** The COMMIT/ABORT marker of a control batch, or null for another control record type (or a malformed one). */
function readMarker(segment: LogSegment, position: number, size: number): { isAbort: boolean; coordinatorEpoch: number } | null {
  const bytes = Buffer.allocUnsafe(size);
  segment.readInto(bytes, 0, position, size);
  const batch = decodeRecordBatches(bytes, { verifyCrc: false })[0];
  if (batch === undefined) return null;
  let marker;
  try {
    marker = readEndTxnMarker(batch);
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
  return marker === null ? null : { isAbort: marker.type === ControlRecordType.Abort, coordinatorEpoch: marker.coordinatorEpoch };
}

/** Kafka's per-completed-transaction step: an aborted one gets its `.txnindex` entry in the marker's segment. */
export function completeTxn(done: { completed: CompletedTxn; lastStableOffset: number }, segment: LogSegment): void {
  const { completed, lastStableOffset } = done;
  if (!completed.isAborted) return;
  segment.txnIndex.append({ producerId: completed.producerId, firstOffset: completed.firstOffset, lastOffset: completed.lastOffset, lastStableOffset });
}
