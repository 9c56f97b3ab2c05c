// ProducerStateManager: every sequence and epoch rule of Kafka's ProducerAppendInfo with its
// error code, duplicates, transactions and the last stable offset, snapshots entries.
import { describe, expect, it } from 'vitest';
import { ErrorCode, KafkaError } from '../../../src/protocol/errors.js';
import { ProducerStateManager, type AppendOrigin, type ProducerBatch } from '../../../src/broker/txn/producer-state.js';

const PID = 1000;

function batch(fields: Partial<ProducerBatch> & { firstOffset: number; count?: number }): ProducerBatch {
  const count = fields.count ?? 1;
  return {
    producerId: PID,
    producerEpoch: 0,
    baseSequence: 0,
    lastOffset: fields.firstOffset + count - 1,
    maxTimestamp: 1_700_000_000_000,
    isTransactional: false,
    ...fields,
  };
}

/** Prepares and commits one batch; returns the error code (NONE) or 'duplicate'. */
function append(state: ProducerStateManager, b: ProducerBatch, origin: AppendOrigin = 'client'): number | 'duplicate' {
  try {
    const prepared = state.prepareAppend([b], origin);
    if (prepared.duplicate !== null) return 'duplicate';
    state.commitAppend(prepared, b.lastOffset + 1);
    return ErrorCode.NONE;
  } catch (err) {
    if (err instanceof KafkaError) return err.code;
    throw err;
  }
}

function marker(state: ProducerStateManager, m: { producerEpoch?: number; coordinatorEpoch?: number; isAbort: boolean; offset: number }) {
  const prepared = state.prepareMarker({ producerId: PID, producerEpoch: m.producerEpoch ?? 0, coordinatorEpoch: m.coordinatorEpoch ?? 0, isAbort: m.isAbort, offset: m.offset, timestamp: 1 }, 'coordinator');
  return state.commitMarker(prepared);
}

const newState = () => new ProducerStateManager('t-0', 86_400_000);

describe('ProducerStateManager sequence and epoch checks', () => {
  it('accepts any first sequence from an unknown producer (KIP-360), then only the next one', () => {
    const state = newState();
    expect(append(state, batch({ firstOffset: 0, baseSequence: 17, count: 3 }))).toBe(ErrorCode.NONE);
    expect(state.producers.get(PID)!.lastSeq).toBe(19);
    expect(append(state, batch({ firstOffset: 3, baseSequence: 21 }))).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    expect(append(state, batch({ firstOffset: 3, baseSequence: 19 }))).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    expect(append(state, batch({ firstOffset: 3, baseSequence: 20 }))).toBe(ErrorCode.NONE);
  });

  it('answers a retry of any of the last 5 batches as a duplicate, an older one as out of order', () => {
    const state = newState();
    for (let i = 0; i < 6; i++) expect(append(state, batch({ firstOffset: i * 2, baseSequence: i * 2, count: 2 }))).toBe(ErrorCode.NONE);
    // Batches 1..5 (sequences 2..11) are retained; batch 0 (sequences 0-1) is gone.
    const prepared = state.prepareAppend([batch({ firstOffset: 100, baseSequence: 2, count: 2 })], 'client');
    expect(prepared.duplicate).toEqual({ lastSeq: 3, lastOffset: 3, offsetDelta: 1, timestamp: 1_700_000_000_000 });
    expect(append(state, batch({ firstOffset: 100, baseSequence: 10, count: 2 }))).toBe('duplicate');
    expect(append(state, batch({ firstOffset: 100, baseSequence: 0, count: 2 }))).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    // Same first sequence, different length: not a duplicate, and out of order.
    expect(append(state, batch({ firstOffset: 100, baseSequence: 10, count: 1 }))).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
  });

  it('refuses a stale epoch with INVALID_PRODUCER_EPOCH and a new epoch not starting at 0 with OUT_OF_ORDER_SEQUENCE_NUMBER', () => {
    const state = newState();
    expect(append(state, batch({ firstOffset: 0, producerEpoch: 3, baseSequence: 0 }))).toBe(ErrorCode.NONE);
    expect(append(state, batch({ firstOffset: 1, producerEpoch: 2, baseSequence: 1 }))).toBe(ErrorCode.INVALID_PRODUCER_EPOCH);
    expect(append(state, batch({ firstOffset: 1, producerEpoch: 4, baseSequence: 5 }))).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    expect(append(state, batch({ firstOffset: 1, producerEpoch: 4, baseSequence: 0 }))).toBe(ErrorCode.NONE);
    expect(state.producers.get(PID)!.producerEpoch).toBe(4);
    // A duplicate needs the same epoch: the old epoch's batch is not one any more.
    expect(append(state, batch({ firstOffset: 2, producerEpoch: 3, baseSequence: 0 }))).toBe(ErrorCode.INVALID_PRODUCER_EPOCH);
  });

  it('wraps sequences at Int32.MAX', () => {
    const state = newState();
    expect(append(state, batch({ firstOffset: 0, baseSequence: 0x7ffffffe, count: 2 }))).toBe(ErrorCode.NONE);
    expect(state.producers.get(PID)!.lastSeq).toBe(0x7fffffff);
    expect(append(state, batch({ firstOffset: 2, baseSequence: 0, count: 1 }))).toBe(ErrorCode.NONE);
  });

  it('checks epochs but not sequences for coordinator appends, nothing on replay', () => {
    const state = newState();
    expect(append(state, batch({ firstOffset: 0, producerEpoch: 2, baseSequence: 0 }), 'coordinator')).toBe(ErrorCode.NONE);
    expect(append(state, batch({ firstOffset: 1, producerEpoch: 2, baseSequence: 9 }), 'coordinator')).toBe(ErrorCode.NONE);
    expect(append(state, batch({ firstOffset: 2, producerEpoch: 1, baseSequence: 10 }), 'coordinator')).toBe(ErrorCode.INVALID_PRODUCER_EPOCH);
    expect(append(state, batch({ firstOffset: 2, producerEpoch: 1, baseSequence: 10 }), 'replay')).toBe(ErrorCode.NONE);
  });

  it('leaves the state untouched when an append is refused', () => {
    const state = newState();
    append(state, batch({ firstOffset: 0, baseSequence: 0, count: 2 }));
    const before = JSON.stringify(state.snapshotEntries(), (_, v) => (typeof v === 'bigint' ? v.toString() : v));
    expect(append(state, batch({ firstOffset: 2, baseSequence: 7 }))).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    expect(JSON.stringify(state.snapshotEntries(), (_, v) => (typeof v === 'bigint' ? v.toString() : v))).toBe(before);
  });
});

describe('ProducerStateManager transactions', () => {
  it('tracks the first offset of an ongoing transaction as the first unstable offset; a marker completes it', () => {
    const state = newState();
    expect(state.firstUnstableOffset).toBeUndefined();
    expect(append(state, batch({ firstOffset: 5, count: 2, isTransactional: true }))).toBe(ErrorCode.NONE);
    expect(append(state, batch({ firstOffset: 7, baseSequence: 2, isTransactional: true }))).toBe(ErrorCode.NONE);
    expect(state.firstUnstableOffset).toBe(5);
    expect(state.producers.get(PID)!.currentTxnFirstOffset).toBe(5);
    // A non-transactional write while a transaction is open: INVALID_TXN_STATE.
    expect(append(state, batch({ firstOffset: 8, baseSequence: 3 }))).toBe(ErrorCode.INVALID_TXN_STATE);
    const done = marker(state, { isAbort: true, offset: 8 });
    expect(done).toEqual({ completed: { producerId: PID, firstOffset: 5, lastOffset: 8, isAborted: true }, lastStableOffset: 9 });
    expect(state.firstUnstableOffset).toBeUndefined();
    expect(state.producers.get(PID)!.currentTxnFirstOffset).toBe(-1);
  });

  it('records as last stable offset the first offset of the earliest other ongoing transaction', () => {
    const state = newState();
    append(state, batch({ firstOffset: 0, isTransactional: true }));
    append(state, batch({ producerId: 2000, firstOffset: 1, isTransactional: true }));
    expect(marker(state, { isAbort: true, offset: 2 }).lastStableOffset).toBe(1);
    expect(state.firstUnstableOffset).toBe(1);
  });

  it('fences markers: stale producer epoch INVALID_PRODUCER_EPOCH, older coordinator epoch TRANSACTION_COORDINATOR_FENCED', () => {
    const state = newState();
    append(state, batch({ firstOffset: 0, producerEpoch: 5, isTransactional: true }));
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
        return ErrorCode.NONE;
      } catch (err) {
        return (err as KafkaError).code;
      }
    };
    expect(codeOf(() => state.prepareMarker({ producerId: PID, producerEpoch: 4, coordinatorEpoch: 0, isAbort: false, offset: 1, timestamp: 1 }, 'coordinator'))).toBe(ErrorCode.INVALID_PRODUCER_EPOCH);
    marker(state, { producerEpoch: 5, coordinatorEpoch: 3, isAbort: false, offset: 1 });
    expect(codeOf(() => state.prepareMarker({ producerId: PID, producerEpoch: 5, coordinatorEpoch: 2, isAbort: false, offset: 2, timestamp: 1 }, 'coordinator'))).toBe(ErrorCode.TRANSACTION_COORDINATOR_FENCED);
  });

  it('a marker without an ongoing transaction completes an empty one at the marker', () => {
    const state = newState();
    expect(marker(state, { isAbort: true, offset: 10 }).completed).toEqual({ producerId: PID, firstOffset: 10, lastOffset: 10, isAborted: true });
  });
});

describe('ProducerStateManager snapshots and expiry', () => {
  it('round-trips the last batch of each producer and the ongoing transactions', () => {
    const state = newState();
    append(state, batch({ firstOffset: 0, baseSequence: 0, count: 3 }));
    append(state, batch({ producerId: 7, producerEpoch: 2, firstOffset: 3, isTransactional: true }));
    const loaded = newState();
    loaded.loadSnapshot(state.snapshotEntries(), 4, 1_700_000_000_001);
    expect(loaded.firstUnstableOffset).toBe(3);
    expect(loaded.mapEndOffset).toBe(4);
    expect(loaded.prepareAppend([batch({ firstOffset: 9, baseSequence: 0, count: 3 })], 'client').duplicate).toEqual({ lastSeq: 2, lastOffset: 2, offsetDelta: 2, timestamp: 1_700_000_000_000 });
    expect(append(loaded, batch({ firstOffset: 9, baseSequence: 3 }))).toBe(ErrorCode.NONE);
  });

  it('forgets producers idle for producer.id.expiration.ms unless a transaction is open', () => {
    const state = new ProducerStateManager('t-0', 1000);
    append(state, batch({ firstOffset: 0, maxTimestamp: 10_000 }));
    append(state, batch({ producerId: 7, firstOffset: 1, maxTimestamp: 10_000, isTransactional: true }));
    expect(state.removeExpiredProducers(10_999)).toBe(0);
    expect(state.removeExpiredProducers(11_000)).toBe(1);
    expect([...state.producers.keys()]).toEqual([7]);
  });
});
