// Apache Kafka's own admin tools (../shared/java-kafka, a 4.0 build) against kt's broker: what
// kafka-features, kafka-metadata-quorum, kafka-cluster, kafka-leader-election and
// kafka-client-metrics print on stdout, exactly. Skipped where that folder (or Java) is absent.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { run } from '../../helpers/run.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const javaKafkaBin = resolve(repoRoot, '../shared/java-kafka/bin');
const hasJava = spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;

let dataDir: string;
let broker: StartedBroker;

/** Runs bin/<tool>.sh against the broker; resolves with its exit code and stdout. */
async function tool(name: string, args: string[]): Promise<{ code: number | null; stdout: string }> {
  const r = await run(join(javaKafkaBin, `${name}.sh`), args, { timeoutMs: 120_000 });
  return { code: r.code, stdout: r.stdout.toString() };
}

describe.skipIf(!existsSync(javaKafkaBin) || !hasJava)('Kafka admin tools against kt', () => {
  let bootstrap: string[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kt-java-admin-'));
    broker = await startBroker({ port: 0, dataDir });
    bootstrap = ['--bootstrap-server', broker.bootstrap];
  });

  afterAll(async () => {
    await broker?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('kafka-features describe', async () => {
    const epoch = broker.broker.topics.metadataEndOffset - 1;
    expect(await tool('kafka-features', [...bootstrap, 'describe'])).toEqual({
      code: 0,
      stdout: [
        `Feature: eligible.leader.replicas.version\tSupportedMinVersion: 0\tSupportedMaxVersion: 1\tFinalizedVersionLevel: 0\tEpoch: ${epoch}`,
        `Feature: group.version\tSupportedMinVersion: 0\tSupportedMaxVersion: 1\tFinalizedVersionLevel: 0\tEpoch: ${epoch}`,
        `Feature: kraft.version\tSupportedMinVersion: 0\tSupportedMaxVersion: 1\tFinalizedVersionLevel: 0\tEpoch: ${epoch}`,
        `Feature: metadata.version\tSupportedMinVersion: 3.3-IV3\tSupportedMaxVersion: 4.0-IV3\tFinalizedVersionLevel: 4.0-IV3\tEpoch: ${epoch}`,
        `Feature: transaction.version\tSupportedMinVersion: 0\tSupportedMaxVersion: 2\tFinalizedVersionLevel: 0\tEpoch: ${epoch}`,
        '',
      ].join('\n'),
    });
  });

  it('kafka-features upgrade / downgrade / disable', async () => {
    expect(await tool('kafka-features', [...bootstrap, 'upgrade', '--feature', 'metadata.version=25', '--dry-run'])).toEqual({ code: 0, stdout: 'metadata.version can be upgraded to 25.\n' });
    expect(await tool('kafka-features', [...bootstrap, 'disable', '--feature', 'metadata.version'])).toEqual({
      code: 1,
      stdout:
        'Could not disable metadata.version. The update failed for all features since the following feature had an error: ' +
        'Invalid update version 0 for feature metadata.version. Local controller 1 only supports versions 7-25\n',
    });
    expect(await tool('kafka-features', [...bootstrap, 'downgrade', '--metadata', '4.0-IV0'])).toEqual({
      code: 1,
      stdout:
        ' `metadata` flag is deprecated and may be removed in a future release.\n' +
        'Could not downgrade metadata.version to 22. The update failed for all features since the following feature had an error: ' +
        'Invalid metadata.version 22. Refusing to perform the requested downgrade because it might delete metadata information.\n',
    });
  });

  it('kafka-metadata-quorum describe --status and --replication', async () => {
    const { clusterId } = broker.broker.topics;
    const end = broker.broker.topics.metadataEndOffset;
    const epoch = broker.broker.topics.quorumLeaderEpoch;
    expect(await tool('kafka-metadata-quorum', [...bootstrap, 'describe', '--status'])).toEqual({
      code: 0,
      stdout: [
        `ClusterId:              ${clusterId}`,
        'LeaderId:               1',
        `LeaderEpoch:            ${epoch}`,
        `HighWatermark:          ${end}`,
        'MaxFollowerLag:         0',
        'MaxFollowerLagTimeMs:   0',
        'CurrentVoters:          [{"id": 1, "directoryId": null}]',
        'CurrentObservers:       []',
        '',
      ].join('\n'),
    });
    const replication = await tool('kafka-metadata-quorum', [...bootstrap, 'describe', '--replication']);
    expect(replication.code).toBe(0);
    const lines = replication.stdout.split('\n');
    expect(lines[0]).toBe('NodeId\tDirectoryId           \tLogEndOffset\tLag\tLastFetchTimestamp\tLastCaughtUpTimestamp\tStatus\t');
    // The leader reports "now" for both timestamps, the same value twice.
    const row = /^1     \tAAAAAAAAAAAAAAAAAAAAAA\t(\d+) +\t0  \t(\d{13})     \t(\d{13})        \tLeader\t$/.exec(lines[1]!);
    expect(row, lines[1]).not.toBeNull();
    expect([Number(row![1]), row![2]]).toEqual([end, row![3]]);
    expect(lines.slice(2)).toEqual(['']);
  });

  it('kafka-cluster cluster-id and unregister', async () => {
    expect(await tool('kafka-cluster', ['cluster-id', ...bootstrap])).toEqual({ code: 0, stdout: `Cluster ID: ${broker.broker.topics.clusterId}\n` });
    expect(await tool('kafka-cluster', ['unregister', ...bootstrap, '--id', '1'])).toEqual({ code: 0, stdout: 'Broker 1 is no longer registered.\n' });
    expect(await tool('kafka-cluster', ['unregister', ...bootstrap, '--id', '2'])).toEqual({ code: 1, stdout: '' });
  });

  it('kafka-leader-election', async () => {
    expect(await tool('kafka-topics', [...bootstrap, '--create', '--topic', 'elect', '--partitions', '2'])).toEqual({ code: 0, stdout: 'Created topic elect.\n' });
    expect(await tool('kafka-leader-election', [...bootstrap, '--election-type', 'preferred', '--all-topic-partitions'])).toEqual({ code: 0, stdout: '' });
    expect(await tool('kafka-leader-election', [...bootstrap, '--election-type', 'preferred', '--topic', 'elect', '--partition', '0'])).toEqual({
      code: 0,
      stdout: 'Valid replica already elected for partitions elect-0\n',
    });
    expect(await tool('kafka-leader-election', [...bootstrap, '--election-type', 'preferred', '--topic', 'elect', '--partition', '5'])).toEqual({
      code: 1,
      stdout: 'Error completing leader election (PREFERRED) for partition: elect-5: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: No such partition as elect-5\n',
    });
  });

  it('kafka-client-metrics alter, describe, list, delete', async () => {
    expect(await tool('kafka-client-metrics', [...bootstrap, '--alter', '--name', 'N', '--metrics', 'org.apache.kafka.producer.,org.apache.kafka.consumer.', '--interval', '1000'])).toEqual({
      code: 0,
      stdout: 'Altered client metrics config for N.\n',
    });
    const described = 'Client metrics configs for N are:\n  interval.ms=1000\n  metrics=org.apache.kafka.producer.,org.apache.kafka.consumer.\n';
    expect(await tool('kafka-client-metrics', [...bootstrap, '--describe', '--name', 'N'])).toEqual({ code: 0, stdout: described });
    expect(await tool('kafka-client-metrics', [...bootstrap, '--describe'])).toEqual({ code: 0, stdout: described });
    expect(await tool('kafka-client-metrics', [...bootstrap, '--list'])).toEqual({ code: 0, stdout: 'N\n' });
    expect(await tool('kafka-client-metrics', [...bootstrap, '--alter', '--name', 'M', '--interval', '10'])).toEqual({
      code: 1,
      stdout: 'Error while executing client metrics command : Invalid value 10 for interval.ms, interval must be between 100 and 3600000 (1 hour)\n',
    });
    expect(await tool('kafka-client-metrics', [...bootstrap, '--delete', '--name', 'N'])).toEqual({ code: 0, stdout: 'Deleted client metrics config for N.\n' });
    expect(await tool('kafka-client-metrics', [...bootstrap, '--list'])).toEqual({ code: 0, stdout: '\n' });
  });
});
