import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/java-compat/jopt.js';
import { CompressionType } from '../../../src/protocol/records/compression/compression-type.js';
import { PRODUCER_OPTIONS, consoleProducerConfig, producerSettings } from '../../../src/tools/console-producer/options.js';
import { UsageError, VersionRequested } from '../../../src/cli/tool.js';

const dir = mkdtempSync(join(tmpdir(), 'kt-producer-opts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = (...argv: string[]) => consoleProducerConfig(parseArgs(argv, PRODUCER_OPTIONS));
const usage = (...argv: string[]) => {
  try {
    config(...argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected a usage error');
};
const BASE = ['--bootstrap-server', 'localhost:9092', '--topic', 't'];

describe('console producer checks', () => {
  it('checks help, topic, then the bootstrap address', () => {
    expect(usage()).toBe('This tool helps to read data from standard input and publish it to Kafka.');
    expect(() => config('--version')).toThrow(VersionRequested);
    expect(usage('--bootstrap-server', 'localhost:9092')).toBe('Missing required argument "[topic]"');
    expect(usage('--topic', 't')).toBe('Error while validating the bootstrap address\n');
    expect(usage('--topic', 't', '--bootstrap-server', 'a:1,b')).toBe('Please provide valid host:port like host1:9091,host2:9092\n');
  });

  it('refuses both spellings of a KIP-1147 option', () => {
    expect(usage(...BASE, '--property', 'a=b', '--reader-property', 'c=d')).toBe('Options --property and --reader-property cannot be specified together.');
    expect(usage(...BASE, '--producer-property', 'a=b', '--command-property', 'c=d')).toBe(
      'Options --producer-property and --command-property cannot be specified together.',
    );
  });
});

describe('producer properties', () => {
  it('apply the console producer defaults', () => {
    const c = config(...BASE);
    expect(Object.fromEntries(c.producerProps)).toEqual({
      'bootstrap.servers': 'localhost:9092',
      'compression.type': 'none',
      'client.id': 'console-producer',
      'key.serializer': 'org.apache.kafka.common.serialization.ByteArraySerializer',
      'value.serializer': 'org.apache.kafka.common.serialization.ByteArraySerializer',
      'linger.ms': '1000',
      acks: '-1',
      'request.timeout.ms': '1500',
      retries: '3',
      'retry.backoff.ms': '100',
      'send.buffer.bytes': '102400',
      'buffer.memory': '33554432',
      'batch.size': '16384',
      'metadata.max.age.ms': '300000',
      'max.block.ms': '60000',
    });
    expect(c.sync).toBe(false);
    expect(c.readerClass).toBe('org.apache.kafka.tools.LineMessageReader');
  });

  it('rank explicit options over properties over option defaults', () => {
    const file = join(dir, 'producer.properties');
    writeFileSync(file, 'linger.ms=5\nacks=1\nclient.id=from-file\ncompression.type=zstd\nbootstrap.servers=elsewhere:1\n');
    const c = config(...BASE, '--producer.config', file, '--producer-property', 'acks=0', '--timeout', '50');
    expect(c.producerProps.get('linger.ms')).toBe('50');
    expect(c.producerProps.get('acks')).toBe('0');
    expect(c.producerProps.get('client.id')).toBe('from-file');
    // --bootstrap-server and --compression-codec always win.
    expect(c.producerProps.get('bootstrap.servers')).toBe('localhost:9092');
    expect(c.producerProps.get('compression.type')).toBe('none');
  });

  it('use gzip for a bare --compression-codec and max-partition-memory-bytes over batch-size', () => {
    expect(config(...BASE, '--compression-codec').producerProps.get('compression.type')).toBe('gzip');
    expect(config(...BASE, '--compression-codec', 'lz4').producerProps.get('compression.type')).toBe('lz4');
    expect(config(...BASE, '--batch-size', '100', '--max-partition-memory-bytes', '200').producerProps.get('batch.size')).toBe('200');
  });

  it('give reader properties the topic, overridable by --property', () => {
    expect(Object.fromEntries(config(...BASE, '--property', 'parse.key=true').readerProps)).toEqual({ topic: 't', 'parse.key': 'true' });
    expect(config(...BASE, '--reader-property', 'topic=x').readerProps.get('topic')).toBe('x');
  });
});

describe('producerSettings', () => {
  it('maps the properties to what kt sends with', () => {
    const { producer: s, connection } = producerSettings(config(...BASE, '--compression-codec', 'snappy', '--request-required-acks', 'all').producerProps);
    expect(s.acks).toBe(-1);
    expect(s.compression).toBe(CompressionType.Snappy);
    expect(s.lingerMs).toBe(1000);
    expect(s.requestTimeoutMs).toBe(1500);
    expect(s.batchSize).toBe(16384);
    expect(s.retries).toBe(3);
    expect(connection.clientId).toBe('console-producer');
    expect(connection.retries).toBe(3);
    // Kafka 4's default: idempotent, since acks=all and retries > 0 allow it.
    expect(s.idempotent).toBe(true);
  });

  it('drops idempotence quietly when acks or retries conflict and it was not asked for', () => {
    expect(producerSettings(config(...BASE, '--request-required-acks', '1').producerProps).producer.idempotent).toBe(false);
    expect(producerSettings(config(...BASE, '--message-send-max-retries', '0').producerProps).producer.idempotent).toBe(false);
    expect(() => producerSettings(config(...BASE, '--message-send-max-retries', '0', '--producer-property', 'enable.idempotence=true').producerProps)).toThrow(
      'Must set retries to non-zero when using the idempotent producer.',
    );
  });

  it('reports invalid values like the Java producer', () => {
    expect(() => producerSettings(config(...BASE, '--compression-codec', 'brotli').producerProps)).toThrow(
      'Invalid value brotli for configuration compression.type: String must be one of: none, gzip, snappy, lz4, zstd',
    );
    expect(() => producerSettings(config(...BASE, '--request-required-acks', '2').producerProps)).toThrow(
      'Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1',
    );
    expect(() => producerSettings(config(...BASE, '--request-required-acks', '1', '--producer-property', 'enable.idempotence=true').producerProps)).toThrow(
      'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.',
    );
  });
});
