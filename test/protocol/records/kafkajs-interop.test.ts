// Cross-check against a real client's codec: kafkajs's own RecordBatch encoder/decoder
// (the code its producer and consumer use) must agree with ours, for every codec. kafkajs only
// has gzip built in; the others come from registerKafkajsCodecs, i.e. from our compression
// module, so for those this checks the framing plumbing and the record layout around it.
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerKafkajsCodecs } from '../../helpers/kafkajs-codecs.js';
import { CompressionType } from '../../../src/protocol/records/compression/compression-type.js';
import { decodeRecordBatches, encodeRecordBatch, type KafkaRecord } from '../../../src/protocol/records/record-batch.js';
import { validateProducedRecords } from '../../../src/broker/log-validator/validate.js';

const require = createRequire(import.meta.url);
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js');
const KafkajsRecord = require('kafkajs/src/protocol/recordBatch/record/v0/index.js');
const decodeKafkajsBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder.js');
const KafkajsDecoder = require('kafkajs/src/protocol/decoder.js');
const Long = require('kafkajs/src/utils/long.js');

interface KafkajsDecodedRecord {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: { [key: string]: Buffer | null };
}

const T0 = 1_700_000_000_000;
// kafkajs keeps headers as an object, so keys are unique here.
const records: KafkaRecord[] = Array.from({ length: 50 }, (_, i) => ({
  timestamp: T0 + i * 3,
  key: i % 7 === 0 ? null : Buffer.from(`key-${i}`),
  value: i % 11 === 0 ? null : Buffer.from(`value-${i}-`.repeat(i + 1)),
  headers: i % 2 === 0 ? [{ key: 'trace', value: Buffer.from(`t${i}`) }, { key: 'empty', value: Buffer.alloc(0) }] : [],
}));

function expected() {
  return records.map((r, i) => ({
    offset: 500 + i,
    timestamp: r.timestamp,
    key: r.key?.toString() ?? null,
    value: r.value?.toString() ?? null,
    headers: Object.fromEntries((r.headers ?? []).map((h) => [h.key, h.value?.toString() ?? null])),
  }));
}

async function encodeWithKafkajs(compression: CompressionType): Promise<Buffer> {
  const kafkajsRecords = records.map((r, i) =>
    KafkajsRecord({
      offsetDelta: i,
      timestampDelta: r.timestamp - T0,
      key: r.key,
      value: r.value,
      headers: Object.fromEntries((r.headers ?? []).map((h) => [h.key, h.value])),
    }),
  );
  const encoder = await RecordBatch({
    compression,
    firstOffset: Long.fromValue(500),
    firstTimestamp: T0,
    maxTimestamp: T0 + 49 * 3,
    partitionLeaderEpoch: -1,
    lastOffsetDelta: records.length - 1,
    producerId: Long.fromValue(-1),
    producerEpoch: -1,
    firstSequence: -1,
    records: kafkajsRecords,
  });
  return encoder.buffer as Buffer;
}

const codecs = [CompressionType.None, CompressionType.Gzip, CompressionType.Snappy, CompressionType.Lz4, CompressionType.Zstd];

describe('interop with kafkajs record batches', () => {
  beforeAll(() => registerKafkajsCodecs());

  for (const compression of codecs) {
    it(`${CompressionType[compression]}: kafkajs encodes, we validate and decode`, async () => {
      const batch = await encodeWithKafkajs(compression);
      const validated = validateProducedRecords(batch, { maxMessageBytes: 1 << 20 });
      expect(validated).toMatchObject({ ok: true, recordCount: 50, maxTimestamp: T0 + 147 });
      const [decoded] = decodeRecordBatches(batch);
      expect(decoded!.compression).toBe(compression);
      expect(
        decoded!.records.map((r) => ({
          offset: r.offset,
          timestamp: r.timestamp,
          key: r.key?.toString() ?? null,
          value: r.value?.toString() ?? null,
          headers: Object.fromEntries(r.headers.map((h) => [h.key, h.value?.toString() ?? null])),
        })),
      ).toEqual(expected());
    });

    it(`${CompressionType[compression]}: we encode, kafkajs decodes`, async () => {
      const batch = encodeRecordBatch({ baseOffset: 500, records, compression });
      const decoded = await decodeKafkajsBatch(new KafkajsDecoder(batch));
      expect(
        (decoded.records as KafkajsDecodedRecord[]).map((r) => ({
          offset: Number(r.offset),
          timestamp: Number(r.timestamp),
          key: r.key?.toString() ?? null,
          value: r.value?.toString() ?? null,
          headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, v?.toString() ?? null])),
        })),
      ).toEqual(expected());
    });
  }
});
