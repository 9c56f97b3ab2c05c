import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker } from '../../../src/index.js';
import { partitionForKey } from '../../../src/client/partitioner.js';
import { kt, requireBuiltCli, startKt } from '../../helpers/kt-process.js';

let broker: { bootstrap: string; close(): Promise<void> };
const B = () => ['--bootstrap-server', broker.bootstrap];

beforeAll(async () => {
  requireBuiltCli();
  broker = await startBroker({ port: 0 });
});

afterAll(async () => {
  await broker?.close();
});

async function createTopic(name: string, partitions = 1): Promise<void> {
  const r = await kt(['topics', ...B(), '--create', '--topic', name, '--partitions', String(partitions)]);
  expect(r.stdout.toString()).toBe(`Created topic ${name}.\n`);
}

function produce(topic: string, input: string | Buffer, ...args: string[]) {
  return kt(['console-producer', ...B(), '--topic', topic, ...args], { input });
}

function consume(topic: string, ...args: string[]) {
  return kt(['console-consumer', ...B(), '--topic', topic, ...args]);
}

describe('console producer -> console consumer', () => {
  it('round-trips lines, keys and headers', async () => {
    await createTopic('lines');
    const produced = await produce('lines', 'h1:v1,h2:v2\tk1\tvalue one\nh1:x\tk2\tvalue\ttwo\n', '--property', 'parse.key=true', '--property', 'parse.headers=true');
    expect(produced).toMatchObject({ code: 0, stderr: '' });
    expect(produced.stdout.toString()).toBe('');

    const r = await consume('lines', '--from-beginning', '--max-messages', '2', '--property', 'print.key=true', '--property', 'print.headers=true', '--property', 'print.offset=true');
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe('Offset:0\th1:v1,h2:v2\tk1\tvalue one\nOffset:1\th1:x\tk2\tvalue\ttwo\n');
    expect(r.stderr).toBe('Processed a total of 2 messages\n');
  });

  it('keeps raw bytes and null markers', async () => {
    await createTopic('bytes');
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x41]);
    const input = Buffer.concat([binary, Buffer.from('\nNULL\n\n')]);
    expect((await produce('bytes', input, '--property', 'null.marker=NULL')).code).toBe(0);
    const r = await consume('bytes', '--from-beginning', '--max-messages', '3', '--property', 'null.literal=<nil>');
    expect(r.stdout).toEqual(Buffer.concat([binary, Buffer.from('\n<nil>\n\n')]));
  });

  it('places keyed records like the Java client', async () => {
    await createTopic('keyed', 4);
    const keys = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
    expect((await produce('keyed', keys.map((k) => `${k}\tv-${k}`).join('\n'), '--property', 'parse.key=true')).code).toBe(0);
    for (let p = 0; p < 4; p++) {
      const expected = keys.filter((k) => partitionForKey(Buffer.from(k), 4) === p);
      const r = await consume('keyed', '--partition', String(p), '--offset', 'earliest', '--timeout-ms', '1500', '--property', 'print.key=true');
      expect(r.stdout.toString()).toBe(expected.map((k) => `${k}\tv-${k}\n`).join(''));
      expect(r.stderr.endsWith(`Processed a total of ${expected.length} messages\n`)).toBe(true);
    }
  });

  it('reads every compression codec', async () => {
    await createTopic('codecs');
    for (const codec of ['gzip', 'snappy', 'lz4', 'zstd', 'none']) {
      expect(await produce('codecs', `value-${codec}\n`, '--compression-codec', codec)).toMatchObject({ code: 0, stderr: '' });
    }
    const r = await consume('codecs', '--from-beginning', '--max-messages', '5');
    expect(r.stdout.toString()).toBe('value-gzip\nvalue-snappy\nvalue-lz4\nvalue-zstd\nvalue-none\n');
  });

  it('sends many lines in few requests, in order', async () => {
    await createTopic('bulk');
    const lines = Array.from({ length: 20000 }, (_, i) => `record-${i}`);
    expect((await produce('bulk', `${lines.join('\n')}\n`)).code).toBe(0);
    const r = await consume('bulk', '--from-beginning', '--max-messages', '20000');
    expect(r.stdout.toString()).toBe(`${lines.join('\n')}\n`);
    expect(r.stderr).toBe('Processed a total of 20000 messages\n');
  });

  it('starts a --partition read at an offset', async () => {
    await createTopic('offsets');
    await produce('offsets', 'a\nb\nc\nd\n');
    const r = await consume('offsets', '--partition', '0', '--offset', '2', '--max-messages', '2', '--property', 'print.offset=true');
    expect(r.stdout.toString()).toBe('Offset:2\tc\nOffset:3\td\n');
  });

  it('resumes a group where it stopped', async () => {
    await createTopic('grouped');
    await produce('grouped', 'one\ntwo\nthree\n');
    const first = await consume('grouped', '--group', 'g1', '--from-beginning', '--max-messages', '2');
    expect(first.stdout.toString()).toBe('one\ntwo\n');
    const second = await consume('grouped', '--group', 'g1', '--from-beginning', '--timeout-ms', '2000');
    expect(second.stdout.toString()).toBe('three\n');
  });

  it('picks up a topic matching --include that is created later', async () => {
    const { child, done } = startKt(['console-consumer', ...B(), '--include', 'later-.*', '--from-beginning', '--max-messages', '1', '--consumer-property', 'metadata.max.age.ms=500']);
    await new Promise((r) => setTimeout(r, 1500));
    await createTopic('later-a');
    await produce('later-a', 'late\n');
    const r = await done;
    void child;
    expect(r.stdout.toString()).toBe('late\n');
    expect(r.stderr).toBe('Processed a total of 1 messages\n');
  });

  it('subscribes by --include regex', async () => {
    await createTopic('inc-a');
    await createTopic('inc-b');
    await produce('inc-a', 'from-a\n');
    await produce('inc-b', 'from-b\n');
    const r = await kt(['console-consumer', ...B(), '--include', 'inc-.*', '--from-beginning', '--max-messages', '2']);
    expect(r.stdout.toString().split('\n').sort()).toEqual(['', 'from-a', 'from-b']);
  });
});

describe('console consumer output options', () => {
  it('prints --json records, UTF-8 or base64', async () => {
    await createTopic('json-out');
    await produce('json-out', 'h:x\tk\tv1\n', '--property', 'parse.key=true', '--property', 'parse.headers=true');
    const r = await consume('json-out', '--from-beginning', '--max-messages', '1', '--json');
    expect(r.code).toBe(0);
    const record = JSON.parse(r.stdout.toString());
    expect(record).toMatchObject({ topic: 'json-out', partition: 0, offset: 0, timestampType: 'CreateTime', key: 'k', value: 'v1', headers: [{ key: 'h', value: 'x' }] });
    expect(typeof record.timestamp).toBe('number');
    const b64 = await consume('json-out', '--from-beginning', '--max-messages', '1', '--json', '--json-encoding', 'base64');
    expect(JSON.parse(b64.stdout.toString())).toMatchObject({ key: 'aw==', value: 'djE=' });
  });

  it("fails on wrong-size input to a deserializer with Kafka's message", async () => {
    await createTopic('longs');
    await produce('longs', 'abc\n');
    const r = await consume('longs', '--from-beginning', '--max-messages', '1', '--value-deserializer', 'org.apache.kafka.common.serialization.LongDeserializer');
    expect(r.code).toBe(1);
    expect(r.stdout.toString()).toBe('');
    expect(r.stderr).toMatch(/^Processed a total of 1 messages\n\[.*\] ERROR Unknown error when running consumer: {2}\(org\.apache\.kafka\.tools\.consumer\.ConsoleConsumer\)\n/);
    expect(r.stderr.endsWith('org.apache.kafka.common.errors.SerializationException: Size of data received by LongDeserializer is not 8\n')).toBe(true);
  });
});

describe('console consumer endings', () => {
  it('logs a TimeoutException and exits 0 when --timeout-ms passes', async () => {
    await createTopic('quiet');
    const r = await consume('quiet', '--timeout-ms', '500');
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines[0]).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] ERROR Error processing message, terminating consumer process: {2}\(org\.apache\.kafka\.tools\.consumer\.ConsoleConsumer\)$/);
    expect(lines.slice(1)).toEqual(['org.apache.kafka.common.errors.TimeoutException', 'Processed a total of 0 messages', '']);
  });

  it('prints the count and exits 143 on SIGTERM', async () => {
    await createTopic('endless');
    await produce('endless', 'x\n');
    const { child, done } = startKt(['console-consumer', ...B(), '--topic', 'endless', '--from-beginning']);
    let seen = '';
    await new Promise<void>((resolve) => child.stdout!.on('data', (c: Buffer) => ((seen += c.toString()), seen.includes('x\n') && resolve())));
    child.kill('SIGTERM');
    const r = await done;
    expect(r.code).toBe(143);
    expect(r.stderr).toBe('Processed a total of 1 messages\n');
  });

  it('prints usage errors on stderr', async () => {
    const r = await kt(['console-consumer', ...B()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Exactly one of --include\/--topic is required. \nOption/);
  });
});

describe('console producer failures', () => {
  it('stops at a line the reader rejects, after sending the lines before it', async () => {
    await createTopic('strict');
    const r = await produce('strict', 'k\tv\nno-separator\nk2\tv2\n', '--property', 'parse.key=true');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("org.apache.kafka.common.KafkaException: No key separator found on line number 2: 'no-separator'\n");
    const c = await consume('strict', '--from-beginning', '--timeout-ms', '1500');
    expect(c.stdout.toString()).toBe('v\n');
  });

  it('rejects bad reader settings and bootstrap addresses', async () => {
    const r = await produce('strict', '', '--property', 'headers.delimiter=,');
    expect(r).toMatchObject({ code: 1, stderr: 'org.apache.kafka.common.KafkaException: headers.delimiter and headers.separator may not be equal\n' });
    const bad = await kt(['console-producer', '--bootstrap-server', 'nohost', '--topic', 't']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Please provide valid host:port like host1:9091,host2:9092\n\nOption/);
  });
});
