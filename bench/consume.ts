// Consume throughput with kcat: catch-up (read a filled topic from the beginning to its end)
// against the loopback limit, and tail-follow (a consumer started before the producer).
import type { BrokerProcess } from './lib/broker.js';
import type { BenchContext } from './lib/context.js';
import { createTopics } from './lib/kafka-connection.js';
import { kcatConsume, kcatProduce } from './lib/kcat.js';
import { measureBusy } from './lib/processes.js';
import { mbPerSec } from './lib/stats.js';
import { BATCH_SIZE, matrixTopic } from './produce.js';

const TIMEOUT_MS = 300_000;

/** Reads the 1 KB / 8 partitions / acks=1 / none topic the produce matrix filled. */
export async function consumeCatchUp(ctx: BenchContext, broker: BrokerProcess): Promise<void> {
  const size = 1024;
  const count = ctx.recordCount(size);
  const topic = matrixTopic(size, 8, 1, 'none');
  const { result: r, busy } = await measureBusy(broker.pid, () => kcatConsume(broker.bootstrap, topic, count, 'catch-up', TIMEOUT_MS).done);
  const loopback = ctx.limits.loopbackMbPerSec;
  ctx.add({
    figure: 'consume catch-up kcat 1 KB, 8 partitions',
    value: mbPerSec(count * size, r.totalMs),
    unit: 'MB/s',
    limit: loopback === undefined ? undefined : { name: 'loopback', value: loopback, unit: 'MB/s' },
    target: { on: 'ratio', op: '>=', threshold: 0.5 },
    note: `${count.toLocaleString('en-US')} records, spawn to exit; broker CPU ${(busy * 100).toFixed(0)}% of one core`,
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
