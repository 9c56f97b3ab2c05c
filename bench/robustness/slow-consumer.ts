// Scenario 5: a slow consumer. A topic is filled, then a client sends Fetch requests for lots of
// data (fetch.max.bytes each) and never reads its socket, while a bystander keeps producing and
// fetching on another connection. The broker's RSS is sampled: its peak over the baseline is the
// memory one such client can pin. Two ways to send: a burst (many requests in one write, so they
// arrive in the same TCP read), and steady (one request every few milliseconds).
import { connect, type Socket } from 'node:net';
import { ApiKey, encodeRequest } from '../../src/protocol/api.js';
import { withBroker, type BrokerProcess } from '../lib/broker.js';
import { createTopics } from '../lib/kafka-connection.js';
import { Bystander, type BystanderResult } from './lib/bystander.js';
import type { Figures } from './lib/figures.js';
import { fillTopic } from './lib/fill.js';
import { RssSampler } from './lib/rss.js';

export interface SlowConsumerOptions {
  /** Bytes of records in the topic the slow client fetches. */
  fillBytes: number;
  /** Requests in the burst. */
  burstRequests: number;
  /** How long each mode runs (the RSS is watched), ms. */
  durationMs: number;
  /** Steady mode: one request this often. */
  steadyEveryMs: number;
}

export interface SlowModeResult {
  mode: 'burst' | 'steady';
  requestsSent: number;
  baselineBytes: number;
  peakBytes: number;
  /** RSS 2 s after the slow client went away. */
  afterBytes: number;
  brokerAlive: boolean;
  bystander: BystanderResult;
}

export interface SlowConsumerResult {
  fetchMaxBytes: number;
  modes: SlowModeResult[];
}

const TOPIC = 'slow';
const FETCH_MAX_BYTES = 50 * 1024 * 1024; // Kafka's fetch.max.bytes default (52428800)
const BYSTANDER_TOPIC = 'slow-bystander';

function fetchFrame(correlationId: number): Buffer {
  return Buffer.concat(
    encodeRequest(ApiKey.Fetch, 12, correlationId, 'slow-consumer', {
      replicaId: -1,
      maxWaitMs: 0,
      minBytes: 1,
      maxBytes: FETCH_MAX_BYTES,
      topics: [{ topic: TOPIC, partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: FETCH_MAX_BYTES }] }],
    }),
  );
}

function openPaused(bootstrap: string): Promise<Socket> {
  const i = bootstrap.lastIndexOf(':');
  return new Promise((resolve, reject) => {
    const s = connect({ host: bootstrap.slice(0, i), port: Number(bootstrap.slice(i + 1)) }, () => {
      s.pause(); // never read: the broker's writes back up into its own memory
      resolve(s);
    });
    s.once('error', reject);
  });
}

async function runMode(broker: BrokerProcess, mode: 'burst' | 'steady', opts: SlowConsumerOptions): Promise<SlowModeResult> {
  await new Promise((r) => setTimeout(r, 1000));
  const baselineBytes = broker.rss();
  const bystander = await Bystander.start(broker.bootstrap, BYSTANDER_TOPIC, 50);
  const sampler = new RssSampler(broker.pid, 100);
  const slow = await openPaused(broker.bootstrap);
  slow.on('error', () => {});
  let sent = 0;
  if (mode === 'burst') {
    slow.write(Buffer.concat(Array.from({ length: opts.burstRequests }, (_, i) => fetchFrame(i + 1))));
    sent = opts.burstRequests;
    await new Promise((r) => setTimeout(r, opts.durationMs));
  } else {
    const end = performance.now() + opts.durationMs;
    while (performance.now() < end && broker.child.exitCode === null) {
      slow.write(fetchFrame(++sent));
      await new Promise((r) => setTimeout(r, opts.steadyEveryMs));
    }
  }
  const brokerAlive = broker.child.exitCode === null && broker.child.signalCode === null;
  const bystanderResult = await bystander.stop();
  slow.destroy();
  await new Promise((r) => setTimeout(r, 2000));
  sampler.stop();
  return { mode, requestsSent: sent, baselineBytes, peakBytes: sampler.peak(), afterBytes: broker.rss(), brokerAlive, bystander: bystanderResult };
}

export async function runSlowConsumer(opts: SlowConsumerOptions): Promise<SlowConsumerResult> {
  return withBroker(async (broker) => {
    await createTopics(broker.bootstrap, [TOPIC, BYSTANDER_TOPIC], 1);
    await fillTopic(broker.bootstrap, TOPIC, 1, opts.fillBytes);
    const modes: SlowModeResult[] = [];
    for (const mode of ['steady', 'burst'] as const) {
      modes.push(await runMode(broker, mode, opts));
      if (!modes.at(-1)!.brokerAlive) break;
    }
    return { fetchMaxBytes: FETCH_MAX_BYTES, modes };
  });
}

/** The bound the connection's back-pressure aims at: 64 MB of buffered writes plus one response. */
export const SLOW_CONSUMER_BOUND_BYTES = 64 * 2 ** 20 + FETCH_MAX_BYTES;

export function slowConsumerFigures(figs: Figures, r: SlowConsumerResult, fillBytes: number): void {
  const s = 'slow consumer';
  for (const m of r.modes) {
    const over = (m.peakBytes - m.baselineBytes) / 2 ** 20;
    const how = m.mode === 'burst' ? `${m.requestsSent} Fetch requests in one write` : `one Fetch request every few ms, ${m.requestsSent} sent`;
    figs.below(s, `peak broker RSS over baseline, ${m.mode}`, over, SLOW_CONSUMER_BOUND_BYTES / 2 ** 20, 'MB', '64 MB buffered writes + one fetch.max.bytes response', `${how}, each for up to ${Math.round(r.fetchMaxBytes / 2 ** 20)} MB of a ${Math.round(fillBytes / 2 ** 20)} MB topic; baseline ${Math.round(m.baselineBytes / 2 ** 20)} MB, ${Math.round(m.afterBytes / 2 ** 20)} MB 2 s after the client left`);
    figs.exact(s, `broker crashed, ${m.mode}`, m.brokerAlive ? 0 : 1, 0);
    figs.exact(s, `bystander errors, ${m.mode}`, m.bystander.errors.length, 0, '', m.bystander.errors[0] ?? `${m.bystander.roundTrips} round trips, slowest ${Math.round(m.bystander.maxMs)} ms`);
  }
}
