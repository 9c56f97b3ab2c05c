import { describe, expect, it } from 'vitest';
import { OptionError, parseArgs, type OptionSpec } from '../../src/java-compat/jopt.js';
import { formatOptionTable } from '../../src/java-compat/jopt-help.js';

const SPECS: OptionSpec[] = [
  { name: 'list', description: 'List.' },
  { name: 'topic', arg: 'required', description: 'Topic.' },
  { name: 'config', arg: 'required', description: 'Config.' },
  { name: 'partitions', arg: 'required', type: 'Integer', description: 'Partitions.' },
  { name: 'timeout', arg: 'required', type: 'Long', defaultValue: '1000', description: 'Timeout.' },
  { name: 'compression-codec', arg: 'optional', description: 'Codec.' },
  { name: 'secret', description: 'Hidden.', hidden: true },
];

const messageOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OptionError);
    return (e as Error).message;
  }
  throw new Error('expected an OptionError');
};

describe('parseArgs (jopt-simple semantics)', () => {
  it('takes `--name value` and `--name=value`', () => {
    const o = parseArgs(['--topic', 'a', '--partitions=3'], SPECS);
    expect(o.valueOf('topic')).toBe('a');
    expect(o.intValueOf('partitions')).toBe(3);
    expect(o.argCount).toBe(3);
  });

  it('keeps repeated values in order', () => {
    const o = parseArgs(['--config', 'a=1', '--config=b=2', '--config', 'c'], SPECS);
    expect(o.valuesOf('config')).toEqual(['a=1', 'b=2', 'c']);
  });

  it('rejects a repeated single value only when it is read', () => {
    const o = parseArgs(['--topic', 'a', '--topic', 'b'], SPECS);
    expect(o.has('topic')).toBe(true);
    expect(messageOf(() => o.valueOf('topic'))).toBe('Found multiple arguments for option topic, but you asked for only one');
  });

  it('rejects unknown options and abbreviations', () => {
    expect(messageOf(() => parseArgs(['--bogus'], SPECS))).toBe('bogus is not a recognized option');
    expect(messageOf(() => parseArgs(['--top', 'x'], SPECS))).toBe('top is not a recognized option');
    expect(messageOf(() => parseArgs(['--bogus=1'], SPECS))).toBe('bogus is not a recognized option');
  });

  it('rejects short options by their first letter', () => {
    expect(messageOf(() => parseArgs(['-topic', 'x'], SPECS))).toBe('t is not a recognized option');
  });

  it('requires an argument for required-argument options, taking the next token whatever it is', () => {
    expect(messageOf(() => parseArgs(['--topic'], SPECS))).toBe('Option topic requires an argument');
    expect(parseArgs(['--topic', '--list'], SPECS).valueOf('topic')).toBe('--list');
    expect(parseArgs(['--topic', '-1'], SPECS).valueOf('topic')).toBe('-1');
  });

  it('ignores `=value` on an option without argument', () => {
    const o = parseArgs(['--list=yes'], SPECS);
    expect(o.has('list')).toBe(true);
  });

  it('takes an optional argument only when the next token is not an option', () => {
    expect(parseArgs(['--compression-codec'], SPECS).valueOf('compression-codec')).toBeUndefined();
    expect(parseArgs(['--compression-codec', '--list'], SPECS).valueOf('compression-codec')).toBeUndefined();
    expect(parseArgs(['--compression-codec', 'lz4'], SPECS).valueOf('compression-codec')).toBe('lz4');
    expect(parseArgs(['--compression-codec=zstd'], SPECS).valueOf('compression-codec')).toBe('zstd');
  });

  it('collects non-option arguments, everything after --', () => {
    const o = parseArgs(['x', '--list', '--', '--topic'], SPECS);
    expect(o.nonOptionArguments).toEqual(['x', '--topic']);
    expect(o.has('topic')).toBe(false);
  });

  it('returns defaults for absent options', () => {
    const o = parseArgs([], SPECS);
    expect(o.longValueOf('timeout')).toBe(1000);
    expect(o.valuesOf('timeout')).toEqual(['1000']);
    expect(o.has('timeout')).toBe(false);
    expect(o.valueOf('topic')).toBeUndefined();
  });

  it('converts numbers like Java, with jopt\'s message', () => {
    expect(parseArgs(['--partitions', '+7'], SPECS).intValueOf('partitions')).toBe(7);
    expect(parseArgs(['--partitions', '-2'], SPECS).intValueOf('partitions')).toBe(-2);
    expect(messageOf(() => parseArgs(['--partitions', 'abc'], SPECS).intValueOf('partitions'))).toBe("Cannot parse argument 'abc' of option partitions");
    expect(messageOf(() => parseArgs(['--partitions', '2147483648'], SPECS).intValueOf('partitions'))).toBe(
      "Cannot parse argument '2147483648' of option partitions",
    );
    expect(messageOf(() => parseArgs(['--partitions', ' 1'], SPECS).intValueOf('partitions'))).toBe("Cannot parse argument ' 1' of option partitions");
    expect(parseArgs(['--timeout', '9007199254740991'], SPECS).longValueOf('timeout')).toBe(9007199254740991);
  });
});

describe('formatOptionTable', () => {
  // jopt-simple's BuiltinHelpFormatter: each column as wide as its widest cell (the option column
  // at most 39), options sorted by name. Byte parity with Kafka's tools: test/tools/*/java-parity.
  it('lists visible options sorted by name in columns as wide as their widest cell', () => {
    const lines = formatOptionTable(SPECS).split('\n');
    const row = (l: string, r: string) => `${l.padEnd(28)}  ${r.padEnd(24)}`;
    expect(lines[0]).toBe(row('Option', 'Description'));
    expect(lines[1]).toBe(row('------', '-----------'));
    const names = lines.slice(2).filter((l) => l.startsWith('--')).map((l) => l.split(' ')[0]);
    expect(names).toEqual(['--compression-codec', '--config', '--list', '--partitions', '--timeout', '--topic']);
    expect(lines).toContain(row('--compression-codec [String]', 'Codec.'));
    expect(lines).toContain(row('--partitions <Integer>', 'Partitions.'));
    expect(lines).toContain(row('--timeout <Long>', 'Timeout. (default: 1000)'));
  });

  it('wraps where Java breaks lines, continuation lines indented by two spaces', () => {
    const text = formatOptionTable([
      { name: 'x', description: 'word '.repeat(20).trim() },
      { name: 'y', arg: 'required', argName: 'a long argument name that needs wrapping', description: 'See org.apache.kafka.tools.LineMessageReader for max-partition-memory-bytes.' },
    ]);
    expect(text.split('\n')).toEqual([
      `${'Option'.padEnd(38)}  ${'Description'.padEnd(38)}`,
      `${'------'.padEnd(38)}  ${'-----------'.padEnd(38)}`,
      // Columns of 39 while wrapping; once wrapped the widest cells are 38 wide, and so are the columns.
      // A segment must fit with its trailing space: the 8th 'word ' would make 40 columns.
      `${'--x'.padEnd(38)}  ${'word word word word word word word'.padEnd(38)}`,
      `${''.padEnd(38)}  ${'  word word word word word word word'.padEnd(38)}`,
      `${''.padEnd(38)}  ${'  word word word word word word'.padEnd(38)}`,
      `${'--y <String: a long argument name that'.padEnd(38)}  ${'See org.apache.kafka.tools.'.padEnd(38)}`,
      `${'  needs wrapping>'.padEnd(38)}  ${'  LineMessageReader for max-partition-'.padEnd(38)}`,
      `${''.padEnd(38)}  ${'  memory-bytes.'.padEnd(38)}`,
      '',
    ]);
  });
});
