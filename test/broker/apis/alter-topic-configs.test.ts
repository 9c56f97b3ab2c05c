// AlterConfigs and IncrementalAlterConfigs on topics: Kafka's error codes and messages, list
// operations, validateOnly, and changes that reach the partition logs at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, type Admin, ConfigResourceTypes } from 'kafkajs';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { RawClient } from '../../helpers/raw-client.js';
import { APPEND, DELETE, SET, SUBTRACT, TOPIC, createTopic, describeOne, incrementalAlter, legacyAlter } from './configs-helpers.js';

let broker: StartedBroker;
let client: RawClient;

const NONE = { errorCode: ErrorCode.NONE, errorMessage: null };
const overrides = (topic: string) => broker.broker.topics.get(topic)!.configs;

beforeAll(async () => {
  broker = await startBroker({ port: 0 });
  client = await RawClient.connect(broker.port);
});

afterAll(async () => {
  client?.close();
  await broker?.close();
});

describe('IncrementalAlterConfigs on a topic', () => {
  it('sets and deletes single keys, leaving the others', async () => {
    await createTopic(client, 'inc', [{ name: 'retention.ms', value: '1000' }]);
    expect(await incrementalAlter(client, TOPIC, 'inc', [['segment.ms', SET, '60000']])).toEqual(NONE);
    expect(overrides('inc')).toEqual({ 'retention.ms': '1000', 'segment.ms': '60000' });
    expect(await incrementalAlter(client, TOPIC, 'inc', [['retention.ms', DELETE, null]])).toEqual(NONE);
    expect(overrides('inc')).toEqual({ 'segment.ms': '60000' });
    expect(await describeOne(client, 'inc', 'segment.ms')).toMatchObject({ value: '60000', configSource: 1 });
  });

  it('appends to and subtracts from list configs, starting from the default', async () => {
    await createTopic(client, 'lists');
    expect(await incrementalAlter(client, TOPIC, 'lists', [['cleanup.policy', APPEND, 'compact']])).toEqual(NONE);
    expect(overrides('lists')['cleanup.policy']).toBe('delete,compact');
    expect(await incrementalAlter(client, TOPIC, 'lists', [['cleanup.policy', APPEND, 'compact,delete']])).toEqual(NONE);
    expect(overrides('lists')['cleanup.policy']).toBe('delete,compact');
    expect(await incrementalAlter(client, TOPIC, 'lists', [['cleanup.policy', SUBTRACT, 'delete']])).toEqual(NONE);
    expect(overrides('lists')['cleanup.policy']).toBe('compact');
    expect(await incrementalAlter(client, TOPIC, 'lists', [['leader.replication.throttled.replicas', APPEND, '0:1']])).toEqual(NONE);
    expect(overrides('lists')['leader.replication.throttled.replicas']).toBe('0:1');
  });

  it("refuses APPEND and SUBTRACT on keys that are not lists, with the controller's message", async () => {
    await createTopic(client, 'notlist');
    expect(await incrementalAlter(client, TOPIC, 'notlist', [['retention.ms', APPEND, '5']])).toEqual({
      errorCode: ErrorCode.INVALID_CONFIG,
      errorMessage: "Can't APPEND to key retention.ms because its type is not LIST.",
    });
    expect(await incrementalAlter(client, TOPIC, 'notlist', [['nope', SUBTRACT, '5']])).toEqual({
      errorCode: ErrorCode.INVALID_CONFIG,
      errorMessage: "Can't SUBTRACT to key nope because its type is not LIST.",
    });
  });

  it('validates names and values as LogConfig does, merged with the broker values', async () => {
    await createTopic(client, 'checked');
    const cases: Array<[Array<[string, number, string | null]>, number, string]> = [
      [[['retention.msx', SET, '1']], ErrorCode.INVALID_CONFIG, 'Unknown topic config name: retention.msx'],
      [[['retention.ms', SET, 'soon']], ErrorCode.INVALID_CONFIG, 'Invalid value soon for configuration retention.ms: Not a number of type LONG'],
      [[['segment.bytes', SET, '10']], ErrorCode.INVALID_CONFIG, 'Invalid value 10 for configuration segment.bytes: Value must be at least 14'],
      [[['compression.gzip.level', SET, '12']], ErrorCode.INVALID_CONFIG, 'Invalid value 12 for configuration compression.gzip.level: Value must be between 1 and 9 or equal to -1'],
      [[['cleanup.policy', SET, 'compact,Delete']], ErrorCode.INVALID_CONFIG, 'Invalid value Delete for configuration cleanup.policy: String must be one of: compact, delete'],
      [[['min.compaction.lag.ms', SET, '9223372036854775807'], ['max.compaction.lag.ms', SET, '5']], ErrorCode.INVALID_CONFIG, 'conflict topic config setting min.compaction.lag.ms (9223372036854775807) > max.compaction.lag.ms (5)'],
      [[['remote.storage.enable', SET, 'true']], ErrorCode.INVALID_CONFIG, 'Tiered Storage functionality is disabled in the broker. Topic cannot be configured with remote log storage.'],
      [[['retention.ms', SET, '1'], ['retention.ms', DELETE, null]], ErrorCode.INVALID_REQUEST, 'Error due to duplicate config keys'],
      [[['retention.ms', SET, null], ['segment.ms', APPEND, null]], ErrorCode.INVALID_REQUEST, 'Null value not supported for : retention.ms, segment.ms'],
      [[['retention.ms', 7, '1']], ErrorCode.INVALID_REQUEST, 'Unknown operations type 7'],
    ];
    for (const [ops, errorCode, errorMessage] of cases) {
      expect(await incrementalAlter(client, TOPIC, 'checked', ops), errorMessage).toEqual({ errorCode, errorMessage });
    }
    expect(overrides('checked')).toEqual({});
  });

  it('answers UNKNOWN_TOPIC_OR_PARTITION, INVALID_TOPIC_EXCEPTION and the default-topic error', async () => {
    expect(await incrementalAlter(client, TOPIC, 'ghost', [['retention.ms', SET, '1']])).toEqual({
      errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      errorMessage: "The topic 'ghost' does not exist.",
    });
    expect(await incrementalAlter(client, TOPIC, 'a/b', [['retention.ms', SET, '1']])).toEqual({
      errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION,
      errorMessage: "Topic name is invalid: 'a/b' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'",
    });
    expect(await incrementalAlter(client, TOPIC, '', [['retention.ms', SET, '1']])).toEqual({
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: 'Default topic resources are not allowed.',
    });
  });

  it('validateOnly checks without changing anything', async () => {
    await createTopic(client, 'dry');
    expect(await incrementalAlter(client, TOPIC, 'dry', [['retention.ms', SET, '5']], true)).toEqual(NONE);
    expect(await incrementalAlter(client, TOPIC, 'dry', [['retention.ms', SET, 'x']], true)).toMatchObject({ errorCode: ErrorCode.INVALID_CONFIG });
    expect(overrides('dry')).toEqual({});
  });

  it('answers every copy of a resource named twice with INVALID_REQUEST, and the others normally', async () => {
    await createTopic(client, 'twice');
    const op = (name: string) => ({ resourceType: TOPIC, resourceName: name, configs: [{ name: 'retention.ms', configOperation: SET, value: '7' }] });
    const r = await client.request(ApiKey.IncrementalAlterConfigs, 0, { resources: [op('twice'), op('inc'), op('twice')], validateOnly: false });
    expect(r.responses.map((x) => [x.resourceName, x.errorCode, x.errorMessage])).toEqual([
      ['twice', ErrorCode.INVALID_REQUEST, 'Each resource must appear at most once.'],
      ['inc', ErrorCode.NONE, null],
      ['twice', ErrorCode.INVALID_REQUEST, 'Each resource must appear at most once.'],
    ]);
    expect(overrides('twice')).toEqual({});
  });

  it('changes the LogConfig of every partition log at once (segment.bytes rolls the next append)', async () => {
    await createTopic(client, 'rolling', [], 2);
    const produce = (partition: number) =>
      client.request(ApiKey.Produce, 9, {
        acks: -1,
        timeoutMs: 5000,
        topicData: [{ name: 'rolling', partitionData: [{ index: partition, records: encodeRecordBatch({ records: [{ timestamp: 1, key: null, value: Buffer.alloc(100), headers: [] }] }) }] }],
      });
    expect(await incrementalAlter(client, TOPIC, 'rolling', [['segment.bytes', SET, '200']])).toEqual(NONE);
    for (const partition of [0, 1]) {
      for (let i = 0; i < 3; i++) expect((await produce(partition)).responses[0]!.partitionResponses[0]!.errorCode).toBe(0);
      expect(broker.broker.partitionLog('rolling', partition)!.segmentBaseOffsets).toEqual([0, 1, 2]);
    }
  });
});

describe('AlterConfigs (legacy) on a topic', () => {
  it('replaces the whole set of overrides', async () => {
    await createTopic(client, 'legacy', [{ name: 'retention.ms', value: '1000' }, { name: 'segment.ms', value: '5000' }]);
    expect(await legacyAlter(client, TOPIC, 'legacy', { 'cleanup.policy': 'compact' })).toEqual(NONE);
    expect(overrides('legacy')).toEqual({ 'cleanup.policy': 'compact' });
    expect(await legacyAlter(client, TOPIC, 'legacy', {})).toEqual(NONE);
    expect(overrides('legacy')).toEqual({});
  });

  it('refuses null values, unknown keys and broker loggers', async () => {
    expect(await legacyAlter(client, TOPIC, 'legacy', { 'retention.ms': null })).toEqual({
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: 'Null value not supported for : retention.ms',
    });
    expect(await legacyAlter(client, TOPIC, 'legacy', { 'no.such': '1' })).toEqual({ errorCode: ErrorCode.INVALID_CONFIG, errorMessage: 'Unknown topic config name: no.such' });
    expect(await legacyAlter(client, 8, '1', {})).toEqual({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Unknown resource type 8' });
  });
});

describe('kafkajs alterConfigs', () => {
  let admin: Admin;
  beforeAll(async () => {
    admin = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
    await admin.connect();
  });
  afterAll(async () => admin?.disconnect());

  it('alters a topic and reads the change back', async () => {
    await createTopic(client, 'viajs');
    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'viajs', configEntries: [{ name: 'retention.ms', value: '86400000' }] }] });
    const r = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'viajs', configNames: ['retention.ms'] }] });
    expect(r.resources[0]!.configEntries.map((e) => [e.configName, e.configValue, e.isDefault])).toEqual([['retention.ms', '86400000', false]]);
    await expect(
      admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'viajs', configEntries: [{ name: 'retention.ms', value: 'x' }] }] }),
    ).rejects.toMatchObject({ type: 'INVALID_CONFIG' });
  });
});
