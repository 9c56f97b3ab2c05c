// The KRaft admin APIs of a single combined node, through the raw client: ApiVersions' feature
// fields, UpdateFeatures, DescribeQuorum, UnregisterBroker, and client-metrics subscriptions
// (CLIENT_METRICS configs and ListClientMetricsResources), with exact codes, messages and values,
// and what survives a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { javaHashMapOrder } from '../../../src/broker/java-hash-order.js';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { RawClient } from '../../helpers/raw-client.js';
import { APPEND, DELETE, SET } from './configs-helpers.js';

const CLIENT_METRICS = 16;
const [UPGRADE, SAFE_DOWNGRADE, UNSAFE_DOWNGRADE] = [1, 2, 3];
const FAILED = 'The update failed for all features since the following feature had an error: ';

let dataDir: string;
let broker: StartedBroker;
let client: RawClient;

async function start(): Promise<void> {
  broker = await startBroker({ port: 0, dataDir });
  client = await RawClient.connect(broker.port);
}

async function stop(): Promise<void> {
  client.close();
  await broker.close();
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kt-kraft-admin-'));
  await start();
});

afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function updateFeatures(updates: Array<[string, number, number?]>, opts: { version?: number; validateOnly?: boolean } = {}) {
  return client.request(ApiKey.UpdateFeatures, opts.version ?? 2, {
    timeoutMs: 60000,
    featureUpdates: updates.map(([feature, maxVersionLevel, upgradeType]) => ({ feature, maxVersionLevel, upgradeType: upgradeType ?? UPGRADE, allowDowngrade: false })),
    validateOnly: opts.validateOnly ?? false,
  });
}

async function alterClientMetrics(name: string, ops: Array<[string, number, string | null]>, validateOnly = false) {
  const r = await client.request(ApiKey.IncrementalAlterConfigs, 1, {
    resources: [{ resourceType: CLIENT_METRICS, resourceName: name, configs: ops.map(([n, configOperation, value]) => ({ name: n, configOperation, value })) }],
    validateOnly,
  });
  const res = r.responses[0]!;
  return [res.errorCode, res.errorMessage];
}

async function describeClientMetrics(name: string, version = 4, keys: string[] | null = null) {
  const r = await client.request(ApiKey.DescribeConfigs, version, {
    resources: [{ resourceType: CLIENT_METRICS, resourceName: name, configurationKeys: keys }],
    includeSynonyms: true,
    includeDocumentation: true,
  });
  return r.results[0]!;
}

async function listClientMetrics(): Promise<string[]> {
  const r = await client.request(ApiKey.ListClientMetricsResources, 0, {});
  expect(r.errorCode).toBe(ErrorCode.NONE);
  return r.clientMetricsResources.map((c) => c.name);
}

describe('ApiVersions feature fields', () => {
  it('v4 lists Kafka 4.0 supported ranges and finalizes only metadata.version 4.0-IV3, at the last metadata offset', async () => {
    const r = await client.request(ApiKey.ApiVersions, 4, { clientSoftwareName: 'raw', clientSoftwareVersion: '1' });
    expect(r.supportedFeatures).toEqual([
      { name: 'eligible.leader.replicas.version', minVersion: 0, maxVersion: 1 },
      { name: 'group.version', minVersion: 0, maxVersion: 1 },
      { name: 'kraft.version', minVersion: 0, maxVersion: 1 },
      { name: 'metadata.version', minVersion: 7, maxVersion: 25 },
      { name: 'transaction.version', minVersion: 0, maxVersion: 2 },
    ]);
    expect(r.finalizedFeatures).toEqual([{ name: 'metadata.version', minVersionLevel: 25, maxVersionLevel: 25 }]);
    expect(r.finalizedFeaturesEpoch).toBe(BigInt(broker.broker.topics.metadataEndOffset - 1));
  });

  it('v3 leaves out supported features whose minimum is 0 (KAFKA-17492); v2 has no feature fields', async () => {
    const v3 = await client.request(ApiKey.ApiVersions, 3, { clientSoftwareName: 'raw', clientSoftwareVersion: '1' });
    expect(v3.supportedFeatures).toEqual([{ name: 'metadata.version', minVersion: 7, maxVersion: 25 }]);
    const v2 = await client.request(ApiKey.ApiVersions, 2, {});
    expect(v2.supportedFeatures).toEqual([]);
  });

  it('advertises the new APIs', async () => {
    const r = await client.request(ApiKey.ApiVersions, 4, { clientSoftwareName: 'raw', clientSoftwareVersion: '1' });
    const served = (k: number) => r.apiKeys.find((a) => a.apiKey === k);
    expect(served(ApiKey.DescribeQuorum)).toEqual({ apiKey: 55, minVersion: 0, maxVersion: 2 });
    expect(served(ApiKey.UpdateFeatures)).toEqual({ apiKey: 57, minVersion: 0, maxVersion: 2 });
    expect(served(ApiKey.UnregisterBroker)).toEqual({ apiKey: 64, minVersion: 0, maxVersion: 0 });
    expect(served(ApiKey.ListClientMetricsResources)).toEqual({ apiKey: 74, minVersion: 0, maxVersion: 0 });
  });
});

describe('UpdateFeatures', () => {
  it('an update to the current level succeeds; v0/v1 list each update with NONE and the text "NONE", v2 lists none', async () => {
    expect(await updateFeatures([['metadata.version', 25]])).toEqual({ throttleTimeMs: 0, errorCode: 0, errorMessage: null, results: [] });
    const v1 = await updateFeatures([['metadata.version', 25], ['group.version', 0, SAFE_DOWNGRADE]], { version: 1, validateOnly: true });
    expect(v1.results).toEqual([
      { feature: 'metadata.version', errorCode: 0, errorMessage: 'NONE' },
      { feature: 'group.version', errorCode: 0, errorMessage: 'NONE' },
    ]);
    expect((await updateFeatures([], { version: 0 })).errorCode).toBe(0);
  });

  it.each([
    ['metadata.version', 0, SAFE_DOWNGRADE, 'Invalid update version 0 for feature metadata.version. Local controller 1 only supports versions 7-25'],
    ['metadata.version', 26, UPGRADE, 'Invalid update version 26 for feature metadata.version. Local controller 1 only supports versions 7-25'],
    ['transaction.version', 3, UPGRADE, 'Invalid update version 3 for feature transaction.version. Local controller 1 only supports versions 0-2'],
    ['foo.bar', 1, UPGRADE, 'Invalid update version 1 for feature foo.bar. Local controller 1 does not support this feature.'],
    ['foo.bar', 0, UPGRADE, 'Invalid update version 0 for feature foo.bar. Feature foo.bar not found.'],
    ['group.version', -1, SAFE_DOWNGRADE, 'Invalid update version -1 for feature group.version. A feature version cannot be less than 0.'],
    ['group.version', 1, 7, 'Invalid update version 1 for feature group.version. The controller does not support the given upgrade type.'],
    ['metadata.version', 24, UPGRADE, "Invalid update version 24 for feature metadata.version. Can't downgrade the version of this feature without setting the upgrade type to either safe or unsafe downgrade."],
    ['group.version', 1, SAFE_DOWNGRADE, "Invalid update version 1 for feature group.version. Can't downgrade to a newer version."],
    ['metadata.version', 22, SAFE_DOWNGRADE, 'Invalid metadata.version 22. Refusing to perform the requested downgrade because it might delete metadata information.'],
    ['metadata.version', 22, UNSAFE_DOWNGRADE, 'Invalid metadata.version 22. Unsafe metadata downgrade is not supported in this version.'],
  ])('%s=%i (upgrade type %i) fails as Kafka fails it', async (feature, level, type, message) => {
    for (const validateOnly of [false, true]) {
      expect(await updateFeatures([[feature, level, type]], { validateOnly })).toEqual({ throttleTimeMs: 0, errorCode: ErrorCode.INVALID_UPDATE_VERSION, errorMessage: FAILED + message, results: [] });
    }
  });

  it('a change Kafka would make is refused: kt implements each finalized level only', async () => {
    expect((await updateFeatures([['metadata.version', 24, SAFE_DOWNGRADE]])).errorMessage).toBe(
      FAILED + 'Invalid update version 24 for feature metadata.version. kt implements metadata.version 25 (4.0-IV3) only and cannot change it.',
    );
    expect((await updateFeatures([['transaction.version', 2]], { validateOnly: true })).errorMessage).toBe(
      FAILED + 'Invalid update version 2 for feature transaction.version. kt implements transaction.version 0 only and cannot change it.',
    );
    // Kafka's checks come first: kraft.version 1 needs metadata.version 3.9-IV0 in the same proposal.
    expect((await updateFeatures([['kraft.version', 1], ['metadata.version', 20, SAFE_DOWNGRADE]])).errorMessage).toBe(
      FAILED + 'Invalid update version 1 for feature kraft.version. kraft.version could not be set to 1 because it depends on metadata.version level 21',
    );
  });

  it('the first failure in the controller hash map order is the one reported; nothing changes', async () => {
    expect(javaHashMapOrder(['transaction.version', 'group.version', 'metadata.version'])).toEqual(['group.version', 'metadata.version', 'transaction.version']);
    const r = await updateFeatures([['transaction.version', 5], ['group.version', 1], ['metadata.version', 25]]);
    expect(r.errorMessage).toBe(FAILED + 'Invalid update version 5 for feature transaction.version. Local controller 1 only supports versions 0-2');
    const again = await updateFeatures([['transaction.version', 1], ['group.version', 1]]);
    expect(again.errorMessage).toBe(FAILED + 'Invalid update version 1 for feature group.version. kt implements group.version 0 only and cannot change it.');
    const v = await client.request(ApiKey.ApiVersions, 4, { clientSoftwareName: 'raw', clientSoftwareVersion: '1' });
    expect(v.finalizedFeatures).toEqual([{ name: 'metadata.version', minVersionLevel: 25, maxVersionLevel: 25 }]);
  });

  it('v0 updates are upgrades whatever AllowDowngrade says, as a KRaft controller reads them', async () => {
    const r = await client.request(ApiKey.UpdateFeatures, 0, { timeoutMs: 60000, featureUpdates: [{ feature: 'metadata.version', maxVersionLevel: 24, allowDowngrade: true }] });
    expect(r.errorMessage).toBe(FAILED + "Invalid update version 24 for feature metadata.version. Can't downgrade the version of this feature without setting the upgrade type to either safe or unsafe downgrade.");
  });
});

describe('DescribeQuorum', () => {
  const request = (topicName = '__cluster_metadata', partitionIndex = 0) => ({ topics: [{ topicName, partitions: [{ partitionIndex }] }] });

  it('v2: this node is the only voter and the leader; offsets follow the metadata; no observers; a node without controller endpoints', async () => {
    const before = Date.now();
    const r = await client.request(ApiKey.DescribeQuorum, 2, request());
    const end = BigInt(broker.broker.topics.metadataEndOffset);
    const p = r.topics[0]!.partitions[0]!;
    const voter = p.currentVoters[0]!;
    expect(r).toMatchObject({ errorCode: 0, errorMessage: null, nodes: [{ nodeId: 1, listeners: [] }] });
    expect(r.topics.map((t) => t.topicName)).toEqual(['__cluster_metadata']);
    expect(p).toMatchObject({ partitionIndex: 0, errorCode: 0, errorMessage: null, leaderId: 1, leaderEpoch: broker.broker.topics.quorumLeaderEpoch, highWatermark: end, observers: [] });
    expect(p.currentVoters).toHaveLength(1);
    expect(voter).toMatchObject({ replicaId: 1, replicaDirectoryId: 'AAAAAAAAAAAAAAAAAAAAAA', logEndOffset: end });
    expect(voter.lastFetchTimestamp).toBe(voter.lastCaughtUpTimestamp);
    expect(Number(voter.lastFetchTimestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(voter.lastFetchTimestamp)).toBeLessThanOrEqual(Date.now());
  });

  it('each metadata change is one more offset', async () => {
    const end = (await client.request(ApiKey.DescribeQuorum, 2, request())).topics[0]!.partitions[0]!.highWatermark;
    expect(await alterClientMetrics('offsets', [['interval.ms', SET, '1000']])).toEqual([0, null]);
    const after = (await client.request(ApiKey.DescribeQuorum, 2, request())).topics[0]!.partitions[0]!;
    expect([after.highWatermark, after.currentVoters[0]!.logEndOffset]).toEqual([end + 1n, end + 1n]);
    expect(await alterClientMetrics('offsets', [['interval.ms', DELETE, null]])).toEqual([0, null]);
  });

  it('v0 and v1 carry no directory id or nodes; v0 no timestamps', async () => {
    const v1 = await client.request(ApiKey.DescribeQuorum, 1, request());
    expect(v1.nodes).toEqual([]);
    expect(v1.topics[0]!.partitions[0]!.currentVoters[0]!.lastFetchTimestamp).toBeGreaterThan(0n);
    const v0 = await client.request(ApiKey.DescribeQuorum, 0, request());
    expect(v0.topics[0]!.partitions[0]!.currentVoters[0]).toMatchObject({ replicaId: 1, lastFetchTimestamp: -1n, lastCaughtUpTimestamp: -1n });
  });

  it('any other partition, or more than one, is UNKNOWN_TOPIC_OR_PARTITION for every partition named', async () => {
    const message = 'This server does not host this topic-partition.';
    const r = await client.request(ApiKey.DescribeQuorum, 2, request('__cluster_metadata', 1));
    expect(r.errorCode).toBe(0);
    expect(r.topics).toEqual([{ topicName: '__cluster_metadata', partitions: [expect.objectContaining({ partitionIndex: 1, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: message })] }]);
    const two = await client.request(ApiKey.DescribeQuorum, 2, { topics: [{ topicName: '__cluster_metadata', partitions: [{ partitionIndex: 0 }, { partitionIndex: 0 }] }] });
    expect(two.topics[0]!.partitions.map((p) => p.errorCode)).toEqual([3, 3]);
    const other = await client.request(ApiKey.DescribeQuorum, 2, request('events'));
    expect(other.topics[0]!.partitions[0]!.errorCode).toBe(3);
  });
});

describe('UnregisterBroker', () => {
  it('this node: NONE, and it keeps serving; any other id: BROKER_ID_NOT_REGISTERED without a message', async () => {
    expect(await client.request(ApiKey.UnregisterBroker, 0, { brokerId: 1 })).toEqual({ throttleTimeMs: 0, errorCode: 0, errorMessage: null });
    expect(await client.request(ApiKey.UnregisterBroker, 0, { brokerId: 2 })).toEqual({ throttleTimeMs: 0, errorCode: ErrorCode.BROKER_ID_NOT_REGISTERED, errorMessage: null });
    expect(await client.request(ApiKey.UnregisterBroker, 0, { brokerId: -1 })).toMatchObject({ errorCode: ErrorCode.BROKER_ID_NOT_REGISTERED });
    const m = await client.request(ApiKey.Metadata, 12, { topics: null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    expect(m.brokers.map((b) => b.nodeId)).toEqual([1]);
  });
});

describe('client-metrics subscriptions', () => {
  it('SET creates a subscription; DescribeConfigs lists its keys only, sorted, as CLIENT_METRICS_CONFIG; every key whatever was asked', async () => {
    expect(await alterClientMetrics('sub1', [['metrics', SET, 'org.apache.kafka.producer.'], ['interval.ms', SET, '1000']])).toEqual([0, null]);
    const d = await describeClientMetrics('sub1', 4, ['metrics']);
    expect(d).toMatchObject({ errorCode: 0, errorMessage: null, resourceType: CLIENT_METRICS, resourceName: 'sub1' });
    expect(d.configs).toEqual([
      { name: 'interval.ms', value: '1000', readOnly: false, configSource: 7, isSensitive: false, synonyms: [], configType: 0, documentation: null, isDefault: false },
      { name: 'metrics', value: 'org.apache.kafka.producer.', readOnly: false, configSource: 7, isSensitive: false, synonyms: [], configType: 0, documentation: null, isDefault: false },
    ]);
    expect((await describeClientMetrics('sub1', 0)).configs[0]).toMatchObject({ name: 'interval.ms', configSource: -1, isDefault: false });
    expect(await listClientMetrics()).toEqual(['sub1']);
  });

  it('APPEND on the lists starts from the empty default; DELETE of every key removes the subscription', async () => {
    expect(await alterClientMetrics('sub2', [['match', APPEND, 'client_id=a.*'], ['metrics', APPEND, 'x,y']])).toEqual([0, null]);
    expect(await alterClientMetrics('sub2', [['metrics', APPEND, 'y,z']])).toEqual([0, null]);
    expect((await describeClientMetrics('sub2')).configs.map((c) => [c.name, c.value])).toEqual([['match', 'client_id=a.*'], ['metrics', 'x,y,z']]);
    expect(await listClientMetrics()).toEqual(['sub1', 'sub2']);
    expect(await alterClientMetrics('sub2', [['match', DELETE, null], ['metrics', DELETE, null]])).toEqual([0, null]);
    expect(await listClientMetrics()).toEqual(['sub1']);
    expect((await describeClientMetrics('sub2')).configs).toEqual([]);
  });

  it.each([
    ['interval.ms', SET, '99', ErrorCode.INVALID_REQUEST, 'Invalid value 99 for interval.ms, interval must be between 100 and 3600000 (1 hour)'],
    ['interval.ms', SET, '3600001', ErrorCode.INVALID_REQUEST, 'Invalid value 3600001 for interval.ms, interval must be between 100 and 3600000 (1 hour)'],
    ['interval.ms', SET, 'soon', ErrorCode.INVALID_CONFIG, 'Invalid value soon for configuration interval.ms: Not a number of type INT'],
    ['interval.ms', APPEND, '5', ErrorCode.INVALID_CONFIG, "Can't APPEND to key interval.ms because its type is not LIST."],
    ['nope', SET, '1', ErrorCode.INVALID_REQUEST, 'Unknown client metrics configuration: nope'],
    ['match', SET, 'client_id=a,nope=b', ErrorCode.INVALID_CONFIG, 'Illegal client matching pattern: nope=b'],
    ['match', SET, 'client_id=', ErrorCode.INVALID_CONFIG, 'Illegal client matching pattern: client_id='],
    ['match', SET, 'client_id=(', ErrorCode.INVALID_CONFIG, 'Illegal client matching pattern: client_id=('],
  ])('%s %i %s: error %i', async (key, op, value, code, message) => {
    expect(await alterClientMetrics('bad', [[key, op, value]])).toEqual([code, message]);
    expect(await listClientMetrics()).toEqual(['sub1']);
  });

  it('an empty name is refused; validateOnly stores nothing; legacy AlterConfigs replaces every key', async () => {
    expect(await alterClientMetrics('', [['interval.ms', SET, '1000']])).toEqual([ErrorCode.INVALID_REQUEST, "Subscription name can't be empty"]);
    expect(await describeClientMetrics('')).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Client metrics subscription name must not be empty' });
    expect(await alterClientMetrics('dry', [['interval.ms', SET, '1000']], true)).toEqual([0, null]);
    expect(await listClientMetrics()).toEqual(['sub1']);
    const legacy = await client.request(ApiKey.AlterConfigs, 2, {
      resources: [{ resourceType: CLIENT_METRICS, resourceName: 'sub1', configs: [{ name: 'match', value: 'client_software_name=kafka.*' }] }],
      validateOnly: false,
    });
    expect(legacy.responses[0]).toMatchObject({ errorCode: 0, errorMessage: null });
    expect((await describeClientMetrics('sub1')).configs.map((c) => [c.name, c.value])).toEqual([['match', 'client_software_name=kafka.*']]);
  });

  it('subscriptions survive a restart, which also starts a new leader epoch', async () => {
    const epoch = broker.broker.topics.quorumLeaderEpoch;
    const end = broker.broker.topics.metadataEndOffset;
    await stop();
    await start();
    expect(await listClientMetrics()).toEqual(['sub1']);
    expect((await describeClientMetrics('sub1')).configs.map((c) => [c.name, c.value])).toEqual([['match', 'client_software_name=kafka.*']]);
    const p = (await client.request(ApiKey.DescribeQuorum, 2, { topics: [{ topicName: '__cluster_metadata', partitions: [{ partitionIndex: 0 }] }] })).topics[0]!.partitions[0]!;
    expect([p.leaderEpoch, p.highWatermark]).toEqual([epoch + 1, BigInt(end + 1)]);
  });
});
