// Compressed batches as librdkafka writes them (kcat -z), read back by each of kt's own readers:
// the console consumer (kafkajs with kt's codecs), kt's client (consumer-perf-test counts the
// records of every batch) and dump-log's deep iteration over the segment the broker wrote. They
// all decode with the decoders the broker validated the batches with (compression/index.ts).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../src/index.js';
import { run } from '../helpers/run.js';
import { kt, requireBuiltCli } from '../helpers/kt-process.js';

const KCAT = '/usr/bin/kcat';
const COUNT = 3000;
let broker: StartedBroker;

beforeAll(async () => {
  requireBuiltCli();
  broker = await startBroker({ port: 0, config: { 'num.partitions': '1' } });
});
afterAll(async () => {
  await broker?.close();
});

const keys = Array.from({ length: COUNT }, (_, i) => `key-${i % 100}`);
// Values that compress well but not to nothing: several blocks per batch for every codec.
const values = Array.from({ length: COUNT }, (_, i) => `value-${i}-${'abcdefghij'.repeat(1 + (i % 7))}`);

describe('kcat -z <codec> -> kt readers', () => {
  for (const codec of ['gzip', 'snappy', 'lz4', 'zstd']) {
    it(`${codec}: the console consumer, kt's client and dump-log read every record`, async () => {
      const topic = `kcat-z-${codec}`;
      const input = keys.map((k, i) => `${k}|${values[i]}\n`).join('');
      // One request per batch of up to 1 MB: several batches, each holding many records.
      const produced = await run(KCAT, ['-b', broker.bootstrap, '-P', '-t', topic, '-K|', '-z', codec, '-X', 'batch.size=100000'], { input, timeoutMs: 60_000 });
      expect(produced.stderr.toString()).toBe('');
      expect(produced.code).toBe(0);

      const consumed = await kt(['console-consumer', '--bootstrap-server', broker.bootstrap, '--topic', topic, '--from-beginning', '--max-messages', String(COUNT), '--property', 'print.key=true']);
      expect(consumed.code).toBe(0);
      expect(consumed.stdout.toString()).toBe(keys.map((k, i) => `${k}\t${values[i]}\n`).join(''));

      const counted = await kt(['consumer-perf-test', '--bootstrap-server', broker.bootstrap, '--topic', topic, '--messages', String(COUNT), '--hide-header']);
      expect(counted.stderr).toBe('');
      expect(counted.code).toBe(0);
      expect(counted.stdout.toString().split(', ')[4]).toBe(String(COUNT));

      const dumped = await kt(['dump-log', '--deep-iteration', '--print-data-log', '--files', join(broker.dataDir, `${topic}-0`, '00000000000000000000.log')]);
      expect(dumped.stderr).toBe('');
      expect(dumped.code).toBe(0);
      const lines = dumped.stdout.toString().split('\n');
      const batches = lines.filter((l) => l.startsWith('baseOffset: '));
      expect(batches.length).toBeGreaterThan(1);
      // librdkafka sends a batch uncompressed when compressing does not make it smaller (its
      // first, one-record batch here, for zstd): the codec of every batch of several records.
      const codecs = batches.map((b) => / count: (\d+) .* compresscodec: (\w+) /.exec(b)!).map(([, count, c]) => (Number(count) > 1 ? c : c === 'none' ? codec : c));
      expect(codecs).toEqual(batches.map(() => codec));
      const payloads = lines.filter((l) => l.startsWith('| offset: ')).map((l) => l.slice(l.indexOf(' key: ') + 6));
      expect(payloads).toEqual(keys.map((k, i) => `${k} payload: ${values[i]}`));
    }, 120_000);
  }
});
