// Compaction with transactions (Kafka's CleanedTransactionMetadata and checkBatchRetention):
// aborted records go and never shadow a key, markers stay until their transaction is empty and
// then for delete.retention.ms, each producer's last data batch stays (empty if need be), and
// nothing past an open transaction is cleaned.
import fs from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { PartitionLog } from '../../../../src/broker/log/partition-log.js';
import { encodeRecordBatch } from '../../../../src/protocol/records/record-batch.js';
import { removeTempDirs } from '../batch-builder.js';
import { describeBatches } from '../batch-builder.js';
import { T0, appendKV, cleanOnce, compactedConfig, newLogDir, openLog, readAll, readBatches } from './helpers.js';

const logs: PartitionLog[] = [];
afterEach(() => {
  for (const log of logs.splice(0)) log.close();
});
afterAll(removeTempDirs);

const DELETE_RETENTION_MS = 1000;

function appendTxn(log: PartitionLog, producerId: number, sequence: number, kvs: Array<[string, string]>, transactional = true) {
  const batch = encodeRecordBatch({
    records: kvs.map(([k, v]) => ({ timestamp: T0, key: Buffer.from(k), value: Buffer.from(v), headers: [] })),
    producerId,
    producerEpoch: 0,
    baseSequence: sequence,
    isTransactional: transactional,
  });
  return log.append(batch, describeBatches(batch), { origin: 'client' });
}

/** [base offset, control?, record count] of every batch served from the log start. */
function shape(log: PartitionLog) {
  return readBatches(log).map((b) => [b.baseOffset, b.isControl, b.recordCount]);
}

describe('Cleaner with transactions', () => {
  it('drops aborted data, keeps markers until their transaction is empty and then for delete.retention.ms, keeps producers\' last batches', async () => {
    // The log's clock is the records' (markers take it): no segment.ms roll between them.
    const log = openLog(newLogDir(), { config: compactedConfig({ deleteRetentionMs: DELETE_RETENTION_MS }), now: () => T0 });
    logs.push(log);
    appendTxn(log, 100, 0, [['k1', 'aborted1'], ['k2', 'aborted2']]); // 0-1
    log.appendEndTxnMarker({ producerId: 100, producerEpoch: 0, coordinatorEpoch: 0, isAbort: true }); // 2
    // Producer 100's last data batch is a later one: the aborted batch is not kept for it.
    appendTxn(log, 100, 2, [['k4', 'later']], false); // 3
    appendTxn(log, 200, 0, [['k1', 'committed']]); // 4
    log.appendEndTxnMarker({ producerId: 200, producerEpoch: 0, coordinatorEpoch: 0, isAbort: false }); // 5
    appendTxn(log, 300, 0, [['k3', 'old']], false); // 6, producer 300's last batch
    for (let i = 0; i < 40; i++) appendKV(log, [{ key: i === 0 ? 'k3' : `f${i % 4}`, value: `v${i}` }]); // 7..46
    expect(log.segmentBaseOffsets.length).toBeGreaterThan(2);
    const activeBase = log.segmentBaseOffsets.at(-1)!;

    await cleanOnce(log, T0);
    const afterFirst = readAll(log).filter((r) => r.offset < activeBase);
    // k1's aborted record never shadows the committed one; k2 only had aborted data.
    expect(afterFirst.find((r) => r.key === 'k1')).toEqual({ offset: 4, key: 'k1', value: 'committed' });
    expect(afterFirst.some((r) => r.key === 'k2')).toBe(false);
    // The ABORT marker stays (its data went in this pass) with its .txnindex entry in the cleaned
    // segment; the COMMIT marker stays (its record is kept); producer 300's batch stays empty.
    expect(shape(log).slice(0, 5)).toEqual([
      [2, true, 1],
      [3, false, 1],
      [4, false, 1],
      [5, true, 1],
      [6, false, 0],
    ]);
    expect(log.collectAbortedTransactions(0, activeBase)).toEqual([{ producerId: 100, firstOffset: 0, lastOffset: 2, lastStableOffset: 3 }]);
    expect(fs.readFileSync(`${log.dir}/00000000000000000000.txnindex`).length).toBe(34);

    // Next pass: the abort's transaction is empty, so the marker gets a delete horizon ...
    await cleanOnce(log, T0 + 10);
    const marker = readBatches(log)[0]!;
    expect([marker.baseOffset, marker.isControl, marker.hasDeleteHorizon, marker.baseTimestamp]).toEqual([2, true, true, T0 + 10 + DELETE_RETENTION_MS]);
    // ... and a pass after the horizon drops it.
    await cleanOnce(log, T0 + 10 + DELETE_RETENTION_MS);
    expect(shape(log).slice(0, 4)).toEqual([
      [3, false, 1],
      [4, false, 1],
      [5, true, 1],
      [6, false, 0],
    ]);
    // The COMMIT marker stays while its transaction's record does.
    expect(readAll(log).find((r) => r.key === 'k1')).toEqual({ offset: 4, key: 'k1', value: 'committed' });
  });

  it('cleans nothing at or past the first offset of an open transaction', async () => {
    const log = openLog(newLogDir());
    logs.push(log);
    for (let i = 0; i < 10; i++) appendKV(log, [{ key: 'k', value: `v${i}` }]);
    appendTxn(log, 400, 0, [['k', 'open']]);
    const openAt = log.logEndOffset - 1;
    for (let i = 0; i < 30; i++) appendKV(log, [{ key: 'k', value: `w${i}` }]);
    const { toClean } = await cleanOnce(log, T0);
    expect(log.lastStableOffset).toBe(openAt);
    // Aligned down to the base of the segment holding the open transaction's first offset.
    const holding = log.segmentBaseOffsets.filter((b) => b <= openAt).at(-1)!;
    expect(toClean.firstUncleanableOffset).toBe(holding);
    expect(readAll(log).some((r) => r.value === 'open')).toBe(true);
  });
});
