// kt verifiable-consumer against a kt broker: Kafka's event lines in Kafka's order with exact
// counts, what Kafka's Java verifiable producer acknowledged read back whole, and two members of
// one group splitting the partitions and taking them back when one leaves.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { kt, requireBuiltCli, startKt } from '../../helpers/kt-process.js';
import { run } from '../../helpers/run.js';

const JAVA_KAFKA = fileURLToPath(new URL('../../../../shared/java-kafka/', import.meta.url));
const JAVA_PRODUCER = join(JAVA_KAFKA, 'bin/kafka-verifiable-producer.sh');
const JAVA_CONSUMER = join(JAVA_KAFKA, 'bin/kafka-verifiable-consumer.sh');

let broker: StartedBroker;
const configDir = mkdtempSync(join(tmpdir(), 'kt-vc-'));
/** Quick heartbeats, so a member notices a rebalance within a second. */
const fastConfig = join(configDir, 'consumer.properties');
writeFileSync(fastConfig, 'heartbeat.interval.ms=300\n');

beforeAll(async () => {
  requireBuiltCli();
  broker = await startBroker({ port: 0 });
});
afterAll(async () => {
  await broker?.close();
});

interface Event {
  name: string;
  timestamp: number;
  partitions?: Array<{ topic: string; partition: number; count?: number; minOffset?: number; maxOffset?: number }>;
  count?: number;
  offsets?: Array<{ topic: string; partition: number; offset: number }>;
  success?: boolean;
}

const events = (stdout: Buffer | string): Event[] =>
  stdout
    .toString()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Event);

const partitionsOf = (e: Event) => (e.partitions ?? []).map((p) => p.partition);

async function createTopic(topic: string, partitions: number): Promise<void> {
  const r = await kt(['topics', '--bootstrap-server', broker.bootstrap, '--create', '--topic', topic, '--partitions', String(partitions)]);
  expect(r.code).toBe(0);
}

describe('kt verifiable-consumer', () => {
  it("prints Kafka's events in order, committing after every poll", async () => {
    await createTopic('vc-order', 3);
    const lines = Array.from({ length: 90 }, (_, i) => `k${i % 9}\tv${i}`).join('\n');
    expect((await kt(['console-producer', '--bootstrap-server', broker.bootstrap, '--topic', 'vc-order', '--property', 'parse.key=true'], { input: `${lines}\n` })).code).toBe(0);
    const r = await kt(['verifiable-consumer', '--bootstrap-server', broker.bootstrap, '--topic', 'vc-order', '--group-id', 'vc-order-g', '--max-messages', '90'], { timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    const ev = events(r.stdout);
    const names = ev.map((e) => e.name);
    expect(names[0]).toBe('startup_complete');
    expect(names[1]).toBe('partitions_assigned');
    expect(partitionsOf(ev[1]!)).toEqual([0, 1, 2]);
    expect(names.slice(-2)).toEqual(['partitions_revoked', 'shutdown_complete']);
    // Between: records_consumed, each followed by its offsets_committed.
    const middle = ev.slice(2, -2);
    for (let i = 0; i < middle.length; i += 2) {
      expect([middle[i]!.name, middle[i + 1]!.name]).toEqual(['records_consumed', 'offsets_committed']);
      expect(middle[i + 1]!.success).toBe(true);
      expect(middle[i + 1]!.offsets).toEqual(middle[i]!.partitions!.map((p) => ({ topic: 'vc-order', partition: p.partition, offset: p.maxOffset! + 1 })));
    }
    const consumed = middle.filter((e) => e.name === 'records_consumed');
    expect(consumed.reduce((n, e) => n + e.count!, 0)).toBe(90);
    // Every partition read from 0 to its end, once.
    const ranges = consumed.flatMap((e) => e.partitions!).sort((a, b) => a.partition - b.partition || a.minOffset! - b.minOffset!);
    let total = 0;
    const next = new Map<number, number>();
    for (const p of ranges) {
      expect(p.minOffset).toBe(next.get(p.partition) ?? 0);
      expect(p.count).toBe(p.maxOffset! - p.minOffset! + 1);
      next.set(p.partition, p.maxOffset! + 1);
      total += p.count!;
    }
    expect(total).toBe(90);
    for (let i = 1; i < ev.length; i++) expect(ev[i]!.timestamp).toBeGreaterThanOrEqual(ev[i - 1]!.timestamp);
  }, 90_000);

  it('prints Kafka\'s help and usage errors', async () => {
    const help = await kt(['verifiable-consumer', '--help']);
    expect(help.code).toBe(1);
    expect(help.stdout.toString()).toMatch(/^usage: verifiable-consumer \[-h\] --topic TOPIC\n/);
    const bad = await kt(['verifiable-consumer', '--topic', 't', '--group-id', 'g']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.endsWith('verifiable-consumer: error: argument --bootstrap-server is required\n')).toBe(true);
    const none = await kt(['verifiable-consumer']);
    expect(none.code).toBe(0);
    expect(none.stdout.toString()).toBe(help.stdout.toString());
  });

  it('refuses --group-protocol consumer as Kafka does against a broker without it', async () => {
    const r = await kt(['verifiable-consumer', '--bootstrap-server', broker.bootstrap, '--topic', 'vc-order', '--group-id', 'g848', '--group-protocol', 'consumer']);
    expect(r.code).toBe(0);
    expect(events(r.stdout).map((e) => e.name)).toEqual(['startup_complete', 'shutdown_complete']);
    expect(r.stderr).toContain('org.apache.kafka.common.errors.UnsupportedVersionException: The node does not support CONSUMER_GROUP_HEARTBEAT\n');
  });

  it('splits partitions between two members and takes them back when one leaves', async () => {
    await createTopic('vc-split', 4);
    const args = (id: string) => ['verifiable-consumer', '--bootstrap-server', broker.bootstrap, '--topic', 'vc-split', '--group-id', id, '--consumer.config', fastConfig];
    const a = startKt(args('vc-split-g'), { timeoutMs: 90_000 });
    const aEvents = watch(a.child.stdout!);
    await aEvents.until((ev) => ev.some((e) => e.name === 'partitions_assigned' && partitionsOf(e).length === 4));
    const b = startKt(args('vc-split-g'), { timeoutMs: 90_000 });
    const bEvents = watch(b.child.stdout!);
    await bEvents.until((ev) => ev.some((e) => e.name === 'partitions_assigned'));
    await aEvents.until((ev) => ev.filter((e) => e.name === 'partitions_assigned').length >= 2);
    const aSecond = aEvents.list.filter((e) => e.name === 'partitions_assigned')[1]!;
    const bFirst = bEvents.list.find((e) => e.name === 'partitions_assigned')!;
    expect([...partitionsOf(aSecond), ...partitionsOf(bFirst)].sort()).toEqual([0, 1, 2, 3]);
    expect(partitionsOf(aSecond)).toHaveLength(2);
    b.child.kill('SIGTERM');
    const bDone = await b.done;
    expect(events(bDone.stdout).slice(-2).map((e) => e.name)).toEqual(['partitions_revoked', 'shutdown_complete']);
    await aEvents.until((ev) => ev.filter((e) => e.name === 'partitions_assigned').length >= 3);
    expect(partitionsOf(aEvents.list.filter((e) => e.name === 'partitions_assigned')[2]!)).toEqual([0, 1, 2, 3]);
    a.child.kill('SIGTERM');
    await a.done;
    // Eager (range): every reassignment is preceded by revoking everything.
    expect(aEvents.list.map((e) => e.name)).toEqual([
      'startup_complete',
      'partitions_assigned',
      'partitions_revoked',
      'partitions_assigned',
      'partitions_revoked',
      'partitions_assigned',
      'partitions_revoked',
      'shutdown_complete',
    ]);
  }, 120_000);
});

describe('kt verifiable-consumer, cooperative-sticky', () => {
  it('moves only the partitions that change owner, in two rounds', async () => {
    await createTopic('vc-coop', 4);
    const args = ['verifiable-consumer', '--bootstrap-server', broker.bootstrap, '--topic', 'vc-coop', '--group-id', 'vc-coop-g', '--consumer.config', fastConfig];
    args.push('--assignment-strategy', 'org.apache.kafka.clients.consumer.CooperativeStickyAssignor');
    const a = startKt(args, { timeoutMs: 90_000 });
    const aEvents = watch(a.child.stdout!);
    await aEvents.until((ev) => ev.some((e) => e.name === 'partitions_assigned' && partitionsOf(e).length === 4));
    const b = startKt(args, { timeoutMs: 90_000 });
    const bEvents = watch(b.child.stdout!);
    await bEvents.until((ev) => ev.some((e) => e.name === 'partitions_assigned' && partitionsOf(e).length === 2));
    b.child.kill('SIGTERM');
    await b.done;
    await aEvents.until((ev) => ev.filter((e) => e.name === 'partitions_assigned' && partitionsOf(e).length === 2).length === 1);
    a.child.kill('SIGTERM');
    await a.done;
    const revoked = aEvents.list.filter((e) => e.name === 'partitions_revoked').map(partitionsOf);
    // A gives up only what B takes (once), and everything at close.
    expect(revoked).toHaveLength(2);
    expect(revoked[0]).toHaveLength(2);
    expect(revoked[1]).toEqual([0, 1, 2, 3]);
    const bAssigned = bEvents.list.filter((e) => e.name === 'partitions_assigned').map(partitionsOf);
    expect(bAssigned).toEqual([[], revoked[0]]);
  }, 120_000);
});

describe.skipIf(!existsSync(JAVA_PRODUCER))("Kafka's Java verifiable producer -> kt verifiable-consumer", () => {
  it('reads every record the producer acknowledged, once', async () => {
    await createTopic('vc-java', 2);
    const p = await run(JAVA_PRODUCER, ['--bootstrap-server', broker.bootstrap, '--topic', 'vc-java', '--max-messages', '200'], { timeoutMs: 60_000 });
    const produced = events(p.stdout);
    const acked = produced.filter((e) => e.name === 'producer_send_success').length;
    expect(acked).toBe(200);
    const r = await kt(['verifiable-consumer', '--bootstrap-server', broker.bootstrap, '--topic', 'vc-java', '--group-id', 'vc-java-g', '--max-messages', String(acked)], { timeoutMs: 60_000 });
    const consumed = events(r.stdout).filter((e) => e.name === 'records_consumed');
    expect(consumed.reduce((n, e) => n + e.count!, 0)).toBe(acked);
    const committed = events(r.stdout).filter((e) => e.name === 'offsets_committed').flatMap((e) => e.offsets!);
    const last = new Map(committed.map((o) => [o.partition, o.offset]));
    expect([...last.values()].reduce((a, b) => a + b, 0)).toBe(acked);
  }, 120_000);
});

describe.skipIf(!existsSync(JAVA_CONSUMER))("Kafka's Java verifiable consumer and kt's in one group", () => {
  it('share the partitions with the sticky assignor, kt leading', async () => {
    await createTopic('vc-mixed', 4);
    const strategy = ['--assignment-strategy', 'org.apache.kafka.clients.consumer.StickyAssignor'];
    const common = ['--bootstrap-server', broker.bootstrap, '--topic', 'vc-mixed', '--group-id', 'vc-mixed-g', ...strategy];
    const k = startKt(['verifiable-consumer', ...common, '--consumer.config', fastConfig], { timeoutMs: 90_000 });
    const kEvents = watch(k.child.stdout!);
    await kEvents.until((ev) => ev.some((e) => e.name === 'partitions_assigned' && partitionsOf(e).length === 4));
    const j = spawn(JAVA_CONSUMER, common, { stdio: ['ignore', 'pipe', 'ignore'] });
    const jEvents = watch(j.stdout);
    await jEvents.until((ev) => ev.some((e) => e.name === 'partitions_assigned' && partitionsOf(e).length === 2));
    j.kill('SIGTERM');
    await new Promise((r) => j.once('close', r));
    expect(jEvents.list.slice(-2).map((e) => e.name)).toEqual(['partitions_revoked', 'shutdown_complete']);
    await kEvents.until((ev) => ev.filter((e) => e.name === 'partitions_assigned').length >= 3);
    k.child.kill('SIGTERM');
    await k.done;
    const assigned = kEvents.list.filter((e) => e.name === 'partitions_assigned').map(partitionsOf);
    // kt keeps two of its partitions while Java holds the other two (stickiness across an eager
    // rebalance comes from the sticky user data), then takes all four back.
    expect(assigned[0]).toEqual([0, 1, 2, 3]);
    expect(assigned[1]).toHaveLength(2);
    expect(assigned[2]).toEqual([0, 1, 2, 3]);
  }, 120_000);
});

/** Collects a child's JSON event lines as they come. */
function watch(stream: NodeJS.ReadableStream) {
  const list: Event[] = [];
  let buffered = '';
  const waiters: Array<() => void> = [];
  stream.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      list.push(JSON.parse(buffered.slice(0, nl)) as Event);
      buffered = buffered.slice(nl + 1);
    }
    for (const w of waiters.splice(0)) w();
  });
  return {
    list,
    async until(done: (events: Event[]) => boolean, timeoutMs = 45_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!done(list)) {
        if (Date.now() > deadline) throw new Error(`timed out; events so far: ${list.map((e) => e.name).join(', ')}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
    },
  };
}
