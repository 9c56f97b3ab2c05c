// librdkafka, through kcat: metadata, and 100,000 keyed messages per codec produced and read
// back exactly, per-partition order and headers intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../src/index.js';
import { run } from '../helpers/run.js';

const KCAT = '/usr/bin/kcat';
const COUNT = 100_000;
let broker: StartedBroker;

beforeAll(async () => {
  broker = await startBroker({ port: 0, config: { 'num.partitions': '6' } });
});
afterAll(async () => {
  await broker?.close();
});

describe('kcat', () => {
  it('-L lists broker 1 and the topics', async () => {
    await run(KCAT, ['-b', broker.bootstrap, '-P', '-t', 'listed'], { input: 'one\n' });
    const r = await run(KCAT, ['-b', broker.bootstrap, '-L']);
    expect(r.code).toBe(0);
    const text = r.stdout.toString();
    expect(text).toContain(`1 brokers:\n  broker 1 at ${broker.bootstrap} (controller)`);
    expect(text).toContain('topic "listed" with 6 partitions:');
    expect(text).toContain('partition 0, leader 1, replicas: 1, isrs: 1');
  });

  for (const codec of ['none', 'gzip', 'snappy', 'lz4', 'zstd']) {
    it(`round-trips ${COUNT} keyed messages with headers, -z ${codec}`, async () => {
      const topic = `kcat-${codec}`;
      const lines: string[] = [];
      for (let i = 0; i < COUNT; i++) lines.push(`key-${i % 1000}:value-${i}`);
      const produced = await run(KCAT, ['-b', broker.bootstrap, '-P', '-t', topic, '-K:', '-z', codec, '-H', 'source=kcat', '-H', 'codec=' + codec], {
        input: lines.join('\n') + '\n',
        timeoutMs: 120_000,
      });
      expect(produced.stderr).toBe('');
      expect(produced.code).toBe(0);

      const consumed = await run(KCAT, ['-b', broker.bootstrap, '-C', '-t', topic, '-e', '-o', 'beginning', '-f', '%p|%o|%k|%s|%h\n'], { timeoutMs: 120_000 });
      expect(consumed.code).toBe(0);
      const rows = consumed.stdout.toString().trimEnd().split('\n');
      expect(rows).toHaveLength(COUNT);
      const lastIndexByPartition = new Map<string, number>();
      const nextOffsetByPartition = new Map<string, number>();
      const partitionOfKey = new Map<string, string>();
      const seen = new Set<number>();
      for (const row of rows) {
        const [p, o, k, v, h] = row.split('|');
        const i = Number(v!.slice('value-'.length));
        expect(k).toBe(`key-${i % 1000}`);
        expect(h).toBe(`source=kcat,codec=${codec}`);
        // Offsets are dense from 0 and records keep production order within a partition.
        expect(Number(o)).toBe(nextOffsetByPartition.get(p!) ?? 0);
        nextOffsetByPartition.set(p!, Number(o) + 1);
        expect(i).toBeGreaterThan(lastIndexByPartition.get(p!) ?? -1);
        lastIndexByPartition.set(p!, i);
        expect(partitionOfKey.get(k!) ?? p).toBe(p);
        partitionOfKey.set(k!, p!);
        seen.add(i);
      }
      expect(seen.size).toBe(COUNT);
    }, 240_000);
  }
});
