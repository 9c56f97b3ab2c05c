import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommittedOffset } from '../../../src/tools/consumer-groups/admin.js';
import { GroupCommandFailure, groupApiError } from '../../../src/tools/consumer-groups/errors.js';
import type { PlannedOffset } from '../../../src/tools/consumer-groups/format.js';
import { MISSING_SCENARIO_MESSAGE, MISSING_SCOPE_MESSAGE, parseConsumerGroupsArgs } from '../../../src/tools/consumer-groups/options.js';
import { tpKey, type TopicPartition } from '../../../src/tools/consumer-groups/order.js';
import { resetOffsets, type ResetAdmin } from '../../../src/tools/consumer-groups/reset.js';
import { UsageError } from '../../../src/cli/tool.js';

// A topic `t` with partitions 0..2: log start 2, log end 10; records at timestamps 1000 + offset.
// Group `g` committed t-0 at 4 and t-1 at 9.
const LOG_START = 2;
const LOG_END = 10;

class FakeCluster implements ResetAdmin {
  readonly altered: Array<[string, PlannedOffset[]]> = [];
  states = new Map<string, string>([['g', 'Empty']]);
  committed = new Map<string, number>([
    ['t-0', 4],
    ['t-1', 9],
  ]);

  async describeConsumerGroups(groupIds: readonly string[]) {
    return new Map(groupIds.map((g) => [g, { state: this.states.get(g) ?? 'Dead' }]));
  }

  async alterOffsets(groupId: string, offsets: readonly PlannedOffset[]) {
    this.altered.push([groupId, [...offsets]]);
  }

  async committedOffsets(groupId: string) {
    const out = new Map<string, CommittedOffset>();
    if (groupId !== 'g') return out;
    for (const [key, offset] of this.committed) {
      const tp = { topic: 't', partition: Number(key.slice(2)) };
      out.set(tpKey(tp), { tp, offset });
    }
    return out;
  }

  async topicPartitions(topics: readonly string[]) {
    return new Map<string, TopicPartition[] | Error>(
      topics.map((t) => [t, t === 't' ? [0, 1, 2].map((partition) => ({ topic: 't', partition })) : groupApiError(3)]),
    );
  }

  async listOffsets(partitions: readonly TopicPartition[], timestamp: bigint) {
    if (partitions.some((p) => p.topic !== 't' || p.partition > 2)) throw groupApiError(3);
    const offsetAt = (tp: TopicPartition) => {
      if (timestamp === -2n) return LOG_START;
      if (timestamp === -1n) return LOG_END;
      // Partition 2 is empty for timestamp look-ups.
      if (tp.partition === 2) return -1;
      const offset = Number(timestamp) - 1000;
      return offset < LOG_START ? LOG_START : offset >= LOG_END ? -1 : offset;
    };
    return new Map(partitions.map((tp) => [tpKey(tp), offsetAt(tp)]));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'kt-cg-reset-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function reset(args: string[], cluster = new FakeCluster(), now = () => 0) {
  const options = parseConsumerGroupsArgs(['--bootstrap-server', 'x:1', '--reset-offsets', ...args]);
  const stdout: string[] = [];
  const warnings: string[] = [];
  const groups = options.valuesOf('group');
  const plan = await resetOffsets(cluster, groups, options, { stdout: (t) => stdout.push(t), warn: (m) => warnings.push(m) }, now);
  const offsets = (group: string) => Object.fromEntries((plan.find(([g]) => g === group)?.[1] ?? []).map((o) => [`${o.topic}-${o.partition}`, o.offset]));
  return { plan, offsets, stdout: stdout.join(''), warnings, cluster };
}

async function failure(args: string[]): Promise<{ kind: string; message: string }> {
  try {
    await reset(args);
  } catch (e) {
    return { kind: e instanceof UsageError ? 'usage' : e instanceof GroupCommandFailure ? 'failure' : 'other', message: (e as Error).message };
  }
  throw new Error('expected a failure');
}

const G = ['--group', 'g'];

describe('reset-offsets planning', () => {
  it('--to-earliest / --to-latest over a whole topic', async () => {
    expect((await reset([...G, '--topic', 't', '--to-earliest'])).offsets('g')).toEqual({ 't-0': 2, 't-1': 2, 't-2': 2 });
    expect((await reset([...G, '--topic', 't:1', '--to-latest'])).offsets('g')).toEqual({ 't-1': 10 });
  });

  it('--to-offset is clamped to [log start, log end] with Kafka warnings', async () => {
    const high = await reset([...G, '--topic', 't:0', '--to-offset', '50']);
    expect(high.offsets('g')).toEqual({ 't-0': 10 });
    expect(high.warnings).toEqual(['New offset (50) is higher than latest offset for topic partition t-0. Value will be set to 10']);
    const low = await reset([...G, '--topic', 't:0', '--to-offset', '1']);
    expect(low.offsets('g')).toEqual({ 't-0': 2 });
    expect(low.warnings).toEqual(['New offset (1) is lower than earliest offset for topic partition t-0. Value will be set to 2']);
    expect((await reset([...G, '--topic', 't:0', '--to-offset', '7'])).warnings).toEqual([]);
  });

  it('--shift-by moves committed offsets (clamped) and needs a commit', async () => {
    const shifted = await reset([...G, '--topic', 't:0,1', '--shift-by', '3']);
    expect(shifted.offsets('g')).toEqual({ 't-0': 7, 't-1': 10 });
    expect((await reset([...G, '--topic', 't:0', '--shift-by', '-5'])).offsets('g')).toEqual({ 't-0': 2 });
    expect(await failure([...G, '--topic', 't', '--shift-by', '1'])).toEqual({
      kind: 'usage',
      message: 'Cannot shift offset for partition t-2 since there is no current committed offset',
    });
  });

  it('--to-current keeps commits and uses the log end elsewhere; --all-topics means the committed partitions', async () => {
    expect((await reset([...G, '--topic', 't', '--to-current'])).offsets('g')).toEqual({ 't-0': 4, 't-1': 9, 't-2': 10 });
    expect((await reset([...G, '--all-topics', '--to-earliest'])).offsets('g')).toEqual({ 't-0': 2, 't-1': 2 });
  });

  it('--to-datetime and --by-duration find offsets by timestamp, falling back to the log end', async () => {
    const dated = await reset([...G, '--topic', 't', '--to-datetime', '1970-01-01T00:00:01.005']);
    expect(dated.offsets('g')).toEqual({ 't-0': 5, 't-1': 5, 't-2': 10 });
    expect(dated.stdout).toBe('\nWarn: Partition 2 from topic t is empty. Falling back to latest known offset.\n');
    const byDuration = await reset([...G, '--topic', 't:0', '--by-duration', 'PT1S'], new FakeCluster(), () => 2_006);
    expect(byDuration.offsets('g')).toEqual({ 't-0': 6 });
  });

  it('--from-file takes the plan of the group, clamped', async () => {
    const file = join(dir, 'plan.csv');
    writeFileSync(file, 't,0,3\nt,1,99\n');
    const fromFile = await reset([...G, '--from-file', file]);
    expect(fromFile.offsets('g')).toEqual({ 't-0': 3, 't-1': 10 });
    writeFileSync(file, 'other,t,0,3\n');
    const missing = await reset(['--group', 'g', '--group', 'h', '--from-file', file]);
    expect(missing.stdout).toBe('\nError: No reset plan for group g found\n\nError: No reset plan for group h found\n');
    expect(missing.plan).toEqual([
      ['g', []],
      ['h', []],
    ]);
  });

  it('refuses active groups and commits only with --execute', async () => {
    const cluster = new FakeCluster();
    cluster.states.set('busy', 'Stable');
    const r = await reset(['--group', 'g', '--group', 'busy', '--topic', 't:0', '--to-earliest', '--execute'], cluster);
    expect(r.stdout).toBe("\nError: Assignments can only be reset if the group 'busy' is inactive, but the current state is Stable.\n");
    // "g" and "busy" share HashMap bucket 7: insertion order.
    expect(r.plan).toEqual([
      ['g', [{ topic: 't', partition: 0, offset: 2 }]],
      ['busy', []],
    ]);
    expect(cluster.altered).toEqual([['g', [{ topic: 't', partition: 0, offset: 2 }]]]);
    const dry = await reset([...G, '--topic', 't:0', '--to-earliest', '--dry-run']);
    expect(dry.cluster.altered).toEqual([]);
  });

  it('fails as Kafka does on missing scope, scenario, unknown topics and bad values', async () => {
    expect(await failure([...G, '--to-earliest'])).toEqual({ kind: 'usage', message: MISSING_SCOPE_MESSAGE });
    expect(await failure([...G, '--topic', 't'])).toEqual({ kind: 'usage', message: MISSING_SCENARIO_MESSAGE });
    expect(await failure([...G, '--topic', 'nope', '--to-earliest'])).toEqual({
      kind: 'failure',
      message: 'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.',
    });
    expect(await failure([...G, '--topic', 't:0', '--to-offset', 'abc'])).toEqual({ kind: 'failure', message: "Cannot parse argument 'abc' of option to-offset" });
  });
});
