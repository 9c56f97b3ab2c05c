// PartitionLog with producer state: duplicates answered with the original offsets, markers and
// the last stable offset, `.txnindex` bytes, `.snapshot` files at roll and close, and the state
// rebuilt after a clean or an unclean open.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { PartitionLog } from '../../../src/broker/log/partition-log.js';
import { ErrorCode, KafkaError } from '../../../src/protocol/errors.js';
import { encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { readProducerSnapshot } from '../../../src/storage/producer-snapshot.js';
import { describeBatches, listDir, makeTempDir, removeTempDirs, testConfig } from './batch-builder.js';

afterAll(removeTempDirs);

const T = 1_700_000_000_000;

function producerBatch(opts: { producerId: number; epoch?: number; sequence: number; count?: number; transactional?: boolean }): Buffer {
  const count = opts.count ?? 1;
  return encodeRecordBatch({
    records: Array.from({ length: count }, (_, i) => ({ timestamp: T + i, key: null, value: Buffer.from(`v${opts.sequence + i}`), headers: [] })),
    producerId: opts.producerId,
    producerEpoch: opts.epoch ?? 0,
    baseSequence: opts.sequence,
    isTransactional: opts.transactional ?? false,
  });
}

function appendClient(log: PartitionLog, batch: Buffer) {
  return log.append(batch, describeBatches(batch), { origin: 'client' });
}

function codeOf(fn: () => unknown): number {
  try {
    fn();
    return ErrorCode.NONE;
  } catch (err) {
    if (err instanceof KafkaError) return err.code;
    throw err;
  }
}

function open(dir: string, cleanShutdown: boolean, segmentBytes = 1024 * 1024) {
  return PartitionLog.open({ dir, topic: 't', partition: 0, config: testConfig({ segmentBytes }), cleanShutdown, now: () => T });
}

describe('PartitionLog producer state', () => {
  it('answers a retried batch with its original offsets and appends nothing', () => {
    const log = open(`${makeTempDir()}/t-0`, true);
    expect(appendClient(log, producerBatch({ producerId: 1, sequence: 0, count: 3 }))).toMatchObject({ firstOffset: 0, lastOffset: 2 });
    expect(appendClient(log, producerBatch({ producerId: 1, sequence: 3, count: 2 }))).toMatchObject({ firstOffset: 3, lastOffset: 4 });
    expect(appendClient(log, producerBatch({ producerId: 1, sequence: 0, count: 3 }))).toEqual({ firstOffset: 0, lastOffset: 2, logAppendTime: T, duplicateTimestamp: T + 2 });
    expect(log.logEndOffset).toBe(5);
    expect(codeOf(() => appendClient(log, producerBatch({ producerId: 1, sequence: 7 })))).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    expect(log.logEndOffset).toBe(5);
    log.close();
  });

  it('holds the last stable offset at an open transaction, writes the ABORT to .txnindex and lists it', () => {
    const dir = `${makeTempDir()}/t-0`;
    const log = open(dir, true);
    appendClient(log, producerBatch({ producerId: 1, sequence: 0, count: 2 })); // 0-1
    appendClient(log, producerBatch({ producerId: 9, sequence: 0, count: 3, transactional: true })); // 2-4
    expect(log.lastStableOffset).toBe(2);
    expect(log.highWatermark).toBe(5);
    log.appendEndTxnMarker({ producerId: 9, producerEpoch: 0, coordinatorEpoch: 4, isAbort: true }); // 5
    expect(log.lastStableOffset).toBe(6);
    expect(log.collectAbortedTransactions(0, 6)).toEqual([{ producerId: 9, firstOffset: 2, lastOffset: 5, lastStableOffset: 6 }]);
    expect(log.collectAbortedTransactions(6, 10)).toEqual([]);
    const entry = fs.readFileSync(`${dir}/00000000000000000000.txnindex`);
    expect(entry.toString('hex')).toBe('0000' + '0000000000000009' + '0000000000000002' + '0000000000000005' + '0000000000000006');
    // A stale epoch on a marker is refused before anything is written.
    appendClient(log, producerBatch({ producerId: 9, epoch: 1, sequence: 0, transactional: true })); // 6
    expect(codeOf(() => log.appendEndTxnMarker({ producerId: 9, producerEpoch: 0, coordinatorEpoch: 4, isAbort: false }))).toBe(ErrorCode.INVALID_PRODUCER_EPOCH);
    expect(codeOf(() => log.appendEndTxnMarker({ producerId: 9, producerEpoch: 1, coordinatorEpoch: 3, isAbort: false }))).toBe(ErrorCode.TRANSACTION_COORDINATOR_FENCED);
    expect(log.logEndOffset).toBe(7);
    log.appendEndTxnMarker({ producerId: 9, producerEpoch: 1, coordinatorEpoch: 4, isAbort: false }); // 7
    expect(log.lastStableOffset).toBe(8);
    expect(fs.readFileSync(`${dir}/00000000000000000000.txnindex`).length).toBe(34);
    log.close();
  });

  it('writes a snapshot at close and keeps deduplicating after a clean reopen', () => {
    const dir = `${makeTempDir()}/t-0`;
    const log = open(dir, true);
    appendClient(log, producerBatch({ producerId: 1, sequence: 0, count: 3 }));
    appendClient(log, producerBatch({ producerId: 2, sequence: 0, transactional: true }));
    log.close();
    expect(listDir(dir).filter((n) => n.endsWith('.snapshot'))).toEqual(['00000000000000000004.snapshot']);
    const snapshot = readProducerSnapshot(fs.readFileSync(`${dir}/00000000000000000004.snapshot`));
    expect(snapshot.producerEntries).toEqual([
      { producerId: 1n, epoch: 0, lastSequence: 2, lastOffset: 2n, offsetDelta: 2, timestamp: BigInt(T + 2), coordinatorEpoch: -1, currentTxnFirstOffset: -1n },
      { producerId: 2n, epoch: 0, lastSequence: 0, lastOffset: 3n, offsetDelta: 0, timestamp: BigInt(T), coordinatorEpoch: -1, currentTxnFirstOffset: 3n },
    ]);
    const reopened = open(dir, true);
    expect(reopened.lastStableOffset).toBe(3);
    expect(appendClient(reopened, producerBatch({ producerId: 1, sequence: 0, count: 3 }))).toMatchObject({ firstOffset: 0, lastOffset: 2, duplicateTimestamp: T + 2 });
    expect(codeOf(() => appendClient(reopened, producerBatch({ producerId: 1, sequence: 5 })))).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    reopened.close();
  });

  it('rebuilds the state and the .txnindex after an unclean stop from the roll snapshot and the log tail', () => {
    const dir = `${makeTempDir()}/t-0`;
    const batchSize = producerBatch({ producerId: 1, sequence: 0, count: 2 }).length;
    const log = open(dir, true, batchSize * 3);
    appendClient(log, producerBatch({ producerId: 1, sequence: 0, count: 2 })); // 0-1
    appendClient(log, producerBatch({ producerId: 1, sequence: 2, count: 2 })); // 2-3
    appendClient(log, producerBatch({ producerId: 1, sequence: 4, count: 2 })); // 4-5
    appendClient(log, producerBatch({ producerId: 1, sequence: 6, count: 2 })); // 6-7, rolls at 6
    appendClient(log, producerBatch({ producerId: 5, sequence: 0, count: 2, transactional: true })); // 8-9
    log.appendEndTxnMarker({ producerId: 5, producerEpoch: 0, coordinatorEpoch: 0, isAbort: true }); // 10
    appendClient(log, producerBatch({ producerId: 5, sequence: 2, transactional: true })); // 11, rolls at 11
    log.appendEndTxnMarker({ producerId: 5, producerEpoch: 0, coordinatorEpoch: 0, isAbort: true }); // 12
    appendClient(log, producerBatch({ producerId: 5, sequence: 3, transactional: true })); // 13, left open
    expect(log.segmentBaseOffsets).toEqual([0, 6, 11]);
    expect(listDir(dir).filter((n) => n.endsWith('.snapshot'))).toEqual(['00000000000000000006.snapshot', '00000000000000000011.snapshot']);
    // kill -9: no close, no snapshot at the log end; the last segment's .txnindex is lost too.
    fs.rmSync(`${dir}/00000000000000000011.txnindex`);
    const recovered = open(dir, false, batchSize * 3);
    expect(recovered.logEndOffset).toBe(14);
    expect(recovered.lastStableOffset).toBe(13);
    expect(recovered.collectAbortedTransactions(0, 14)).toEqual([
      { producerId: 5, firstOffset: 8, lastOffset: 10, lastStableOffset: 11 },
      { producerId: 5, firstOffset: 11, lastOffset: 12, lastStableOffset: 13 },
    ]);
    expect(fs.readFileSync(`${dir}/00000000000000000011.txnindex`).toString('hex')).toBe('0000' + '0000000000000005' + '000000000000000b' + '000000000000000c' + '000000000000000d');
    // The snapshot keeps each producer's last batch: its retry is still a duplicate.
    expect(appendClient(recovered, producerBatch({ producerId: 1, sequence: 6, count: 2 }))).toMatchObject({ firstOffset: 6, lastOffset: 7, duplicateTimestamp: T + 1 });
    expect(appendClient(recovered, producerBatch({ producerId: 5, sequence: 3, transactional: true }))).toMatchObject({ firstOffset: 13, duplicateTimestamp: T });
    expect(recovered.logEndOffset).toBe(14);
    recovered.close();
    log.close();
  });

  it('rebuilds the state from the first segment when an unclean stop left no snapshot', () => {
    const dir = `${makeTempDir()}/t-0`;
    const log = open(dir, true);
    appendClient(log, producerBatch({ producerId: 3, sequence: 0, count: 4 }));
    const recovered = open(dir, false);
    expect(appendClient(recovered, producerBatch({ producerId: 3, sequence: 0, count: 4 }))).toMatchObject({ firstOffset: 0, lastOffset: 3 });
    expect(codeOf(() => appendClient(recovered, producerBatch({ producerId: 3, sequence: 9 })))).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    recovered.close();
    log.close();
  });

  it('saturates int64 header values it read as numbers when writing a snapshot (Long.MAX producer id and timestamp)', () => {
    const dir = `${makeTempDir()}/t-0`;
    const log = open(dir, true);
    const batch = producerBatch({ producerId: 1, sequence: 0 });
    batch.writeBigInt64BE(0x7fffffffffffffffn, 43); // producerId
    batch.writeBigInt64BE(0x7fffffffffffffffn, 35); // maxTimestamp (PartitionLog.append does not check the CRC)
    log.append(batch, describeBatches(batch).map((b) => ({ ...b, maxTimestamp: 2 ** 63 })), { origin: 'client' });
    log.close();
    const [entry] = readProducerSnapshot(fs.readFileSync(`${dir}/00000000000000000001.snapshot`)).producerEntries;
    expect([entry!.producerId, entry!.timestamp]).toEqual([0x7fffffffffffffffn, 0x7fffffffffffffffn]);
  });

  it('writes a snapshot from the writeback once enough bytes were appended, keeping only the newest durable one', async () => {
    const dir = `${makeTempDir()}/t-0`;
    const log = PartitionLog.open({ dir, topic: 't', partition: 0, config: testConfig(), cleanShutdown: true, now: () => T, producerSnapshotIntervalBytes: 150 });
    const snapshots = () => listDir(dir).filter((n) => n.endsWith('.snapshot'));
    appendClient(log, producerBatch({ producerId: 1, sequence: 0, count: 2 })); // 0-1, under 150 bytes
    await log.writeBack();
    expect(snapshots()).toEqual([]);
    appendClient(log, producerBatch({ producerId: 1, sequence: 2, count: 2 })); // 2-3
    await log.writeBack();
    expect(snapshots()).toEqual(['00000000000000000004.snapshot']);
    appendClient(log, producerBatch({ producerId: 1, sequence: 4, count: 2 })); // 4-5
    appendClient(log, producerBatch({ producerId: 1, sequence: 6, count: 2 })); // 6-7
    await log.writeBack();
    expect(snapshots()).toEqual(['00000000000000000008.snapshot']);
    appendClient(log, producerBatch({ producerId: 1, sequence: 8, count: 2 })); // 8-9
    // kill -9: replayed from offset 8, the retry of 8-9 is still a duplicate.
    const recovered = open(dir, false);
    expect(appendClient(recovered, producerBatch({ producerId: 1, sequence: 8, count: 2 }))).toMatchObject({ firstOffset: 8, lastOffset: 9 });
    expect(recovered.logEndOffset).toBe(10);
    recovered.close();
    log.close();
  });

  it('writes no snapshot at close for a log that never saw a producer id', () => {
    const dir = `${makeTempDir()}/t-0`;
    const log = open(dir, true);
    const plain = encodeRecordBatch({ records: [{ timestamp: T, key: null, value: Buffer.from('x'), headers: [] }] });
    log.append(plain, describeBatches(plain));
    log.close();
    expect(listDir(dir).filter((n) => n.endsWith('.snapshot'))).toEqual([]);
  });
});
