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
import { CompressionType } from '../../../src/protocol/records/compression/compression-type.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { crc32c } from '../../../src/storage/crc32c.js';
import { RawClient } from '../../helpers/raw-client.js';
import { createTopic, produceTo, fetchStored } from '../../helpers/one-partition.js';

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
      await createTopic(client, topic);
      expect(await produceTo(client, topic, scrambled(codec))).toMatchObject({ ...refused[name as keyof typeof codecs], baseOffset: -1n, logAppendTimeMs: -1n, logStartOffset: 0n, recordErrors: [] });
      expect((await fetchStored(client, topic)).length).toBe(0);

      const good = encodeRecordBatch({ records: [{ timestamp: T0, key: null, value: Buffer.from('after') }], compression: codec });
      expect(await produceTo(client, topic, good)).toMatchObject({ errorCode: 0, baseOffset: 0n });
      const [stored] = decodeRecordBatches(await fetchStored(client, topic));
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
      await createTopic(client, topic);
      const bomb = zeros(50, codec); // 5 MiB of records
      expect(bomb.length).toBeLessThan(300 * 1024);
      expect(await produceTo(client, topic, bomb)).toMatchObject({
        errorCode: 10,
        errorMessage: `The records of the batch in the append to ${topic}-0 decompress to more than ${REQUEST_LIMIT} bytes, the most the broker holds for one request (socket.request.max.bytes).`,
        baseOffset: -1n,
        logStartOffset: -1n,
      });
      expect(await produceTo(client, topic, zeros(30, codec))).toMatchObject({ errorCode: 0, baseOffset: 0n });
    });
  }
});
