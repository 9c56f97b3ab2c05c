// DescribeConfigs: topic and broker resources with Kafka's sources, synonyms, sensitivity, types
// and documentation. The static config mirrors Kafka's quickstart server.properties (§28 examples).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, type Admin, ConfigResourceTypes } from 'kafkajs';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { KAFKA_BROKER_CONFIGS } from '../../../src/broker/configs/broker-keys.js';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { RawClient } from '../../helpers/raw-client.js';
import { BROKER, BROKER_LOGGER, TOPIC, createTopic, describeConfigs, describeOne } from './configs-helpers.js';

const [TOPIC_CONFIG, STATIC, DEFAULT] = [1, 4, 5];
const [LONG_TYPE, LIST_TYPE, INT_TYPE, PASSWORD_TYPE] = [5, 7, 3, 9];

let broker: StartedBroker;
let client: RawClient;

beforeAll(async () => {
  broker = await startBroker({
    port: 0,
    config: { 'log.segment.bytes': '1073741824', 'log.retention.hours': '168', 'message.max.bytes': '2000000', 'custom.key': 'secret?' },
  });
  client = await RawClient.connect(broker.port);
  await createTopic(client, 'plain');
  await createTopic(client, 'tuned', [{ name: 'retention.ms', value: '1000' }]);
});

afterAll(async () => {
  client?.close();
  await broker?.close();
});

describe('DescribeConfigs of a topic', () => {
  it('lists every topic config, sorted, with its source', async () => {
    const result = await describeConfigs(client, { name: 'plain' });
    expect(result).toMatchObject({ errorCode: 0, errorMessage: null, resourceType: TOPIC, resourceName: 'plain' });
    expect(result.configs.map((c) => c.name)).toEqual([...result.configs.map((c) => c.name)].sort());
    expect(result.configs).toHaveLength(36);
    expect(result.configs.every((c) => !c.readOnly && !c.isSensitive)).toBe(true);
  });

  it('reports a static broker synonym as STATIC_BROKER_CONFIG with the default behind it', async () => {
    expect(await describeOne(client, 'plain', 'segment.bytes')).toMatchObject({
      value: '1073741824',
      configSource: STATIC,
      synonyms: [
        { name: 'log.segment.bytes', value: '1073741824', source: STATIC },
        { name: 'log.segment.bytes', value: '1073741824', source: DEFAULT },
      ],
      configType: INT_TYPE,
    });
    expect(await describeOne(client, 'plain', 'max.message.bytes')).toMatchObject({
      value: '2000000',
      configSource: STATIC,
      synonyms: [
        { name: 'message.max.bytes', value: '2000000', source: STATIC },
        { name: 'message.max.bytes', value: '1048588', source: DEFAULT },
      ],
    });
  });

  it('shows retention.ms as DEFAULT_CONFIG when only log.retention.hours is set (no log.retention.ms synonym)', async () => {
    expect(await describeOne(client, 'plain', 'retention.ms')).toMatchObject({ value: '604800000', configSource: DEFAULT, synonyms: [], configType: LONG_TYPE });
  });

  it('puts a topic override first', async () => {
    expect(await describeOne(client, 'tuned', 'retention.ms')).toMatchObject({
      value: '1000',
      configSource: TOPIC_CONFIG,
      synonyms: [{ name: 'retention.ms', value: '1000', source: TOPIC_CONFIG }],
    });
  });

  it('filters by configuration keys, adds documentation and types on request', async () => {
    const result = await describeConfigs(client, { name: 'plain', keys: ['cleanup.policy', 'no.such.key'], documentation: true });
    expect(result.configs).toEqual([
      {
        name: 'cleanup.policy',
        value: 'delete',
        readOnly: false,
        isDefault: false,
        configSource: DEFAULT,
        isSensitive: false,
        synonyms: [],
        configType: LIST_TYPE,
        documentation: 'What happens to old segments: delete (by retention time or size) and/or compact (keep the latest value per key).',
      },
    ]);
    const all = await describeConfigs(client, { name: 'plain', keys: [] });
    expect(all.configs).toHaveLength(36);
  });

  it('v0 carries isDefault instead of a source', async () => {
    const result = await describeConfigs(client, { name: 'tuned', keys: ['retention.ms', 'segment.ms'], version: 0 });
    expect(result.configs.map((c) => [c.name, c.isDefault, c.configSource])).toEqual([
      ['retention.ms', false, -1],
      ['segment.ms', true, -1],
    ]);
  });

  it('answers UNKNOWN_TOPIC_OR_PARTITION for a missing topic and INVALID_TOPIC_EXCEPTION for a bad name', async () => {
    expect(await describeConfigs(client, { name: 'missing' })).toMatchObject({ errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: '', configs: [] });
    expect(await describeConfigs(client, { name: 'bad name' })).toMatchObject({
      errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION,
      errorMessage: "Topic name is invalid: 'bad name' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'",
    });
  });
});

describe('DescribeConfigs of the broker', () => {
  it('lists every broker key plus custom keys, with read-only and sensitive flags', async () => {
    const result = await describeConfigs(client, { type: BROKER, name: '1', documentation: true });
    expect(result.errorCode).toBe(0);
    const byName = new Map(result.configs.map((c) => [c.name, c]));
    expect(byName.size).toBe(Object.keys(KAFKA_BROKER_CONFIGS).length + 1);
    expect(byName.get('log.retention.hours')).toMatchObject({ value: '168', readOnly: true, configSource: STATIC, isSensitive: false });
    expect(byName.get('log.retention.ms')).toMatchObject({ value: null, readOnly: false, configSource: DEFAULT });
    expect(byName.get('num.partitions')).toMatchObject({
      value: '1',
      readOnly: true,
      configSource: DEFAULT,
      configType: INT_TYPE,
      documentation: 'Default number of partitions of a new topic.',
    });
    expect(byName.get('ssl.keystore.password')).toMatchObject({ value: null, isSensitive: true, readOnly: false, configType: PASSWORD_TYPE });
    // A key outside Kafka's schema has no known type, so Kafka hides it as possibly secret.
    expect(byName.get('custom.key')).toMatchObject({ value: null, isSensitive: true, readOnly: true, configSource: STATIC, configType: 0, documentation: null });
  });

  it('gives log.retention.hours its own synonyms only (the ms and minutes keys come first and are dropped)', async () => {
    expect(await describeOne(client, '1', 'log.retention.hours', BROKER)).toMatchObject({
      synonyms: [
        { name: 'log.retention.hours', value: '168', source: STATIC },
        { name: 'log.retention.hours', value: '168', source: DEFAULT },
      ],
    });
  });

  it('answers the cluster default resource with the dynamic defaults only (none yet)', async () => {
    expect(await describeConfigs(client, { type: BROKER, name: '' })).toMatchObject({ errorCode: 0, configs: [] });
  });

  it("rejects another broker's id and names that are not numbers", async () => {
    expect(await describeConfigs(client, { type: BROKER, name: '2' })).toMatchObject({
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: 'Unexpected broker id, expected 1 or empty string, but received 2',
    });
    expect(await describeConfigs(client, { type: BROKER, name: 'one' })).toMatchObject({
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: 'Broker id must be an integer, but it is: one',
    });
  });

  it('answers broker loggers with no loggers, and checks the id', async () => {
    expect(await describeConfigs(client, { type: BROKER_LOGGER, name: '1' })).toMatchObject({ errorCode: 0, configs: [] });
    expect(await describeConfigs(client, { type: BROKER_LOGGER, name: '' })).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Broker id must not be empty' });
  });

  it('fails every resource of a request that names an unknown resource type', async () => {
    const r = await client.request(ApiKey.DescribeConfigs, 4, {
      resources: [
        { resourceType: TOPIC, resourceName: 'plain', configurationKeys: null },
        { resourceType: 99, resourceName: 'x', configurationKeys: null },
      ],
      includeSynonyms: false,
      includeDocumentation: false,
    });
    expect(r.results.map((x) => [x.resourceName, x.errorCode, x.configs.length])).toEqual([
      ['plain', ErrorCode.INVALID_REQUEST, 0],
      ['x', ErrorCode.INVALID_REQUEST, 0],
    ]);
  });
});

describe('kafkajs describeConfigs', () => {
  let admin: Admin;
  beforeAll(async () => {
    admin = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
    await admin.connect();
  });
  afterAll(async () => admin?.disconnect());

  it('reads topic and broker configs', async () => {
    const r = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        { type: ConfigResourceTypes.TOPIC, name: 'tuned', configNames: ['retention.ms'] },
        { type: ConfigResourceTypes.BROKER, name: '1', configNames: ['message.max.bytes'] },
      ],
    });
    expect(r.resources.map((x) => [x.resourceName, x.errorCode, x.configEntries.map((e) => [e.configName, e.configValue, e.isDefault, e.readOnly])])).toEqual([
      ['tuned', 0, [['retention.ms', '1000', false, false]]],
      ['1', 0, [['message.max.bytes', '2000000', false, false]]],
    ]);
  });
});
