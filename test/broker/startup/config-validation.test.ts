// Start-up config checks as Kafka's ConfigDef makes them (type, range, allowed values, with its
// messages), and a WARN for every key Kafka does not know.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Broker } from '../../../src/broker/broker.js';
import { BrokerConfig } from '../../../src/broker/config.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kt-config-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const failure = (values: Record<string, string>) => {
  try {
    new BrokerConfig(values);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('invalid values', () => {
  it.each([
    [{ 'num.partitions': 'abc' }, 'Invalid value abc for configuration num.partitions: Not a number of type INT'],
    [{ 'num.partitions': '1.5' }, 'Invalid value 1.5 for configuration num.partitions: Not a number of type INT'],
    [{ 'num.partitions': '0' }, 'Invalid value 0 for configuration num.partitions: Value must be at least 1'],
    [{ 'log.segment.bytes': '13' }, 'Invalid value 13 for configuration log.segment.bytes: Value must be at least 14'],
    [{ 'log.segment.bytes': '4294967296' }, 'Invalid value 4294967296 for configuration log.segment.bytes: Not a number of type INT'],
    [{ 'log.retention.check.interval.ms': '0' }, 'Invalid value 0 for configuration log.retention.check.interval.ms: Value must be at least 1'],
    [{ 'auto.create.topics.enable': 'yes' }, 'Invalid value yes for configuration auto.create.topics.enable: Expected value to be either true or false'],
    [{ 'log.message.timestamp.type': 'Now' }, 'Invalid value Now for configuration log.message.timestamp.type: String must be one of: CreateTime, LogAppendTime'],
    [{ 'compression.gzip.level': '10' }, 'Invalid value 10 for configuration compression.gzip.level: Value must be between 1 and 9 or equal to -1'],
    [{ 'log.cleanup.policy': 'delete,archive' }, 'Invalid value archive for configuration log.cleanup.policy: String must be one of: compact, delete'],
    [{ 'log.dirs': '' }, 'requirement failed: At least one log directory must be defined via log.dirs or log.dir.'],
    [{ 'log.dirs': ' , ' }, 'requirement failed: At least one log directory must be defined via log.dirs or log.dir.'],
  ])('%o', (values, message) => {
    expect(failure(values)).toBe(message);
  });

  it('accepts valid values, with the blanks Kafka trims', () => {
    expect(failure({ 'num.partitions': ' 3 ', 'log.segment.bytes': '14', 'auto.create.topics.enable': 'FALSE', 'compression.gzip.level': '-1' })).toBe('no error');
  });
});

describe('unknown keys', () => {
  it('lists the keys Kafka does not know, in the order given', () => {
    const c = new BrokerConfig({
      listener: 'PLAINTEXT://:9092',
      'num.partitions': '2',
      'controlled.shutdown.enable': 'true',
      'listener.name.plaintext.ssl.keystore.location': '/k',
      'log.retention.hour': '1',
    });
    expect(c.unknownKeys()).toEqual(['listener', 'log.retention.hour']);
  });

  it('are logged as WARN at start-up, and the broker starts', async () => {
    const lines: string[] = [];
    const config = new BrokerConfig({ listeners: 'PLAINTEXT://127.0.0.1:0', 'log.dirs': dataDir, listener: 'PLAINTEXT://:9092' });
    const broker = await Broker.start({ config, logLevel: 'WARN', logSink: (l) => lines.push(l) });
    await broker.close();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] WARN The configuration 'listener' was supplied but isn't a known config\. \(kafka\.server\.KafkaConfig\)\n$/);
  });
});
