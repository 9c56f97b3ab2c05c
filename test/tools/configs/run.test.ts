// kafka-configs' command line: option checks in Kafka's order and wording, entity pairing, and
// the --add-config / --delete-config syntax.
import { describe, expect, it } from 'vitest';
import { parseAddConfig, parseConfigsToBeAdded, parseConfigsToBeDeleted } from '../../../src/tools/configs/add-config.js';
import { entryLine } from '../../../src/tools/configs/run.js';
import { CONFIGS_OPTIONS, ConfigsArgumentError, checkConfigsArgs } from '../../../src/tools/configs/options.js';
import { parseArgs } from '../../../src/java-compat/jopt.js';
import { UsageError } from '../../../src/cli/tool.js';

const B = ['--bootstrap-server', 'localhost:9092'];
const check = (...argv: string[]) => checkConfigsArgs(parseArgs(argv, CONFIGS_OPTIONS), argv);

describe('checkConfigsArgs', () => {
  it('resolves the entity from --entity-type/--entity-name or a specific flag', async () => {
    expect(await check(...B, '--describe', '--entity-type', 'topics', '--entity-name', 't')).toEqual({ action: 'describe', entityTypes: ['topics'], entityNames: ['t'] });
    expect(await check(...B, '--alter', '--topic', 't', '--add-config', 'a=1')).toEqual({ action: 'alter', entityTypes: ['topics'], entityNames: ['t'] });
    expect(await check(...B, '--describe', '--broker-defaults')).toEqual({ action: 'describe', entityTypes: ['brokers'], entityNames: [''] });
    expect(await check(...B, '--describe', '--entity-type', 'brokers')).toEqual({ action: 'describe', entityTypes: ['brokers'], entityNames: [] });
  });

  it('pairs --entity-name and --entity-default with the entity types in command-line order', async () => {
    const argv = [...B, '--describe', '--entity-type', 'users', '--entity-default', '--entity-type', 'clients', '--entity-name', 'c1'];
    expect(await check(...argv)).toEqual({ action: 'describe', entityTypes: ['users', 'clients'], entityNames: ['', 'c1'] });
    expect((await check(...B, '--describe', '--user', 'alice', '--client-defaults')).entityNames).toEqual(['alice', '']);
  });

  it('prints the usage when the action is missing or doubled, or --describe gets alter options', async () => {
    await expect(check(...B, '--topic', 't')).rejects.toThrow(new UsageError('Command must include exactly one action: --describe, --alter'));
    await expect(check(...B, '--describe', '--alter', '--topic', 't')).rejects.toThrow('Command must include exactly one action: --describe, --alter');
    await expect(check(...B, '--describe', '--topic', 't', '--delete-config', 'a')).rejects.toThrow(UsageError);
    await expect(check(...B, '--describe', '--topic', 't', '--add-config', 'a=1')).rejects.toThrow('Option "[describe]" can\'t be used with option "[add-config]"');
    await expect(check('--help')).rejects.toThrow(
      'This tool helps to manipulate and describe entity config for a topic, client, user, broker, ip, client-metrics or group',
    );
  });

  it('rejects bad combinations with Kafka\'s messages, in Kafka\'s order', async () => {
    const cases: Array<[string[], string]> = [
      [[...B, '--describe', '--entity-type', 'topics', '--entity-type', 'topics', '--entity-type', 'topics'], 'Duplicate entity type(s) specified: topics,topics'],
      [
        [...B, '--describe', '--entity-type', 'nope'],
        'Invalid entity type nope, the entity type must be one of topics, clients, users, brokers, ips, broker-loggers, client-metrics, groups with a --bootstrap-server or --bootstrap-controller argument',
      ],
      [['--describe', '--entity-type', 'topics'], 'Invalid entity type topics, the entity type must be one of users, brokers with a --zookeeper argument'],
      [[...B, '--describe'], 'At least one entity type must be specified'],
      [[...B, '--describe', '--entity-type', 'topics', '--entity-type', 'brokers'], "Only 'users' and 'clients' entity types may be specified together"],
      [[...B, '--describe', '--entity-name', 'x', '--topic', 't'], '--entity-{type,name,default} should not be used in conjunction with specific entity flags'],
      [['--describe', '--entity-type', 'users'], 'One of the required --bootstrap-server, --boostrap-controller, or --zookeeper arguments must be specified'],
      [[...B, '--bootstrap-controller', 'c:1', '--describe', '--topic', 't'], 'Only one of --bootstrap-server, --boostrap-controller, and --zookeeper can be specified'],
      [[...B, '--describe', '--topic', 't', '--zk-tls-config-file', 'f'], 'Only the --zookeeper option can be used with the --zk-tls-config-file option.'],
      [[...B, '--describe', '--broker', 'one'], 'The entity name for brokers must be a valid integer broker id, but it is: one'],
      [[...B, '--describe', '--ip', 'no such host.invalid'], 'The entity name for ips must be a valid IP or resolvable host, but it is: no such host.invalid'],
      [[...B, '--describe', '--entity-type', 'topics', '--entity-default'], '--entity-default must not be specified with --describe of topics'],
      [[...B, '--describe', '--entity-type', 'broker-loggers'], 'An entity name must be specified with --describe of broker-loggers'],
      [[...B, '--alter', '--entity-type', 'brokers', '--add-config', 'a=1'], 'An entity-name or default entity must be specified with --alter of users, clients, brokers or ips'],
      [[...B, '--alter', '--entity-type', 'topics', '--add-config', 'a=1'], 'An entity name must be specified with --alter of topics'],
      [[...B, '--alter', '--topic', 't', '--add-config', 'a=1', '--add-config-file', 'f'], 'Only one of --add-config or --add-config-file must be specified'],
      [[...B, '--alter', '--topic', 't'], 'At least one of --add-config, --add-config-file, or --delete-config must be specified with --alter'],
    ];
    for (const [argv, message] of cases) {
      const attempt = check(...argv);
      await expect(attempt, argv.join(' ')).rejects.toThrow(ConfigsArgumentError);
      await expect(attempt, argv.join(' ')).rejects.toThrow(message);
    }
  });

  it('accepts IP literals and the default ip entity', async () => {
    expect((await check(...B, '--describe', '--ip', '10.0.0.1')).entityNames).toEqual(['10.0.0.1']);
    expect((await check(...B, '--alter', '--ip-defaults', '--add-config', 'connection_creation_rate=5')).entityNames).toEqual(['']);
  });
});

describe('--add-config', () => {
  it('splits on commas outside brackets and on = with the spaces around it', () => {
    expect(parseAddConfig('k1=v1,k2=[a,b],k3=')).toEqual(
      new Map([
        ['k1', 'v1'],
        ['k2', 'a,b'],
        ['k3', ''],
      ]),
    );
    expect(parseAddConfig(' retention.ms = 1000 ,cleanup.policy=[compact,delete]')).toEqual(
      new Map([
        ['retention.ms', '1000'],
        ['cleanup.policy', 'compact,delete'],
      ]),
    );
    expect(parseAddConfig('sasl.jaas.config=[x username="a" password="b=c";]').get('sasl.jaas.config')).toBe('x username="a" password="b=c";');
    // Java's split drops a trailing empty item.
    expect(parseAddConfig('a=1,')).toEqual(new Map([['a', '1']]));
  });

  it('rejects an item that is not exactly key=value', () => {
    for (const bad of ['k', 'k=a=b', '', 'a=1,,b=2']) {
      expect(() => parseAddConfig(bad), bad).toThrow('requirement failed: Invalid entity config: all configs to be added must be in the format "key=val".');
    }
  });

  it('checks key characters and warns about message.format.version', () => {
    const options = (...argv: string[]) => parseArgs([...B, '--alter', '--topic', 't', ...argv], CONFIGS_OPTIONS);
    expect(() => parseConfigsToBeAdded(options('--add-config', 'bad key=1'))).toThrow('Invalid character found for config key: bad key');
    const { configs, warnings } = parseConfigsToBeAdded(options('--add-config', 'message.format.version=2.8'));
    expect(configs).toEqual(new Map([['message.format.version', '2.8']]));
    expect(warnings).toEqual([
      'WARNING: The configuration message.format.version=2.8 is specified. This configuration will be ignored if the version is newer than the inter.broker.protocol.version specified in the broker or if the inter.broker.protocol.version is 3.0 or newer. This configuration is deprecated and it will be removed in Apache Kafka 4.0.',
    ]);
  });
});

describe('--delete-config', () => {
  it('splits every value at commas (empty pieces dropped) and trims the keys', () => {
    const options = parseArgs([...B, '--alter', '--topic', 't', '--delete-config', 'a,,b', '--delete-config', ' c ', '--delete-config', ','], CONFIGS_OPTIONS);
    expect(parseConfigsToBeDeleted(options)).toEqual(['a', 'b', 'c', ',']);
  });
});

describe('describe lines', () => {
  it('print value, sensitivity and synonyms; a sensitive value is null', () => {
    expect(
      entryLine({
        name: 'retention.ms',
        value: '1000',
        source: 'DYNAMIC_TOPIC_CONFIG',
        isSensitive: false,
        readOnly: false,
        synonyms: [
          { name: 'retention.ms', value: '1000', source: 'DYNAMIC_TOPIC_CONFIG' },
          { name: 'log.retention.hours', value: '168', source: 'DEFAULT_CONFIG' },
        ],
      }),
    ).toBe('  retention.ms=1000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=1000, DEFAULT_CONFIG:log.retention.hours=168}');
    expect(entryLine({ name: 'ssl.key.password', value: null, source: 'STATIC_BROKER_CONFIG', isSensitive: true, readOnly: true, synonyms: [] })).toBe(
      '  ssl.key.password=null sensitive=true synonyms={}',
    );
  });
});
