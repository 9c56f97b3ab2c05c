import { describe, expect, it } from 'vitest';
import { LineReaderError, lineReaderConfig, parseLine } from '../../../src/tools/console-producer/line-reader.js';

const config = (props: Record<string, string> = {}) => lineReaderConfig(new Map(Object.entries(props)));
const parse = (line: string | Buffer, props: Record<string, string> = {}, lineNumber = 1) => {
  const r = parseLine(typeof line === 'string' ? Buffer.from(line) : line, lineNumber, config(props));
  return {
    key: r.key?.toString() ?? null,
    value: r.value?.toString() ?? null,
    headers: r.headers.map(([k, v]) => [k, v?.toString() ?? null]),
  };
};

describe('LineMessageReader defaults', () => {
  it('makes the whole line the value', () => {
    expect(parse('a\tb')).toEqual({ key: null, value: 'a\tb', headers: [] });
    expect(parse('')).toEqual({ key: null, value: '', headers: [] });
  });

  it('keeps raw bytes', () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x80]);
    expect(parseLine(bytes, 1, config()).value).toEqual(bytes);
  });
});

describe('parse.key', () => {
  it('splits at the first key.separator', () => {
    expect(parse('k1\tv1\tx', { 'parse.key': 'true' })).toEqual({ key: 'k1', value: 'v1\tx', headers: [] });
    expect(parse('k::v', { 'parse.key': ' TRUE ', 'key.separator': '::' })).toEqual({ key: 'k', value: 'v', headers: [] });
  });

  it('fails without separator unless ignore.error', () => {
    expect(() => parse('novalue', { 'parse.key': 'true' }, 7)).toThrow(new LineReaderError("No key separator found on line number 7: 'novalue'"));
    expect(parse('novalue', { 'parse.key': 'true', 'ignore.error': 'true' })).toEqual({ key: null, value: 'novalue', headers: [] });
  });
});

describe('parse.headers', () => {
  it('reads headers, key and value', () => {
    expect(parse('h1:v1,h2:v2\tk\tv', { 'parse.headers': 'true', 'parse.key': 'true' })).toEqual({
      key: 'k',
      value: 'v',
      headers: [
        ['h1', 'v1'],
        ['h2', 'v2'],
      ],
    });
  });

  it('keeps header order, duplicates and separators inside values', () => {
    expect(parse('b:1,a:x:y,b:2\tv', { 'parse.headers': 'true' }).headers).toEqual([
      ['b', '1'],
      ['a', 'x:y'],
      ['b', '2'],
    ]);
  });

  it('treats headers.separator as a Java regex', () => {
    expect(parse('a:1|b:2\tv', { 'parse.headers': 'true', 'headers.separator': '\\|' }).headers).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
    // A bare pipe is an empty alternation: it splits between every character.
    expect(() => parse('a:1\tv', { 'parse.headers': 'true', 'headers.separator': '|' })).toThrow("No header key separator found in pair 'a' on line number 1");
  });

  it('reports a missing delimiter or header key separator', () => {
    expect(() => parse('novalue', { 'parse.headers': 'true' }, 3)).toThrow("No headers delimiter found on line number 3: 'novalue'");
    expect(parse('novalue', { 'parse.headers': 'true', 'ignore.error': 'true' })).toEqual({ key: null, value: 'novalue', headers: [] });
    expect(() => parse('h1\tv', { 'parse.headers': 'true' }, 2)).toThrow("No header key separator found in pair 'h1' on line number 2");
    expect(parse('h1\tv', { 'parse.headers': 'true', 'ignore.error': 'true' }).headers).toEqual([['h1', null]]);
    expect(() => parse('\tv', { 'parse.headers': 'true' })).toThrow("No header key separator found in pair '' on line number 1");
  });
});

describe('null.marker', () => {
  const props = { 'parse.headers': 'true', 'parse.key': 'true', 'null.marker': '<null>' };

  it('turns key, value and header values equal to it into null', () => {
    expect(parse('h:<null>\t<null>\t<null>', props)).toEqual({ key: null, value: null, headers: [['h', null]] });
    expect(parse('<null>\tk\tv', props)).toEqual({ key: 'k', value: 'v', headers: [] });
  });

  it('refuses it as a header key', () => {
    expect(() => parse('<null>:v\tk\tv', props)).toThrow("Header keys should not be equal to the null marker '<null>' as they can't be null");
  });
});

describe('configuration checks', () => {
  it('rejects separators that would be ambiguous, in Kafka\'s order', () => {
    expect(() => config({ 'headers.delimiter': ',' })).toThrow('headers.delimiter and headers.separator may not be equal');
    expect(() => config({ 'headers.delimiter': ':' })).toThrow('headers.delimiter and headers.key.separator may not be equal');
    expect(() => config({ 'headers.separator': ':' })).toThrow('headers.separator and headers.key.separator may not be equal');
    expect(() => config({ 'null.marker': '\t' })).toThrow('null.marker and key.separator may not be equal');
    expect(() => config({ 'null.marker': ',' })).toThrow('null.marker and headers.separator may not be equal');
    expect(() => config({ 'null.marker': ';', 'key.separator': '#', 'headers.delimiter': ';' })).toThrow('null.marker and headers.delimiter may not be equal');
    expect(() => config({ 'null.marker': ':' })).toThrow('null.marker and headers.key.separator may not be equal');
  });
});
