import { formatted, recordView } from './record-fixture.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONSUMER_OPTIONS, consoleConsumerConfig } from '../../../src/tools/console-consumer/options.js';
import { parseArgs } from '../../../src/java-compat/jopt.js';
import { UsageError } from '../../../src/cli/tool.js';

const dir = mkdtempSync(join(tmpdir(), 'kt-consumer-opts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = (...argv: string[]) => consoleConsumerConfig(parseArgs(argv, CONSUMER_OPTIONS), () => 0.123456);
const usage = (...argv: string[]) => {
  try {
    config(...argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected a usage error');
};
const B = ['--bootstrap-server', 'localhost:9092'];

describe('console consumer checks', () => {
  it('follow Kafka\'s order and messages', () => {
    expect(usage()).toBe('This tool helps to read data from Kafka topics and outputs it to standard output.');
    expect(usage(...B)).toBe('Exactly one of --include/--topic is required. ');
    expect(usage(...B, '--topic', 't', '--include', 'x')).toBe('Exactly one of --include/--topic is required. ');
    expect(usage(...B, '--include', 'x', '--partition', '0')).toBe('The topic is required when partition is specified.');
    expect(usage(...B, '--topic', 't', '--partition', '0', '--offset', '5', '--from-beginning')).toBe(
      'Options from-beginning and offset cannot be specified together.',
    );
    expect(usage(...B, '--topic', 't', '--offset', '5')).toBe('The partition is required when offset is specified.');
    expect(usage('--topic', 't')).toBe('Missing required argument "[bootstrap-server]"');
    expect(usage(...B, '--topic', 't', '--partition', '0', '--offset', '-1')).toBe(
      "The provided offset value '-1' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long.",
    );
    expect(usage(...B, '--topic', 't', '--group', 'g', '--partition', '0')).toBe('Options group and partition cannot be specified together.');
    expect(usage(...B, '--topic', 't', '--property', 'a=b', '--formatter-property', 'c=d')).toBe(
      'Options --property and --formatter-property cannot be specified together.',
    );
  });

  it('compares group ids from every source', () => {
    const file = join(dir, 'consumer.properties');
    writeFileSync(file, 'group.id=from-file\n');
    expect(usage(...B, '--topic', 't', '--group', 'g', '--consumer.config', file)).toBe(
      "The group ids provided in different places (directly using '--group', via '--consumer-property', or via '--consumer.config') do not match. Detected group ids: 'g', 'from-file'",
    );
    expect(config(...B, '--topic', 't', '--group', 'from-file', '--consumer.config', file).consumerProps.get('group.id')).toBe('from-file');
  });
});

describe('consumer properties', () => {
  it('generate a group without auto commit when none is given', () => {
    const c = config(...B, '--topic', 't');
    expect(Object.fromEntries(c.consumerProps)).toEqual({
      'auto.offset.reset': 'latest',
      'bootstrap.servers': 'localhost:9092',
      'client.id': 'console-consumer',
      'isolation.level': 'read_uncommitted',
      'group.id': 'console-consumer-12345',
      'enable.auto.commit': 'false',
    });
    expect(c.startOffset).toBe('latest');
    expect(c.maxMessages).toBe(-1);
    expect(c.timeoutMs).toBeUndefined();
  });

  it('keep a given group and the user\'s auto commit setting', () => {
    const c = config(...B, '--topic', 't', '--group', 'g', '--from-beginning', '--isolation-level', 'read_committed');
    expect(c.consumerProps.get('group.id')).toBe('g');
    expect(c.consumerProps.has('enable.auto.commit')).toBe(false);
    expect(c.consumerProps.get('auto.offset.reset')).toBe('earliest');
    expect(c.consumerProps.get('isolation.level')).toBe('read_committed');
    expect(config(...B, '--topic', 't', '--consumer-property', 'isolation.level=read_committed').consumerProps.get('isolation.level')).toBe('read_committed');
  });

  it('parse offsets, timeouts and limits', () => {
    expect(config(...B, '--topic', 't', '--partition', '2', '--offset', 'EARLIEST').startOffset).toBe('earliest');
    expect(config(...B, '--topic', 't', '--partition', '2', '--offset', '17').startOffset).toBe(17);
    expect(config(...B, '--topic', 't', '--partition', '2', '--from-beginning').startOffset).toBe('earliest');
    expect(config(...B, '--topic', 't', '--timeout-ms', '-5').timeoutMs).toBeUndefined();
    expect(config(...B, '--topic', 't', '--timeout-ms', '250', '--max-messages', '3').timeoutMs).toBe(250);
    expect(config(...B, '--topic', 't', '--max-messages', '3').maxMessages).toBe(3);
  });

  it('build the formatter from its options', async () => {
    const c = config(...B, '--topic', 't', '--property', 'print.key=true', '--value-deserializer', 'org.apache.kafka.common.serialization.StringDeserializer');
    expect((await formatted(c.formatter, recordView({ key: Buffer.from('k'), value: Buffer.from('v') }))).toString()).toBe('k\tv\n');
    expect(usage(...B, '--topic', 't', '--formatter', 'kafka.tools.DefaultMessageFormatter')).toBe('kafka.tools.DefaultMessageFormatter');
    expect(usage(...B, '--topic', 't', '--json', '--json-encoding', 'hex')).toBe("--json-encoding must be one of: utf8, base64; got 'hex'.");
  });
});
