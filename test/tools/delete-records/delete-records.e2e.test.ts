// `kt delete-records` against kt's broker; `kt get-offsets --time -2` then reports the new log
// start offsets.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { kt, requireBuiltCli } from '../../helpers/kt-process.js';

let broker: StartedBroker;
const dir = mkdtempSync(join(tmpdir(), 'kt-delete-records-'));
const HEADER = 'Executing records delete operation\nRecords delete operation completed:\n';

function offsetFile(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const deleteRecords = (file: string, ...args: string[]) => kt(['delete-records', '--bootstrap-server', broker.bootstrap, '--offset-json-file', file, ...args]);

beforeAll(async () => {
  requireBuiltCli();
  broker = await startBroker({ port: 0 });
  const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'delete-records-test', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'events', numPartitions: 3 }] });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  const records = (partition: number, n: number) => Array.from({ length: n }, (_, i) => ({ value: `r${i}`, partition }));
  await producer.send({ topic: 'events', messages: [...records(0, 10), ...records(1, 5), ...records(2, 3)] });
  await producer.disconnect();
}, 60_000);

afterAll(async () => {
  await broker?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('kt delete-records', () => {
  it('advances log start offsets (-1: to the high watermark), which get-offsets --time -2 then reports', async () => {
    const file = offsetFile('ok.json', {
      partitions: [
        { topic: 'events', partition: 1, offset: -1 },
        { topic: 'events', partition: 0, offset: 4 },
      ],
      version: 1,
    });
    const r = await deleteRecords(file);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    // HashMap<TopicPartition> order: events-0 is in bucket 13, events-1 in bucket 14.
    expect(r.stdout.toString()).toBe(`${HEADER}partition: events-0\tlow_watermark: 4\npartition: events-1\tlow_watermark: 5\n`);

    const earliest = await kt(['get-offsets', '--bootstrap-server', broker.bootstrap, '--topic', 'events', '--time', '-2']);
    expect(earliest).toMatchObject({ code: 0, stderr: '' });
    expect(earliest.stdout.toString()).toBe('events:0:4\nevents:1:5\nevents:2:0\n');
    const latest = await kt(['get-offsets', '--bootstrap-server', broker.bootstrap, '--topic', 'events']);
    expect(latest.stdout.toString()).toBe('events:0:10\nevents:1:5\nevents:2:3\n');
  });

  it('prints per-partition errors and still exits 0', async () => {
    const config = offsetFile('fast.properties', 'default.api.timeout.ms=300\nretry.backoff.ms=50\n');
    const file = offsetFile('errors.json', {
      partitions: [
        { topic: 'events', partition: 2, offset: 100 },
        { topic: 'gone', partition: 0, offset: 1 },
      ],
    });
    const r = await deleteRecords(file, '--command-config', config);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.toString()).toBe(
      HEADER +
        'partition: gone-0\terror: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: deleteRecords(api=METADATA)\n' +
        'partition: events-2\terror: org.apache.kafka.common.errors.OffsetOutOfRangeException: The requested offset is not within the range of offsets maintained by the server.\n',
    );
  });

  it('fails on a bad offset file with Kafka\'s message, before deleting anything', async () => {
    const cases: Array<[string, string]> = [
      [offsetFile('bad.json', 'nope'), 'The input string is not a valid JSON'],
      [offsetFile('v2.json', { partitions: [], version: 2 }), 'Not supported version field value 2'],
      [
        offsetFile('dup.json', { partitions: [{ topic: 'events', partition: 2, offset: 1 }, { topic: 'events', partition: 2, offset: 2 }] }),
        'Offset json file contains duplicate topic partitions: events-2',
      ],
      [join(dir, 'absent.json'), `java.nio.file.NoSuchFileException: ${join(dir, 'absent.json')}`],
    ];
    for (const [file, message] of cases) {
      const r = await deleteRecords(file);
      expect(r).toMatchObject({ code: 1, stderr: `${message}\n` });
      expect(r.stdout.toString()).toBe('');
    }
    const earliest = await kt(['get-offsets', '--bootstrap-server', broker.bootstrap, '--topic', 'events', '--partitions', '2', '--time', '-2']);
    expect(earliest.stdout.toString()).toBe('events:2:0\n');
  });

  it('prints the usage when a required option is missing', async () => {
    const r = await kt(['delete-records', '--bootstrap-server', broker.bootstrap]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Missing required argument "\[offset-json-file\]"\nOption +Description/);
    const none = await kt(['delete-records']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^This tool helps to delete records of the given partitions down to the specified offset\.\nOption +Description/);
  });
});
