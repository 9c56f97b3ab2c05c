// Fetch v0-v3 from logs holding v2 batches: the message sets Kafka 3.9's down-conversion sends,
// checked byte for byte against messages built here from the format's definition (CRC-32 over
// magic..end), plus the refusals (zstd, message.downconversion.enable=false) and size rules.
import { gunzipSync, crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey, type FetchRequest } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { CompressionType } from '../../../src/protocol/records/compression/index.js';
import { ControlRecordType, encodeControlBatch } from '../../../src/protocol/records/control.js';
import { encodeRecordBatch, type KafkaRecord } from '../../../src/protocol/records/record-batch.js';
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

async function produce(topic: string, records: KafkaRecord[], compression = CompressionType.None) {
  const r = await client.request(ApiKey.Produce, 9, { acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records: encodeRecordBatch({ records, compression }) }] }] });
  expect(r.responses[0]!.partitionResponses[0]!.errorCode).toBe(0);
}

const fetchBody = (topic: string, offset: bigint, partitionMaxBytes = 1 << 20): Partial<FetchRequest> => ({
  replicaId: -1,
  maxWaitMs: 0,
  minBytes: 0,
  maxBytes: 1 << 20,
  topics: [{ topic, partitions: [{ partition: 0, fetchOffset: offset, partitionMaxBytes }] }] as FetchRequest['topics'],
});

async function fetch(version: number, topic: string, offset = 0n, partitionMaxBytes?: number) {
  const r = await client.request(ApiKey.Fetch, version, fetchBody(topic, offset, partitionMaxBytes) as FetchRequest);
  return r.responses[0]!.partitions[0]!;
}

/** One legacy log entry written from the format's definition. */
function msg(offset: number, magic: 0 | 1, attributes: number, timestamp: number, key: string | Buffer | null, value: string | Buffer | null): Buffer {
  const bytes = (b: string | Buffer | null) => {
    if (b === null) return Buffer.from('ffffffff', 'hex');
    const data = Buffer.from(b);
    const length = Buffer.alloc(4);
    length.writeInt32BE(data.length);
    return Buffer.concat([length, data]);
  };
  const head = Buffer.from([magic, attributes]);
  const ts = Buffer.alloc(magic ? 8 : 0);
  if (magic) ts.writeBigInt64BE(BigInt(timestamp));
  const content = Buffer.concat([head, ts, bytes(key), bytes(value)]);
  const header = Buffer.alloc(16);
  header.writeBigInt64BE(BigInt(offset), 0);
  header.writeInt32BE(content.length + 4, 8);
  header.writeUInt32BE(crc32(content), 12);
  return Buffer.concat([header, content]);
}

/** The fields of the legacy entry at `pos`. */
function entryAt(buf: Buffer, pos: number) {
  const size = buf.readInt32BE(pos + 8);
  const magic = buf.readInt8(pos + 16);
  let at = pos + 18 + (magic ? 8 : 0);
  const keyLength = buf.readInt32BE(at);
  at += 4 + Math.max(keyLength, 0);
  const valueLength = buf.readInt32BE(at);
  return {
    offset: Number(buf.readBigInt64BE(pos)),
    size,
    crcOk: buf.readUInt32BE(pos + 12) === crc32(buf.subarray(pos + 16, pos + 12 + size)),
    magic,
    attributes: buf.readInt8(pos + 17),
    timestamp: magic ? Number(buf.readBigInt64BE(pos + 18)) : null,
    key: keyLength < 0 ? null : buf.subarray(at - keyLength, at),
    value: valueLength < 0 ? null : buf.subarray(at + 4, at + 4 + valueLength),
    end: pos + 12 + size,
  };
}

describe('Fetch v0-v3 down-conversion', () => {
  beforeAll(async () => {
    await createTopic(client, 'dc');
    // offsets 0-2: uncompressed, one record with a header (dropped by v0/v1 formats)
    await produce('dc', [
      { timestamp: T, key: Buffer.from('k0'), value: Buffer.from('v0'), headers: [{ key: 'h', value: Buffer.from('x') }] },
      { timestamp: T + 1, key: null, value: Buffer.from('v1') },
      { timestamp: T + 2, key: Buffer.from('k2'), value: null },
    ]);
    // offsets 3-4: gzip
    await produce('dc', [{ timestamp: T + 4, key: Buffer.from('k3'), value: Buffer.from('v3') }, { timestamp: T + 3, key: null, value: Buffer.from('v4') }], CompressionType.Gzip);
    // offset 5: a transaction marker (control batch), written straight to the log
    const log = broker.broker.partitionLog('dc', 0)!;
    const marker = encodeControlBatch({ type: ControlRecordType.Commit, producerId: 9, producerEpoch: 0, coordinatorEpoch: 0, timestamp: T + 5 });
    log.append(marker, [{ position: 0, size: marker.length, lastOffsetDelta: 0, maxTimestamp: T + 5 }]);
    // offset 6: uncompressed
    await produce('dc', [{ timestamp: T + 6, key: Buffer.from('k6'), value: Buffer.from('v6') }]);
  });

  const uncompressed = (magic: 0 | 1) => [msg(0, magic, 0, T, 'k0', 'v0'), msg(1, magic, 0, T + 1, null, 'v1'), msg(2, magic, 0, T + 2, 'k2', null)];

  it('v0 and v1 get magic 0: one message per uncompressed record, a gzip wrapper with absolute inner offsets, no marker', async () => {
    for (const version of [0, 1]) {
      const p = await fetch(version, 'dc');
      expect(p).toMatchObject({ errorCode: 0, highWatermark: 7n });
      const records = p.records!;
      const head = Buffer.concat(uncompressed(0));
      expect(records.subarray(0, head.length).toString('hex')).toBe(head.toString('hex'));
      const wrapper = entryAt(records, head.length);
      expect(wrapper).toMatchObject({ offset: 4, magic: 0, attributes: CompressionType.Gzip, timestamp: null, key: null, crcOk: true });
      expect(gunzipSync(wrapper.value!).toString('hex')).toBe(Buffer.concat([msg(3, 0, 0, -1, 'k3', 'v3'), msg(4, 0, 0, -1, null, 'v4')]).toString('hex'));
      // The marker at 5 is dropped; offset 6 follows.
      expect(records.subarray(wrapper.end).toString('hex')).toBe(msg(6, 0, 0, -1, 'k6', 'v6').toString('hex'));
    }
  });

  it('v2 and v3 get magic 1: create times kept, the wrapper holding relative offsets and the largest time', async () => {
    for (const version of [2, 3]) {
      const records = (await fetch(version, 'dc')).records!;
      const head = Buffer.concat(uncompressed(1));
      expect(records.subarray(0, head.length).toString('hex')).toBe(head.toString('hex'));
      const wrapper = entryAt(records, head.length);
      expect(wrapper).toMatchObject({ offset: 4, magic: 1, attributes: CompressionType.Gzip, timestamp: T + 4, key: null, crcOk: true });
      expect(gunzipSync(wrapper.value!).toString('hex')).toBe(Buffer.concat([msg(0, 1, 0, T + 4, 'k3', 'v3'), msg(1, 1, 0, T + 3, null, 'v4')]).toString('hex'));
      expect(records.subarray(wrapper.end).toString('hex')).toBe(msg(6, 1, 0, T + 6, 'k6', 'v6').toString('hex'));
    }
  });

  it('answers v0 with the exact frame: topic, partition, error, high watermark, message set', async () => {
    const frame = await client.requestFrame(ApiKey.Fetch, 0, fetchBody('dc', 6n) as FetchRequest);
    const set = msg(6, 0, 0, -1, 'k6', 'v6');
    const size = Buffer.alloc(4);
    size.writeInt32BE(set.length);
    expect(frame.subarray(4).toString('hex')).toBe('00000001' + '0002' + Buffer.from('dc').toString('hex') + '00000001' + '00000000' + '0000' + '0000000000000007' + size.toString('hex') + set.toString('hex'));
  });

  it('leaves out uncompressed records below the fetch offset, but sends a compressed batch whole', async () => {
    const fromOne = (await fetch(2, 'dc', 1n)).records!;
    expect(entryAt(fromOne, 0)).toMatchObject({ offset: 1 });
    const fromFour = (await fetch(2, 'dc', 4n)).records!;
    expect(entryAt(fromFour, 0)).toMatchObject({ offset: 4, attributes: CompressionType.Gzip });
    expect(gunzipSync(entryAt(fromFour, 0).value!).readBigInt64BE(0)).toBe(0n);
  });

  it('gives magic 1 messages of a LogAppendTime batch its append time and the timestamp-type bit', async () => {
    await createTopic(client, 'dc-lat', { 'message.timestamp.type': 'LogAppendTime' });
    await produce('dc-lat', [{ timestamp: T, key: null, value: Buffer.from('a') }]);
    await produce('dc-lat', [{ timestamp: T, key: null, value: Buffer.from('b') }, { timestamp: T, key: null, value: Buffer.from('c') }], CompressionType.Snappy);
    const v12 = (await client.request(ApiKey.Fetch, 12, fetchBody('dc-lat', 0n) as FetchRequest)).responses[0]!.partitions[0]!.records!;
    const appendTimes = [Number(v12.readBigInt64BE(35)), Number(v12.readBigInt64BE(v12.readInt32BE(8) + 12 + 35))];
    const records = (await fetch(3, 'dc-lat')).records!;
    expect(records.subarray(0, entryAt(records, 0).end).toString('hex')).toBe(msg(0, 1, 0x08, appendTimes[0]!, null, 'a').toString('hex'));
    expect(entryAt(records, entryAt(records, 0).end)).toMatchObject({ offset: 2, attributes: 0x08 | CompressionType.Snappy, timestamp: appendTimes[1], crcOk: true });
    // Magic 0 carries no timestamp, and no timestamp-type bit.
    expect((await fetch(1, 'dc-lat')).records!.subarray(0, 27).toString('hex')).toBe(msg(0, 0, 0, -1, null, 'a').toString('hex'));
  });

  it('converts snappy and lz4 batches into wrappers of the same codec', async () => {
    await createTopic(client, 'dc-codecs');
    await produce('dc-codecs', [{ timestamp: T, key: null, value: Buffer.from('s') }], CompressionType.Snappy);
    await produce('dc-codecs', [{ timestamp: T, key: null, value: Buffer.from('l') }], CompressionType.Lz4);
    for (const version of [0, 2]) {
      const records = (await fetch(version, 'dc-codecs')).records!;
      const first = entryAt(records, 0);
      expect([first.attributes & 7, entryAt(records, first.end).attributes & 7]).toEqual([CompressionType.Snappy, CompressionType.Lz4]);
    }
    // A v0 lz4 wrapper carries old Kafka's header checksum (over the frame magic too).
    const v0 = (await fetch(0, 'dc-codecs', 1n)).records!;
    const lz4Frame = entryAt(v0, 0).value!;
    expect(lz4Frame.subarray(0, 4).toString('hex')).toBe('04224d18');
  });
});

describe('Fetch v0-v3 refusals', () => {
  it('answers UNSUPPORTED_COMPRESSION_TYPE below v10 for a zstd topic, and for zstd batches to v0-v3', async () => {
    await createTopic(client, 'dc-zstd-topic', { 'compression.type': 'zstd' });
    await produce('dc-zstd-topic', [{ timestamp: T, key: null, value: Buffer.from('z') }]);
    for (const version of [0, 3, 4, 9]) {
      expect(await fetch(version, 'dc-zstd-topic')).toMatchObject({ errorCode: ErrorCode.UNSUPPORTED_COMPRESSION_TYPE, highWatermark: -1n, records: Buffer.alloc(0) });
    }
    expect(await fetch(10, 'dc-zstd-topic')).toMatchObject({ errorCode: 0, highWatermark: 1n });

    await createTopic(client, 'dc-zstd-batch');
    await produce('dc-zstd-batch', [{ timestamp: T, key: null, value: Buffer.from('plain') }]);
    await produce('dc-zstd-batch', [{ timestamp: T, key: null, value: Buffer.from('z') }], CompressionType.Zstd);
    // What comes before the zstd batch is sent; the next fetch, from the zstd batch, is refused.
    const first = await fetch(2, 'dc-zstd-batch');
    expect(first.errorCode).toBe(0);
    expect(entryAt(first.records!, 0)).toMatchObject({ offset: 0, end: first.records!.length });
    expect(await fetch(2, 'dc-zstd-batch', 1n)).toMatchObject({ errorCode: ErrorCode.UNSUPPORTED_COMPRESSION_TYPE, highWatermark: -1n });
    expect((await fetch(4, 'dc-zstd-batch', 1n)).errorCode).toBe(0);
  });

  it('answers UNSUPPORTED_VERSION to v0-v3 when message.downconversion.enable is false, even over another error', async () => {
    await createTopic(client, 'dc-off', { 'message.downconversion.enable': 'false' });
    await produce('dc-off', [{ timestamp: T, key: null, value: Buffer.from('x') }]);
    for (const version of [0, 1, 2, 3]) expect(await fetch(version, 'dc-off')).toMatchObject({ errorCode: ErrorCode.UNSUPPORTED_VERSION, highWatermark: -1n });
    expect((await fetch(3, 'dc-off', 99n)).errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION);
    expect((await fetch(4, 'dc-off')).errorCode).toBe(0);
    // An error of its own stays when conversion is allowed.
    expect(await fetch(0, 'dc', 99n)).toMatchObject({ errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, highWatermark: 7n });
  });
});

describe('Fetch v0-v3 sizes', () => {
  it('sends the whole first batch, then whole messages up to the size the log read returned', async () => {
    await createTopic(client, 'dc-size');
    for (let i = 0; i < 4; i++) await produce('dc-size', Array.from({ length: 3 }, (_, j) => ({ timestamp: T, key: null, value: Buffer.from(`value-${i}-${j}`) })));
    // A limit inside the first batch: v3 (KIP-74) still sends it whole (3 messages); v0-v2 hold
    // the limit as a hard one (Kafka's hardMaxBytesLimit) and send nothing.
    expect((await fetch(3, 'dc-size', 0n, 10)).records!.length).toBe(3 * 43);
    for (const version of [0, 1, 2]) expect(await fetch(version, 'dc-size', 0n, 10)).toMatchObject({ errorCode: 0, highWatermark: 12n, records: Buffer.alloc(0) });
    // Two v2 batches fit the limit: the log read returns them, and the conversion (3 x 35 bytes
    // per batch, larger than a v2 batch of 3 x 16 + 61) stops at the last whole message inside it.
    const raw = (await fetch(4, 'dc-size', 0n, 250)).records!;
    expect(raw.length).toBe(2 * 109);
    const converted = (await fetch(0, 'dc-size', 0n, 250)).records!;
    expect(converted.length).toBe(6 * 35);
    let pos = 0;
    const offsets: number[] = [];
    while (pos < converted.length) {
      const e = entryAt(converted, pos);
      expect(e.crcOk).toBe(true);
      offsets.push(e.offset);
      pos = e.end;
    }
    expect(offsets).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
