import { describe, expect, it } from 'vitest';
import { InvalidRegexError, TopicIncludeList, compileJavaRegex, javaSplit } from '../../src/java-compat/java-regex.js';

describe('compileJavaRegex', () => {
  it('matches whole strings when asked (String.matches)', () => {
    const r = compileJavaRegex('foo.*', { wholeMatch: true });
    expect(r.test('foobar')).toBe(true);
    expect(r.test('xfoobar')).toBe(false);
    expect(compileJavaRegex('a|b', { wholeMatch: true }).test('ab')).toBe(false);
  });

  it('translates Java-only syntax', () => {
    expect(compileJavaRegex('\\Qa.b\\E', { wholeMatch: true }).test('a.b')).toBe(true);
    expect(compileJavaRegex('\\Qa.b\\E', { wholeMatch: true }).test('axb')).toBe(false);
    expect(compileJavaRegex('\\Aab\\z').test('ab')).toBe(true);
    expect(compileJavaRegex('a*+b', { wholeMatch: true }).test('aaab')).toBe(true);
    expect(compileJavaRegex('(?>ab)c', { wholeMatch: true }).test('abc')).toBe(true);
    expect(compileJavaRegex('(?i)abc', { wholeMatch: true }).test('ABC')).toBe(true);
    expect(compileJavaRegex('[]a]+', { wholeMatch: true }).test(']a]')).toBe(true);
  });

  it('reports invalid patterns with Kafka\'s message', () => {
    expect(() => compileJavaRegex('(')).toThrow(new InvalidRegexError('('));
    expect(() => compileJavaRegex('(')).toThrow('( is an invalid regex.');
  });
});

describe('javaSplit (String.split)', () => {
  const split = (text: string, pattern: string) => javaSplit(text, compileJavaRegex(pattern, { global: true }));

  it('drops trailing empty strings but keeps leading ones', () => {
    expect(split('a,b,,', ',')).toEqual(['a', 'b']);
    expect(split(',a', ',')).toEqual(['', 'a']);
    expect(split(',', ',')).toEqual([]);
    expect(split('', ',')).toEqual(['']);
    expect(split('abc', ',')).toEqual(['abc']);
  });

  it('splits between every character on an empty match, without a leading empty string', () => {
    expect(split('a:b', '|')).toEqual(['a', ':', 'b']);
    expect(split('ab', '')).toEqual(['a', 'b']);
  });

  it('uses regex separators', () => {
    expect(split('a = b', '\\s*=\\s*')).toEqual(['a', 'b']);
    expect(split('a=', '\\s*=\\s*')).toEqual(['a']);
    expect(split('=b', '\\s*=\\s*')).toEqual(['', 'b']);
    expect(split('h1:v1|h2:v2', '\\|')).toEqual(['h1:v1', 'h2:v2']);
  });
});

describe('TopicIncludeList', () => {
  it('turns commas into alternatives, drops spaces and surrounding quotes', () => {
    const list = new TopicIncludeList(' "foo, bar.*" ');
    expect(list.regex).toBe('foo|bar.*');
    expect(list.isTopicAllowed('foo', false)).toBe(true);
    expect(list.isTopicAllowed('barista', false)).toBe(true);
    expect(list.isTopicAllowed('food', false)).toBe(false);
  });

  it('filters internal topics only when asked', () => {
    const list = new TopicIncludeList('__.*');
    expect(list.isTopicAllowed('__consumer_offsets', false)).toBe(true);
    expect(list.isTopicAllowed('__consumer_offsets', true)).toBe(false);
    expect(list.isTopicAllowed('__mine', true)).toBe(true);
  });

  it('rejects invalid regexes with the cleaned pattern in the message', () => {
    expect(() => new TopicIncludeList("'a(b'")).toThrow('a(b is an invalid regex.');
  });
});
