import { describe, expect, it } from 'vitest';
import { countRecords, nextOffsetAfter } from '../../src/client/record-counter.js';
import { CompressionType } from '../../src/protocol/records/compression/compression-type.js';
import { encodeRecordBatch } from '../../src/protocol/records/record-batch.js';
import { ControlRecordType, encodeControlBatch } from '../../src/protocol/records/control.js';

function batch(baseOffset: number, values: Array<[string | null, string | null]>, compression = CompressionType.None): Buffer {
  return encodeRecordBatch({
    baseOffset,
    compression,
    records: values.map(([k, v]) => ({ timestamp: 1, key: k === null ? null : Buffer.from(k), value: v === null ? null : Buffer.from(v) })),
  });
}

describe('countRecords', () => {
  const data = Buffer.concat([
    batch(10, [['k', 'vv'], [null, 'vvv'], ['kk', null]]),
    batch(13, [[null, '12345'], [null, '1']], CompressionType.Lz4),
    encodeRecordBatch({ baseOffset: 15, isControl: true, records: [{ timestamp: 1, key: Buffer.alloc(4), value: Buffer.alloc(6) }] }),
    batch(16, [['a', 'b']], CompressionType.Gzip),
  ]);

  it('counts records and key+value bytes across plain, compressed and control batches', () => {
    expect(countRecords(data, 10, 100)).toEqual({ records: 6, bytes: 3 + 3 + 2 + 5 + 1 + 2, nextOffset: 17 });
  });

  it('skips records below the fetch offset and stops at the limit', () => {
    expect(countRecords(data, 11, 100)).toEqual({ records: 5, bytes: 3 + 2 + 5 + 1 + 2, nextOffset: 17 });
    expect(countRecords(data, 10, 1)).toEqual({ records: 1, bytes: 3, nextOffset: 11 });
    expect(countRecords(data, 11, 3)).toEqual({ records: 3, bytes: 3 + 2 + 5, nextOffset: 14 });
    expect(countRecords(data, 14, 1)).toEqual({ records: 1, bytes: 1, nextOffset: 15 });
    expect(countRecords(data, 15, 10)).toEqual({ records: 1, bytes: 2, nextOffset: 17 });
    expect(countRecords(data, 17, 10)).toEqual({ records: 0, bytes: 0, nextOffset: 17 });
  });

  it('ignores a trailing partial batch', () => {
    const partial = data.subarray(0, data.length - 5);
    expect(countRecords(partial, 10, 100).records).toBe(5);
    expect(nextOffsetAfter(partial, 10)).toBe(16);
    expect(nextOffsetAfter(data, 10)).toBe(17);
    expect(nextOffsetAfter(Buffer.alloc(0), 42)).toBe(42);
  });

  it('read_committed: leaves out the batches of aborted transactions, as the fetch lists them', () => {
    const txn = (baseOffset: number, producerId: number, value: string) =>
      encodeRecordBatch({ baseOffset, producerId, producerEpoch: 0, baseSequence: 0, isTransactional: true, records: [{ timestamp: 1, key: null, value: Buffer.from(value) }] });
    const marker = (baseOffset: number, producerId: number, type: ControlRecordType.Abort | ControlRecordType.Commit) =>
      encodeControlBatch({ baseOffset, producerId, producerEpoch: 0, coordinatorEpoch: 0, timestamp: 1, type });
    // Producer 1 commits offset 0, producer 2's offsets 1 and 3 are aborted, producer 1 writes 5 after its marker.
    const log = Buffer.concat([txn(0, 1, 'a'), txn(1, 2, 'bb'), marker(2, 1, ControlRecordType.Commit), txn(3, 2, 'ccc'), marker(4, 2, ControlRecordType.Abort), txn(5, 2, 'dddd')]);
    const aborted = [{ producerId: 2n, firstOffset: 1n }];
    expect(countRecords(log, 0, 100, aborted)).toEqual({ records: 2, bytes: 1 + 4, nextOffset: 6 });
    // Resuming past the aborted batches keeps the state they set.
    expect(countRecords(log, 3, 100, aborted)).toEqual({ records: 1, bytes: 4, nextOffset: 6 });
    expect(countRecords(log, 0, 100)).toEqual({ records: 4, bytes: 1 + 2 + 3 + 4, nextOffset: 6 });
  });
});
