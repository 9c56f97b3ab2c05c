import { describe, expect, it } from 'vitest';
import {
  ControlRecordType,
  decodeControlRecordKey,
  decodeEndTxnMarkerValue,
  encodeControlBatch,
  encodeControlRecordKey,
  encodeEndTxnMarkerValue,
  readEndTxnMarker,
} from '../../../src/protocol/records/control.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';

describe('control records', () => {
  it('encodes keys and marker values byte for byte', () => {
    expect(encodeControlRecordKey(ControlRecordType.Commit).toString('hex')).toBe('00000001');
    expect(encodeControlRecordKey(ControlRecordType.Abort).toString('hex')).toBe('00000000');
    expect(encodeEndTxnMarkerValue(7).toString('hex')).toBe('000000000007');
  });

  it('reads newer versions as v0 and ignores extra value bytes, rejects short or negative', () => {
    expect(decodeControlRecordKey(Buffer.from('00050001ffff', 'hex'))).toEqual({ version: 5, type: 1 });
    expect(decodeEndTxnMarkerValue(Buffer.from('000100000009ffff', 'hex'))).toEqual({ version: 1, coordinatorEpoch: 9 });
    expect(() => decodeControlRecordKey(Buffer.from('0000', 'hex'))).toThrow(RangeError);
    expect(() => decodeControlRecordKey(Buffer.from('ffff0001', 'hex'))).toThrow(RangeError);
    expect(() => decodeEndTxnMarkerValue(Buffer.from('00000000', 'hex'))).toThrow(RangeError);
  });

  it('round-trips a COMMIT and an ABORT control batch', () => {
    for (const type of [ControlRecordType.Commit, ControlRecordType.Abort] as const) {
      const batch = encodeControlBatch({ type, producerId: 4001, producerEpoch: 2, coordinatorEpoch: 11, timestamp: 1_700_000_000_000, baseOffset: 55, partitionLeaderEpoch: 3 });
      expect(batch.readInt16BE(21)).toBe(0x30);
      const [decoded] = decodeRecordBatches(batch);
      expect(decoded).toMatchObject({
        baseOffset: 55,
        lastOffset: 55,
        isControl: true,
        isTransactional: true,
        producerId: 4001,
        producerEpoch: 2,
        baseSequence: -1,
        partitionLeaderEpoch: 3,
        recordCount: 1,
      });
      expect(decoded!.records[0]!.timestamp).toBe(1_700_000_000_000);
      expect(readEndTxnMarker(decoded!)).toEqual({ type, coordinatorEpoch: 11 });
    }
  });

  it('returns null for data batches and non-transaction control types', () => {
    const [data] = decodeRecordBatches(encodeRecordBatch({ records: [{ timestamp: 1, key: null, value: Buffer.from('x') }] }));
    expect(readEndTxnMarker(data!)).toBeNull();
    const [leaderChange] = decodeRecordBatches(
      encodeRecordBatch({ records: [{ timestamp: 1, key: encodeControlRecordKey(ControlRecordType.LeaderChange), value: Buffer.alloc(0) }], isControl: true, isTransactional: true }),
    );
    expect(readEndTxnMarker(leaderChange!)).toBeNull();
  });
});
