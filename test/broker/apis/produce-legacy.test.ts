// Produce v0-v2 over the wire with hand-encoded message sets (magic 0 and 1), as Kafka 3.9 serves
// them: the exact response frames, and the v2 batches the log then holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey, encodeRequest } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { CompressionType, compressLegacy } from '../../../src/protocol/records/compression/index.js';
import { encodeLegacyMessageSet, writeLegacyMessage, type LegacyRecordInput } from '../../../src/protocol/records/legacy-message.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { RawClient } from '../../helpers/raw-client.js';
import { createTopic } from '../../helpers/one-partition.js';

let broker: StartedBroker;
let client: RawClient;
const T = 1_700_000_000_000;

beforeAll(async () => {
  broker = await startBroker({ port: 0 });
  client = await RawClient.connect(broker.port);
});
afterAll(async () => {
  client?.close();
  await broker?.close();
});

const produceBody = (topic: string, records: Buffer | null, acks = 1) => ({ acks, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] });

async function produce(version: number, topic: string, records: Buffer | null) {
  const r = await client.request(ApiKey.Produce, version, produceBody(topic, records));
  return r.responses[0]!.partitionResponses[0]!;
}

/** The partition's log as v2 batches (Fetch v12). */
async function stored(topic: string) {
  const f = await client.request(ApiKey.Fetch, 12, {
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 1 << 20,
    topics: [{ topic, partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }] }],
  });
  // decodeRecordBatches checks every CRC-32C.
  return decodeRecordBatches(f.responses[0]!.partitions[0]!.records!);
}

const set = (magic: 0 | 1, records: LegacyRecordInput[], codec = CompressionType.None) => encodeLegacyMessageSet(records, { magic, codec, logAppendTime: null });
const values = (n: number, first = 0, timestamp = -1) => Array.from({ length: n }, (_, i) => ({ offset: i, timestamp: timestamp < 0 ? -1 : timestamp + i, key: Buffer.from(`k${first + i}`), value: Buffer.from(`v${first + i}`) }));

/** A response frame's bytes after the correlation id, as hex. */
const body = (frame: Buffer) => frame.subarray(4).toString('hex');
const str16 = (s: string) => Buffer.concat([Buffer.from([0, s.length]), Buffer.from(s)]).toString('hex');

describe('Produce v0-v2 with message formats v0/v1', () => {
  it('v0, magic 0 uncompressed: answers exactly [topic, partition, NONE, base offset] and stores one v2 batch', async () => {
    await createTopic(client, 'lp-v0');
    const first = await client.requestFrame(ApiKey.Produce, 0, produceBody('lp-v0', set(0, values(3))));
    // responses[1]: name, partitions[1]: index 0, error 0, base offset 0. No throttle time in v0.
    expect(body(first)).toBe(`00000001${str16('lp-v0')}00000001` + '00000000' + '0000' + '0000000000000000');
    const second = await client.requestFrame(ApiKey.Produce, 0, produceBody('lp-v0', set(0, values(2, 3))));
    expect(body(second)).toBe(`00000001${str16('lp-v0')}00000001` + '00000000' + '0000' + '0000000000000003');
    const batches = await stored('lp-v0');
    expect(batches.map((b) => [b.baseOffset, b.lastOffset, b.compression, b.baseTimestamp, b.maxTimestamp, b.producerId, b.partitionLeaderEpoch])).toEqual([
      [0, 2, CompressionType.None, -1, -1, -1, 0],
      [3, 4, CompressionType.None, -1, -1, -1, 0],
    ]);
    expect(batches.flatMap((b) => b.records.map((r) => [r.offset, r.timestamp, r.key!.toString(), r.value!.toString(), r.headers.length]))).toEqual(
      [0, 1, 2, 3, 4].map((i) => [i, -1, `k${i}`, `v${i}`, 0]),
    );
  });

  it('v1, a magic 0 gzip wrapper: the response adds throttle time; the batch stays gzip', async () => {
    await createTopic(client, 'lp-v1');
    const frame = await client.requestFrame(ApiKey.Produce, 1, produceBody('lp-v1', set(0, values(4), CompressionType.Gzip)));
    expect(body(frame)).toBe(`00000001${str16('lp-v1')}00000001` + '00000000' + '0000' + '0000000000000000' + '00000000');
    const [batch] = await stored('lp-v1');
    expect(batch).toMatchObject({ baseOffset: 0, lastOffset: 3, compression: CompressionType.Gzip, recordCount: 4 });
    expect(batch!.records.map((r) => r.value!.toString())).toEqual(['v0', 'v1', 'v2', 'v3']);
  });

  it('v2, magic 1 with create times: log append time -1 on a CreateTime topic, timestamps kept', async () => {
    await createTopic(client, 'lp-v2');
    const frame = await client.requestFrame(ApiKey.Produce, 2, produceBody('lp-v2', set(1, values(2, 0, T), CompressionType.Snappy)));
    expect(body(frame)).toBe(`00000001${str16('lp-v2')}00000001` + '00000000' + '0000' + '0000000000000000' + 'ffffffffffffffff' + '00000000');
    const [batch] = await stored('lp-v2');
    expect(batch).toMatchObject({ compression: CompressionType.Snappy, timestampType: 0, baseTimestamp: T, maxTimestamp: T + 1 });
    expect(batch!.records.map((r) => r.timestamp)).toEqual([T, T + 1]);
  });

  it('v2 on a LogAppendTime topic: the response carries the append time, which stamps the batch', async () => {
    await createTopic(client, 'lp-lat', { 'message.timestamp.type': 'LogAppendTime' });
    const before = Date.now();
    const r = await produce(2, 'lp-lat', set(1, values(2, 0, T), CompressionType.Lz4));
    const after = Date.now();
    expect(r).toMatchObject({ errorCode: 0, baseOffset: 0n });
    const appendTime = Number(r.logAppendTimeMs);
    expect(appendTime).toBeGreaterThanOrEqual(before);
    expect(appendTime).toBeLessThanOrEqual(after);
    const [batch] = await stored('lp-lat');
    // Kafka's builder: base timestamp the first record's create time, max timestamp the append time.
    expect(batch).toMatchObject({ compression: CompressionType.Lz4, timestampType: 1, baseTimestamp: T, maxTimestamp: appendTime });
  });

  it("v0, a magic 0 lz4 wrapper with old Kafka's frame checksum", async () => {
    await createTopic(client, 'lp-lz4');
    const inner = set(0, values(2));
    const wrapper = Buffer.alloc(12 + 14 + compressLegacy(CompressionType.Lz4, inner, 0).length);
    writeLegacyMessage(wrapper, 0, { offset: 1, magic: 0, attributes: CompressionType.Lz4, timestamp: -1, key: null, value: compressLegacy(CompressionType.Lz4, inner, 0) });
    expect(await produce(0, 'lp-lz4', wrapper)).toMatchObject({ errorCode: 0, baseOffset: 0n });
    expect((await stored('lp-lz4'))[0]!.records.map((r) => r.key!.toString())).toEqual(['k0', 'k1']);
  });

  it('accepts v2 batches on v0-v2 (zstd included: Kafka checks neither magic nor codec below v3)', async () => {
    await createTopic(client, 'lp-mixed');
    const v2 = encodeRecordBatch({ records: [{ timestamp: T, key: null, value: Buffer.from('z'), headers: [{ key: 'h', value: Buffer.from('1') }] }], compression: CompressionType.Zstd });
    expect(await produce(1, 'lp-mixed', v2)).toMatchObject({ errorCode: 0, baseOffset: 0n });
    expect(await produce(3, 'lp-mixed', v2)).toMatchObject({ errorCode: ErrorCode.UNSUPPORTED_COMPRESSION_TYPE });
    // Magic 0 on v3+ stays refused.
    expect(await produce(3, 'lp-mixed', set(0, values(1)))).toMatchObject({ errorCode: ErrorCode.INVALID_RECORD });
  });

  it('appends nothing for an empty message set and answers NONE with base offset -1', async () => {
    await createTopic(client, 'lp-empty');
    const frame = await client.requestFrame(ApiKey.Produce, 0, produceBody('lp-empty', Buffer.alloc(0)));
    expect(body(frame)).toBe(`00000001${str16('lp-empty')}00000001` + '00000000' + '0000' + 'ffffffffffffffff');
    expect(await produce(2, 'lp-empty', set(0, values(1)).subarray(0, 20))).toMatchObject({ errorCode: 0, baseOffset: -1n, logAppendTimeMs: -1n });
    expect(await stored('lp-empty')).toEqual([]);
  });

  it("answers Kafka's codes for a bad CRC, a message too large and an unknown topic", async () => {
    await createTopic(client, 'lp-bad', { 'max.message.bytes': '100' });
    const corrupt = set(1, values(1, 0, T));
    corrupt[corrupt.length - 1] ^= 0xff;
    expect(await produce(2, 'lp-bad', corrupt)).toMatchObject({ errorCode: ErrorCode.CORRUPT_MESSAGE });
    expect(await produce(2, 'lp-bad', set(1, [{ offset: 0, timestamp: T, key: null, value: Buffer.alloc(100) }]))).toMatchObject({ errorCode: ErrorCode.MESSAGE_TOO_LARGE });
    expect(await produce(0, 'lp-nope', set(0, values(1)))).toMatchObject({ errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, baseOffset: -1n });
    expect(await stored('lp-bad')).toEqual([]);
  });

  it('answers UNKNOWN_SERVER_ERROR, without a message and with the log start offset, for a wrapper whose value does not decompress', async () => {
    await createTopic(client, 'lp-undecodable');
    for (const [magic, codec] of [[0, CompressionType.Gzip], [1, CompressionType.Snappy], [1, CompressionType.Lz4]] as const) {
      // A wrapper with a valid CRC around a value its codec cannot read.
      const records = Buffer.alloc(12 + (magic ? 22 : 14) + 10);
      writeLegacyMessage(records, 0, { offset: 0, magic, attributes: codec, timestamp: magic ? T : -1, key: null, value: Buffer.from('not packed') });
      const frame = await client.requestFrame(ApiKey.Produce, 2, produceBody('lp-undecodable', records));
      // v2 partition response: index, error -1, base offset -1, log append time -1 (v2 has no log start offset or message).
      expect(body(frame)).toBe(`00000001${str16('lp-undecodable')}00000001` + '00000000' + 'ffff' + 'ffffffffffffffff' + 'ffffffffffffffff' + '00000000');
    }
    expect(await produce(2, 'lp-undecodable', set(1, values(1, 0, T)))).toMatchObject({ errorCode: 0, baseOffset: 0n });
    expect((await stored('lp-undecodable')).map((b) => b.recordCount)).toEqual([1]);
  });
});

describe('acks=0', () => {
  const send = (c: RawClient, topic: string, records: Buffer, version: number) => {
    for (const chunk of encodeRequest(ApiKey.Produce, version, 7, 'acks0', produceBody(topic, records, 0))) c.writeRaw(chunk);
  };

  it('closes the connection when a partition fails, as Kafka does, so the producer notices', async () => {
    await createTopic(client, 'lp-acks0');
    for (const [topic, records, version] of [
      ['lp-unknown', set(0, values(1)), 0],
      ['lp-acks0', Buffer.from(set(1, values(1, 0, T)).fill(0, 30, 31)), 2],
      ['lp-unknown', encodeRecordBatch({ records: [{ timestamp: T, key: null, value: Buffer.from('x') }] }), 9],
    ] as const) {
      const c = await RawClient.connect(broker.port);
      send(c, topic, records, version);
      await c.waitClosed();
      c.close();
    }
  });

  it('sends nothing and keeps the connection when every partition succeeds', async () => {
    await createTopic(client, 'lp-acks0-ok');
    const c = await RawClient.connect(broker.port);
    send(c, 'lp-acks0-ok', set(0, values(2)), 0);
    const r = await c.request(ApiKey.ListOffsets, 1, { replicaId: -1, topics: [{ name: 'lp-acks0-ok', partitions: [{ partitionIndex: 0, timestamp: -1n }] }] });
    expect(r.topics[0]!.partitions[0]!.offset).toBe(2n);
    expect(c.closed).toBe(false);
    c.close();
  });
});
