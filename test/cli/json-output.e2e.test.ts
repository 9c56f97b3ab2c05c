// `--json` of the read tools against one kt broker: each document parses, has the shape
// docs/json-output.md gives, and carries the same values as the tool's Kafka text.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../src/index.js';
import { kt, requireBuiltCli, type KtResult } from '../helpers/kt-process.js';

let broker: StartedBroker;
const run = (tool: string, ...args: string[]) => kt([tool, '--bootstrap-server', broker.bootstrap, ...args]);
const text = (r: KtResult) => r.stdout.toString();
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (r: KtResult): any => {
  expect(r.code).toBe(0);
  const out = text(r);
  // oclif's convention: pretty-printed with two spaces, one trailing newline.
  expect(out.endsWith('}\n')).toBe(true);
  expect(out.startsWith('{\n  "')).toBe(true);
  return JSON.parse(out);
};

beforeAll(async () => {
  requireBuiltCli();
  broker = await startBroker({ port: 0 });
  for (const [topic, partitions] of [
    ['alpha', '2'],
    ['beta', '1'],
  ] as const) {
    expect((await run('topics', '--create', '--topic', topic, '--partitions', partitions)).code).toBe(0);
  }
  await run('configs', '--alter', '--entity-type', 'topics', '--entity-name', 'beta', '--add-config', 'retention.ms=12345');
  const lines = Array.from({ length: 10 }, (_, i) => `k${i}\tv${i}`).join('\n');
  const produced = await kt(['console-producer', '--bootstrap-server', broker.bootstrap, '--topic', 'alpha', '--property', 'parse.key=true'], { input: `${lines}\n` });
  expect(produced.code).toBe(0);
  const consumed = await kt(['console-consumer', '--bootstrap-server', broker.bootstrap, '--topic', 'alpha', '--group', 'readers', '--from-beginning', '--max-messages', '10']);
  expect(consumed.code).toBe(0);
}, 90_000);

afterAll(async () => {
  await broker?.close();
});

describe('--json', () => {
  it('topics --list: the names the text lists', async () => {
    const plain = text(await run('topics', '--list', '--exclude-internal'));
    expect(json(await run('topics', '--list', '--exclude-internal', '--json'))).toEqual({ topics: plain.trimEnd().split('\n') });
    expect(plain).toBe('alpha\nbeta\n');
  });

  it('topics --describe: every header and partition field of the text', async () => {
    const plain = text(await run('topics', '--describe', '--topic', 'alpha|beta'));
    const doc = json(await run('topics', '--describe', '--topic', 'alpha|beta', '--json'));
    // Kafka's order (a Java hash order), the same in both.
    expect(doc.topics.map((t: { name: string }) => t.name).sort()).toEqual(['alpha', 'beta']);
    const beta = doc.topics.find((t: { name: string }) => t.name === 'beta');
    expect(beta).toMatchObject({ partitionCount: 1, replicationFactor: 1, configs: { 'retention.ms': '12345' }, summaryShown: true });
    expect(beta.partitions).toEqual([{ partition: 0, leader: broker.broker.nodeId, replicas: [broker.broker.nodeId], isr: [broker.broker.nodeId], addingReplicas: null, removingReplicas: null, elr: [], lastKnownElr: [] }]);
    // The text rebuilt from the JSON is the text.
    const rebuilt = doc.topics
      .flatMap((t: { name: string; topicId: string; partitionCount: number; replicationFactor: number; configs: Record<string, string>; partitions: Array<{ partition: number; leader: number; replicas: number[]; isr: number[] }> }) => [
        `Topic: ${t.name}\tTopicId: ${t.topicId}\tPartitionCount: ${t.partitionCount}\tReplicationFactor: ${t.replicationFactor}\tConfigs: ${Object.entries(t.configs)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')}`,
        ...t.partitions.map((p) => `\tTopic: ${t.name}\tPartition: ${p.partition}\tLeader: ${p.leader}\tReplicas: ${p.replicas.join(',')}\tIsr: ${p.isr.join(',')}\tElr: \tLastKnownElr: `),
      ])
      .map((l: string) => `${l}\n`)
      .join('');
    expect(rebuilt).toBe(plain);
  });

  it('consumer-groups --list and every --describe view', async () => {
    expect(json(await run('consumer-groups', '--list', '--json'))).toEqual({ groups: [{ groupId: 'readers', type: 'Classic', state: 'Empty' }] });

    const offsetsText = text(await run('consumer-groups', '--describe', '--group', 'readers'));
    const offsets = json(await run('consumer-groups', '--describe', '--group', 'readers', '--json'));
    expect(offsets.view).toBe('offsets');
    expect(offsets.groups).toHaveLength(1);
    expect(offsets.groups[0]).toMatchObject({ groupId: 'readers', state: 'Empty' });
    const rows = offsetsText.split('\n').filter((l) => l.startsWith('readers '));
    expect(offsets.groups[0].offsets).toHaveLength(rows.length);
    for (const row of rows) {
      const [, topic, partition, current, end, lag] = row.split(/ +/);
      expect(offsets.groups[0].offsets).toContainEqual({
        topic,
        partition: Number(partition),
        currentOffset: Number(current),
        logEndOffset: Number(end),
        lag: Number(lag),
        consumerId: null,
        host: null,
        clientId: null,
      });
    }
    const total = offsets.groups[0].offsets.reduce((sum: number, o: { currentOffset: number }) => sum + o.currentOffset, 0);
    expect(total).toBe(10);

    const members = await run('consumer-groups', '--describe', '--group', 'readers', '--members', '--verbose', '--json');
    expect(json(members)).toEqual({ view: 'members', groups: [{ groupId: 'readers', state: 'Empty', members: [] }] });
    // The state notice stays on stderr, stdout is the document alone.
    expect(members.stderr).toBe("\nConsumer group 'readers' has no active members.\n");

    const state = json(await run('consumer-groups', '--describe', '--group', 'readers', '--state', '--json'));
    expect(state).toEqual({
      view: 'state',
      groups: [{ groupId: 'readers', coordinator: { id: broker.broker.nodeId, host: broker.host, port: broker.port }, assignmentStrategy: '', state: 'Empty', memberCount: 0 }],
    });
  });

  it('configs --describe: the dynamic entries of the text', async () => {
    expect(text(await run('configs', '--describe', '--entity-type', 'topics', '--entity-name', 'beta'))).toBe(
      'Dynamic configs for topic beta are:\n  retention.ms=12345 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=12345}\n',
    );
    expect(json(await run('configs', '--describe', '--entity-type', 'topics', '--entity-name', 'beta', '--json'))).toEqual({
      entityType: 'topics',
      entities: [
        {
          name: 'beta',
          configs: [{ name: 'retention.ms', value: '12345', source: 'DYNAMIC_TOPIC_CONFIG', sensitive: false, readOnly: false, synonyms: [{ source: 'DYNAMIC_TOPIC_CONFIG', name: 'retention.ms', value: '12345' }] }],
        },
      ],
    });
  });

  it('get-offsets: one entry per line of the text', async () => {
    const plain = text(await run('get-offsets', '--topic', 'alpha'));
    const doc = json(await run('get-offsets', '--topic', 'alpha', '--json'));
    expect(doc.offsets.map((o: { topic: string; partition: number; offset: number }) => `${o.topic}:${o.partition}:${o.offset}\n`).join('')).toBe(plain);
    expect(doc.offsets.reduce((sum: number, o: { offset: number }) => sum + o.offset, 0)).toBe(10);
  });

  it('log-dirs: the document of the text without its two status lines', async () => {
    const lines = text(await run('log-dirs', '--describe', '--topic-list', 'alpha')).split('\n');
    expect(json(await run('log-dirs', '--describe', '--topic-list', 'alpha', '--json'))).toEqual(JSON.parse(lines[2]!));
  });

  it('broker-api-versions: every API line of the text', async () => {
    const plain = text(await run('broker-api-versions'));
    const doc = json(await run('broker-api-versions', '--json'));
    expect(doc.brokers).toHaveLength(1);
    const b = doc.brokers[0];
    expect(b).toMatchObject({ id: broker.broker.nodeId, host: broker.host, port: broker.port, rack: null, error: null });
    const apiLines = plain.split('\n').filter((l) => l.startsWith('\t'));
    expect(b.apis).toHaveLength(apiLines.length);
    expect(b.apis[0]).toEqual({ apiKey: 0, name: 'Produce', minVersion: expect.any(Number), maxVersion: expect.any(Number), usableVersion: expect.any(Number), status: 'usable' });
    expect(apiLines[0]).toBe(`\tProduce(0): ${b.apis[0].minVersion} to ${b.apis[0].maxVersion} [usable: ${b.apis[0].usableVersion}],`);
  });

  it('delete-records: the low watermarks of the text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kt-json-'));
    const file = join(dir, 'offsets.json');
    writeFileSync(file, JSON.stringify({ partitions: [{ topic: 'beta', partition: 0, offset: 0 }], version: 1 }));
    expect(text(await run('delete-records', '--offset-json-file', file))).toBe(
      'Executing records delete operation\nRecords delete operation completed:\npartition: beta-0\tlow_watermark: 0\n',
    );
    expect(json(await run('delete-records', '--offset-json-file', file, '--json'))).toEqual({ partitions: [{ topic: 'beta', partition: 0, lowWatermark: 0, error: null }] });
  });

  it('producer-perf-test and consumer-perf-test: the summary values', async () => {
    const produced = await kt(['producer-perf-test', '--topic', 'beta', '--num-records', '50', '--record-size', '10', '--throughput', '-1', '--producer-props', `bootstrap.servers=${broker.bootstrap}`, '--json']);
    const p = json(produced);
    expect(Object.keys(p)).toEqual(['records', 'recordsPerSec', 'mbPerSec', 'avgLatencyMs', 'maxLatencyMs', 'p50LatencyMs', 'p95LatencyMs', 'p99LatencyMs', 'p999LatencyMs', 'metrics']);
    expect(p).toMatchObject({ records: 50, metrics: null });

    const c = json(await run('consumer-perf-test', '--topic', 'beta', '--messages', '50', '--json'));
    expect(c).toMatchObject({ messagesConsumed: 50, dataConsumedMb: (50 * 10) / (1024 * 1024), metrics: null });
    expect(c.endTimeMs).toBeGreaterThanOrEqual(c.startTimeMs);
  });

  it('is hidden from Kafka\'s help table', async () => {
    const help = await kt(['topics', '--help']);
    expect(help.stderr).not.toContain('--json');
  });
});
