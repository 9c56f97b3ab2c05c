// What cleaning keeps of one batch (Kafka's Cleaner.cleanInto filter + MemoryRecords.filterTo):
// a record survives when it is past the offset map, or is the latest record of its key and
// either has a value or is a tombstone whose batch delete horizon has not passed. A batch whose
// records all survive is copied byte for byte, unless it holds a tombstone and has no delete
// horizon yet: then it is rewritten with horizon = now + delete.retention.ms, and a later clean
// after that time drops the tombstone. A batch left empty is dropped, except the batch that ends
// the cleaning round (kept as an empty header so the last offset stays known).
// Transactions (Kafka's checkBatchRetention): a batch of an aborted transaction is dropped whole;
// a COMMIT/ABORT marker whose transaction has no batch left is first kept with a delete horizon
// (now + delete.retention.ms, so read_committed consumers still see it for that long), then
// dropped by a clean after the horizon; the batch holding the last data offset of an active
// producer is never dropped (kept empty if its records go), so the producer's sequence state
// survives a restart.
import { decodeControlRecordKey, ControlRecordType } from '../../../protocol/records/control.js';
import { decodeRecordBatches } from '../../../protocol/records/record-batch.js';
import { batchFacts, buildEmptyBatch, buildRetainedBatch, decodeRecordAt, recordsArea, scanRecords, type BatchFacts } from './batch-records.js';
import { hashKey, type OffsetMap } from './offset-map.js';
import type { CleanedTransactionMetadata } from './txn-metadata.js';

export interface FilterContext {
  map: OffsetMap;
  /** The clean's start time: horizons are compared with it and new ones start from it. */
  now: number;
  deleteRetentionMs: number;
  /** The round's first uncleanable offset: the batch ending just before it is never dropped. */
  upperBoundOffsetOfRound: number;
  /** The transactions seen so far in this pass (absent: no transaction handling). */
  txn?: CleanedTransactionMetadata;
  /** Producer id -> offset of its last data batch's last record (Kafka's lastOffsetOfActiveProducers). */
  lastOffsetOfActiveProducers?: ReadonlyMap<number, number>;
}

export interface FilterResult {
  /** What to write in place of the batch (possibly the input itself), or null to drop it. */
  output: Buffer | null;
  recordsRead: number;
  recordsRetained: number;
  /** Records without a key (never valid in a compacted log; Kafka drops and counts them). */
  invalidRecords: number;
}

export async function filterBatch(batch: Buffer, ctx: FilterContext): Promise<FilterResult> {
  const facts = batchFacts(batch);
  const retainEmpty = facts.producerId >= 0 && ctx.lastOffsetOfActiveProducers?.get(facts.producerId) === facts.lastOffset;
  if (facts.isControl) return filterControlBatch(batch, facts, ctx);
  if (ctx.txn?.onBatchRead(facts.producerId, facts.isTransactional, facts.lastOffset)) {
    // Aborted data: dropped whole.
    return { output: retainEmpty ? buildEmptyBatch(facts) : null, recordsRead: facts.recordCount, recordsRetained: 0, invalidRecords: 0 };
  }

  const records = await recordsArea(batch, facts);
  const retainedStarts: number[] = [];
  let recordsRead = 0;
  let invalidRecords = 0;
  let containsTombstones = false;
  const horizon = facts.deleteHorizonMs;
  const retainDeletes = horizon === null || ctx.now < horizon;
  scanRecords(records, facts, (record) => {
    recordsRead++;
    let keep: boolean;
    if (record.offset > ctx.map.latestOffset) {
      keep = true;
    } else if (record.key === null) {
      invalidRecords++;
      keep = false;
    } else {
      const latestForKey = record.offset >= ctx.map.get(hashKey(record.key));
      keep = latestForKey && (!record.isTombstone || retainDeletes);
    }
    if (keep) {
      retainedStarts.push(record.start);
      if (record.isTombstone) containsTombstones = true;
    }
    return true;
  });

  const result = { recordsRead, recordsRetained: retainedStarts.length, invalidRecords };
  if (retainedStarts.length > 0) {
    const needsHorizon = containsTombstones && horizon === null;
    if (retainedStarts.length === recordsRead && !needsHorizon) return { output: batch, ...result };
    const newHorizon = needsHorizon ? ctx.now + ctx.deleteRetentionMs : (horizon ?? -1);
    const retained = retainedStarts.map((start) => decodeRecordAt(records, start, facts));
    return { output: await buildRetainedBatch(facts, retained, newHorizon), ...result };
  }
  if (retainEmpty || facts.lastOffset + 1 === ctx.upperBoundOffsetOfRound) return { output: buildEmptyBatch(facts), ...result };
  return { output: null, ...result };
}

/** A control batch: kept, kept with a new delete horizon, or dropped once its horizon passed. */
async function filterControlBatch(batch: Buffer, facts: BatchFacts, ctx: FilterContext): Promise<FilterResult> {
  const kept = { output: batch, recordsRead: facts.recordCount, recordsRetained: facts.recordCount, invalidRecords: 0 };
  if (ctx.txn === undefined) return kept;
  const canDiscard = ctx.txn.onControlBatchRead(facts.producerId, markerIsAbort(batch), facts.lastOffset);
  if (!canDiscard) return kept;
  const horizon = facts.deleteHorizonMs;
  if (horizon !== null && horizon <= ctx.now) {
    if (facts.lastOffset + 1 === ctx.upperBoundOffsetOfRound) return { output: buildEmptyBatch(facts), recordsRead: facts.recordCount, recordsRetained: 0, invalidRecords: 0 };
    return { output: null, recordsRead: facts.recordCount, recordsRetained: 0, invalidRecords: 0 };
  }
  if (horizon !== null) return kept;
  // First clean that finds the marker's transaction empty: the horizon starts now.
  const records = await recordsArea(batch, facts);
  const retained: ReturnType<typeof decodeRecordAt>[] = [];
  scanRecords(records, facts, (record) => {
    retained.push(decodeRecordAt(records, record.start, facts));
    return true;
  });
  return { ...kept, output: await buildRetainedBatch(facts, retained, ctx.now + ctx.deleteRetentionMs) };
}

/** The marker's type: true for ABORT, false for COMMIT, null for any other control record. */
export function markerIsAbort(batch: Buffer): boolean | null {
  const key = decodeRecordBatches(batch, { verifyCrc: false })[0]?.records[0]?.key;
  if (!key) return null;
  const type = decodeControlRecordKey(key).type;
  if (type === ControlRecordType.Abort) return true;
  if (type === ControlRecordType.Commit) return false;
  return null;
}
