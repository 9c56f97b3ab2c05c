// What cleaning keeps of one batch (Kafka's Cleaner.cleanInto filter + MemoryRecords.filterTo):
// a record survives when it is past the offset map, or is the latest record of its key and
// either has a value or is a tombstone whose batch delete horizon has not passed. A batch whose
// records all survive is copied byte for byte, unless it holds a tombstone and has no delete
// horizon yet: then it is rewritten with horizon = now + delete.retention.ms, and a later clean
// after that time drops the tombstone. A batch left empty is dropped, except the batch that ends
// the cleaning round (kept as an empty header so the last offset stays known).
import { batchFacts, buildEmptyBatch, buildRetainedBatch, decodeRecordAt, recordsArea, scanRecords } from './batch-records.js';
import { hashKey, type OffsetMap } from './offset-map.js';

export interface FilterContext {
  map: OffsetMap;
  /** The clean's start time: horizons are compared with it and new ones start from it. */
  now: number;
  deleteRetentionMs: number;
  /** The round's first uncleanable offset: the batch ending just before it is never dropped. */
  upperBoundOffsetOfRound: number;
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
  // No transactions in kt, so no aborted data and no marker can be discarded: a control batch
  // is kept as it is (Kafka keeps markers until their transaction's records are gone).
  if (facts.isControl) return { output: batch, recordsRead: facts.recordCount, recordsRetained: facts.recordCount, invalidRecords: 0 };

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
  if (facts.lastOffset + 1 === ctx.upperBoundOffsetOfRound) return { output: buildEmptyBatch(facts), ...result };
  return { output: null, ...result };
}
