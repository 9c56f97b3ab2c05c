// KNOWN BUG, kept out of the default suite (run: npm run test:known-bugs). Found by the fuzzer's
// records-crc mutation (a record batch changed behind a recomputed CRC-32C).
//
// Produce accepts a batch whose header and CRC are valid but whose records do not decode (garbage
// compressed data, or uncompressed records with broken lengths): validate.ts deliberately never
// reads records. The batch is stored and served, and the partition becomes a poison pill:
// kcat stops with "Decompression (codec 0x1) of message at 1 ... failed" and exits 1, a kafkajs
// consumer crashes and restarts forever ("incorrect header check") without reaching later
// records. Kafka's LogValidator iterates the records of every produced batch (decompressing
// compressed ones) and rejects such a batch (CORRUPT_MESSAGE / INVALID_RECORD), appending nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { ApiKey } from '../../../src/protocol/api.js';
import { CompressionType } from '../../../src/protocol/records/batch-header.js';
import { crc32c } from '../../../src/protocol/records/crc32c.js';
import { encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { RawClient } from '../../helpers/raw-client.js';

let broker: StartedBroker;
let client: RawClient;
beforeAll(async () => {
  broker = await startBroker({ port: 0 });
  client = await RawClient.connect(broker.port);
  await client.request(ApiKey.CreateTopics, 7, { topics: [{ name: 'garbage', numPartitions: 1, replicationFactor: 1 }], timeoutMs: 5000 });
});
afterAll(async () => {
  client?.close();
  await broker?.close();
});

/** A batch of two records whose bytes after the 61-byte header are scrambled, CRC recomputed. */
function scrambled(compression: CompressionType): Buffer {
  const records = ['two', 'three'].map((v) => ({ timestamp: Date.now(), key: null, value: Buffer.from(v) }));
  const batch = encodeRecordBatch({ records, compression });
  for (let i = 61; i < batch.length; i++) batch[i]! ^= 0x5a;
  batch.writeUInt32BE(crc32c(batch.subarray(21)), 17);
  return batch;
}

it('rejects batches whose records do not decode behind a valid CRC (no codec accepted)', async () => {
  const accepted: string[] = [];
  for (const [name, codec] of Object.entries({ none: CompressionType.None, gzip: CompressionType.Gzip, snappy: CompressionType.Snappy, lz4: CompressionType.Lz4, zstd: CompressionType.Zstd })) {
    const res = await client.request(ApiKey.Produce, 9, { acks: -1, timeoutMs: 5000, topicData: [{ name: 'garbage', partitionData: [{ index: 0, records: scrambled(codec) }] }] });
    if (res.responses[0]!.partitionResponses[0]!.errorCode === 0) accepted.push(name);
  }
  expect(accepted).toEqual([]);
});
