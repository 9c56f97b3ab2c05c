// `kt configs` against kt's broker: describe (dynamic and --all), alter through
// IncrementalAlterConfigs, and Kafka's messages, streams and exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { kt, requireBuiltCli } from '../../helpers/kt-process.js';

let broker: StartedBroker;
const configs = (...args: string[]) => kt(['configs', '--bootstrap-server', broker.bootstrap, ...args]);
const failure = (args: string[], exception: string) => ({
  code: 1,
  stderr: `Error while executing config command with args '--bootstrap-server ${broker.bootstrap} ${args.join(' ')}'\n${exception}\n`,
});

beforeAll(async () => {
  requireBuiltCli();
  broker = await startBroker({ port: 0 });
  const created = await kt(['topics', '--bootstrap-server', broker.bootstrap, '--create', '--topic', 'demo', '--config', 'retention.ms=1000']);
  expect(created.code).toBe(0);
}, 30_000);

afterAll(async () => {
  await broker?.close();
});

describe('kt configs --describe', () => {
  it('prints a topic\'s dynamic configs with their synonyms', async () => {
    for (const entity of [
      ['--entity-type', 'topics', '--entity-name', 'demo'],
      ['--topic', 'demo'],
    ]) {
      const r = await configs('--describe', ...entity);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout.toString()).toBe('Dynamic configs for topic demo are:\n  retention.ms=1000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=1000}\n');
    }
  });

  it('prints every config with --all, sorted by name, defaults with their broker synonyms', async () => {
    const r = await configs('--describe', '--topic', 'demo', '--all');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const lines = r.stdout.toString().split('\n');
    expect(lines[0]).toBe('All configs for topic demo are:');
    expect(lines.at(-1)).toBe('');
    const entries = lines.slice(1, -1);
    const names = entries.map((l) => /^ {2}([^=]+)=/.exec(l)![1]!);
    expect(names).toEqual([...names].sort());
    expect(names).toContain('cleanup.policy');
    expect(entries).toContain('  retention.ms=1000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=1000}');
    expect(entries).toContain('  max.message.bytes=1048588 sensitive=false synonyms={DEFAULT_CONFIG:message.max.bytes=1048588}');
    expect(entries).toContain('  cleanup.policy=delete sensitive=false synonyms={DEFAULT_CONFIG:log.cleanup.policy=delete}');
  });

  it('describes every topic when no name is given', async () => {
    const r = await configs('--describe', '--entity-type', 'topics');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.toString()).toContain('Dynamic configs for topic demo are:\n  retention.ms=1000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=1000}\n');
  });

  it('describes a broker, the cluster defaults, or both', async () => {
    const id = broker.broker.nodeId;
    expect((await configs('--describe', '--broker', String(id))).stdout.toString()).toBe(`Dynamic configs for broker ${id} are:\n`);
    expect((await configs('--describe', '--broker-defaults')).stdout.toString()).toBe('Default configs for brokers in the cluster are:\n');
    const both = await configs('--describe', '--entity-type', 'brokers');
    expect(both).toMatchObject({ code: 0, stderr: '' });
    expect(both.stdout.toString()).toBe(`Dynamic configs for broker ${id} are:\nDefault configs for brokers in the cluster are:\n`);
    const all = (await configs('--describe', '--broker', String(id), '--all')).stdout.toString().split('\n');
    expect(all[0]).toBe(`All configs for broker ${id} are:`);
    expect(all).toContain('  message.max.bytes=1048588 sensitive=false synonyms={DEFAULT_CONFIG:message.max.bytes=1048588}');
  });

  it('fails like Kafka for an unknown topic, an invalid name, and a broker the cluster does not have', async () => {
    const missing = ['--describe', '--topic', 'missing'];
    expect(await configs(...missing)).toMatchObject(
      failure(missing, 'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.'),
    );
    const invalid = ['--describe', '--topic', 'bad/name'];
    expect(await configs(...invalid)).toMatchObject(
      failure(invalid, "org.apache.kafka.common.errors.InvalidTopicException: Topic name is invalid: 'bad/name' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'"),
    );
    const absent = ['--describe', '--broker', '77'];
    expect(await configs(...absent)).toMatchObject(failure(absent, 'java.util.concurrent.TimeoutException'));
  });

  it('fails users, clients and ips as Kafka does against a broker without the client-quota APIs', async () => {
    for (const entity of [['--entity-type', 'users'], ['--client', 'c1'], ['--ip-defaults']]) {
      const args = ['--describe', ...entity];
      expect(await configs(...args)).toMatchObject(
        failure(args, 'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.UnsupportedVersionException: The node does not support DESCRIBE_CLIENT_QUOTAS'),
      );
    }
  });
});

describe('kt configs --alter', () => {
  it('sets and deletes topic configs', async () => {
    const set = await configs('--alter', '--topic', 'demo', '--add-config', 'retention.ms=2000,cleanup.policy=[compact,delete]');
    expect(set).toMatchObject({ code: 0, stderr: '' });
    expect(set.stdout.toString()).toBe('Completed updating config for topic demo.\n');
    expect((await configs('--describe', '--topic', 'demo')).stdout.toString()).toBe(
      'Dynamic configs for topic demo are:\n' +
        '  cleanup.policy=compact,delete sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:cleanup.policy=compact,delete, DEFAULT_CONFIG:log.cleanup.policy=delete}\n' +
        '  retention.ms=2000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=2000}\n',
    );

    const deleted = await configs('--alter', '--entity-type', 'topics', '--entity-name', 'demo', '--delete-config', 'cleanup.policy');
    expect(deleted).toMatchObject({ code: 0, stderr: '' });
    expect(deleted.stdout.toString()).toBe('Completed updating config for topic demo.\n');
    expect((await configs('--describe', '--topic', 'demo')).stdout.toString()).toBe(
      'Dynamic configs for topic demo are:\n  retention.ms=2000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=2000}\n',
    );
  });

  it('refuses to delete a config the topic does not set, before asking the broker to change anything', async () => {
    const r = await configs('--alter', '--topic', 'demo', '--delete-config', 'segment.ms,retention.ms,flush.ms');
    expect(r).toMatchObject({ code: 1, stderr: 'Invalid config(s): segment.ms,flush.ms\n' });
    expect(r.stdout.toString()).toBe('');
    expect((await configs('--describe', '--topic', 'demo')).stdout.toString()).toContain('retention.ms=2000');
  });

  it('passes the broker\'s refusal through', async () => {
    const args = ['--alter', '--topic', 'demo', '--add-config', 'no.such.config=1'];
    const r = await configs(...args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`^Error while executing config command with args '.*'\\njava\\.util\\.concurrent\\.ExecutionException: org\\.apache\\.kafka\\.common\\.errors\\.InvalidConfigurationException: .*no\\.such\\.config.*\\n$`),
    );
    expect(r.stdout.toString()).toBe('');
  });

  it('alters a broker\'s dynamic configs and the cluster defaults (AlterConfigs of the whole dynamic set)', async () => {
    const id = String(broker.broker.nodeId);
    const perBroker = await configs('--alter', '--broker', id, '--add-config', 'log.cleaner.threads=2');
    expect(perBroker).toMatchObject({ code: 0, stderr: '' });
    expect(perBroker.stdout.toString()).toBe(`Completed updating config for broker ${id}.\n`);
    const defaults = await configs('--alter', '--entity-type', 'brokers', '--entity-default', '--add-config', 'log.retention.ms=5000');
    expect(defaults.stdout.toString()).toBe('Completed updating default config for brokers in the cluster.\n');
    expect((await configs('--describe', '--entity-type', 'brokers')).stdout.toString()).toBe(
      `Dynamic configs for broker ${id} are:\n` +
        '  log.cleaner.threads=2 sensitive=false synonyms={DYNAMIC_BROKER_CONFIG:log.cleaner.threads=2, DEFAULT_CONFIG:log.cleaner.threads=1}\n' +
        'Default configs for brokers in the cluster are:\n' +
        '  log.retention.ms=5000 sensitive=false synonyms={DYNAMIC_DEFAULT_BROKER_CONFIG:log.retention.ms=5000}\n',
    );
    expect((await configs('--alter', '--broker', id, '--delete-config', 'log.cleaner.threads')).code).toBe(0);
    expect((await configs('--alter', '--broker-defaults', '--delete-config', 'log.retention.ms')).code).toBe(0);
    expect((await configs('--describe', '--entity-type', 'brokers')).stdout.toString()).toBe(`Dynamic configs for broker ${id} are:\nDefault configs for brokers in the cluster are:\n`);
  });

  it('checks quota and SCRAM changes before reaching the APIs kt\'s broker does not serve', async () => {
    expect(await configs('--alter', '--client', 'c1', '--add-config', 'foo=1')).toMatchObject({
      code: 1,
      stderr: "Only quota configs can be added for 'clients' using --bootstrap-server. Unexpected config names: Set(foo)\n",
    });
    expect(await configs('--alter', '--user', 'alice', '--add-config', 'SCRAM-SHA-256=[iterations=10,password=secret]')).toMatchObject({
      code: 1,
      stderr: 'Iterations 10 is less than the minimum 4096 required for SCRAM-SHA-256\n',
    });
    expect(await configs('--alter', '--user', 'alice', '--add-config', 'SCRAM-SHA-512=secret')).toMatchObject({
      code: 1,
      stderr: 'Invalid credential property SCRAM_SHA_512=secret\n',
    });
    const scram = ['--alter', '--user', 'alice', '--add-config', 'SCRAM-SHA-256=[password=secret]'];
    expect(await configs(...scram)).toMatchObject(
      failure(scram, 'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.UnsupportedVersionException: The node does not support ALTER_USER_SCRAM_CREDENTIALS'),
    );
    const quota = ['--alter', '--user', 'alice', '--client', 'c1', '--add-config', 'producer_byte_rate=1024'];
    expect(await configs(...quota)).toMatchObject(
      failure(quota, 'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.UnsupportedVersionException: The node does not support DESCRIBE_CLIENT_QUOTAS'),
    );
  });

  it('validates --add-config before connecting', async () => {
    // Nothing listens on port 1: the error comes before any connection attempt.
    const r = await kt(['configs', '--bootstrap-server', '127.0.0.1:1', '--alter', '--topic', 'demo', '--add-config', 'retention.ms']);
    expect(r).toMatchObject({ code: 1, stderr: 'requirement failed: Invalid entity config: all configs to be added must be in the format "key=val".\n' });
  });
});

describe('kt configs usage', () => {
  it('prints the usage for a missing action; other argument errors are one line', async () => {
    const none = await configs('--topic', 'demo');
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^Command must include exactly one action: --describe, --alter\nOption +Description/);
    expect(await configs('--describe')).toMatchObject({ code: 1, stderr: 'At least one entity type must be specified\n' });
    expect(await configs('--describe', '--bogus')).toMatchObject({ code: 1, stderr: 'bogus is not a recognized option\n' });
    const zk = await kt(['configs', '--zookeeper', 'localhost:2181', '--describe', '--entity-type', 'brokers']);
    expect(zk).toMatchObject({ code: 1, stderr: 'kt has no ZooKeeper mode (neither has Kafka 4): use --bootstrap-server <host:port> to reach the cluster.\n' });
  });
});
