import { describe, expect, it } from 'vitest';
import { parseKeyValue, parseProperties } from '../../src/java-compat/properties.js';

describe('parseProperties', () => {
  it('reads the three separators, comments and blank lines', () => {
    const p = parseProperties('# comment\n! also\n\na=1\nb:2\nc 3\n  d = 4 \n');
    expect([...p]).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
      ['d', '4 '],
    ]);
  });
  it('joins continuation lines and decodes escapes', () => {
    const p = parseProperties('listeners=PLAINTEXT://:9092,\\\n    CONTROLLER://:9093\nsep=\\t\nu=\\u0041\\=\nk\\=ey=v');
    expect(p.get('listeners')).toBe('PLAINTEXT://:9092,CONTROLLER://:9093');
    expect(p.get('sep')).toBe('\t');
    expect(p.get('u')).toBe('A=');
    expect(p.get('k=ey')).toBe('v');
  });
  it('splits overrides at the first =', () => {
    expect(parseKeyValue('a=b=c')).toEqual(['a', 'b=c']);
    expect(parseKeyValue('flag')).toEqual(['flag', '']);
  });
});
