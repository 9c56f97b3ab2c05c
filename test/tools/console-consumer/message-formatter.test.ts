import { describe, expect, it } from 'vitest';
import { FormatterConfigError, createFormatter, type ConsumedRecord } from '../../../src/tools/console-consumer/message-formatter.js';

const DEFAULT = 'org.apache.kafka.tools.consumer.DefaultMessageFormatter';

const record: ConsumedRecord = {
  topic: 't',
  partition: 3,
  offset: '42',
  timestamp: '1700000000000',
  timestampType: 'CreateTime',
  key: Buffer.from('k'),
  value: Buffer.from('v'),
  headers: [
    ['h1', Buffer.from('v1')],
    ['h2', null],
  ],
};

function format(props: Record<string, string>, r: ConsumedRecord = record): string {
  const out: Buffer[] = [];
  createFormatter(DEFAULT, new Map(Object.entries(props))).writeTo(r, out);
  return Buffer.concat(out).toString('utf8');
}

describe('DefaultMessageFormatter', () => {
  it('prints the value by default', () => {
    expect(format({})).toBe('v\n');
  });

  it('prints key and value with the key separator', () => {
    expect(format({ 'print.key': 'true' })).toBe('k\tv\n');
    expect(format({ 'print.key': 'true' }, { ...record, key: null, value: null })).toBe('null\tnull\n');
  });

  it('prints every field in Kafka\'s order', () => {
    expect(format({ 'print.timestamp': 'true', 'print.key': 'true', 'print.offset': 'true', 'print.partition': 'true', 'print.headers': 'true' })).toBe(
      'CreateTime:1700000000000\tPartition:3\tOffset:42\th1:v1,h2:null\tk\tv\n',
    );
    expect(format({ 'print.delivery': 'true', 'print.epoch': 'true', 'print.value': 'false' })).toBe('Delivery:NOT_PRESENT\tEpoch:NOT_PRESENT\n');
  });

  it('ends with the line separator after the last printed field', () => {
    expect(format({ 'print.key': 'true', 'print.value': 'false', 'key.separator': ':' })).toBe('k\n');
    expect(format({ 'print.value': 'false' })).toBe('');
    expect(format({ 'print.offset': 'TRUE ', 'line.separator': '|', 'key.separator': ' - ' })).toBe('Offset:42 - v|');
  });

  it('formats timestamps types, missing headers and custom literals', () => {
    expect(format({ 'print.timestamp': 'true' }, { ...record, timestampType: 'LogAppendTime' })).toBe('LogAppendTime:1700000000000\tv\n');
    expect(format({ 'print.timestamp': 'true' }, { ...record, timestampType: 'NoTimestampType' })).toBe('NO_TIMESTAMP\tv\n');
    expect(format({ 'print.headers': 'true' }, { ...record, headers: [] })).toBe('NO_HEADERS\tv\n');
    expect(format({ 'print.headers': 'true', 'headers.separator': ';', 'null.literal': '∅' })).toBe('h1:v1;h2:∅\tv\n');
  });

  it('writes key and value bytes unmodified, and through StringDeserializer as UTF-8', () => {
    const raw = Buffer.from([0xff, 0x41]);
    const out: Buffer[] = [];
    createFormatter(DEFAULT, new Map()).writeTo({ ...record, value: raw }, out);
    expect(Buffer.concat(out)).toEqual(Buffer.from([0xff, 0x41, 0x0a]));
    const decoded: Buffer[] = [];
    createFormatter(DEFAULT, new Map([['value.deserializer', 'org.apache.kafka.common.serialization.StringDeserializer']])).writeTo({ ...record, value: raw }, decoded);
    expect(Buffer.concat(decoded).toString('utf8')).toBe('\ufffdA\n');
  });

  it('rejects deserializers and formatters kt does not implement', () => {
    expect(() => createFormatter(DEFAULT, new Map([['key.deserializer', 'org.apache.kafka.common.serialization.LongDeserializer']]))).toThrow(FormatterConfigError);
    expect(() => createFormatter('com.example.Fmt', new Map())).toThrow('com.example.Fmt');
    const out: Buffer[] = [];
    createFormatter('org.apache.kafka.tools.consumer.NoOpMessageFormatter', new Map()).writeTo(record, out);
    expect(out).toEqual([]);
  });
});
