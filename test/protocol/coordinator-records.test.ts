import { describe, expect, it } from 'vitest';
import {
  OFFSETS_RECORD_TYPES,
  decodeConsumerAssignment,
  decodeConsumerSubscription,
  decodeData,
  decodeOffsetsRecordKey,
  decodeOffsetsRecordValue,
  decodeTransactionLogKey,
  decodeTransactionLogValue,
  decodeVersioned,
  encodeConsumerAssignment,
  encodeConsumerSubscription,
  encodeData,
  encodeOffsetsRecordKey,
  encodeOffsetsRecordValue,
  encodeTransactionLogKey,
  encodeTransactionLogValue,
  encodeVersioned,
} from '../../src/protocol/coordinator-records.js';
import { ProtocolError } from '../../src/protocol/errors.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('consumer protocol subscription/assignment', () => {
  it('encodes a v0 subscription as kafkajs and old Java clients do', () => {
    const buf = encodeConsumerSubscription({ topics: ['t'] }, 0);
    expect(buf.toString('hex')).toBe('0000' + '00000001 0001 74'.replace(/ /g, '') + 'ffffffff');
    expect(decodeConsumerSubscription(buf)).toEqual({
      version: 0,
      value: { topics: ['t'], userData: null, ownedPartitions: [], generationId: -1, rackId: null },
    });
  });

  it('encodes at the newest version by default (v3: owned partitions, generation, rack)', () => {
    const value = { topics: ['a', 'b'], userData: Buffer.from('ud'), ownedPartitions: [{ topic: 'a', partitions: [0, 2] }], generationId: 5, rackId: 'r1' };
    const buf = encodeConsumerSubscription(value);
    expect(buf.readInt16BE(0)).toBe(3);
    expect(buf.toString('hex')).toBe(
      hex(`0003
        00000002 0001 61 0001 62
        00000002 7564
        00000001 0001 61 00000002 00000000 00000002
        00000005
        0002 7231`).toString('hex'),
    );
    expect(decodeConsumerSubscription(buf)).toEqual({ version: 3, value });
  });

  it('decodes a newer version with the newest known layout, ignoring appended fields', () => {
    const v3 = encodeConsumerSubscription({ topics: ['t'], rackId: 'r' });
    const v9 = Buffer.concat([hex('0009'), v3.subarray(2), hex('deadbeef')]);
    expect(decodeConsumerSubscription(v9)).toEqual({ version: 9, value: { topics: ['t'], userData: null, ownedPartitions: [], generationId: -1, rackId: 'r' } });
    // At a known version, leftover bytes mean the data is corrupt.
    expect(() => decodeConsumerSubscription(Buffer.concat([v3, hex('00')]))).toThrow(ProtocolError);
  });

  it('round-trips an assignment', () => {
    const value = { assignedPartitions: [{ topic: 't', partitions: [1, 0] }], userData: null };
    const buf = encodeConsumerAssignment(value, 0);
    expect(buf.toString('hex')).toBe('0000' + '00000001' + '000174' + '00000002' + '00000001' + '00000000' + 'ffffffff');
    expect(decodeConsumerAssignment(buf)).toEqual({ version: 0, value });
  });
});

describe('__consumer_offsets records', () => {
  it('maps every record type to its key and value schema', () => {
    expect(OFFSETS_RECORD_TYPES[0]).toEqual({ key: 'OffsetCommitKey', value: 'OffsetCommitValue' });
    expect(OFFSETS_RECORD_TYPES[1]).toEqual({ key: 'OffsetCommitKey', value: 'OffsetCommitValue' });
    expect(OFFSETS_RECORD_TYPES[2]).toEqual({ key: 'GroupMetadataKey', value: 'GroupMetadataValue' });
    expect(Object.keys(OFFSETS_RECORD_TYPES).map(Number)).toEqual([...Array(16).keys()]);
  });

  it('offset commit: key version 1 (record type), value version 3', () => {
    const key = encodeOffsetsRecordKey(1, { group: 'g', topic: 't', partition: 2 });
    expect(key.toString('hex')).toBe('0001' + '000167' + '000174' + '00000002');
    expect(decodeOffsetsRecordKey(key)).toEqual({ recordType: 1, key: { group: 'g', topic: 't', partition: 2 } });

    const value = encodeOffsetsRecordValue(1, 3, { offset: 42n, leaderEpoch: 7, metadata: '', commitTimestamp: 1000n });
    expect(value.toString('hex')).toBe('0003' + '000000000000002a' + '00000007' + '0000' + '00000000000003e8');
    expect(decodeOffsetsRecordValue(1, value)).toEqual({
      version: 3,
      value: { offset: 42n, leaderEpoch: 7, metadata: '', commitTimestamp: 1000n, expireTimestamp: -1n },
    });
  });

  it('offset commit value v1 carries the expire timestamp; v4 is flexible', () => {
    const v1 = encodeOffsetsRecordValue(0, 1, { offset: 1n, metadata: 'm', commitTimestamp: 2n, expireTimestamp: 3n });
    expect(v1.toString('hex')).toBe('0001' + '0000000000000001' + '00016d' + '0000000000000002' + '0000000000000003');
    expect(decodeOffsetsRecordValue(0, v1).value.leaderEpoch).toBe(-1);
    const v4 = encodeOffsetsRecordValue(1, 4, { offset: 1n, leaderEpoch: 0, metadata: 'm', commitTimestamp: 2n });
    expect(v4.toString('hex')).toBe('0004' + '0000000000000001' + '00000000' + '026d' + '0000000000000002' + '00');
  });

  it('group metadata: key version 2, value v3 with opaque member subscription/assignment bytes', () => {
    const key = encodeOffsetsRecordKey(2, { group: 'g' });
    expect(key.toString('hex')).toBe('0002' + '000167');
    expect(decodeOffsetsRecordKey(key)).toEqual({ recordType: 2, key: { group: 'g' } });

    const subscription = encodeConsumerSubscription({ topics: ['t'] }, 0);
    const assignment = encodeConsumerAssignment({ assignedPartitions: [{ topic: 't', partitions: [0] }] }, 0);
    const member = { memberId: 'm', groupInstanceId: null, clientId: 'c', clientHost: '/h', rebalanceTimeout: 300000, sessionTimeout: 45000, subscription, assignment };
    const value = encodeOffsetsRecordValue(2, 3, { protocolType: 'consumer', generation: 1, protocol: 'range', leader: 'm', currentStateTimestamp: 5n, members: [member] });
    const decoded = decodeOffsetsRecordValue(2, value);
    expect(decoded.version).toBe(3);
    expect(decoded.value).toEqual({ protocolType: 'consumer', generation: 1, protocol: 'range', leader: 'm', currentStateTimestamp: 5n, members: [member] });
    expect(decodeConsumerSubscription(decoded.value.members[0].subscription).value.topics).toEqual(['t']);
  });

  it('rejects unknown record types', () => {
    expect(() => decodeOffsetsRecordKey(hex('0063 0000'))).toThrow(ProtocolError);
  });
});

describe('__transaction_state records', () => {
  it('key v0 and value v0/v1', () => {
    const key = encodeTransactionLogKey({ transactionalId: 'tx' });
    expect(key.toString('hex')).toBe('0000' + '00027478');
    expect(decodeTransactionLogKey(key)).toEqual({ transactionalId: 'tx' });

    const state = {
      producerId: 1000n,
      producerEpoch: 2,
      transactionTimeoutMs: 60000,
      transactionStatus: 1,
      transactionPartitions: [{ topic: 't', partitionIds: [0] }],
      transactionLastUpdateTimestampMs: 10n,
      transactionStartTimestampMs: 9n,
    };
    const v0 = encodeTransactionLogValue(0, state);
    expect(v0.toString('hex')).toBe(
      hex(`0000 00000000000003e8 0002 0000ea60 01
        00000001 000174 00000001 00000000
        000000000000000a 0000000000000009`).toString('hex'),
    );
    const v1 = encodeTransactionLogValue(1, { ...state, transactionPartitions: null, previousProducerId: 999n, clientTransactionVersion: 2 });
    expect(v1.toString('hex')).toBe(
      hex(`0001 00000000000003e8 0002 0000ea60 01 00
        000000000000000a 0000000000000009
        02 00 08 00000000000003e7 02 02 0002`).toString('hex'),
    );
    expect(decodeTransactionLogValue(v1)).toEqual({
      version: 1,
      value: { ...state, transactionPartitions: null, previousProducerId: 999n, nextProducerId: -1n, clientTransactionVersion: 2 },
    });
  });
});

describe('generic data codecs', () => {
  it('encodeData/decodeData work without a version prefix; encodeVersioned/decodeVersioned add it', () => {
    const buf = encodeData('DefaultPrincipalData', 0, { type: 'User', name: 'alice', tokenAuthenticated: false });
    expect(decodeData('DefaultPrincipalData', 0, buf)).toEqual({ type: 'User', name: 'alice', tokenAuthenticated: false });
    const versioned = encodeVersioned('DefaultPrincipalData', 0, { type: 'User', name: 'alice' });
    expect(versioned.subarray(2).equals(buf)).toBe(true);
    expect(decodeVersioned('DefaultPrincipalData', versioned).version).toBe(0);
  });
});
