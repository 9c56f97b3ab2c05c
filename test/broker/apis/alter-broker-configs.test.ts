// Dynamic broker configs: per-broker ("1") and cluster default (""), Kafka's checks, their effect
// on DescribeConfigs sources and on topics that fall back to broker values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { RawClient } from '../../helpers/raw-client.js';
import { APPEND, BROKER, BROKER_LOGGER, DELETE, SET, createTopic, describeConfigs, describeOne, incrementalAlter, legacyAlter } from './configs-helpers.js';

const [TOPIC_CONFIG, DYNAMIC_BROKER, DYNAMIC_DEFAULT, STATIC, DEFAULT] = [1, 2, 3, 4, 5];
const NONE = { errorCode: ErrorCode.NONE, errorMessage: null };

let broker: StartedBroker;
let client: RawClient;

beforeAll(async () => {
  broker = await startBroker({ port: 0, config: { 'log.retention.hours': '168' } });
  client = await RawClient.connect(broker.port);
  await createTopic(client, 'follows');
  await createTopic(client, 'pinned', [{ name: 'retention.ms', value: '1000' }]);
});

afterAll(async () => {
  client?.close();
  await broker?.close();
});

describe('dynamic broker configs', () => {
  it('a cluster default log.retention.ms reaches topics without an override, not the others', async () => {
    expect(await incrementalAlter(client, BROKER, '', [['log.retention.ms', SET, '3600000']])).toEqual(NONE);
    expect(await describeOne(client, 'follows', 'retention.ms')).toMatchObject({
      value: '3600000',
      configSource: DYNAMIC_DEFAULT,
      synonyms: [
        { name: 'log.retention.ms', value: '3600000', source: DYNAMIC_DEFAULT },
        { name: 'log.retention.hours', value: '168', source: STATIC },
        { name: 'log.retention.hours', value: '168', source: DEFAULT },
      ],
    });
    expect(await describeOne(client, 'pinned', 'retention.ms')).toMatchObject({ value: '1000', configSource: TOPIC_CONFIG });
    expect(broker.broker.logConfigFor(broker.broker.topics.get('follows')!.configs).retentionMs).toBe(3_600_000);
    expect(broker.broker.config.logRetentionMs).toBe(3_600_000);
  });

  it('the default resource lists only the dynamic defaults', async () => {
    const result = await describeConfigs(client, { type: BROKER, name: '', synonyms: true });
    expect(result.configs).toEqual([
      expect.objectContaining({
        name: 'log.retention.ms',
        value: '3600000',
        readOnly: false,
        configSource: DYNAMIC_DEFAULT,
        synonyms: [{ name: 'log.retention.ms', value: '3600000', source: DYNAMIC_DEFAULT }],
      }),
    ]);
  });

  it('a per-broker value wins over the cluster default, and deleting it falls back', async () => {
    expect(await incrementalAlter(client, BROKER, '1', [['log.retention.ms', SET, '7200000']])).toEqual(NONE);
    expect(await describeOne(client, '1', 'log.retention.ms', BROKER)).toMatchObject({
      value: '7200000',
      configSource: DYNAMIC_BROKER,
      synonyms: [
        { name: 'log.retention.ms', value: '7200000', source: DYNAMIC_BROKER },
        { name: 'log.retention.ms', value: '3600000', source: DYNAMIC_DEFAULT },
        { name: 'log.retention.hours', value: '168', source: STATIC },
        { name: 'log.retention.hours', value: '168', source: DEFAULT },
      ],
    });
    expect(await describeOne(client, 'follows', 'retention.ms')).toMatchObject({ value: '7200000', configSource: DYNAMIC_BROKER });
    expect(await incrementalAlter(client, BROKER, '1', [['log.retention.ms', DELETE, null]])).toEqual(NONE);
    expect(await describeOne(client, 'follows', 'retention.ms')).toMatchObject({ value: '3600000', configSource: DYNAMIC_DEFAULT });
  });

  it('appends to list configs from their default', async () => {
    expect(await incrementalAlter(client, BROKER, '1', [['log.cleanup.policy', APPEND, 'compact']])).toEqual(NONE);
    expect(broker.broker.topics.brokerConfigs('1')).toEqual({ 'log.cleanup.policy': 'delete,compact' });
    expect(broker.broker.logConfigFor({})).toMatchObject({ cleanupDelete: true, cleanupCompact: true });
    expect(await incrementalAlter(client, BROKER, '1', [['log.cleanup.policy', DELETE, null]])).toEqual(NONE);
    expect(broker.broker.topics.brokerConfigs('1')).toEqual({});
  });

  it("refuses what Kafka refuses, with Kafka's messages", async () => {
    const cases: Array<[string, Array<[string, number, string | null]>, number, string | null]> = [
      ['1', [['log.dirs', SET, '/tmp/x']], ErrorCode.INVALID_REQUEST, 'Cannot update these configs dynamically: Set(log.dirs)'],
      ['', [['log.retention.hours', SET, '1']], ErrorCode.INVALID_REQUEST, 'Cannot update these configs dynamically: Set(log.retention.hours)'],
      ['1', [['ssl.keystore.location', SET, '/k']], ErrorCode.INVALID_REQUEST, 'These security configs can be dynamically updated only per-listener using the listener prefix: Set(ssl.keystore.location)'],
      ['', [['listeners', SET, 'PLAINTEXT://:9092']], ErrorCode.INVALID_REQUEST, 'Cannot update these configs at default cluster level, broker id must be specified: Set(listeners)'],
      ['1', [['log.retention.ms', SET, 'later']], ErrorCode.INVALID_REQUEST, 'Invalid value later for configuration log.retention.ms: Not a number of type LONG'],
      ['1', [['num.io.threads', SET, '0']], ErrorCode.INVALID_REQUEST, 'Invalid value 0 for configuration num.io.threads: Value must be at least 1'],
      ['1', [['log.retention.ms', APPEND, '5']], ErrorCode.INVALID_CONFIG, 'Config value append is not allowed for config key: log.retention.ms'],
      ['1', [['custom.thing', APPEND, '5']], ErrorCode.UNKNOWN_SERVER_ERROR, null],
      ['2', [['log.retention.ms', SET, '1']], ErrorCode.INVALID_REQUEST, 'Unexpected broker id, expected 1, but received 2'],
      ['b1', [['log.retention.ms', SET, '1']], ErrorCode.INVALID_REQUEST, 'Node id must be an integer, but it is: b1'],
    ];
    for (const [name, ops, errorCode, errorMessage] of cases) {
      expect(await incrementalAlter(client, BROKER, name, ops), `${name} ${ops[0]![0]}`).toEqual({ errorCode, errorMessage });
    }
    expect(broker.broker.topics.brokerConfigs('1')).toEqual({});
  });

  it('accepts custom keys outside Kafka\'s schema and hides their values', async () => {
    expect(await incrementalAlter(client, BROKER, '1', [['my.plugin.setting', SET, 'on']])).toEqual(NONE);
    expect(await describeOne(client, '1', 'my.plugin.setting', BROKER)).toMatchObject({
      value: null,
      isSensitive: true,
      readOnly: true,
      configSource: DYNAMIC_BROKER,
      synonyms: [{ name: 'my.plugin.setting', value: null, source: DYNAMIC_BROKER }],
    });
    expect(await incrementalAlter(client, BROKER, '1', [['my.plugin.setting', DELETE, null]])).toEqual(NONE);
  });

  it('legacy AlterConfigs replaces the whole dynamic set of the resource', async () => {
    expect(await legacyAlter(client, BROKER, '1', { 'log.segment.bytes': '1048576', 'message.max.bytes': '2000000' })).toEqual(NONE);
    expect(await legacyAlter(client, BROKER, '1', { 'message.max.bytes': '3000000' })).toEqual(NONE);
    expect(broker.broker.topics.brokerConfigs('1')).toEqual({ 'message.max.bytes': '3000000' });
    expect(broker.broker.topicConfig(broker.broker.topics.get('follows')!, 'max.message.bytes')).toBe('3000000');
    expect(await legacyAlter(client, BROKER, '1', { 'log.dirs': '/x' })).toEqual({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Cannot update these configs dynamically: Set(log.dirs)' });
    expect(await legacyAlter(client, BROKER, '1', {}, true)).toEqual(NONE);
    expect(broker.broker.topics.brokerConfigs('1')).toEqual({ 'message.max.bytes': '3000000' });
    expect(await legacyAlter(client, BROKER, '1', {})).toEqual(NONE);
    expect(broker.broker.topics.brokerConfigs('1')).toEqual({});
  });

  it('broker loggers: kt has none to change', async () => {
    expect(await incrementalAlter(client, BROKER_LOGGER, '1', [['kafka.server', SET, 'DEBUG']])).toEqual({ errorCode: ErrorCode.INVALID_CONFIG, errorMessage: 'Logger kafka.server does not exist!' });
    expect(await incrementalAlter(client, BROKER_LOGGER, '1', [['root', APPEND, 'DEBUG']])).toEqual({
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: 'APPEND operation is not allowed for the BROKER_LOGGER resource',
    });
  });
});
