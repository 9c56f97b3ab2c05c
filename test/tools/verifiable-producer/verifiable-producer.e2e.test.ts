import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker } from '../../../src/index.js';
import { partitionForKey } from '../../../src/client/partitioner.js';
import { kt, requireBuiltCli, startKt } from '../../helpers/kt-process.js';

const JAVA_KAFKA = fileURLToPath(new URL('../../../../shared/java-kafka/bin/', import.meta.url));

let broker: { bootstrap: string; close(): Promise<void> };

beforeAll(async () => {
  requireBuiltCli();
  broker = await startBroker({ port: 0 });
});

afterAll(async () => {
  await broker?.close();
});

type Event = Record<string, unknown> & { name: string; timestamp: number };

const events = (stdout: Buffer): Event[] =>
  stdout
    .toString()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Event);

async function createTopic(name: string, partitions: number): Promise<void> {
  const r = await kt(['topics', '--bootstrap-server', broker.bootstrap, '--create', '--topic', name, '--partitions', String(partitions)]);
  expect(r.stdout.toString()).toBe(`Created topic ${name}.\n`);
}

describe('kt verifiable-producer', () => {
  it('prints startup, one success per record with its offset, shutdown and tool_data', async () => {
    await createTopic('vp-keys', 3);
    const r = await kt(['verifiable-producer', '--bootstrap-server', broker.bootstrap, '--topic', 'vp-keys', '--max-messages', '300', '--repeating-keys', '5', '--value-prefix', '9']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const all = events(r.stdout);
    expect(all[0]!.name).toBe('startup_complete');
    expect(all.slice(-2).map((e) => e.name)).toEqual(['shutdown_complete', 'tool_data']);
    const successes = all.filter((e) => e.name === 'producer_send_success');
    expect(successes).toHaveLength(300);
    expect(all.slice(-1)[0]).toMatchObject({ sent: 300, acked: 300, target_throughput: -1 });
    // Every value once; each key where murmur2 puts it; offsets 0..n-1 per partition in send order.
    expect(new Set(successes.map((e) => e.value)).size).toBe(300);
    const next = [0, 0, 0];
    for (const e of successes) {
      const n = Number((e.value as string).split('.')[1]);
      expect(e.key).toBe(String(n % 5));
      expect(e.partition).toBe(partitionForKey(Buffer.from(e.key as string), 3));
      expect(e.offset).toBe(next[e.partition as number]!++);
      expect(e.topic).toBe('vp-keys');
    }
    expect(next.reduce((a, b) => a + b)).toBe(300);
  });

  it('reports records the producer refuses as send errors with the Java exception class', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kt-vp-'));
    writeFileSync(join(dir, 'small.properties'), 'max.request.size=80\n');
    const r = await kt(['verifiable-producer', '--bootstrap-server', broker.bootstrap, '--topic', 'vp-small', '--max-messages', '2', '--producer.config', join(dir, 'small.properties')]);
    expect(r.code).toBe(0);
    const all = events(r.stdout);
    expect(all.map((e) => e.name)).toEqual(['startup_complete', 'producer_send_error', 'producer_send_error', 'shutdown_complete', 'tool_data']);
    expect(all[1]).toMatchObject({
      topic: 'vp-small',
      key: null,
      value: '0',
      exception: 'class org.apache.kafka.common.errors.RecordTooLargeException',
      message: 'The message is 86 bytes when serialized which is larger than 80, which is the value of the max.request.size configuration.',
    });
    expect(all[4]).toMatchObject({ sent: 2, acked: 0, avg_throughput: 0 });
    expect(r.stdout.toString()).toContain('"avg_throughput":0.0}');
  });

  it('ends a throttled run on SIGTERM with shutdown_complete and tool_data, exit 0', async () => {
    const { child, done } = startKt(['verifiable-producer', '--bootstrap-server', broker.bootstrap, '--topic', 'vp-term', '--throughput', '0']);
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    // Throughput 0 blocks after two records (Kafka's ThroughputThrottler): wait for both acks.
    while ((out.match(/producer_send_success/g) ?? []).length < 2) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGTERM');
    const r = await done;
    expect(r.code).toBe(0);
    const all = events(r.stdout);
    expect(all.map((e) => e.name)).toEqual(['startup_complete', 'producer_send_success', 'producer_send_success', 'shutdown_complete', 'tool_data']);
    expect(all[4]).toMatchObject({ sent: 2, acked: 2, target_throughput: 0 });
  });

  it("prints argparse4j's usage error", async () => {
    const r = await kt(['verifiable-producer', '--topic', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr.endsWith('verifiable-producer: error:  one  of  the  arguments  --bootstrap-server is\nrequired\n')).toBe(true);
  });
});

describe.skipIf(!existsSync(`${JAVA_KAFKA}kafka-verifiable-consumer.sh`))("Kafka's Java tools", () => {
  const java = (tool: string, args: string[], timeoutMs = 60_000) =>
    new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(`${JAVA_KAFKA}${tool}`, args, { stdio: ['ignore', 'pipe', 'ignore'] });
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout });
      });
    });

  it('print the same help', async () => {
    const [ours, theirs] = await Promise.all([kt(['verifiable-producer', '--help']), java('kafka-verifiable-producer.sh', ['--help'])]);
    expect(ours.code).toBe(1);
    expect(ours.stdout.toString()).toBe(theirs.stdout);
  });

  it('verifiable consumer reads exactly what kt verifiable-producer acknowledged', async () => {
    await createTopic('vp-java', 2);
    const r = await kt(['verifiable-producer', '--bootstrap-server', broker.bootstrap, '--topic', 'vp-java', '--max-messages', '500', '--repeating-keys', '7']);
    const acked = events(r.stdout).filter((e) => e.name === 'producer_send_success');
    expect(acked).toHaveLength(500);
    const c = await java('kafka-verifiable-consumer.sh', [
      '--bootstrap-server', broker.bootstrap, '--topic', 'vp-java', '--group-id', 'vp-java-check', '--max-messages', '500', '--reset-policy', 'earliest', '--verbose',
    ]);
    const consumed = events(Buffer.from(c.stdout)).filter((e) => e.name === 'record_data');
    const key = (e: Event) => `${String(e.partition)}/${String(e.offset)}/${String(e.key)}/${String(e.value)}`;
    expect(consumed.map(key).sort()).toEqual(acked.map(key).sort());
  }, 90_000);
});
