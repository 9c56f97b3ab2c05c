import { describe, expect, it } from 'vitest';
import { ArgparseError, HelpRequested, formatUsage, parseArgparse } from '../../../src/java-compat/argparse.js';
import { consumerPerfConfig } from '../../../src/tools/consumer-perf-test/options.js';
import { PAYLOAD_GROUP, PRODUCER_PERF_ARGS, producerPerfConfig, readPayloadFile } from '../../../src/tools/producer-perf-test/options.js';
import { UsageError } from '../../../src/cli/tool.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const parse = (...argv: string[]) => parseArgparse(argv, PRODUCER_PERF_ARGS, [PAYLOAD_GROUP]);
const config = (...argv: string[]) => producerPerfConfig(parse(...argv));
const BASE = ['--topic', 't', '--num-records', '10', '--throughput', '-1'];

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
  return 'no error';
}

describe('producer-perf-test arguments (argparse4j)', () => {
  it('parses abbreviated long options, -1 as a value and several --producer-props', () => {
    const c = config('--top', 't', '--num', '10', '--throughput', '-1', '--record-size', '100', '--producer-props', 'bootstrap.servers=h:1', 'acks=1');
    expect(c).toMatchObject({ topic: 't', numRecords: 10, throughput: -1, recordSize: 100, transactional: false });
    expect([...c.props]).toEqual([
      ['bootstrap.servers', 'h:1'],
      ['acks', '1'],
      ['client.id', 'perf-producer-client'],
    ]);
  });

  it("reports argparse4j's messages", () => {
    // argparse4j names the last declared missing option, as Kafka's build shows.
    expect(errorOf(() => parse('--topic', 't'))).toBe('ArgparseError: argument --throughput is required');
    expect(errorOf(() => parse(...BASE))).toBe('ArgparseError: one of the arguments --record-size --payload-file --payload-monotonic is required');
    expect(errorOf(() => parse(...BASE, '--record-size', '1', '--payload-file', 'f'))).toBe(
      'ArgparseError: argument --payload-file: not allowed with argument --record-size',
    );
    expect(errorOf(() => parse(...BASE, '--record-size', 'x'))).toBe(
      `ArgparseError: argument --record-size: could not convert 'x' to Integer (For input string: "x")`,
    );
    expect(errorOf(() => parse('--topic', 't', '--num-records', '1.5'))).toBe(
      `ArgparseError: argument --num-records: could not convert '1.5' to Long (For input string: "1.5")`,
    );
    expect(errorOf(() => parse('--producer', 'x'))).toBe('ArgparseError: ambiguous option: --producer could match --producer-props, --producer.config');
    expect(errorOf(() => parse('--bogus'))).toBe("ArgparseError: unrecognized arguments: '--bogus'");
    expect(errorOf(() => parse('--topic'))).toBe('ArgparseError: argument --topic: expected one argument');
    expect(errorOf(() => parse(...BASE, '--record-size', '1', 'extra'))).toBe("ArgparseError: unrecognized arguments: 'extra'");
    expect(() => parse('--help')).toThrow(HelpRequested);
  });

  it("applies ConfigPostProcessor's checks", () => {
    expect(errorOf(() => config('--topic', 't', '--num-records', '0', '--throughput', '1', '--record-size', '1'))).toBe(
      'ArgparseError: --num-records should be greater than zero',
    );
    expect(errorOf(() => config(...BASE, '--record-size', '0'))).toBe('ArgparseError: --record-size should be greater than zero');
    expect(errorOf(() => config(...BASE, '--record-size', '1'))).toBe('ArgparseError: Either --producer-props or --producer.config must be specified.');
    expect(errorOf(() => config(...BASE, '--record-size', '1', '--producer-props', 'a=', 'x'))).toBe('Error: Invalid property: a=');
    expect(errorOf(() => config(...BASE, '--record-size', '1', '--producer-props', 'a=b=c'))).toBe('Error: Invalid property: a=b=c');
    expect(errorOf(() => config(...BASE, '--record-size', '1', '--producer-props', 'a=b', '--transaction-duration-ms', '0'))).toBe(
      'ArgparseError: --transaction-duration-ms should be greater than zero',
    );
    expect(config(...BASE, '--record-size', '1', '--producer-props', 'transactional.id=x').transactional).toBe(true);
    expect(config(...BASE, '--record-size', '1', '--producer-props', 'a=b', '--transactional-id', 'x').transactional).toBe(true);
  });

  it('prints a usage line naming the payload group', () => {
    // argparse4j wraps the usage at 75 columns, the group's members being separate items.
    expect(formatUsage('producer-performance', PRODUCER_PERF_ARGS, [PAYLOAD_GROUP])).toContain(
      `${' '.repeat(28)}(--record-size RECORD-SIZE |\n${' '.repeat(28)}--payload-file PAYLOAD-FILE |\n${' '.repeat(28)}--payload-monotonic)\n`,
    );
  });

  it('splits a payload file at the delimiter and drops trailing empty pieces', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kt-perf-'));
    writeFileSync(join(dir, 'p'), 'a\nbb\n\nccc\n\n');
    expect(readPayloadFile(join(dir, 'p'), '\\n')).toEqual(['a', 'bb', '', 'ccc']);
    writeFileSync(join(dir, 'q'), 'x,y;;z');
    expect(readPayloadFile(join(dir, 'q'), '[,;]+')).toEqual(['x', 'y', 'z']);
    expect(readPayloadFile(join(dir, 'missing'), '\\n')).toEqual([]);
  });

  it('ArgparseError is what the tool turns into `producer-performance: error:`', () => {
    expect(new ArgparseError('m')).toBeInstanceOf(Error);
  });
});

describe('consumer-perf-test options (jopt)', () => {
  const BASIC = ['--bootstrap-server', 'h:1', '--topic', 't', '--messages', '5'];

  it('builds the consumer properties Kafka forces', () => {
    const c = consumerPerfConfig([...BASIC, '--group', 'g', '--from-latest', '--fetch-size', '100']);
    expect(c).toMatchObject({ topic: 't', messages: 5, groupId: 'g', fromLatest: true, fetchSize: 100, timeoutMs: 10000, reportingIntervalMs: 5000 });
    expect(c.dateFormat).toBe('yyyy-MM-dd HH:mm:ss:SSS');
    expect(Object.fromEntries(c.props)).toEqual({
      'bootstrap.servers': 'h:1',
      'group.id': 'g',
      'receive.buffer.bytes': '2097152',
      'max.partition.fetch.bytes': '100',
      'auto.offset.reset': 'latest',
      'check.crcs': 'false',
      'client.id': 'perf-consumer-client',
    });
    expect(consumerPerfConfig(BASIC).groupId).toMatch(/^perf-consumer-\d{1,5}$/);
  });

  it("reports jopt's messages", () => {
    expect(errorOf(() => consumerPerfConfig(['--topic', 't']))).toBe('UsageError: Missing required argument "[messages]"');
    expect(errorOf(() => consumerPerfConfig([...BASIC, '--reporting-interval', '0']))).toBe('UsageError: Reporting interval must be greater than 0.');
    expect(errorOf(() => consumerPerfConfig(['--bootstrap-server', 'h:1', '--topic', 't', '--messages', 'x']))).toBe(
      "OptionError: Cannot parse argument 'x' of option messages",
    );
    expect(errorOf(() => consumerPerfConfig(['--bogus']))).toBe('OptionError: bogus is not a recognized option');
    expect(() => consumerPerfConfig([])).toThrow(UsageError);
    expect(consumerPerfConfig([...BASIC, '--timeout']).timeoutMs).toBe(10000);
    expect(consumerPerfConfig([...BASIC, '--timeout', '250']).timeoutMs).toBe(250);
    expect(errorOf(() => consumerPerfConfig(['--topic', 't', '--messages', '1']))).toBe('UsageError: Missing required argument "[bootstrap-server]"');
  });
});
