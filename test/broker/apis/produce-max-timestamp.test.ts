// A CreateTime batch's maxTimestamp is set from its records at produce, as Kafka's LogValidator
// sets it: whatever the producer wrote (Sarama 1.22 sends -1), the stored header carries the
// largest record timestamp with a valid CRC, and ListOffsets by time finds the records.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../../../src/protocol/api.js';
import { decodeRecordBatches } from '../../../src/protocol/records/record-batch.js';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { crc32c } from '../../../src/storage/crc32c.js';
import { RawClient } from '../../helpers/raw-client.js';
import { createTopic, produceTo, fetchStored } from '../../helpers/one-partition.js';
import { zigzagVarint as varint } from '../../helpers/zigzag-varint.js';

let broker: StartedBroker;
let client: RawClient;

beforeAll(async () => {
  broker = await startBroker({ port: 0 });
  client = await RawClient.connect(broker.port);
});
afterAll(async () => {
  client?.close();
  await broker?.close();
});

const T0 = 1_700_000_000_000;

/**
 * A batch as Sarama 1.22's producer writes it, byte by byte: firstTimestamp is the first
 * record's, max_timestamp is `maxTimestamp` (-1 by default), records carry their deltas.
 */
function saramaBatch(timestamps: number[], opts: { maxTimestamp?: number; gzip?: boolean } = {}): Buffer {
  const base = timestamps[0]!;
  const body: number[] = [];
  timestamps.forEach((t, i) => {
    const value = Buffer.from(`v${i}`);
    const record = [0, ...varint(t - base), ...varint(i), ...varint(-1), ...varint(value.length), ...value, ...varint(0)];
    body.push(...varint(record.length), ...record);
  });
  const records = opts.gzip ? gzipSync(Buffer.from(body)) : Buffer.from(body);
  const batch = Buffer.alloc(61 + records.length);
  batch.writeBigInt64BE(0n, 0); // baseOffset
  batch.writeInt32BE(batch.length - 12, 8); // batchLength
  batch.writeInt32BE(-1, 12); // partitionLeaderEpoch
  batch.writeInt8(2, 16); // magic
  batch.writeInt16BE(opts.gzip ? 1 : 0, 21); // attributes: codec, CreateTime
  batch.writeInt32BE(timestamps.length - 1, 23); // lastOffsetDelta
  batch.writeBigInt64BE(BigInt(base), 27); // firstTimestamp
  batch.writeBigInt64BE(BigInt(opts.maxTimestamp ?? -1), 35); // max_timestamp
  batch.writeBigInt64BE(-1n, 43); // producerId
  batch.writeInt16BE(-1, 51); // producerEpoch
  batch.writeInt32BE(-1, 53); // baseSequence
  batch.writeInt32BE(timestamps.length, 57); // records count
  records.copy(batch, 61);
  batch.writeUInt32BE(crc32c(batch.subarray(21)), 17);
  return batch;
}

async function offsetForTime(topic: string, timestamp: bigint) {
  const r = await client.request(ApiKey.ListOffsets, 8, { replicaId: -1, topics: [{ name: topic, partitions: [{ partitionIndex: 0, timestamp }] }] });
  return r.topics[0]!.partitions[0]!;
}

describe('produce sets maxTimestamp from the records', () => {
  for (const gzip of [false, true]) {
    it(`max_timestamp -1 from a Sarama-style producer${gzip ? ' (gzip)' : ''}: stored as the largest record timestamp, CRC valid, found by time`, async () => {
      const topic = gzip ? 'sarama-gzip' : 'sarama';
      await createTopic(client, topic);
      // The largest timestamp is the middle record's, so neither the first nor the last gives it.
      expect(await produceTo(client, topic, saramaBatch([T0, T0 + 5000, T0 + 2000], { gzip }))).toMatchObject({ errorCode: 0, baseOffset: 0n });

      const stored = await fetchStored(client, topic);
      expect(stored.readBigInt64BE(35)).toBe(BigInt(T0 + 5000));
      expect(stored.readUInt32BE(17)).toBe(crc32c(stored.subarray(21)));
      const [batch] = decodeRecordBatches(stored); // checks the CRC too
      expect(batch!.records.map((r) => r.timestamp)).toEqual([T0, T0 + 5000, T0 + 2000]);

      expect(await offsetForTime(topic, BigInt(T0 + 1000))).toMatchObject({ errorCode: 0, offset: 1n, timestamp: BigInt(T0 + 5000) });
      expect(await offsetForTime(topic, BigInt(T0))).toMatchObject({ offset: 0n, timestamp: BigInt(T0) });
      expect(await offsetForTime(topic, -3n)).toMatchObject({ offset: 1n, timestamp: BigInt(T0 + 5000) });
      expect(await offsetForTime(topic, BigInt(T0 + 5001))).toMatchObject({ offset: -1n, timestamp: -1n });
    });
  }

  it('also when maxTimestamp is below baseTimestamp, or wrong but at or above it; a right one is stored as sent', async () => {
    await createTopic(client, 'max-below-base');
    expect((await produceTo(client, 'max-below-base', saramaBatch([T0, T0 + 7], { maxTimestamp: T0 - 1 }))).errorCode).toBe(0);
    expect((await fetchStored(client, 'max-below-base')).readBigInt64BE(35)).toBe(BigInt(T0 + 7));

    // Kafka recomputes every CreateTime batch's maxTimestamp (kt used to trust this one).
    await createTopic(client, 'max-wrong');
    const wrong = saramaBatch([T0, T0 + 7], { maxTimestamp: T0 + 3 });
    expect((await produceTo(client, 'max-wrong', wrong)).errorCode).toBe(0);
    const corrected = await fetchStored(client, 'max-wrong');
    expect(corrected.readBigInt64BE(35)).toBe(BigInt(T0 + 7));
    expect(corrected.readUInt32BE(17)).toBe(crc32c(corrected.subarray(21)));
    expect(corrected.subarray(43)).toEqual(wrong.subarray(43)); // only maxTimestamp and the CRC changed
    expect(corrected.subarray(21, 35)).toEqual(wrong.subarray(21, 35));

    await createTopic(client, 'max-right');
    const right = saramaBatch([T0, T0 + 7], { maxTimestamp: T0 + 7 });
    expect((await produceTo(client, 'max-right', right)).errorCode).toBe(0);
    expect((await fetchStored(client, 'max-right')).subarray(16)).toEqual(right.subarray(16));
  });

  it('answers INVALID_RECORD when the records cannot be read', async () => {
    await createTopic(client, 'max-unreadable');
    const broken = saramaBatch([T0, T0 + 1]);
    broken.writeUInt8(0x7e, 61); // first record length 63: runs past the batch
    broken.writeUInt32BE(crc32c(broken.subarray(21)), 17);
    expect((await produceTo(client, 'max-unreadable', broken)).errorCode).toBe(87);
  });
});
