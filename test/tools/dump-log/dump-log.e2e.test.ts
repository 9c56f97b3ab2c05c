// kt dump-log on segments the broker wrote: a topic with one batch per codec (headers, null
// keys, producer id and sequences), a transaction marker appended after the broker closed, and
// __consumer_offsets after a group committed. Every printed line is asserted.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker } from '../../../src/index.js';
import { ApiKey } from '../../../src/protocol/api.js';
import { CompressionType } from '../../../src/protocol/records/compression/compression-type.js';
import { ControlRecordType, encodeControlBatch } from '../../../src/protocol/records/control.js';
import { encodeRecordBatch, type KafkaRecord } from '../../../src/protocol/records/record-batch.js';
import { RawClient } from '../../helpers/raw-client.js';
import { kt, requireBuiltCli } from '../../helpers/kt-process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kt-dump-log-'));
const SEGMENT = join(dataDir, 't-0', '00000000000000000000');
const OFFSETS_SEGMENT = join(dataDir, '__consumer_offsets-0', '00000000000000000000');
const T = 1_700_000_000_000;
const CODECS = [CompressionType.None, CompressionType.Gzip, CompressionType.Snappy, CompressionType.Lz4, CompressionType.Zstd];
const CODEC_NAMES = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];
const PRODUCER_ID = 7;

/** Three records per batch: the middle one has no key and two headers (one with a null value). */
function records(batch: number): KafkaRecord[] {
  return [0, 1, 2].map((i) => ({
    timestamp: T + batch * 10 + i,
    key: i === 1 ? null : Buffer.from(`k${batch * 10 + i}`),
    value: Buffer.from(`value-${batch * 10 + i}`),
    headers: i === 1 ? [{ key: 'h1', value: Buffer.from('x') }, { key: 'h2', value: null }] : [],
  }));
}

/** The batches as sent; the broker stores them as they are (baseOffset and leader epoch patched). */
const batches = CODECS.map((compression, i) =>
  encodeRecordBatch({ records: records(i), compression, producerId: PRODUCER_ID, producerEpoch: 0, baseSequence: i * 3 }),
);
const marker = encodeControlBatch({ type: ControlRecordType.Commit, producerId: PRODUCER_ID, producerEpoch: 0, coordinatorEpoch: 5, timestamp: T + 99, baseOffset: 15, partitionLeaderEpoch: 0 });

beforeAll(async () => {
  requireBuiltCli();
  const broker = await startBroker({ dataDir, config: { 'offsets.topic.num.partitions': '1' } });
  try {
    const client = await RawClient.connect(broker.port);
    try {
      const created = await client.request(ApiKey.CreateTopics, 7, {
        topics: [{ name: 't', numPartitions: 1, replicationFactor: 1, configs: [{ name: 'index.interval.bytes', value: '100' }] }],
        timeoutMs: 5000,
      });
      expect(created.topics[0]!.errorCode).toBe(0);
      for (const records of batches) {
        const r = await client.request(ApiKey.Produce, 9, { acks: -1, timeoutMs: 5000, topicData: [{ name: 't', partitionData: [{ index: 0, records }] }] });
        expect(r.responses[0]!.partitionResponses[0]!.errorCode).toBe(0);
      }
    } finally {
      client.close();
    }
    await commitOffsets(broker.bootstrap);
  } finally {
    await broker.close();
  }
  // Clients may not write control batches: the marker goes straight into the closed segment.
  appendFileSync(`${SEGMENT}.log`, marker);
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A consumer group `g1` joins, reads orders-0 and commits offset 1. */
async function commitOffsets(bootstrap: string): Promise<void> {
  const kafka = new kafkajs.Kafka({ brokers: [bootstrap], clientId: 'dump-test', logLevel: kafkajs.logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 1 }] });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'orders', messages: [{ value: 'a' }] });
  await producer.disconnect();
  const consumer = kafka.consumer({ groupId: 'g1' });
  await consumer.connect();
  await consumer.subscribe({ topic: 'orders', fromBeginning: true });
  await new Promise<void>((resolve) => {
    void consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
        resolve();
      },
    });
  });
  await consumer.disconnect();
}

async function dump(...args: string[]): Promise<{ code: number | null; stdout: string[]; stderr: string }> {
  const r = await kt(['dump-log', ...args]);
  return { code: r.code, stdout: r.stdout.toString().split('\n'), stderr: r.stderr };
}

/** Positions of the data batches and the marker: cumulative sizes. */
const positions = [...batches, marker].reduce<number[]>((acc, b, i) => [...acc, i === 0 ? 0 : acc[i - 1]! + [...batches, marker][i - 1]!.length], []);

function batchLine(i: number): string {
  const b = batches[i]!;
  return (
    `baseOffset: ${i * 3} lastOffset: ${i * 3 + 2} count: 3 baseSequence: ${i * 3} lastSequence: ${i * 3 + 2} producerId: 7 producerEpoch: 0 ` +
    `partitionLeaderEpoch: 0 isTransactional: false isControl: false deleteHorizonMs: OptionalLong.empty position: ${positions[i]} ` +
    `CreateTime: ${T + i * 10 + 2} size: ${b.length} magic: 2 compresscodec: ${CODEC_NAMES[i]} crc: ${b.readUInt32BE(17)} isvalid: true`
  );
}

const MARKER_LINE =
  'baseOffset: 15 lastOffset: 15 count: 1 baseSequence: -1 lastSequence: -1 producerId: 7 producerEpoch: 0 partitionLeaderEpoch: 0 ' +
  `isTransactional: true isControl: true deleteHorizonMs: OptionalLong.empty position: ${positions[5]} CreateTime: ${T + 99} size: ${marker.length} ` +
  `magic: 2 compresscodec: none crc: ${marker.readUInt32BE(17)} isvalid: true`;
const MARKER_RECORD = `| offset: 15 CreateTime: ${T + 99} keySize: 4 valueSize: 6 sequence: -1 headerKeys: [] endTxnMarker: COMMIT coordinatorEpoch: 5`;

function recordLine(batch: number, i: number, contents: boolean): string {
  const n = batch * 10 + i;
  const meta = `| offset: ${batch * 3 + i} CreateTime: ${T + n} keySize: ${i === 1 ? -1 : String(n).length + 1} valueSize: ${`value-${n}`.length} sequence: ${batch * 3 + i}`;
  const headers = i === 1 ? '[h1,h2]' : '[]';
  if (!contents) return `${meta} headerKeys: ${headers}`;
  return `${meta} headerKeys: ${headers}${i === 1 ? '' : ` key: k${n}`} payload: value-${n}`;
}

describe('kt dump-log on a segment the broker wrote', () => {
  it('prints one line per batch with the stored header fields, sizes, positions, codecs and CRCs', async () => {
    // The uncompressed batch is fully determined by its contents.
    expect(batches[0]!.length).toBe(116);
    expect(batches[0]!.readUInt32BE(17)).toBe(2214264594);
    const r = await dump('--files', `${SEGMENT}.log`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toEqual([`Dumping ${SEGMENT}.log`, 'Log starting offset: 0', ...CODECS.map((_, i) => batchLine(i)), MARKER_LINE, '']);
  });

  it('--deep-iteration adds a line per record; --print-data-log adds keys and payloads', async () => {
    const [deep, data] = await Promise.all([dump('--deep-iteration', '--files', `${SEGMENT}.log`), dump('--print-data-log', '--files', `${SEGMENT}.log`)]);
    for (const [r, contents] of [
      [deep, false],
      [data, true],
    ] as const) {
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      const expected = [`Dumping ${SEGMENT}.log`, 'Log starting offset: 0'];
      CODECS.forEach((_, b) => expected.push(batchLine(b), ...[0, 1, 2].map((i) => recordLine(b, i, contents))));
      // A control record never gets a payload.
      expected.push(MARKER_LINE, MARKER_RECORD, '');
      expect(r.stdout).toEqual(expected);
    }
  });

  it('--skip-record-metadata prints only keys and payloads (an empty line for the marker)', async () => {
    const r = await dump('--print-data-log', '--skip-record-metadata', '--files', `${SEGMENT}.log`);
    expect(r.code).toBe(0);
    expect(r.stdout.slice(2, 6)).toEqual([batchLine(0), '| key: k0 payload: value-0', ' payload: value-1', '| key: k2 payload: value-2']);
    expect(r.stdout.slice(-3)).toEqual([MARKER_LINE, '', '']);
  });

  it('--max-bytes stops after the batches that fit, without the trailing-bytes report', async () => {
    const r = await dump('--files', `${SEGMENT}.log`, '--max-bytes', String(positions[2]! + 10));
    expect(r.code).toBe(0);
    expect(r.stdout).toEqual([`Dumping ${SEGMENT}.log`, 'Log starting offset: 0', batchLine(0), batchLine(1), '']);
  });

  it('decoder classes: kafka.serializer names are announced as deprecated on stdout', async () => {
    const r = await dump('--files', `${SEGMENT}.log`, '--value-decoder-class', 'kafka.serializer.StringDecoder', '--key-decoder-class', '--max-bytes', String(positions[1]));
    expect(r.code).toBe(0);
    expect(r.stdout).toEqual([
      `Dumping ${SEGMENT}.log`,
      'kafka.serializer.StringDecoder is deprecated. Please use org.apache.kafka.tools.api.StringDecoder instead',
      'Log starting offset: 0',
      batchLine(0),
      ...[0, 1, 2].map((i) => recordLine(0, i, true)),
      '',
    ]);
    const missing = await dump('--files', `${SEGMENT}.log`, '--value-decoder-class', 'com.example.Nope');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toEqual([`Dumping ${SEGMENT}.log`, '']);
    expect(missing.stderr).toBe('java.lang.ClassNotFoundException: com.example.Nope\n');
  });

  it('prints the offset and time indexes, and checks them against the log', async () => {
    const r = await dump('--files', `${SEGMENT}.index,${SEGMENT}.timeindex`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // index.interval.bytes=100: every append after the first one is indexed at its start position.
    expect(r.stdout).toEqual([
      `Dumping ${SEGMENT}.index`,
      ...[1, 2, 3, 4].map((i) => `offset: ${i * 3 + 2} position: ${positions[i]}`),
      `Dumping ${SEGMENT}.timeindex`,
      ...[1, 2, 3, 4].map((i) => `timestamp: ${T + i * 10 + 2} offset: ${i * 3 + 2}`),
      '',
    ]);
    const verify = await dump('--verify-index-only', '--files', `${SEGMENT}.index,${SEGMENT}.timeindex`);
    expect(verify).toEqual({ code: 0, stdout: [`Dumping ${SEGMENT}.index`, `Dumping ${SEGMENT}.timeindex`, ''], stderr: '' });
    const sanity = await dump('--index-sanity-check', '--files', `${SEGMENT}.index,${SEGMENT}.timeindex`);
    expect(sanity.stdout).toEqual([
      `Dumping ${SEGMENT}.index`,
      `${SEGMENT}.index passed sanity check.`,
      `Dumping ${SEGMENT}.timeindex`,
      `${SEGMENT}.timeindex passed sanity check.`,
      '',
    ]);
  });
});

describe('kt dump-log --offsets-decoder', () => {
  it('prints group metadata and offset commits as Kafka JSON', async () => {
    const r = await dump('--offsets-decoder', '--files', `${OFFSETS_SEGMENT}.log`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [dumping, start, ...rest] = r.stdout;
    expect(dumping).toBe(`Dumping ${OFFSETS_SEGMENT}.log`);
    expect(start).toBe('Log starting offset: 0');
    const batchLines = rest.filter((_, i) => i % 2 === 0 && i < rest.length - 1);
    const recordLines = rest.filter((_, i) => i % 2 === 1);
    expect(rest.at(-1)).toBe('');
    for (const [i, line] of batchLines.entries()) {
      expect(line).toMatch(
        new RegExp(
          `^baseOffset: ${i} lastOffset: ${i} count: 1 baseSequence: -1 lastSequence: -1 producerId: -1 producerEpoch: -1 partitionLeaderEpoch: 0 ` +
            'isTransactional: false isControl: false deleteHorizonMs: OptionalLong.empty position: \\d+ CreateTime: \\d+ size: \\d+ magic: 2 compresscodec: none crc: \\d+ isvalid: true$',
        ),
      );
    }
    // The join (group metadata), the commit, then the group emptied when the consumer left.
    expect(recordLines).toHaveLength(3);
    const member = /"memberId":"(dump-test-[0-9a-f-]+)"/.exec(recordLines[0]!)![1]!;
    expect(recordLines[0]).toMatch(
      new RegExp(
        '^\\| offset: 0 CreateTime: (\\d+) keySize: 6 valueSize: \\d+ sequence: -1 headerKeys: \\[\\] key: \\{"type":"2","data":\\{"group":"g1"\\}\\} ' +
          'payload: \\{"version":"3","data":\\{"protocolType":"consumer","generation":1,"protocol":"RoundRobinAssigner",' +
          `"leader":"${member}","currentStateTimestamp":\\d+,"members":\\[\\{"memberId":"${member}","groupInstanceId":null,` +
          '"clientId":"dump-test","clientHost":"/127.0.0.1","rebalanceTimeout":60000,"sessionTimeout":30000,' +
          '"subscription":\\{"topics":\\["orders"\\],"userData":""\\},' +
          '"assignment":\\{"assignedPartitions":\\[\\{"topic":"orders","partitions":\\[0\\]\\}\\],"userData":""\\}\\}\\]\\}\\}$',
      ),
    );
    const commit = /CreateTime: (\d+) .*"commitTimestamp":(\d+)/.exec(recordLines[1]!)!;
    expect(commit[1]).toBe(commit[2]);
    expect(recordLines[1]).toBe(
      `| offset: 1 CreateTime: ${commit[1]} keySize: 18 valueSize: 24 sequence: -1 headerKeys: [] ` +
        `key: {"type":"1","data":{"group":"g1","topic":"orders","partition":0}} ` +
        `payload: {"version":"3","data":{"offset":1,"leaderEpoch":-1,"metadata":"","commitTimestamp":${commit[1]}}}`,
    );
    expect(recordLines[2]).toMatch(
      /^\| offset: 2 CreateTime: \d+ keySize: 6 valueSize: 32 sequence: -1 headerKeys: \[\] key: \{"type":"2","data":\{"group":"g1"\}\} payload: \{"version":"3","data":\{"protocolType":"consumer","generation":2,"protocol":null,"leader":null,"currentStateTimestamp":\d+,"members":\[\]\}\}$/,
    );
  });
});
