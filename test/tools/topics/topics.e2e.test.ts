import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker } from '../../../src/index.js';
import { ktVersion } from '../../../src/common/version.js';
import { kt, requireBuiltCli } from '../../helpers/kt-process.js';

let broker: { bootstrap: string; close(): Promise<void> };
let topics: (...args: string[]) => ReturnType<typeof kt>;
const dir = mkdtempSync(join(tmpdir(), 'kt-topics-e2e-'));

beforeAll(async () => {
  requireBuiltCli();
  broker = await startBroker({ port: 0 });
  topics = (...args: string[]) => kt(['topics', '--bootstrap-server', broker.bootstrap, ...args]);
});

afterAll(async () => {
  await broker?.close();
  rmSync(dir, { recursive: true, force: true });
});

const WARNING =
  "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.\n";

describe('kt topics', () => {
  it('creates a topic once', async () => {
    const created = await topics('--create', '--topic', 'orders', '--partitions', '3', '--replication-factor', '1');
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout.toString()).toBe('Created topic orders.\n');

    const again = await topics('--create', '--topic', 'orders');
    expect(again.code).toBe(1);
    expect(again.stdout.toString()).toBe("Error while executing topic command : Topic 'orders' already exists.\n");

    const quiet = await topics('--create', '--topic', 'orders', '--if-not-exists');
    expect(quiet.code).toBe(0);
    expect(quiet.stdout.toString()).toBe('');
  });

  it('warns about . and _ in names', async () => {
    const r = await topics('--create', '--topic', 'my_events.v1');
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe(`${WARNING}Created topic my_events.v1.\n`);
  });

  it('validates values before talking to the broker', async () => {
    const bad = await topics('--create', '--topic', 'x', '--config', 'no.such=1');
    expect(bad.code).toBe(1);
    expect(bad.stdout.toString()).toBe('Error while executing topic command : Unknown topic config name: no.such\n');
    const partitions = await topics('--create', '--topic', 'x', '--partitions', 'abc');
    expect(partitions.stdout.toString()).toBe("Error while executing topic command : Cannot parse argument 'abc' of option partitions\n");
    const zero = await topics('--create', '--topic', 'x', '--partitions', '0');
    expect(zero.stdout.toString()).toBe('Error while executing topic command : The partitions must be greater than 0\n');
  });

  it('lists topics sorted, filtered by regex', async () => {
    await topics('--create', '--topic', 'alpha');
    await topics('--create', '--topic', 'beta');
    const all = await topics('--list', '--exclude-internal');
    expect(all.code).toBe(0);
    expect(all.stdout.toString()).toBe('alpha\nbeta\nmy_events.v1\norders\n');
    const some = await topics('--list', '--topic', 'alpha, or.*');
    expect(some.stdout.toString()).toBe('alpha\norders\n');
    const none = await topics('--list', '--topic', 'nothing-matches');
    expect(none.stdout.toString()).toBe('\n');
  });

  it('describes a topic with its id, non-default configs and partitions', async () => {
    await topics('--create', '--topic', 'described', '--partitions', '2', '--config', 'retention.ms=1000', '--config', 'cleanup.policy=compact');
    const r = await topics('--describe', '--topic', 'described');
    expect(r.code).toBe(0);
    const lines = r.stdout.toString().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^Topic: described\tTopicId: [A-Za-z0-9_-]{22}\tPartitionCount: 2\tReplicationFactor: 1\tConfigs: /);
    const configs = lines[0]!.slice(lines[0]!.indexOf('Configs: ') + 'Configs: '.length).split(',').sort();
    expect(configs).toEqual(['cleanup.policy=compact', 'retention.ms=1000']);
    expect(lines[1]).toMatch(/^\tTopic: described\tPartition: 0\tLeader: \d+\tReplicas: \d+\tIsr: \d+\tElr: (N\/A)?\tLastKnownElr: (N\/A)?$/);
    expect(lines[2]).toMatch(/^\tTopic: described\tPartition: 1\t/);
    expect(lines[3]).toBe('');

    const id = /TopicId: ([A-Za-z0-9_-]{22})/.exec(lines[0]!)![1]!;
    const byId = await topics('--describe', '--topic-id', id);
    expect(byId.stdout.toString().split('\n')[0]).toBe(lines[0]);
  });

  it('prints nothing for the health filters on a single healthy node', async () => {
    for (const filter of ['--under-replicated-partitions', '--unavailable-partitions', '--under-min-isr-partitions']) {
      const r = await topics('--describe', '--topic', 'orders', filter);
      expect(r.code).toBe(0);
      expect(r.stdout.toString()).toBe('');
    }
  });

  it('reports a missing topic like Kafka 4.0', async () => {
    const r = await topics('--describe', '--topic', 'missing');
    expect(r.code).toBe(1);
    expect(r.stdout.toString()).toBe("Error while executing topic command : Topic 'Optional[missing]' does not exist as expected\n");
    const quiet = await topics('--describe', '--topic', 'missing', '--if-exists');
    expect(quiet).toMatchObject({ code: 0 });
    expect(quiet.stdout.toString()).toBe('');
  });

  it('adds partitions and deletes topics', async () => {
    await topics('--create', '--topic', 'grow', '--partitions', '1');
    expect((await topics('--alter', '--topic', 'grow', '--partitions', '4')).code).toBe(0);
    const described = await topics('--describe', '--topic', 'grow');
    expect(described.stdout.toString()).toContain('\tPartitionCount: 4\t');

    const deleted = await topics('--delete', '--topic', 'grow');
    expect(deleted).toMatchObject({ code: 0 });
    expect(deleted.stdout.toString()).toBe('');
    const listed = await topics('--list', '--topic', 'grow');
    expect(listed.stdout.toString()).toBe('\n');
  });

  it('reads --command-config', async () => {
    const file = join(dir, 'admin.properties');
    writeFileSync(file, 'client.id=e2e-admin\nrequest.timeout.ms=10000\n');
    const r = await topics('--list', '--topic', 'alpha', '--command-config', file);
    expect(r.stdout.toString()).toBe('alpha\n');
  });
});

describe('kt topics usage', () => {
  it('prints the usage on stderr and exits 1 without arguments', async () => {
    const none = await kt(['topics']);
    expect(none.code).toBe(1);
    expect(none.stdout.toString()).toBe('');
    expect(none.stderr).toMatch(/^Create, delete, describe, or change a topic\.\nOption {2,}Description/);
  });

  // oclif answers --help before any command runs; package.json's oclif.helpClass
  // ("./dist/cli/help") hands it to the tool, which prints Kafka's help (stderr, exit 1).
  it('answers --help itself through kt\'s oclif help class', async () => {
    const help = await kt(['topics', '--help']);
    expect(help.code).toBe(1);
    expect(help.stderr).toMatch(/^This tool helps to create, delete, describe, or change a topic\.\nOption/);
    expect(help.stderr).toContain('--bootstrap-server <String: server to');
  });

  it('prints the version on stdout', async () => {
    const r = await kt(['topics', '--version']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.toString()).toBe(`${ktVersion()}\n`);
  });

  it('reports parse errors on stderr without the table', async () => {
    const r = await kt(['topics', '--bootstrap', 'x:1', '--list']);
    expect(r).toMatchObject({ code: 1, stderr: 'bootstrap is not a recognized option\n' });
    const zk = await kt(['topics', '--zookeeper', 'localhost:2181', '--list']);
    expect(zk.code).toBe(1);
    expect(zk.stderr.split('\n')[0]).toBe('zookeeper is not a recognized option');
    expect(zk.stderr.split('\n')[1]).toContain('--bootstrap-server');
  });

  it('fails with one line when the broker cannot be reached', async () => {
    const file = join(dir, 'fast.properties');
    writeFileSync(file, 'default.api.timeout.ms=500\n');
    const r = await kt(['topics', '--bootstrap-server', '127.0.0.1:1', '--list', '--command-config', file]);
    expect(r.code).toBe(1);
    expect(r.stdout.toString()).toBe(
      'Error while executing topic command : Connection to node -1 (127.0.0.1:1) could not be established. Node may not be available.\n',
    );
    expect(r.stderr).toBe('');
  });
});
