// Consume throughput with kcat: catch-up (read a filled topic from the beginning to its end)
// against the loopback limit, and tail-follow (a consumer started before the producer).
import type { BrokerProcess } from './lib/broker.js';
import type { BenchContext } from './lib/context.js';
import { createTopics } from './lib/kafka-connection.js';
import { kcatConsume, kcatProduce } from './lib/kcat.js';
import { measureBusy } from './lib/processes.js';
import { cpuSecondsPerGb, mbPerSec } from './lib/stats.js';
import { BATCH_SIZE, TARGET_RUNS, medianRun } from './produce.js';

const TIMEOUT_MS = 300_000;

/**
 * Produce runs that fill the catch-up topic (1 GB in full mode): kcat's start-up and metadata
 * round trips cost a fixed 0.1-0.2 s, which alone moved a 256 MB read between 0.4 and 0.7 of
 * the loopback limit from run to run.
 */
export const CATCH_UP_FILLS = 4;
export const CATCH_UP_TOPIC = 'catch-up-1024b-8p';

/** Reads a 1 KB / 8-partition topic filled with CATCH_UP_FILLS produce runs, from the beginning. */
export async function consumeCatchUp(ctx: BenchContext, broker: BrokerProcess): Promise<void> {
  const size = 1024;
  const topic = CATCH_UP_TOPIC;
  await createTopics(broker.bootstrap, [topic], 8);
  for (let i = 0; i < CATCH_UP_FILLS; i++) {
    await kcatProduce(broker.bootstrap, topic, ctx.payloadFile(size), { acks: 1, compression: 'none', batchSize: BATCH_SIZE }, TIMEOUT_MS);
  }
  const count = CATCH_UP_FILLS * ctx.recordCount(size);
  // Judged on the median of three reads of the same topic (the page cache holds it after the fills).
  const runs: Array<{ ms: number; busy: number; cpuSeconds: number }> = [];
  for (let attempt = 0; attempt < TARGET_RUNS; attempt++) {
    const { result: r, busy, cpuSeconds } = await measureBusy(broker.pid, () => kcatConsume(broker.bootstrap, topic, count, 'catch-up', TIMEOUT_MS).done);
    runs.push({ ms: r.totalMs, busy, cpuSeconds });
  }
  const middle = medianRun(runs);
  const loopback = ctx.limits.loopbackMbPerSec;
  ctx.add({
    figure: 'consume catch-up kcat 1 KB, 8 partitions',
    value: mbPerSec(count * size, middle.ms),
    unit: 'MB/s',
    limit: loopback === undefined ? undefined : { name: 'loopback', value: loopback, unit: 'MB/s' },
    target: { on: 'ratio', op: '>=', threshold: 0.5 },
    note: `${count.toLocaleString('en-US')} records, spawn to exit, median of ${runs.length} reads; broker CPU ${(middle.busy * 100).toFixed(0)}% of one core`,
  });
  const ceiling = ctx.limits.kcatConsumeCeilingMbPerSec;
  if (ceiling !== undefined) {
    const ratios = runs.map((r) => mbPerSec(count * size, r.ms) / ceiling);
    ctx.add({
      figure: "consume catch-up kcat 1 KB, 8 partitions, against kcat's own ceiling",
      value: mbPerSec(count * size, middle.ms),
      unit: 'MB/s',
      limit: { name: 'kcat from a null broker', value: ceiling, unit: 'MB/s' },
      note: `median of ${runs.length} reads (ratios ${ratios.map((r) => r.toFixed(2)).join(', ')}); the share of what this client can read at all`,
    });
  }
  ctx.add({
    figure: 'broker CPU per GB served (consume catch-up kcat 1 KB, 8 partitions)',
    value: cpuSecondsPerGb(middle.cpuSeconds, count * size),
    unit: 'CPU s/GB',
    note: `the median read's broker CPU time (user + system) over the bytes it served; reads: ${runs.map((r) => cpuSecondsPerGb(r.cpuSeconds, count * size).toFixed(2)).join(', ')}`,
  });
}

/**
 * A kcat consumer on a new, empty topic, then a kcat producer: the rate at which records
 * reach the consumer (producer start to the last record received), beside the producer's own
 * rate (spawn to exit) in the same run. Measured from the producer's start because a consumer
 * that lags receives in bursts, which makes first-to-last meaningless.
 */
export async function consumeTailFollow(ctx: BenchContext, broker: BrokerProcess): Promise<void> {
  const size = 1024;
  const count = ctx.recordCount(size);
  const topic = 'tail-follow-1024b-8p';
  await createTopics(broker.bootstrap, [topic], 8);
  const consumer = kcatConsume(broker.bootstrap, topic, count, 'tail', TIMEOUT_MS);
  try {
    // kcat says nothing when its partitions are assigned; give it time to be really following.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const produceStart = performance.now();
    const produceMs = await kcatProduce(broker.bootstrap, topic, ctx.payloadFile(size), { acks: 1, compression: 'none', batchSize: BATCH_SIZE }, TIMEOUT_MS);
    const r = await consumer.done;
    const receiveMs = Math.max(1, r.lastAt - produceStart);
    ctx.add({
      figure: 'consume tail-follow kcat 1 KB, 8 partitions',
      value: mbPerSec(count * size, receiveMs),
      unit: 'MB/s',
      limit: { name: 'producer, same run', value: mbPerSec(count * size, produceMs), unit: 'MB/s' },
      note: 'producer start to last record received; bounded by the producer',
    });
  } finally {
    consumer.stop();
  }
}
