// The one argparse4j engine behind both declaration styles (ArgSpec lists, Parser4j with
// sub-commands): each expectation below is what Kafka's Java build prints for the same line.
import { describe, expect, it } from 'vitest';
import { parse4j, type Parser4j } from '../../src/java-compat/argparse4j-subcommands.js';
import { formatError, formatUsage, parseArgparse, type ArgGroup, type ArgSpec } from '../../src/java-compat/argparse.js';

const SUB: Parser4j = {
  prog: 'tool',
  args: [],
  commands: [
    {
      name: 'remove',
      help: 'Remove.',
      parser: {
        prog: 'tool',
        args: [
          { flags: ['--controller-id', '-i'], type: 'Integer', required: true, help: '' },
          { flags: ['--controller-directory-id', '-d'], required: true, help: '' },
          { flags: ['--dry-run'], kind: 'flag', help: '' },
        ],
      },
    },
  ],
};

const SPECS: readonly ArgSpec[] = [
  { flags: ['-h', '--help'], kind: 'flag', help: '' },
  { flags: ['--producer-props'], kind: 'many', help: '' },
  { flags: ['--payload-file'], help: '' },
  { flags: ['--print-metrics'], kind: 'flag', help: '' },
  { flags: ['--num-records'], type: 'Long', help: '' },
];

function error4j(argv: string[]): string {
  try {
    parse4j(SUB, argv);
  } catch (e) {
    return (e as Error).message;
  }
  return 'parsed';
}

function errorSpec(argv: string[]): string {
  try {
    parseArgparse(argv, SPECS, []);
  } catch (e) {
    return (e as Error).message;
  }
  return 'parsed';
}

describe('argparse4j engine', () => {
  it('names the last declared missing argument', () => {
    expect(error4j(['remove'])).toBe('argument --controller-directory-id/-d is required');
  });

  it('reports a missing sub-command before anything else', () => {
    expect(error4j([])).toBe('too few arguments');
  });

  it('lists ambiguous candidates sorted', () => {
    expect(errorSpec(['--p'])).toBe('ambiguous option: --p could match --payload-file, --print-metrics, --producer-props');
  });

  it('takes only negative integers as values', () => {
    expect(errorSpec(['--num-records', '-1'])).toBe('parsed');
    expect(errorSpec(['--num-records', '-1.5'])).toBe('argument --num-records: expected one argument');
    expect(errorSpec(['--num-records', '-1abc'])).toBe('argument --num-records: expected one argument');
  });

  it('leaves the rest of the line over after a stray word', () => {
    expect(error4j(['remove', '-i', '1', '-d', 'x', 'e1', '--dry-run'])).toBe("unrecognized arguments: 'e1 --dry-run'");
    expect(errorSpec(['e1', '--print-metrics'])).toBe("unrecognized arguments: 'e1 --print-metrics'");
  });

  it("uses argparse4j's own wording for a flag's value and an empty nargs('+')", () => {
    expect(errorSpec(['--print-metrics=1'])).toBe("argument --print-metrics: ignore implicit argument '1'");
    expect(errorSpec(['--producer-props'])).toBe('argument --producer-props: expected 1 argument(s)');
  });

  it("checks choices after conversion, in argparse4j's words, and shows them when there is no metavar", () => {
    const acks: ArgSpec[] = [{ flags: ['--acks'], type: 'Integer', choices: ['0', '1', '-1'], help: '' }];
    expect(() => parseArgparse(['--acks', '5'], acks, [])).toThrow("argument --acks: invalid choice: '5' (choose from {0,1,-1})");
    expect(parseArgparse(['--acks', '-1'], acks, []).get('acks')).toBe(-1);
    expect(formatUsage('p', acks, [])).toBe('usage: p [--acks {0,1,-1}]\n');
  });

  it('lists a one-member group bare when required, bracketed otherwise, and leaves hidden arguments out', () => {
    const group = (required: boolean): ArgGroup => ({ name: 'g', required, title: 'G', description: '' });
    const specs: ArgSpec[] = [
      { flags: ['--server'], metavar: 'S', group: 'g', help: '' },
      { flags: ['--topic'], help: '' },
      { flags: ['--extra'], kt: true, help: '' },
    ];
    expect(formatUsage('p', specs, [group(true)])).toBe('usage: p [--topic TOPIC] --server S\n');
    expect(formatUsage('p', specs, [group(false)])).toBe('usage: p [--topic TOPIC] [--server S]\n');
    expect(formatError('p', specs, [group(true)], 'm')).toBe('usage: p [--topic TOPIC] --server S\np: error: m\n');
    expect(() => parseArgparse([], specs, [group(true)])).toThrow('one of the arguments --server is required');
  });
});
