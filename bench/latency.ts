// End-to-end latency at a fixed rate: a Node client on kt's own protocol layer produces 1 KB
// records (acks=1) at `rate` msg/s, each carrying its send time (performance.now(), float64 at
// the start of the value), while a long-polling fetch loop on a second connection computes
// receive - send for every record. Both run in this process, so they share one clock; the
// client's own event-loop delays are part of the figure, which can only make it look worse.
import { ApiKey } from '../src/protocol/api.js';
import { decodeRecordBatches, encodeRecordBatch, type KafkaRecord } from '../src/protocol/records/record-batch.js';
import type { BrokerProcess } from './lib/broker.js';
import type { BenchContext } from './lib/context.js';
import { createTopics, KafkaConnection } from './lib/kafka-connection.js';
import { percentile } from './lib/stats.js';

const PRODUCE_VERSION = 9;
const FETCH_VERSION = 12; // the last version that names topics (13+ use topic ids)
const RECORD_SIZE = 1024;

export interface LatencyResult {
  sent: number;
  measured: number;
  p50: number;
  p99: number;
  p999: number;
}

export async function measureLatency(bootstrap: string, topic: string, rate: number, durationMs: number, warmupMs: number): Promise<LatencyResult> {
  const producer = await KafkaConnection.open(bootstrap);
  const fetcher = await KafkaConnection.open(bootstrap);
  const latencies: number[] = [];
  let sent = 0;
  let received = 0;
  let producing = true;
  let failure: Error | undefined;
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const template = Buffer.alloc(RECORD_SIZE, 0x6c);

  const fetchLoop = (async () => {
    let offset = 0n;
    const deadline = start + durationMs + 30_000;
    while ((producing || received < sent) && performance.now() < deadline && !failure) {
      const res = await fetcher.request(ApiKey.Fetch, FETCH_VERSION, {
        replicaId: -1,
        maxWaitMs: 500,
        minBytes: 1,
        maxBytes: 8 * 1024 * 1024,
        topics: [{ topic, partitions: [{ partition: 0, fetchOffset: offset, partitionMaxBytes: 8 * 1024 * 1024 }] }],
      });
      const now = performance.now();
      const part = res.responses[0]?.partitions[0];
      if (!part || part.errorCode !== 0) throw new Error(`fetch error ${part?.errorCode}`);
      if (!part.records || part.records.length === 0) continue;
      for (const batch of decodeRecordBatches(part.records, { verifyCrc: false })) {
        for (const record of batch.records) {
          if (record.offset < Number(offset)) continue; // a batch can start before the fetch offset
          const sentAt = record.value!.readDoubleLE(0);
          if (sentAt >= measureFrom) latencies.push(now - sentAt);
          received++;
        }
        offset = BigInt(batch.lastOffset + 1);
      }
    }
  })().catch((err: Error) => void (failure = err));

  // Pacing: every millisecond tick sends the records that became due, as one batch (what a
  // client with linger.ms=0 does under this load); pipelined, acks=1.
  const inFlight = new Set<Promise<void>>();
  while (performance.now() - start < durationMs && !failure) {
    const due = Math.floor(((performance.now() - start) * rate) / 1000) - sent;
    if (due > 0) {
      const now = performance.now();
      const records: KafkaRecord[] = new Array(due);
      for (let i = 0; i < due; i++) {
        const value = Buffer.from(template);
        value.writeDoubleLE(now, 0);
        records[i] = { timestamp: Date.now(), key: null, value };
      }
      sent += due;
      const batch = encodeRecordBatch({ records });
      const p = producer
        .request(ApiKey.Produce, PRODUCE_VERSION, { acks: 1, timeoutMs: 30_000, topicData: [{ name: topic, partitionData: [{ index: 0, records: batch }] }] })
        .then((res) => {
          const code = res.responses[0]?.partitionResponses[0]?.errorCode;
          if (code !== 0) failure = new Error(`produce error ${code}`);
        })
        .catch((err: Error) => void (failure = err))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  producing = false;
  await Promise.all(inFlight);
  await fetchLoop;
  producer.close();
  fetcher.close();
  if (failure) throw failure;
  if (received !== sent) throw new Error(`latency: received ${received} of ${sent} records`);
  return { sent, measured: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), p999: percentile(latencies, 99.9) };
}

export async function e2eLatency(ctx: BenchContext, broker: BrokerProcess): Promise<void> {
  const topic = 'e2e-latency-1024b';
  await createTopics(broker.bootstrap, [topic], 1);
  const rate = 10_000;
  const durationMs = ctx.quick ? 3_000 : 20_000;
  const warmupMs = ctx.quick ? 500 : 2_000;
  const r = await measureLatency(broker.bootstrap, topic, rate, durationMs, warmupMs);
  const note = `${r.measured.toLocaleString('en-US')} records measured after ${warmupMs} ms warm-up, ${durationMs / 1000} s at ${rate.toLocaleString('en-US')} msg/s`;
  ctx.add({ figure: 'e2e latency p50, 10,000 msg/s 1 KB acks=1 (bench client)', value: r.p50, unit: 'ms', note });
  ctx.add({ figure: 'e2e latency p99, 10,000 msg/s 1 KB acks=1 (bench client)', value: r.p99, unit: 'ms', target: { on: 'value', op: '<=', threshold: 5 }, note });
  ctx.add({ figure: 'e2e latency p99.9, 10,000 msg/s 1 KB acks=1 (bench client)', value: r.p999, unit: 'ms', note });
}
