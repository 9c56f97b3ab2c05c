// Broker start-up and memory: start to ready on an empty data dir (and idle RSS), with 10,000
// partitions (and a full Metadata request), and after kill -9 with a large log (and the peak RSS
// while that log was written).
import { statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ApiKey } from '../src/protocol/api.js';
import { type BrokerProcess, freshDataDir, removeDir, startBroker } from './lib/broker.js';
import type { BenchContext } from './lib/context.js';
import { createTopics, KafkaConnection } from './lib/kafka-connection.js';
import { kcatProduce } from './lib/kcat.js';
import { run } from './lib/processes.js';
import { MB, median } from './lib/stats.js';
import { BATCH_SIZE } from './produce.js';

const GB = 1024 * MB;

async function withDataDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = freshDataDir();
  try {
    return await body(dir);
  } finally {
    removeDir(dir);
  }
}

export async function startEmpty(ctx: BenchContext): Promise<void> {
  const runs = ctx.quick ? 3 : 9;
  const times: number[] = [];
  const nodeTimes: number[] = [];
  let idleRss = 0;
  await run(process.execPath, ['-e', '0'], { timeoutMs: 60_000 }); // warm the page cache for node itself
  for (let i = 0; i < runs; i++) {
    // `node -e 0` right beside each start, so both medians see the same machine load.
    nodeTimes.push((await run(process.execPath, ['-e', '0'], { timeoutMs: 60_000 })).ms);
    await withDataDir(async (dir) => {
      const broker = await startBroker(dir);
      try {
        times.push(broker.readyMs);
        if (i === runs - 1) {
          await new Promise((resolve) => setTimeout(resolve, 2000)); // let start-up garbage settle
          idleRss = broker.rss();
        }
      } finally {
        await broker.stop();
      }
    });
  }
  const limit = { name: 'node -e 0', value: median(nodeTimes), unit: 'ms' };
  ctx.add({ figure: 'broker start to ready, empty data dir', value: median(times), unit: 'ms', limit, target: { on: 'ratio', op: '<=', threshold: 2 }, note: `median of ${runs}, spawn to ready line` });
  ctx.add({ figure: 'broker idle RSS', value: idleRss / MB, unit: 'MB', target: { on: 'value', op: '<=', threshold: 80 }, note: '2 s after ready, no clients' });
}

const RESTARTS = 3;

/** 1,000 topics x 10 partitions (full mode), a timed full Metadata request, then restarts. */
export async function manyPartitions(ctx: BenchContext): Promise<void> {
  const topicCount = ctx.scale(1000, 20);
  const partitions = 10;
  const total = topicCount * partitions;
  const applies = total === 10_000;
  await withDataDir(async (dir) => {
    let broker: BrokerProcess = await startBroker(dir);
    try {
      const names = Array.from({ length: topicCount }, (_, i) => `many-${String(i).padStart(4, '0')}`);
      const createStart = performance.now();
      await createTopics(broker.bootstrap, names, partitions);
      const createMs = performance.now() - createStart;
      const metadataMs = await timeFullMetadata(broker.bootstrap, total, ctx.quick ? 3 : 5);
      ctx.add({
        figure: `full Metadata request, ${total.toLocaleString('en-US')} partitions`,
        value: metadataMs,
        unit: 'ms',
        note: `median; CreateTopics of ${topicCount} topics took ${Math.round(createMs)} ms`,
      });
      // Median of three restarts, as the empty start-up is a median: one restart alone moved
      // by ±20% with the machine's background load.
      const restarts: number[] = [];
      for (let i = 0; i < RESTARTS; i++) {
        await broker.stop();
        broker = await startBroker(dir);
        restarts.push(broker.readyMs);
      }
      ctx.add({
        figure: `broker restart to ready, ${total.toLocaleString('en-US')} partitions`,
        value: median(restarts),
        unit: 'ms',
        target: { on: 'value', op: '<=', threshold: 1000, applies },
        note: `after a clean shutdown; median of ${RESTARTS} (${restarts.map((ms) => Math.round(ms)).join(', ')} ms)`,
      });
    } finally {
      await broker.stop();
    }
  });
}

async function timeFullMetadata(bootstrap: string, expectedPartitions: number, runs: number): Promise<number> {
  const conn = await KafkaConnection.open(bootstrap);
  try {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const res = await conn.request(ApiKey.Metadata, 12, { topics: null, allowAutoTopicCreation: false });
      times.push(performance.now() - start);
      const got = res.topics.reduce((n, t) => n + t.partitions.length, 0);
      if (got < expectedPartitions) throw new Error(`Metadata listed ${got} partitions, expected ${expectedPartitions}`);
    }
    return median(times);
  } finally {
    conn.close();
  }
}

/** How much log the kill -9 scenario writes: 5 GB in full mode when the disk has room. */
function bigLogBytes(ctx: BenchContext): number {
  if (ctx.quick) return 100 * MB;
  const { bavail, bsize } = statfsSync(tmpdir());
  const free = bavail * bsize;
  return free > 12 * GB ? 5 * GB : Math.max(256 * MB, Math.floor((free - 4 * GB) / 2));
}

/** Writes a large log with kcat while sampling the broker's RSS, then kill -9 and restart. */
export async function bigLogRestart(ctx: BenchContext): Promise<void> {
  const target = bigLogBytes(ctx);
  const applies = target >= 5 * GB;
  const size = 1024;
  const file = ctx.payloadFile(size);
  const perRun = ctx.recordCount(size) * size;
  const runs = Math.max(1, Math.round(target / perRun));
  await withDataDir(async (dir) => {
    let broker: BrokerProcess = await startBroker(dir);
    try {
      const topic = 'big-log-1024b-8p';
      await createTopics(broker.bootstrap, [topic], 8);
      const writer = broker;
      let peakRss = writer.rss();
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, writer.rss());
      }, 100);
      const start = performance.now();
      try {
        for (let i = 0; i < runs; i++) await kcatProduce(broker.bootstrap, topic, file, { acks: 1, compression: 'none', batchSize: BATCH_SIZE }, 300_000);
      } finally {
        clearInterval(sampler);
      }
      const written = runs * perRun;
      const writeS = (performance.now() - start) / 1000;
      const gbText = `${(written / GB).toFixed(2)} GB`;
      ctx.add({
        figure: `broker peak RSS while writing ${gbText}`,
        value: peakRss / MB,
        unit: 'MB',
        target: { on: 'value', op: '<=', threshold: 300, applies },
        note: `VmRSS every 100 ms; ${runs} kcat runs, ${(written / MB / writeS).toFixed(0)} MB/s`,
      });
      await broker.kill9();
      broker = await startBroker(dir);
      ctx.add({
        figure: `broker restart to ready after kill -9, ${gbText} of log`,
        value: broker.readyMs,
        unit: 'ms',
        target: { on: 'value', op: '<=', threshold: 1000, applies },
      });
    } finally {
      await broker.stop();
    }
  });
}
