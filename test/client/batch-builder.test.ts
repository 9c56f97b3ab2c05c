import { describe, expect, it } from 'vitest';
import { BatchBuilder } from '../../src/client/batch-builder.js';
import { CompressionType } from '../../src/protocol/records/compression/compression-type.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../src/protocol/records/record-batch.js';

describe('BatchBuilder', () => {
  it('writes the same bytes as the general encoder for key-less records', () => {
    const builder = new BatchBuilder(0, 1024, 64);
    const values = [Buffer.from('a'), Buffer.alloc(0), Buffer.from('hello world'), Buffer.alloc(200, 66)];
    values.forEach((v, i) => builder.append(v, 1_700_000_000_000 + i * 7, 5));
    const built = builder.build(CompressionType.None);
    const expected = encodeRecordBatch({ records: values.map((value, i) => ({ timestamp: 1_700_000_000_000 + i * 7, key: null, value })) });
    expect(built.equals(expected)).toBe(true);
    expect(builder.count).toBe(4);
    expect([...builder.valueSizes.subarray(0, 4)]).toEqual([1, 0, 11, 200]);
  });

  it.each([CompressionType.Gzip, CompressionType.Snappy, CompressionType.Lz4, CompressionType.Zstd])('compresses with codec %i and decodes back', (codec) => {
    const builder = new BatchBuilder(3, 4096, 100);
    for (let i = 0; i < 20; i++) builder.append(Buffer.from(`value-${i}`), 1000 + i, 0);
    const [batch] = decodeRecordBatches(builder.build(codec));
    expect(batch!.compression).toBe(codec);
    expect(batch!.recordCount).toBe(20);
    expect(batch!.lastOffsetDelta).toBe(19);
    expect(batch!.records.map((r) => r.value!.toString())).toEqual(Array.from({ length: 20 }, (_, i) => `value-${i}`));
    expect(batch!.records.every((r) => r.key === null)).toBe(true);
  });

  it('reports when a batch is full; an empty batch takes any record', () => {
    const builder = new BatchBuilder(0, BatchBuilder.capacityFor(10, 100), 100);
    expect(builder.fits(10_000)).toBe(true);
    builder.append(Buffer.alloc(10), 0, 0);
    expect(builder.fits(10)).toBe(false);
    const roomy = new BatchBuilder(0, 1000, 2);
    roomy.append(Buffer.alloc(10), 0, 0);
    expect(roomy.fits(10)).toBe(true);
    roomy.append(Buffer.alloc(10), 0, 0);
    expect(roomy.fits(10)).toBe(false); // maxRecords reached
  });
});
