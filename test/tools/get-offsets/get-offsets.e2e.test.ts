// `kt get-offsets` against kt's broker: offsets by spec and by timestamp, filters, ordering,
// and Kafka's messages and exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { kt, requireBuiltCli } from '../../helpers/kt-process.js';

let broker: StartedBroker;
const getOffsets = (...args: string[]) => kt(['get-offsets', '--bootstrap-server', broker.bootstrap, ...args]);
const stdout = async (...args: string[]) => {
  const r = await getOffsets(...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout.toString();
};

beforeAll(async () => {
  requireBuiltCli();
  broker = await startBroker({ port: 0 });
  const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'get-offsets-test', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic: 'orders', numPartitions: 3 },
      { topic: 'other', numPartitions: 1 },
      { topic: 'wide', numPartitions: 11 },
    ],
  });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  const at = (partition: number, timestamp: number) => ({ value: `v${timestamp}`, partition, timestamp: String(timestamp) });
  await producer.send({ topic: 'orders', messages: [at(0, 1000), at(0, 3000), at(0, 2000), at(1, 5000)] });
  await producer.send({ topic: 'other', messages: [at(0, 100), at(0, 200)] });
  await producer.disconnect();
}, 60_000);

afterAll(async () => {
  await broker?.close();
});

describe('kt get-offsets', () => {
  it('prints the latest offsets by default, sorted by <topic>-<partition> as text', async () => {
    const out = await stdout('--exclude-internal-topics');
    const wide = ['0', '1', '10', '2', '3', '4', '5', '6', '7', '8', '9'].map((p) => `wide:${p}:0\n`).join('');
    expect(out).toBe(`orders:0:3\norders:1:1\norders:2:0\nother:0:2\n${wide}`);
  });

  it('prints earliest, max-timestamp and by-timestamp offsets, omitting partitions without one', async () => {
    expect(await stdout('--topic', 'orders|other', '--time', '-2')).toBe('orders:0:0\norders:1:0\norders:2:0\nother:0:0\n');
    expect(await stdout('--topic', 'orders|other', '--time', 'earliest')).toBe('orders:0:0\norders:1:0\norders:2:0\nother:0:0\n');
    // The record with the largest timestamp; an empty partition has none.
    expect(await stdout('--topic', 'orders|other', '--time', 'max-timestamp')).toBe('orders:0:1\norders:1:0\nother:0:1\n');
    // The first offset whose timestamp is at or after the given one.
    expect(await stdout('--topic', 'orders|other', '--time', '2000')).toBe('orders:0:1\norders:1:0\n');
    expect(await stdout('--topic', 'orders', '--time', '999999999999')).toBe('');
  });

  it('filters by topic regex and partition list, or by topic-partition rules', async () => {
    expect(await stdout('--topic', 'ord.*', '--partitions', '0,2')).toBe('orders:0:3\norders:2:0\n');
    expect(await stdout('--topic-partitions', 'orders:1-,other')).toBe('orders:1:1\norders:2:0\nother:0:2\n');
    expect(await stdout('--topic-partitions', 'wide:-2,orders:0')).toBe('orders:0:3\nwide:0:0\nwide:1:0\n');
  });

  it('reports bad input as `Error occurred: ...` on stderr, exit 1', async () => {
    const cases: Array<[string[], string]> = [
      [['--topic', 'nothing-matches'], 'Could not match any topic-partitions with the specified filters'],
      [['--topic-partitions', 'orders', '--topic', 'orders'], '--topic-partitions cannot be used with --topic or --partitions'],
      [['--topic-partitions', 'orders:x'], 'org.apache.kafka.tools.TerseException: Invalid rule specification: orders:x'],
      [['--partitions', '1,a'], '--partitions expects a comma separated list of numeric partition ids, but received: 1,a'],
      [
        ['--time', 'yesterday'],
        'Malformed time argument yesterday. Please use -1 or latest / -2 or earliest / -3 or max-timestamp / -4 or earliest-local / -5 or latest-tiered, or a specified long format timestamp',
      ],
      [['--bogus'], 'bogus is not a recognized option'],
      [['--time', '-1', '--time', '-2'], 'Found multiple arguments for option time, but you asked for only one'],
    ];
    for (const [args, message] of cases) {
      const r = await getOffsets(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toBe(`Error occurred: ${message}\n`);
      expect(r.stdout.toString()).toBe('');
    }
  });

  it('prints the usage for no arguments, --help, and a missing or malformed --bootstrap-server', async () => {
    const none = await kt(['get-offsets']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^An interactive shell for getting topic-partition offsets\.\nOption +Description/);
    const missing = await kt(['get-offsets', '--topic', 'x']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Missing required argument "\[bootstrap-server\]"\nOption +Description/);
    const malformed = await kt(['get-offsets', '--bootstrap-server', 'localhost']);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toMatch(/^Please provide valid host:port like host1:9091,host2:9092\n\nOption +Description/);
  });
});
