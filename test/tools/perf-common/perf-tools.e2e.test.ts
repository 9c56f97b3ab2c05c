// kt producer-perf-test, consumer-perf-test and e2e-latency against an in-process broker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../../src/client/cluster.js';
import { LATEST, listOffsets } from '../../../src/client/list-offsets.js';
import { connectionSettings } from '../../../src/client/config.js';
import { startBroker } from '../../../src/index.js';
import { kt, requireBuiltCli } from '../../helpers/kt-process.js';

let broker: { bootstrap: string; close(): Promise<void> };

beforeAll(async () => {
  requireBuiltCli();
  broker = await startBroker({ port: 0, config: { 'num.partitions': '2' } });
});

afterAll(async () => {
  await broker?.close();
});

async function endOffsets(topic: string): Promise<number[]> {
  const cluster = await Cluster.connect(connectionSettings(new Map([['bootstrap.servers', broker.bootstrap]]), { clientId: 'test', requestTimeoutMs: 5000 }));
  try {
    const layout = await cluster.topic(topic, false);
    const offsets = await listOffsets(cluster, layout, layout.leaders.map((_, p) => p), LATEST);
    return [...offsets.entries()].sort((a, b) => a[0] - b[0]).map(([, o]) => o);
  } finally {
    await cluster.close();
  }
}

const SUMMARY = /^50000 records sent, \d+\.\d records\/sec \(\d+\.\d\d MB\/sec\), \d+\.\d\d ms avg latency, \d+\.\d\d ms max latency, \d+ ms 50th, \d+ ms 95th, \d+ ms 99th, \d+ ms 99\.9th\.$/;
const PROGRESS = /^\d+ records sent, \d+\.\d records\/sec \(\d+\.\d\d MB\/sec\), \d+\.\d ms avg latency, \d+\.\d ms max latency\.$/;
const DATE = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d:\\d{3}';
const F4 = '-?\\d+\\.\\d{4}';

describe('kt producer-perf-test and consumer-perf-test', () => {
  it('produces exactly --num-records records, then the consumer test reads exactly --messages', async () => {
    const produced = await kt(
      ['producer-perf-test', '--topic', 'perf', '--num-records', '50000', '--record-size', '100', '--throughput', '-1', '--producer-props', `bootstrap.servers=${broker.bootstrap}`, 'acks=1', 'linger.ms=2'],
      { timeoutMs: 15_000 },
    );
    expect(produced.stderr).toBe('');
    expect(produced.code).toBe(0);
    const lines = produced.stdout.toString().trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(SUMMARY);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(PROGRESS);
    const offsets = await endOffsets('perf');
    expect(offsets.reduce((a, b) => a + b, 0)).toBe(50000);

    const consumed = await kt(['consumer-perf-test', '--bootstrap-server', broker.bootstrap, '--topic', 'perf', '--messages', '50000', '--group', 'perf-g'], { timeoutMs: 15_000 });
    expect(consumed.stderr).toBe('');
    expect(consumed.code).toBe(0);
    const [header, row, ...rest] = consumed.stdout.toString().split('\n');
    expect(header).toBe('start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec');
    // 50000 records of 100 bytes = 4.7684 MB
    expect(row).toMatch(new RegExp(`^${DATE}, ${DATE}, 4\\.7684, ${F4}, 50000, ${F4}, \\d+, -?\\d+, (${F4}|Infinity|NaN), (${F4}|Infinity|NaN)$`));
    expect(rest).toEqual(['']);

    // The group committed its positions on close (enable.auto.commit): nothing is left to read.
    const again = await kt(['consumer-perf-test', '--bootstrap-server', broker.bootstrap, '--topic', 'perf', '--messages', '1', '--group', 'perf-g', '--timeout', '300', '--hide-header'], {
      timeoutMs: 15_000,
    });
    expect(again.code).toBe(0);
    expect(again.stdout.toString()).toMatch(/^WARNING: Exiting before consuming the expected number of messages: timeout \(300 ms\) exceeded\./);
    expect(again.stdout.toString()).toMatch(new RegExp(`\n${DATE}, ${DATE}, 0\\.0000, 0\\.0000, 0, `));
  });

  it('sends --payload-monotonic payloads and prints chosen metrics', async () => {
    const produced = await kt(
      ['producer-perf-test', '--topic', 'mono', '--num-records', '1000', '--payload-monotonic', '--throughput', '-1', '--print-metrics', '--producer-props', `bootstrap.servers=${broker.bootstrap}`, 'compression.type=lz4'],
      { timeoutMs: 15_000 },
    );
    expect(produced.code).toBe(0);
    const text = produced.stdout.toString();
    expect(text).toMatch(/^1000 records sent, /m);
    expect(text).toMatch(/\nMetric Name +Value\n/);
    expect(text).toMatch(/^producer-metrics:record-send-total:\{client-id=perf-producer-client\} +: 1000\.000$/m);
    expect((await endOffsets('mono')).reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it('prints only the header and the WARNING line when the records do not come', async () => {
    const consumed = await kt(['consumer-perf-test', '--bootstrap-server', broker.bootstrap, '--topic', 'perf', '--messages', '10', '--from-latest', '--timeout', '300'], {
      timeoutMs: 15_000,
    });
    expect(consumed.code).toBe(0);
    const lines = consumed.stdout.toString().split('\n');
    expect(lines[1]).toBe(
      'WARNING: Exiting before consuming the expected number of messages: timeout (300 ms) exceeded. You can use the --timeout option to increase the timeout.',
    );
    expect(lines[2]).toMatch(new RegExp(`^${DATE}, ${DATE}, 0\\.0000, 0\\.0000, 0, 0\\.0000, \\d+, -?\\d+, `));
  });
});

describe('kt producer-perf-test usage', () => {
  it('prints help on stdout: exit 0 without arguments, 1 with --help', async () => {
    const none = await kt(['producer-perf-test']);
    expect(none.code).toBe(0);
    expect(none.stdout.toString()).toMatch(/^usage: producer-performance \[-h\] --topic TOPIC /);
    const help = await kt(['producer-perf-test', '--help']);
    expect(help.code).toBe(1);
    expect(help.stdout.toString()).toBe(none.stdout.toString());
  });

  it('reports argument errors as producer-performance: error: on stderr, exit 1', async () => {
    const result = await kt(['producer-perf-test', '--topic', 't', '--num-records', '5', '--throughput', '-1', '--record-size', '10']);
    expect(result.code).toBe(1);
    expect(result.stdout.toString()).toBe('');
    expect(result.stderr).toMatch(/^usage: producer-performance .*\nproducer-performance: error: Either {2}--producer-props {2}or --producer\.config\nmust be specified\.\n$/s);
  });

  it('refuses a transactional.id without idempotence, as the Java producer does', async () => {
    const result = await kt(['producer-perf-test', '--topic', 't', '--num-records', '5', '--throughput', '-1', '--record-size', '10',
      '--producer-props', `bootstrap.servers=${broker.bootstrap}`, 'acks=1', '--transactional-id', 'x']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('Cannot set a transactional.id without also enabling idempotence.\n');
  });

  it('checks --transaction-duration-ms before anything else', async () => {
    const result = await kt(['producer-perf-test', '--topic', 't', '--num-records', '5', '--throughput', '-1', '--record-size', '10',
      '--producer-props', 'bootstrap.servers=127.0.0.1:1', '--transaction-duration-ms', '0']);
    expect(result.code).toBe(1);
    // argparse4j wraps and justifies the message at 75 columns.
    expect(result.stderr.replace(/\s+/gu, ' ')).toMatch(/producer-performance: error: --transaction-duration-ms should be greater than zero $/u);
  });
});

describe('kt e2e-latency', () => {
  it('measures 2000 round trips, creating the topic', async () => {
    const result = await kt(['e2e-latency', broker.bootstrap, 'latency', '2000', 'all', '64'], { timeoutMs: 15_000 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.toString().split('\n');
    expect(lines[0]).toBe('Topic "latency" does not exist. Will create topic with 1 partition(s) and replication factor = 1');
    expect(lines[1]).toMatch(/^0\t\d+\.\d+(E-?\d+)?$/);
    expect(lines[2]).toMatch(/^1000\t\d+\.\d+(E-?\d+)?$/);
    expect(lines[3]).toMatch(/^Avg latency: \d+\.\d{4} ms$/);
    expect(lines[4]).toMatch(/^Percentiles: 50th = \d+, 99th = \d+, 99\.9th = \d+$/);
    expect(lines.slice(5)).toEqual(['']);
    expect(await endOffsets('latency')).toEqual([2000]);
  });

  it('prints the USAGE line for a wrong argument count and refuses acks other than 1/all', async () => {
    const usage = await kt(['e2e-latency', 'a', 'b']);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toBe(
      'USAGE: java org.apache.kafka.tools.EndToEndLatency broker_list topic num_messages producer_acks message_size_bytes [optional] properties_file\n',
    );
    const acks = await kt(['e2e-latency', broker.bootstrap, 't', '10', '0', '10']);
    expect(acks.code).toBe(1);
    expect(acks.stderr).toBe('Latency testing requires synchronous acknowledgement. Please use 1 or all\n');
  });
});
