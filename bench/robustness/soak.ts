// Scenario 4: soak. Many connections at once for a while, half producers (acks=1, a small batch
// every `produceEveryMs`), half consumers (long-polling Fetch of one partition from its end,
// checking that offsets are dense); the broker's RSS is sampled throughout. Every request must
// succeed; the RSS slope after the warm-up (MB/min) tells whether memory is bounded.
import { ApiKey } from '../../src/protocol/api.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../src/protocol/records/record-batch.js';
import { withBroker } from '../lib/broker.js';
import { createTopics, KafkaConnection } from '../lib/kafka-connection.js';
import type { Figures } from './lib/figures.js';
import { listOffset } from './lib/partition-reader.js';
import { describeSamples, RssSampler, slopeMbPerMin, type RssSample } from './lib/rss.js';

export interface SoakOptions {
  connections: number;
  durationMs: number;
  /** Samples before this are the warm-up, left out of the slope. */
  warmupMs: number;
  produceEveryMs: number;
  partitions: number;
  sampleEveryMs: number;
}

export interface SoakResult {
  connections: number;
  seconds: number;
  produceRequests: number;
  fetchRequests: number;
  recordsConsumed: number;
  errors: number;
  firstErrors: string[];
  samples: RssSample[];
  slopeMbPerMin: number;
  baselineBytes: number;
  peakBytes: number;
}

const TOPIC = 'soak';

export async function runSoak(opts: SoakOptions): Promise<SoakResult> {
  return withBroker(async (broker) => {
    await createTopics(broker.bootstrap, [TOPIC], opts.partitions);
    const result: SoakResult = { connections: 0, seconds: 0, produceRequests: 0, fetchRequests: 0, recordsConsumed: 0, errors: 0, firstErrors: [], samples: [], slopeMbPerMin: 0, baselineBytes: broker.rss(), peakBytes: 0 };
    const fail = (what: string, err: unknown) => {
      result.errors++;
      if (result.firstErrors.length < 5) result.firstErrors.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
    };
    const conns: KafkaConnection[] = [];
    for (let i = 0; i < opts.connections; i++) conns.push(await KafkaConnection.open(broker.bootstrap));
    result.connections = conns.length;
    const sampler = new RssSampler(broker.pid, opts.sampleEveryMs);
    const t0 = performance.now();
    const deadline = t0 + opts.durationMs;
    const payload = Buffer.alloc(100, 0x61);

    const producer = async (conn: KafkaConnection, i: number) => {
      const partition = Math.floor(i / 2) % opts.partitions;
      // Spread the producers' phases over one interval.
      await new Promise((r) => setTimeout(r, (i * opts.produceEveryMs) / opts.connections));
      while (performance.now() < deadline) {
        const records = encodeRecordBatch({ records: Array.from({ length: 5 }, () => ({ timestamp: Date.now(), key: null, value: payload })) });
        try {
          const res = await conn.request(ApiKey.Produce, 9, { acks: 1, timeoutMs: 30_000, topicData: [{ name: TOPIC, partitionData: [{ index: partition, records }] }] });
          const code = res.responses[0]?.partitionResponses[0]?.errorCode;
          if (code !== 0) fail('produce', `error ${code}`);
        } catch (err) {
          return fail('produce', err);
        }
        result.produceRequests++;
        await new Promise((r) => setTimeout(r, opts.produceEveryMs));
      }
    };

    const consumer = async (conn: KafkaConnection, i: number) => {
      const partition = Math.floor(i / 2) % opts.partitions;
      try {
        let offset = await listOffset(conn, TOPIC, partition, -1n);
        while (performance.now() < deadline) {
          const res = await conn.request(ApiKey.Fetch, 12, {
            replicaId: -1,
            maxWaitMs: 500,
            minBytes: 1,
            maxBytes: 1 << 20,
            topics: [{ topic: TOPIC, partitions: [{ partition, fetchOffset: BigInt(offset), partitionMaxBytes: 1 << 20 }] }],
          });
          result.fetchRequests++;
          const p = res.responses[0]?.partitions[0];
          if (!p || p.errorCode !== 0) {
            fail('fetch', `error ${p?.errorCode}`);
            continue;
          }
          for (const b of decodeRecordBatches(p.records ?? Buffer.alloc(0))) {
            for (const r of b.records) {
              if (r.offset < offset) continue;
              if (r.offset !== offset) fail('fetch', `offset ${r.offset} after ${offset - 1}`);
              offset = r.offset + 1;
              result.recordsConsumed++;
            }
          }
        }
      } catch (err) {
        fail('fetch', err);
      }
    };

    await Promise.all(conns.map((c, i) => (i % 2 === 0 ? producer(c, i) : consumer(c, i))));
    result.seconds = (performance.now() - t0) / 1000;
    result.samples = sampler.stop();
    for (const c of conns) c.close();
    result.peakBytes = Math.max(...result.samples.map((s) => s.bytes));
    result.slopeMbPerMin = slopeMbPerMin(result.samples.filter((s) => s.t >= opts.warmupMs));
    return result;
  });
}

/** A leak of this many bytes per request would show as this slope (for the note). */
function bytesPerRequestAt(slopeMbPerMin: number, requestsPerSec: number): number {
  return (slopeMbPerMin * 2 ** 20) / 60 / Math.max(1, requestsPerSec);
}

/** `slopeLimitMbPerMin` null: the run is too short for a trend, the slope is shown only. */
export function soakFigures(figs: Figures, r: SoakResult, slopeLimitMbPerMin: number | null): void {
  const s = 'soak';
  const rate = (r.produceRequests + r.fetchRequests) / r.seconds;
  figs.info(s, 'connections open at once', r.connections, '', `half producers (acks=1), half long-polling consumers, ${Math.round(r.seconds)} s`);
  figs.info(s, 'requests answered', r.produceRequests + r.fetchRequests, '', `${r.produceRequests} produce, ${r.fetchRequests} fetch (${Math.round(rate)}/s), ${r.recordsConsumed} records consumed`);
  figs.exact(s, 'errors (error codes, closed connections, gaps)', r.errors, 0, '', r.firstErrors[0]);
  figs.info(s, 'broker RSS at the start / peak', r.peakBytes / 2 ** 20, 'MB', `start ${Math.round(r.baselineBytes / 2 ** 20)} MB; samples ${describeSamples(r.samples)}`);
  if (slopeLimitMbPerMin === null) figs.info(s, 'broker RSS slope after the warm-up', r.slopeMbPerMin, 'MB/min', 'not judged: too short a run for a trend');
  else figs.below(s, 'broker RSS slope after the warm-up', r.slopeMbPerMin, slopeLimitMbPerMin, 'MB/min', 'flat', `a steady leak of ${bytesPerRequestAt(slopeLimitMbPerMin, rate).toFixed(0)} bytes per request at this rate would reach the limit`);
}
