// Dynamic broker configs and topic config changes live in the cluster metadata snapshot and
// survive a restart, taking effect before any partition log opens.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { METADATA_FILE } from '../../../src/broker/metadata/topic-registry.js';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { RawClient } from '../../helpers/raw-client.js';
import { BROKER, SET, TOPIC, createTopic, describeOne, incrementalAlter } from '../apis/configs-helpers.js';

const dirs: string[] = [];
let running: StartedBroker | undefined;
let client: RawClient | undefined;

async function start(dataDir: string): Promise<StartedBroker> {
  running = await startBroker({ port: 0, dataDir });
  client = await RawClient.connect(running.port);
  return running;
}

async function stop(): Promise<void> {
  client?.close();
  await running?.close();
  running = undefined;
}

afterEach(async () => {
  await stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('persisted config changes', () => {
  it('dynamic broker configs and topic overrides survive a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kt-dyn-'));
    dirs.push(dataDir);
    await start(dataDir);
    await createTopic(client!, 'kept');
    await createTopic(client!, 'plain');
    expect((await incrementalAlter(client!, BROKER, '', [['log.retention.ms', SET, '3600000']])).errorCode).toBe(0);
    expect((await incrementalAlter(client!, BROKER, '1', [['log.segment.bytes', SET, '1048576']])).errorCode).toBe(0);
    expect((await incrementalAlter(client!, TOPIC, 'kept', [['retention.ms', SET, '1000']])).errorCode).toBe(0);
    const snapshot = JSON.parse(readFileSync(join(dataDir, METADATA_FILE), 'utf8'));
    expect(snapshot.brokerConfigs).toEqual({ '': { 'log.retention.ms': '3600000' }, '1': { 'log.segment.bytes': '1048576' } });
    await stop();

    const restarted = await start(dataDir);
    expect(await describeOne(client!, 'plain', 'retention.ms')).toMatchObject({ value: '3600000', configSource: 3 });
    expect(await describeOne(client!, 'plain', 'segment.bytes')).toMatchObject({ value: '1048576', configSource: 2 });
    expect(await describeOne(client!, 'kept', 'retention.ms')).toMatchObject({ value: '1000', configSource: 1 });
    expect(restarted.broker.logConfigFor(restarted.broker.topics.get('plain')!.configs)).toMatchObject({ retentionMs: 3_600_000, segmentBytes: 1_048_576 });
  });

  it('a snapshot written before dynamic configs existed still loads', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kt-dyn-'));
    dirs.push(dataDir);
    writeFileSync(join(dataDir, METADATA_FILE), JSON.stringify({ version: 1, clusterId: 'ZGVtby1jbHVzdGVyLWlkMQ', nextProducerId: 0, topics: [] }));
    const b = await start(dataDir);
    expect(b.broker.topics.brokerConfigs('')).toEqual({});
    expect((await incrementalAlter(client!, BROKER, '', [['log.retention.ms', SET, '1']])).errorCode).toBe(0);
  });
});
