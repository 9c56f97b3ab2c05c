// The cluster metadata snapshot cannot be written (a full disk, injected through node:fs): the
// change is undone whole (the registry in memory, the partition logs on disk), the request is
// answered KAFKA_STORAGE_ERROR, and the broker, its other topics and its restart are unaffected.
import fs from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { METADATA_FILE } from '../../../src/broker/metadata/topic-registry.js';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { RawClient } from '../../helpers/raw-client.js';
import { createTopics, fetchAll, produce } from '../storage/wire.js';

const realOpenSync = fs.openSync;
let dataDir: string;
let broker: StartedBroker;
let client: RawClient;

/** The snapshot's temporary file cannot be created: ENOSPC, as on a full disk. */
function fullDisk() {
  vi.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
    if (String(p).endsWith(`${METADATA_FILE}.tmp`)) throw Object.assign(new Error('ENOSPC: injected'), { code: 'ENOSPC' });
    return (realOpenSync as (...args: unknown[]) => number)(p, ...rest);
  }) as typeof fs.openSync);
}

const snapshotError = () => `Error while writing the cluster metadata snapshot ${join(dataDir, METADATA_FILE)}`;
const partitionDirs = () => fs.readdirSync(dataDir).filter((d) => /-\d+$/.test(d)).sort();

async function start(): Promise<void> {
  broker = await startBroker({ port: 0, dataDir });
  client = await RawClient.connect(broker.port);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(join((await import('node:os')).tmpdir(), 'kt-fds-meta-'));
  await start();
  expect(await createTopics(client, [{ name: 'kept', partitions: 1 }])).toEqual([['kept', ErrorCode.NONE]]);
  expect(await produce(client, 'kept', [0], () => ['k0'])).toEqual([{ errorCode: ErrorCode.NONE, baseOffset: 0 }]);
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  client?.close();
  await broker?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('cluster metadata that cannot be written', () => {
  it('CreateTopics: every topic of the request is answered KAFKA_STORAGE_ERROR and leaves nothing', async () => {
    fullDisk();
    const r = await client.request(ApiKey.CreateTopics, 7, {
      topics: ['a', 'b'].map((name) => ({ name, numPartitions: 2, replicationFactor: 1, assignments: [], configs: [] })),
      timeoutMs: 5000,
      validateOnly: false,
    });
    expect(r.topics.map((t) => [t.name, t.errorCode, t.errorMessage])).toEqual([
      ['a', ErrorCode.KAFKA_STORAGE_ERROR, snapshotError()],
      ['b', ErrorCode.KAFKA_STORAGE_ERROR, snapshotError()],
    ]);
    expect([broker.broker.topics.has('a'), broker.broker.topics.has('b'), partitionDirs()]).toEqual([false, false, ['kept-0']]);
    vi.restoreAllMocks();
    expect(await createTopics(client, [{ name: 'a', partitions: 2 }])).toEqual([['a', ErrorCode.NONE]]);
    expect(partitionDirs()).toEqual(['a-0', 'a-1', 'kept-0']);
  });

  it('CreatePartitions keeps the partition count; DeleteTopics keeps the topic; configs stay; InitProducerId burns no id', async () => {
    const first = await client.request(ApiKey.InitProducerId, 4, { transactionalId: null, transactionTimeoutMs: 60_000, producerId: -1n, producerEpoch: -1 });
    fullDisk();
    const grow = await client.request(ApiKey.CreatePartitions, 3, { topics: [{ name: 'kept', count: 3, assignments: null }], timeoutMs: 5000, validateOnly: false });
    expect(grow.results.map((t) => [t.name, t.errorCode, t.errorMessage])).toEqual([['kept', ErrorCode.KAFKA_STORAGE_ERROR, snapshotError()]]);
    const del = await client.request(ApiKey.DeleteTopics, 6, { topics: [{ name: 'kept', topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }], topicNames: [], timeoutMs: 5000 });
    expect(del.responses.map((t) => [t.name, t.errorCode])).toEqual([['kept', ErrorCode.KAFKA_STORAGE_ERROR]]);
    const alter = await client.request(ApiKey.IncrementalAlterConfigs, 1, {
      resources: [{ resourceType: 2, resourceName: 'kept', configs: [{ name: 'retention.ms', configOperation: 0, value: '1000' }] }],
      validateOnly: false,
    });
    expect(alter.responses.map((r) => [r.resourceName, r.errorCode, r.errorMessage])).toEqual([['kept', ErrorCode.KAFKA_STORAGE_ERROR, snapshotError()]]);
    expect(broker.broker.topics.get('kept')?.configs).toEqual({});
    const failed = await client.request(ApiKey.InitProducerId, 4, { transactionalId: null, transactionTimeoutMs: 60_000, producerId: -1n, producerEpoch: -1 });
    expect(failed.errorCode).toBe(ErrorCode.KAFKA_STORAGE_ERROR);
    expect([broker.broker.topics.get('kept')?.partitions, partitionDirs()]).toEqual([1, ['a-0', 'a-1', 'kept-0']]);
    // Produce and fetch go on meanwhile: they write no metadata.
    expect(await produce(client, 'kept', [0], () => ['k1'])).toEqual([{ errorCode: ErrorCode.NONE, baseOffset: 1 }]);
    vi.restoreAllMocks();
    const next = await client.request(ApiKey.InitProducerId, 4, { transactionalId: null, transactionTimeoutMs: 60_000, producerId: -1n, producerEpoch: -1 });
    expect([next.errorCode, next.producerId]).toEqual([ErrorCode.NONE, first.producerId + 1n]);
  });

  it('a restart finds exactly what was written', async () => {
    client.close();
    await broker.close();
    await start();
    expect(
      broker.broker.topics
        .all()
        .map((t) => [t.name, t.partitions])
        .sort(),
    ).toEqual([
      ['a', 2],
      ['kept', 1],
    ]);
    expect(await fetchAll(client, 'kept', [0])).toEqual([{ errorCode: ErrorCode.NONE, values: ['k0', 'k1'], offsets: [0, 1] }]);
  });
});
