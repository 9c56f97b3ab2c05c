// kt's own perf tools (kt producer-perf-test, kt consumer-perf-test, kt e2e-latency), run when
// this build has them (see lib/kt-tools.ts), parsed from Kafka's output formats.
import type { BrokerProcess } from './lib/broker.js';
import { KT_BIN } from './lib/broker.js';
import type { BenchContext } from './lib/context.js';
import { RECORD_SIZES } from './lib/context.js';
import { createTopics } from './lib/kafka-connection.js';
import { parseConsumerPerfRow, parseE2eLatency, parseProducerPerfSummary } from './lib/kt-output.js';
import { kcatProduce } from './lib/kcat.js';
import { runOk } from './lib/processes.js';
import { CATCH_UP_FILLS, CATCH_UP_TOPIC } from './consume.js';
import { BATCH_SIZE, sizeLabel } from './produce.js';

const TIMEOUT_MS = 300_000;

export async function ktProducerPerfTest(ctx: BenchContext, broker: BrokerProcess): Promise<void> {
  if (!ctx.kt.producerPerfTest) {
    ctx.note('kt producer-perf-test rows skipped: the tool is not in this build (`kt producer-perf-test --help` failed)');
    return;
  }
  for (const size of RECORD_SIZES) {
    const count = ctx.recordCount(size);
    const topic = `kt-perf-${size}b-8p`;
    await createTopics(broker.bootstrap, [topic], 8);
    // kcat with the same configuration right before, on a twin topic: the broker's state (how
    // much it has written, how much the OS still has to write back) then is the same for both.
    const kcatTopic = `kt-perf-kcat-${size}b-8p`;
    await createTopics(broker.bootstrap, [kcatTopic], 8);
    const kcatMs = await kcatProduce(broker.bootstrap, kcatTopic, ctx.payloadFile(size), { acks: 1, compression: 'none', batchSize: BATCH_SIZE }, TIMEOUT_MS);
    const kcat = count / (kcatMs / 1000);
    const props = [`bootstrap.servers=${broker.bootstrap}`, 'acks=1', 'linger.ms=5', `batch.size=${BATCH_SIZE}`];
    const args = [KT_BIN, 'producer-perf-test', '--topic', topic, '--num-records', String(count), '--record-size', String(size), '--throughput', '-1', '--producer-props', ...props];
    const r = await runOk(process.execPath, args, { timeoutMs: TIMEOUT_MS });
    const summary = parseProducerPerfSummary(r.stdout);
    if (!summary) throw new Error(`kt producer-perf-test: no summary line in: ${r.stdout.slice(-500)}`);
    ctx.add({
      figure: `kt producer-perf-test ${sizeLabel(size)}, 8 partitions, acks=1`,
      value: summary.recordsPerSec,
      unit: 'records/s',
      limit: { name: 'kcat, same config, just before', value: kcat, unit: 'records/s' },
      target: { on: 'ratio', op: '>=', threshold: 1 },
      note: `${summary.mbPerSec} MB/s (tool's own summary)`,
    });
  }
}

export async function ktConsumerPerfTest(ctx: BenchContext, broker: BrokerProcess): Promise<void> {
  if (!ctx.kt.consumerPerfTest) {
    ctx.note('kt consumer-perf-test row skipped: the tool is not in this build (`kt consumer-perf-test --help` failed)');
    return;
  }
  // The topic the kcat catch-up read (it runs first), whole.
  const count = CATCH_UP_FILLS * ctx.recordCount(1024);
  const topic = CATCH_UP_TOPIC;
  const args = [KT_BIN, 'consumer-perf-test', '--bootstrap-server', broker.bootstrap, '--topic', topic, '--messages', String(count), '--timeout', '60000'];
  const r = await runOk(process.execPath, args, { timeoutMs: TIMEOUT_MS });
  const row = parseConsumerPerfRow(r.stdout);
  if (!row) throw new Error(`kt consumer-perf-test: no result row in: ${r.stdout.slice(-500)}`);
  const loopback = ctx.limits.loopbackMbPerSec;
  ctx.add({
    figure: 'consume catch-up kt consumer-perf-test 1 KB, 8 partitions',
    value: row.fetchMbPerSec,
    unit: 'MB/s',
    limit: loopback === undefined ? undefined : { name: 'loopback', value: loopback, unit: 'MB/s' },
    // The catch-up target is the broker's (judged on the kcat row); this row shows the tool.
    note: `the tool's fetch.MB.sec (${Math.round(row.fetchRecordsPerSec).toLocaleString('en-US')} records/s); MB.sec with the group join: ${row.mbPerSec}`,
  });
}

export async function ktE2eLatency(ctx: BenchContext, broker: BrokerProcess): Promise<void> {
  if (!ctx.kt.e2eLatency) {
    ctx.note('kt e2e-latency rows skipped: the tool is not in this build (`kt e2e-latency --help` failed)');
    return;
  }
  const topic = 'kt-e2e-latency';
  await createTopics(broker.bootstrap, [topic], 1);
  const count = ctx.scale(10_000, 500);
  const r = await runOk(process.execPath, [KT_BIN, 'e2e-latency', broker.bootstrap, topic, String(count), '1', '1024'], { timeoutMs: TIMEOUT_MS });
  const p = parseE2eLatency(r.stdout);
  if (!p) throw new Error(`kt e2e-latency: no percentiles in: ${r.stdout.slice(-500)}`);
  const note = `${count.toLocaleString('en-US')} messages, one at a time (Kafka's tool waits for each); whole ms, as Kafka prints them`;
  ctx.add({ figure: 'e2e latency p50, kt e2e-latency 1 KB acks=1', value: p.p50, unit: 'ms', note });
  ctx.add({ figure: 'e2e latency p99, kt e2e-latency 1 KB acks=1', value: p.p99, unit: 'ms', note });
  ctx.add({ figure: 'e2e latency p99.9, kt e2e-latency 1 KB acks=1', value: p.p999, unit: 'ms', note });
}
