// Regression, found by the fuzzer's records-crc mutation (a record batch changed behind a
// recomputed CRC-32C): produce used to accept a batch whose header and CRC were valid but whose
// records did not decode, and the partition became a poison pill (kcat stopped with
// "Decompression ... failed", a kafkajs consumer crash-looped). Kafka's LogValidator reads the
// records of every produced batch and refuses such a batch, appending nothing: INVALID_RECORD
// for records that do not decode, UNKNOWN_SERVER_ERROR when the codec fails (its exception is no
// ApiException; Kafka sends no message with it). Also: decompression bombs answer
// MESSAGE_TOO_LARGE past socket.request.max.bytes of records, and the broker stays up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { ApiKey } from '../../../src/protocol/api.js';
import { CompressionType } from '../../../src/protocol/records/compression/compression-type.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { crc32c } from '../../../src/storage/crc32c.js';
import { RawClient } from '../../helpers/raw-client.js';

const REQUEST_LIMIT = 4 * 1024 * 1024; // socket.request.max.bytes, the bound on a batch's records
const T0 = 1_700_000_000_000;

let broker: StartedBroker;
let client: RawClient;
beforeAll(async () => {
  broker = await startBroker({ port: 0, config: { 'socket.request.max.bytes': String(REQUEST_LIMIT) } });
  client = await RawClient.connect(broker.port);
});
afterAll(async () => {
  client?.close();
  await broker?.close();
});

async function createTopic(name: string) {
  const r = await client.request(ApiKey.CreateTopics, 7, { topics: [{ name, numPartitions: 1, replicationFactor: 1, configs: [] }], timeoutMs: 5000 });
  expect(r.topics[0]!.errorCode).toBe(0);
}

async function produce(topic: string, records: Buffer) {
  const r = await client.request(ApiKey.Produce, 9, { acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] });
  return r.responses[0]!.partitionResponses[0]!;
}

async function fetchAll(topic: string): Promise<Buffer> {
  const f = await client.request(ApiKey.Fetch, 12, {
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 1 << 20,
    topics: [{ topic, partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }] }],
  });
  return f.responses[0]!.partitions[0]!.records ?? Buffer.alloc(0);
}

const codecs = { none: CompressionType.None, gzip: CompressionType.Gzip, snappy: CompressionType.Snappy, lz4: CompressionType.Lz4, zstd: CompressionType.Zstd };

/** The fuzzer's mutation: a batch of two records whose bytes after the 61-byte header are scrambled, CRC recomputed. */
function scrambled(compression: CompressionType): Buffer {
  const records = ['two', 'three'].map((v) => ({ timestamp: T0, key: null, value: Buffer.from(v) }));
  const batch = encodeRecordBatch({ records, compression });
  for (let i = 61; i < batch.length; i++) batch[i] ^= 0x5a;
  batch.writeUInt32BE(crc32c(batch.subarray(21)), 17);
  return batch;
}

describe('batches whose records do not decode behind a valid CRC', () => {
  const refused = {
    none: { errorCode: 87, errorMessage: 'Invalid record size: expected 36 bytes in record payload, but instead the buffer has only 21 remaining bytes.' },
    gzip: { errorCode: -1, errorMessage: null },
    snappy: { errorCode: -1, errorMessage: null },
    lz4: { errorCode: -1, errorMessage: null },
    zstd: { errorCode: -1, errorMessage: null },
  };
  for (const [name, codec] of Object.entries(codecs)) {
    it(`${name}: refused with Kafka's answer, nothing appended, the partition stays readable`, async () => {
      const topic = `undecodable-${name}`;
      await createTopic(topic);
      expect(await produce(topic, scrambled(codec))).toMatchObject({ ...refused[name as keyof typeof codecs], baseOffset: -1n, logAppendTimeMs: -1n, logStartOffset: 0n, recordErrors: [] });
      expect((await fetchAll(topic)).length).toBe(0);

      const good = encodeRecordBatch({ records: [{ timestamp: T0, key: null, value: Buffer.from('after') }], compression: codec });
      expect(await produce(topic, good)).toMatchObject({ errorCode: 0, baseOffset: 0n });
      const [stored] = decodeRecordBatches(await fetchAll(topic));
      expect(stored!.records.map((r) => r.value!.toString())).toEqual(['after']);
    });
  }
});

describe('decompression bombs', () => {
  /** `count` records of 100 KiB of zeros: a few KB compressed, count * 100 KiB of records. */
  const zeros = (count: number, compression: CompressionType) =>
    encodeRecordBatch({ records: Array.from({ length: count }, () => ({ timestamp: T0, key: null, value: Buffer.alloc(100 * 1024) })), compression });

  for (const [name, codec] of Object.entries(codecs).filter(([, c]) => c !== CompressionType.None)) {
    it(`${name}: records expanding past socket.request.max.bytes answer MESSAGE_TOO_LARGE; within it they are stored`, async () => {
      const topic = `bomb-${name}`;
      await createTopic(topic);
      const bomb = zeros(50, codec); // 5 MiB of records
      expect(bomb.length).toBeLessThan(300 * 1024);
      expect(await produce(topic, bomb)).toMatchObject({
        errorCode: 10,
        errorMessage: `The records of the batch in the append to ${topic}-0 decompress to more than ${REQUEST_LIMIT} bytes, the most the broker holds for one request (socket.request.max.bytes).`,
        baseOffset: -1n,
        logStartOffset: -1n,
      });
      expect(await produce(topic, zeros(30, codec))).toMatchObject({ errorCode: 0, baseOffset: 0n });
    });
  }
});
