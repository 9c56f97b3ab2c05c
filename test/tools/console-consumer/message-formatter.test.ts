import { describe, expect, it } from 'vitest';
import { FormatterConfigError, createFormatter } from '../../../src/tools/console-consumer/message-formatter.js';
import { JsonFormatter } from '../../../src/tools/console-consumer/format/json-formatter.js';
import { javaDoubleToString, javaFloatToString } from '../../../src/tools/console-consumer/format/deserializers.js';
import { formatted, recordView, type PlainRecord } from './record-fixture.js';

const DEFAULT = 'org.apache.kafka.tools.consumer.DefaultMessageFormatter';
const SER = 'org.apache.kafka.common.serialization.';

const record: PlainRecord = {
  topic: 't',
  partition: 3,
  offset: 42,
  timestamp: 1700000000000,
  key: Buffer.from('k'),
  value: Buffer.from('v'),
  headers: [
    ['h1', Buffer.from('v1')],
    ['h2', null],
  ],
};

async function format(props: Record<string, string>, r: PlainRecord = record): Promise<string> {
  return (await formatted(createFormatter(DEFAULT, new Map(Object.entries(props))), recordView(r))).toString('utf8');
}

describe('DefaultMessageFormatter', () => {
  it('prints the value by default', async () => {
    expect(await format({})).toBe('v\n');
    expect(await format({}, { ...record, value: null })).toBe('null\n');
  });

  it('prints key and value with the key separator', async () => {
    expect(await format({ 'print.key': 'true' })).toBe('k\tv\n');
    expect(await format({ 'print.key': 'true' }, { ...record, key: null, value: null })).toBe('null\tnull\n');
  });

  it("prints every field in Kafka's order", async () => {
    expect(await format({ 'print.timestamp': 'true', 'print.key': 'true', 'print.offset': 'true', 'print.partition': 'true', 'print.headers': 'true' })).toBe(
      'CreateTime:1700000000000\tPartition:3\tOffset:42\th1:v1,h2:null\tk\tv\n',
    );
    expect(await format({ 'print.delivery': 'true', 'print.epoch': 'true', 'print.value': 'false' })).toBe('Delivery:NOT_PRESENT\tEpoch:NOT_PRESENT\n');
  });

  it('ends with the line separator after the last printed field', async () => {
    expect(await format({ 'print.key': 'true', 'print.value': 'false', 'key.separator': ':' })).toBe('k\n');
    expect(await format({ 'print.value': 'false' })).toBe('');
    expect(await format({ 'print.offset': 'TRUE ', 'line.separator': '|', 'key.separator': ' - ' })).toBe('Offset:42 - v|');
  });

  it('formats timestamps types, missing headers and custom literals', async () => {
    expect(await format({ 'print.timestamp': 'true' }, { ...record, logAppendTime: true })).toBe('LogAppendTime:1700000000000\tv\n');
    expect(await format({ 'print.headers': 'true' }, { ...record, headers: [] })).toBe('NO_HEADERS\tv\n');
    expect(await format({ 'print.headers': 'true', 'headers.separator': ';', 'null.literal': '∅' })).toBe('h1:v1;h2:∅\tv\n');
  });

  it('writes key and value bytes unmodified, and through StringDeserializer as UTF-8', async () => {
    const raw = Buffer.from([0xff, 0x41]);
    expect(await formatted(createFormatter(DEFAULT, new Map()), recordView({ ...record, value: raw }))).toEqual(Buffer.from([0xff, 0x41, 0x0a]));
    expect(await format({ 'value.deserializer': `${SER}StringDeserializer` }, { ...record, value: raw })).toBe('\ufffdA\n');
  });

  it("prints what Kafka 4's deserializers return", async () => {
    const long = Buffer.alloc(8);
    long.writeBigInt64BE(-5n);
    const int = Buffer.from([0, 0, 1, 0]);
    const short = Buffer.from([0xff, 0xfe]);
    const double = Buffer.alloc(8);
    double.writeDoubleBE(1e10);
    const float = Buffer.alloc(4);
    float.writeFloatBE(0.1);
    expect(await format({ 'value.deserializer': `${SER}LongDeserializer` }, { ...record, value: long })).toBe('-5\n');
    expect(await format({ 'value.deserializer': `${SER}IntegerDeserializer` }, { ...record, value: int })).toBe('256\n');
    expect(await format({ 'value.deserializer': `${SER}ShortDeserializer` }, { ...record, value: short })).toBe('-2\n');
    expect(await format({ 'value.deserializer': `${SER}DoubleDeserializer` }, { ...record, value: double })).toBe('1.0E10\n');
    expect(await format({ 'value.deserializer': `${SER}FloatDeserializer` }, { ...record, value: float })).toBe('0.1\n');
    expect(await format({ 'value.deserializer': `${SER}UUIDDeserializer` }, { ...record, value: Buffer.from('0A-B-C-D-E') })).toBe('0000000a-000b-000c-000d-00000000000e\n');
    expect(await format({ 'value.deserializer': `${SER}ByteBufferDeserializer` }, { ...record, value: Buffer.from('abc') })).toBe('java.nio.HeapByteBuffer[pos=0 lim=3 cap=3]\n');
    expect(await format({ 'value.deserializer': `${SER}ByteArrayDeserializer` })).toMatch(/^\[B@[0-9a-f]+\n$/);
  });

  it('throws Kafka\'s SerializationException for wrong-size input (null arrives as the null literal)', async () => {
    const cases: Array<[string, string]> = [
      ['LongDeserializer', 'Size of data received by LongDeserializer is not 8'],
      ['IntegerDeserializer', 'Size of data received by IntegerDeserializer is not 4'],
      ['ShortDeserializer', 'Size of data received by ShortDeserializer is not 2'],
      ['DoubleDeserializer', 'Size of data received by Deserializer is not 8'],
      ['FloatDeserializer', 'Size of data received by Deserializer is not 4'],
      ['UUIDDeserializer', 'Error parsing data into UUID'],
    ];
    for (const [name, message] of cases) {
      const error = await format({ 'value.deserializer': `${SER}${name}` }, { ...record, value: Buffer.from('abc') }).catch((e: Error) => e);
      expect(error).toMatchObject({ name: 'org.apache.kafka.common.errors.SerializationException', message });
    }
    // A null value is deserialized from "null": 4 bytes, which an IntegerDeserializer reads.
    expect(await format({ 'value.deserializer': `${SER}IntegerDeserializer` }, { ...record, value: null })).toBe(`${Buffer.from('null').readInt32BE(0)}\n`);
    await expect(format({ 'value.deserializer': `${SER}VoidDeserializer` }, { ...record, value: null })).rejects.toMatchObject({
      name: 'java.lang.IllegalArgumentException',
      message: 'Data should be null for a VoidDeserializer.',
    });
  });

  it('prints doubles and floats as Java does', () => {
    expect([1, 0.5, 1234567.0, 1e7, 1e-3, 1e-4, -0, NaN, 123.456].map(javaDoubleToString)).toEqual(['1.0', '0.5', '1234567.0', '1.0E7', '0.001', '1.0E-4', '-0.0', 'NaN', '123.456']);
    expect([Math.fround(0.1), Math.fround(3.4e38), Math.fround(1 / 3)].map(javaFloatToString)).toEqual(['0.1', '3.4E38', '0.33333334']);
  });

  it('accepts the logging and no-op formatters and rejects unknown ones', async () => {
    expect((await formatted(createFormatter('org.apache.kafka.tools.consumer.LoggingMessageFormatter', new Map()), recordView(record))).toString()).toBe('v\n');
    expect((await formatted(createFormatter('org.apache.kafka.tools.consumer.NoOpMessageFormatter', new Map()), recordView(record))).length).toBe(0);
    expect(() => createFormatter('com.example.Fmt', new Map())).toThrow('com.example.Fmt');
    // Kafka 4 removed the deprecated kafka.tools.* formatter classes.
    expect(() => createFormatter('kafka.tools.DefaultMessageFormatter', new Map())).toThrow(FormatterConfigError);
  });
});

describe('--json', () => {
  it('prints one object per record, UTF-8 or base64, null kept', async () => {
    const r = recordView({ ...record, key: null, value: Buffer.from('välue "q"') });
    expect(JSON.parse((await formatted(new JsonFormatter('utf8'), r)).toString())).toEqual({
      topic: 't',
      partition: 3,
      offset: 42,
      timestamp: 1700000000000,
      timestampType: 'CreateTime',
      key: null,
      value: 'välue "q"',
      headers: [
        { key: 'h1', value: 'v1' },
        { key: 'h2', value: null },
      ],
    });
    const b64 = JSON.parse((await formatted(new JsonFormatter('base64'), recordView({ ...record, value: Buffer.from([0xff, 0]) }))).toString());
    expect(b64).toMatchObject({ key: 'aw==', value: '/wA=', headers: [{ key: 'h1', value: 'djE=' }, { key: 'h2', value: null }] });
    const two = (await formatted(new JsonFormatter('utf8'), recordView(record), recordView({ ...record, headers: [] }))).toString();
    expect(two.split('\n')).toHaveLength(3);
  });
});
