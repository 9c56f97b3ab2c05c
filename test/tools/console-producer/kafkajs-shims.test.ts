import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ORDERED_HEADERS, installKafkajsShims, type OrderedHeaders } from '../../../src/tools/console-producer/kafkajs-shims.js';

installKafkajsShims();
const require = createRequire(import.meta.url);
const encodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (r: object) => { buffer: Buffer };
const decodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0/decoder.js') as (d: unknown, ctx: object) => Record<string | symbol, unknown>;
const Decoder = require('kafkajs/src/protocol/decoder.js') as new (b: Buffer) => { readVarIntBytes(): Buffer };

function roundTrip(record: object) {
  const encoded = encodeRecord(record).buffer;
  const body = new Decoder(encoded).readVarIntBytes();
  return decodeRecord(new Decoder(body), { firstOffset: '100', firstTimestamp: '1700000000000', timestampType: 0 });
}

describe('kafkajs record shims', () => {
  it('encode and decode ordered headers with null values', () => {
    const headers: OrderedHeaders = [
      ['b', Buffer.from('1')],
      ['2', null],
      ['b', Buffer.from('3')],
    ];
    const decoded = roundTrip({ offsetDelta: 2, timestampDelta: 5, key: null, value: Buffer.from('v'), headers: { [ORDERED_HEADERS]: headers } });
    expect(decoded[ORDERED_HEADERS]).toEqual(headers);
    expect(decoded.headers).toEqual({ b: [Buffer.from('1'), Buffer.from('3')], 2: null });
    expect(decoded.offset).toBe('102');
    expect(decoded.timestamp).toBe('1700000000005');
    expect(decoded.key).toBeNull();
    expect(decoded.value).toEqual(Buffer.from('v'));
  });

  it('still accept kafkajs header objects', () => {
    const decoded = roundTrip({ key: 'k', value: 'v', headers: { a: 'x', c: [Buffer.from('y'), 'z'] } });
    expect(decoded[ORDERED_HEADERS]).toEqual([
      ['a', Buffer.from('x')],
      ['c', Buffer.from('y')],
      ['c', Buffer.from('z')],
    ]);
    expect(decoded.key).toEqual(Buffer.from('k'));
  });
});
