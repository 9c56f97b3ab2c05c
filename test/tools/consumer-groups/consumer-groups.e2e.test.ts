// kt consumer-groups end to end: the built CLI against an in-process broker, with a live kafkajs
// consumer group (`live`, Stable) and an inactive one (`idle`, offsets only).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { DRY_RUN_WARNING } from '../../../src/tools/consumer-groups/options.js';
import { kt, requireBuiltCli } from '../../helpers/kt-process.js';

let broker: StartedBroker;
let admin: Admin;
let producer: Producer;
let consumer: Consumer;
let memberId: string;
const dir = mkdtempSync(join(tmpdir(), 'kt-consumer-groups-e2e-'));
/** `events` records: partition 0 has 10, partition 1 has 4; record i is stamped BASE + i * 10 min. */
const BASE = Date.now() - 2 * 3_600_000;
const MINUTE = 60_000;

async function groups(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const r = await kt(['consumer-groups', '--bootstrap-server', broker.bootstrap, ...args]);
  return { code: r.code, stdout: r.stdout.toString(), stderr: r.stderr };
}

/** Java's `%-Ns` columns joined by spaces (the last column unpadded). */
function row(widths: number[], values: Array<string | number>): string {
  return values.map((v, i) => (i < widths.length ? `${String(v).padEnd(widths[i]!)} ` : String(v))).join('');
}

const resetRow = (g: string, t: string, p: number | string, o: number | string) => `${g.padEnd(30)} ${t.padEnd(30)} ${String(p).padEnd(10)} ${String(o).padEnd(15)}`;
const RESET_HEADER = resetRow('GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET');
const resetTable = (...rows: Array<[number, number]>) => `\n${RESET_HEADER}${rows.map(([p, o]) => `\n${resetRow('idle', 'events', p, o)}`).join('')}\n`;

beforeAll(async () => {
  requireBuiltCli();
  broker = await startBroker({ port: 0 });
  const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'cg-test', logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic: 'orders', numPartitions: 3 },
      { topic: 'events', numPartitions: 2 },
    ],
  });
  producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'orders', messages: Array.from({ length: 10 }, (_, i) => ({ value: `o${i}`, partition: i % 2 })) });
  const stamped = (n: number, partition: number) => Array.from({ length: n }, (_, i) => ({ value: `e${i}`, partition, timestamp: String(BASE + i * 10 * MINUTE) }));
  await producer.send({ topic: 'events', messages: [...stamped(10, 0), ...stamped(4, 1)] });

  // The live group consumes everything, then commits orders-0 at 5 and orders-1 at 3.
  consumer = kafka.consumer({ groupId: 'live' });
  await consumer.connect();
  await consumer.subscribe({ topic: 'orders', fromBeginning: true });
  let seen = 0;
  await new Promise<void>((resolve) => {
    void consumer.run({
      autoCommit: false,
      eachMessage: async () => {
        if (++seen === 10) resolve();
      },
    });
  });
  await consumer.commitOffsets([
    { topic: 'orders', partition: 0, offset: '5' },
    { topic: 'orders', partition: 1, offset: '3' },
  ]);
  const described = await admin.describeGroups(['live']);
  memberId = described.groups[0]!.members[0]!.memberId;
}, 60_000);

afterAll(async () => {
  await consumer?.disconnect();
  await producer?.disconnect();
  await admin?.disconnect();
  await broker?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('kt consumer-groups against a live kafkajs group', () => {
  it('--describe shows offsets, log end, lag and the owning member', async () => {
    const r = await groups('--describe', '--group', 'live');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const w = [15, 15, 10, 15, 15, 15, Math.max(15, memberId.length), 15];
    expect(r.stdout).toBe(
      `\n${row(w, ['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID'])}` +
        `\n${row(w, ['live', 'orders', 0, 5, 5, 0, memberId, '/127.0.0.1', 'cg-test'])}` +
        `\n${row(w, ['live', 'orders', 1, 3, 5, 2, memberId, '/127.0.0.1', 'cg-test'])}` +
        `\n${row(w, ['live', 'orders', 2, '-', 0, '-', memberId, '/127.0.0.1', 'cg-test'])}\n`,
    );
    expect((await groups('--describe', '--group', 'live', '--offsets')).stdout).toBe(r.stdout);
  });

  it('--describe --members [--verbose] and --state', async () => {
    // Every members column, #PARTITIONS included, is padded and followed by a space.
    const cols = (values: Array<string | number>) => values.map((v, i) => `${String(v).padEnd([15, Math.max(15, memberId.length), 15, 15, 15][i]!)} `).join('');
    const header = cols(['GROUP', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS']);
    const member = cols(['live', memberId, '/127.0.0.1', 'cg-test', 3]);
    expect(await groups('--describe', '--group', 'live', '--members')).toEqual({ code: 0, stdout: `\n${header}\n${member}\n`, stderr: '' });
    const verbose = await groups('--describe', '--group', 'live', '--members', '--verbose');
    expect(verbose.stdout).toBe(`\n${header}ASSIGNMENT\n${member}orders(0,1,2)\n`);
    const state = await groups('--describe', '--group', 'live', '--state');
    const coordinator = `127.0.0.1:${broker.port}  (1)`;
    const sw = [25, 25, 20, 15];
    expect(state.stdout).toBe(
      `\n${row(sw, ['GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS'])}\n${row(sw, ['live', coordinator, 'RoundRobinAssigner', 'Stable', 1])}\n`,
    );
  });

  it('--list, with --state and --type columns and filters', async () => {
    expect(await groups('--list')).toEqual({ code: 0, stdout: 'live\n', stderr: '' });
    const line = (g: string, ...cols: string[]) => `${g.padEnd(25)}${cols.map((c) => ` ${c.padEnd(20)}`).join('')}\n`;
    expect((await groups('--list', '--state')).stdout).toBe(line('GROUP', 'STATE') + line('live', 'Stable'));
    expect((await groups('--list', '--type', '--state')).stdout).toBe(line('GROUP', 'TYPE', 'STATE') + line('live', 'Classic', 'Stable'));
    expect((await groups('--list', '--state', 'empty,dead')).stdout).toBe(line('GROUP', 'STATE'));
    expect((await groups('--list', '--type', 'classic')).stdout).toBe(line('GROUP', 'TYPE') + line('live', 'Classic'));
    const bad = await groups('--list', '--state', 'bogus');
    expect(bad.code).toBe(1);
    expect(bad.stderr.split('\n')[0]).toBe(
      "Invalid state list 'bogus'. Valid states are: PreparingRebalance, CompletingRebalance, Stable, Dead, Empty, Assigning, Reconciling",
    );
  });

  it('refuses every reset scenario while the group is active', async () => {
    const file = join(dir, 'live.csv');
    writeFileSync(file, 'orders,0,1\n');
    const scenarios = [
      ['--to-earliest'],
      ['--to-latest'],
      ['--to-current'],
      ['--to-offset', '1'],
      ['--shift-by', '-1'],
      ['--to-datetime', '2020-01-01T00:00:00.000'],
      ['--by-duration', 'PT1H'],
      ['--from-file', file],
    ];
    for (const scenario of scenarios) {
      const r = await groups('--reset-offsets', '--group', 'live', '--topic', 'orders', ...scenario, '--execute');
      expect(r).toEqual({
        code: 0,
        stdout: `\nError: Assignments can only be reset if the group 'live' is inactive, but the current state is Stable.\n\n${RESET_HEADER}\n`,
        stderr: '',
      });
    }
    const committed = await admin.fetchOffsets({ groupId: 'live', topics: ['orders'] });
    expect(committed[0]!.partitions.map((p) => p.offset)).toEqual(['5', '3', '-1']);
  });

  it('refuses to delete the group or offsets of topics it subscribes to', async () => {
    const del = await groups('--delete', '--group', 'live');
    expect(del.stdout).toBe(
      "\nError: Deletion of some consumer groups failed:\n* Group 'live' could not be deleted due to: java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.GroupNotEmptyException: The group is not empty.\n",
    );
    const offsets = await groups('--delete-offsets', '--group', 'live', '--topic', 'orders:1');
    const error = 'Error: :org.apache.kafka.common.errors.GroupSubscribedToTopicException: Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it.';
    expect(offsets.stdout).toBe(
      `\nError: Encounter some partition level error, see the follow-up details:\n\n${'TOPIC'.padEnd(30)} ${'PARTITION'.padEnd(15)} ${'STATUS'.padEnd(15)}\n${'orders'.padEnd(30)} ${'1'.padEnd(15)} ${error}\n`,
    );
  });
});

describe('kt consumer-groups --reset-offsets on an inactive group', () => {
  const reset = (...args: string[]) => groups('--reset-offsets', '--group', 'idle', ...args);

  it('--to-offset creates the group\'s offsets with --execute; the default is a dry run', async () => {
    const dry = await reset('--topic', 'events', '--to-offset', '3');
    expect(dry).toEqual({ code: 0, stdout: resetTable([0, 3], [1, 3]), stderr: `${DRY_RUN_WARNING}\n` });
    expect((await groups('--describe', '--group', 'nope-idle')).stdout).toBe("\nError: Consumer group 'nope-idle' does not exist.\n");
    expect((await groups('--describe', '--group', 'idle')).stdout).toBe("\nError: Consumer group 'idle' does not exist.\n");

    expect(await reset('--topic', 'events', '--to-offset', '3', '--execute')).toEqual({ code: 0, stdout: resetTable([0, 3], [1, 3]), stderr: '' });
    const described = await groups('--describe', '--group', 'idle');
    const w = [15, 15, 10, 15, 15, 15, 15, 15];
    expect(described).toEqual({
      code: 0,
      stdout:
        `\n${row(w, ['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID'])}` +
        `\n${row(w, ['idle', 'events', 0, 3, 10, 7, '-', '-', '-'])}` +
        `\n${row(w, ['idle', 'events', 1, 3, 4, 1, '-', '-', '-'])}\n`,
      stderr: "\nConsumer group 'idle' has no active members.\n",
    });
  });

  it('clamps --to-offset to the log end and start with WARN log lines', async () => {
    const high = await reset('--topic', 'events:1', '--to-offset', '100', '--execute');
    expect(high.stdout).toBe(resetTable([1, 4]));
    expect(high.stderr).toMatch(
      /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] WARN New offset \(100\) is higher than latest offset for topic partition events-1\. Value will be set to 4 \(org\.apache\.kafka\.tools\.consumer\.group\.ConsumerGroupCommand\)\n$/,
    );
    const low = await reset('--topic', 'events:1', '--to-offset', '-5', '--dry-run');
    expect(low.stdout).toBe(resetTable([1, 0]));
    expect(low.stderr).toContain('WARN New offset (-5) is lower than earliest offset for topic partition events-1. Value will be set to 0');
  });

  it('--to-earliest, --to-latest, --shift-by, --to-current', async () => {
    expect((await reset('--topic', 'events', '--to-earliest', '--execute')).stdout).toBe(resetTable([0, 0], [1, 0]));
    expect((await reset('--all-topics', '--to-latest', '--execute')).stdout).toBe(resetTable([0, 10], [1, 4]));
    expect((await reset('--topic', 'events:0', '--shift-by', '-3', '--execute')).stdout).toBe(resetTable([0, 7]));
    expect((await reset('--topic', 'events', '--to-current', '--dry-run')).stdout).toBe(resetTable([0, 7], [1, 4]));
    const committed = await admin.fetchOffsets({ groupId: 'idle', topics: ['events'] });
    expect(committed[0]!.partitions.map((p) => p.offset)).toEqual(['7', '4']);
  });

  it('--to-datetime and --by-duration, falling back to the log end for partitions with nothing later', async () => {
    const at = new Date(BASE + 25 * MINUTE).toISOString().replace('Z', '');
    expect(await reset('--topic', 'events', '--to-datetime', at, '--execute')).toEqual({ code: 0, stdout: resetTable([0, 3], [1, 3]), stderr: '' });
    const byDuration = await reset('--topic', 'events', '--by-duration', 'PT85M', '--execute');
    expect(byDuration.stdout).toBe(`\nWarn: Partition 1 from topic events is empty. Falling back to latest known offset.\n${resetTable([0, 4], [1, 4])}`);
  });

  it('--export writes CSV that --from-file reads back', async () => {
    const exported = await reset('--topic', 'events', '--to-offset', '2', '--export', '--dry-run');
    expect(exported).toEqual({ code: 0, stdout: 'events,0,2\nevents,1,2\n\n', stderr: '' });
    const file = join(dir, 'plan.csv');
    writeFileSync(file, exported.stdout);
    expect((await reset('--from-file', file, '--execute')).stdout).toBe(resetTable([0, 2], [1, 2]));
    const withGroups = await groups('--reset-offsets', '--group', 'idle', '--group', 'other', '--topic', 'events:1', '--to-latest', '--export', '--dry-run');
    // Groups in Java HashMap<String> order: "other" (bucket 2) before "idle" (bucket 5).
    expect(withGroups.stdout).toBe('other,events,1,4\nidle,events,1,4\n\n');
  });

  it('reports Kafka\'s usage errors for scopes, scenarios and topic arguments', async () => {
    const noScope = await reset('--to-earliest', '--dry-run');
    expect(noScope.code).toBe(1);
    expect(noScope.stderr.split('\n')[0]).toBe('One of the reset scopes should be defined: --all-topics, --topic.');
    const shift = await reset('--topic', 'orders', '--shift-by', '1', '--dry-run');
    expect(shift.stderr.split('\n')[0]).toBe('Cannot shift offset for partition orders-0 since there is no current committed offset');
    const badPartition = await reset('--topic', 'events:x', '--to-earliest', '--dry-run');
    expect(badPartition.stderr.split('\n')[0]).toBe("Invalid partition 'x' specified in topic arg 'events:x''");
    const unknown = await reset('--topic', 'missing', '--to-earliest', '--dry-run');
    expect(unknown).toEqual({
      code: 0,
      stdout:
        '\nError: Executing consumer group command failed due to java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.\n',
      stderr: '',
    });
  });
});

describe('kt consumer-groups --delete-offsets and --delete', () => {
  it('deletes an inactive group\'s offsets', async () => {
    const r = await groups('--delete-offsets', '--group', 'idle', '--topic', 'events', '--topic', 'missing');
    const head = `${'TOPIC'.padEnd(30)} ${'PARTITION'.padEnd(15)} ${'STATUS'.padEnd(15)}`;
    expect(r.stdout).toBe(
      'Request succeed for deleting offsets with topic events, missing group idle\n' +
        `\n${head}` +
        `\n${'events'.padEnd(30)} ${'0'.padEnd(15)} ${'Successful'.padEnd(15)}` +
        `\n${'events'.padEnd(30)} ${'1'.padEnd(15)} ${'Successful'.padEnd(15)}` +
        `\n${'missing'.padEnd(30)} ${'Not Provided'.padEnd(15)} Error: :org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.\n`,
    );
    const committed = await admin.fetchOffsets({ groupId: 'idle', topics: ['events'] });
    expect(committed[0]!.partitions.map((p) => p.offset)).toEqual(['-1', '-1']);
    const unknownGroup = await groups('--delete-offsets', '--group', 'nope', '--topic', 'events:0');
    expect(unknownGroup.stdout).toBe(
      `\nError: 'nope' does not exist.\n\n${head}\n${'events'.padEnd(30)} ${'0'.padEnd(15)} Error: :org.apache.kafka.common.errors.GroupIdNotFoundException: The group id does not exist.\n`,
    );
  });

  it('deletes groups, reporting the ones that cannot go', async () => {
    await groups('--reset-offsets', '--group', 'idle', '--topic', 'events', '--to-earliest', '--execute');
    expect((await groups('--list', '--state')).stdout).toContain('idle                      Empty');
    expect(await groups('--delete', '--group', 'idle')).toEqual({ code: 0, stdout: "Deletion of requested consumer groups ('idle') was successful.\n", stderr: '' });
    const again = await groups('--delete', '--group', 'idle');
    expect(again.stdout).toBe(
      "\nError: Deletion of some consumer groups failed:\n* Group 'idle' could not be deleted due to: java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.GroupIdNotFoundException: The group id does not exist.\n",
    );
    expect((await groups('--list')).stdout).toBe('live\n');
  });
});

describe('kt consumer-groups usage', () => {
  it('prints usage errors on stderr with exit 1, runtime errors on stdout with exit 0', async () => {
    const help = await groups('--help');
    expect(help.code).toBe(1);
    expect(help.stderr.split('\n')[0]).toBe(
      'This tool helps to list all consumer groups, describe a consumer group, delete consumer group info, or reset consumer group offsets.',
    );
    const noAction = await groups();
    expect(noAction.code).toBe(1);
    expect(noAction.stderr.split('\n')[0]).toBe('Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets');
    const unavailable = await groups('--list', '--members');
    expect(unavailable).toEqual({ code: 1, stdout: '', stderr: 'Option(s) [members] are unavailable given other options on the command line\n' });
    const twoGroups = await groups('--delete-offsets', '--group', 'a', '--group', 'b', '--topic', 't');
    expect(twoGroups).toEqual({
      code: 0,
      stdout: '\nError: Executing consumer group command failed due to Found multiple arguments for option group, but you asked for only one\n',
      stderr: '',
    });
    const unreachable = await kt(['consumer-groups', '--bootstrap-server', '127.0.0.1:1', '--list', '--timeout', '300']);
    expect(unreachable.code).toBe(0);
    expect(unreachable.stdout.toString()).toBe(
      '\nError: Executing consumer group command failed due to Connection to node -1 (127.0.0.1:1) could not be established. Node may not be available.\n',
    );
  });
});
