// Scenario 6: a fetch of cold data while a group member heartbeats. The log reads with
// synchronous preads on the event loop, so a fetch that misses the page cache stalls every other
// connection for as long as the disk takes. A topic is filled, its files are dropped from the page
// cache (page-cache.ts: this topic's files only), and a member heartbeats every `heartbeatEveryMs`
// while another connection reads the whole topic from offset 0. Heartbeat round trips during the
// read (max, p99) are compared with the session timeout: reaching it would expel the member.
import { ApiKey } from '../../src/protocol/api.js';
import { withBroker } from '../lib/broker.js';
import { createTopics, KafkaConnection } from '../lib/kafka-connection.js';
import { percentile } from '../lib/stats.js';
import { fillTopic } from './lib/fill.js';
import type { Figures } from './lib/figures.js';
import { HeartbeatingMember } from './lib/heartbeating-member.js';
import { evictFromPageCache, residentBytes, topicFiles } from './lib/page-cache.js';
import { listOffset } from './lib/partition-reader.js';

export interface ColdFetchPhase {
  name: string;
  /** Per partition and per request, as a consumer's max.partition.fetch.bytes and fetch.max.bytes. */
  partitionMaxBytes: number;
  maxBytes: number;
}

export interface ColdFetchOptions {
  fillBytes: number;
  partitions: number;
  sessionTimeoutMs: number;
  heartbeatEveryMs: number;
  phases: ColdFetchPhase[];
}

export interface ColdPhaseResult {
  phase: ColdFetchPhase;
  /** Bytes of the topic's files in the page cache when the read started (-1: unknown). */
  residentAtStart: number;
  bytesRead: number;
  seconds: number;
  heartbeats: number;
  heartbeatErrors: number;
  maxMs: number;
  p99Ms: number;
  /** Longest single fetch round trip. */
  maxFetchMs: number;
}

export interface ColdFetchResult {
  topicBytes: number;
  sessionTimeoutMs: number;
  memberFailure: string | null;
  phases: ColdPhaseResult[];
}

const TOPIC = 'cold';
const GROUP = 'cold-heartbeats';

async function readTopic(bootstrap: string, partitions: number, phase: ColdFetchPhase): Promise<{ bytes: number; maxFetchMs: number }> {
  const conn = await KafkaConnection.open(bootstrap);
  try {
    const offsets: number[] = [];
    const ends: number[] = [];
    for (let p = 0; p < partitions; p++) {
      offsets.push(0);
      ends.push(await listOffset(conn, TOPIC, p, -1n));
    }
    let bytes = 0;
    let maxFetchMs = 0;
    // Bounded: every answer moves at least one partition forward, or the read stops.
    for (let i = 0; i < 1_000_000 && offsets.some((o, p) => o < ends[p]!); i++) {
      const wanted = offsets.map((o, p) => ({ partition: p, fetchOffset: BigInt(o), partitionMaxBytes: phase.partitionMaxBytes })).filter((x, p) => offsets[p]! < ends[p]!);
      const t0 = performance.now();
      const res = await conn.request(ApiKey.Fetch, 12, { replicaId: -1, maxWaitMs: 0, minBytes: 1, maxBytes: phase.maxBytes, topics: [{ topic: TOPIC, partitions: wanted }] });
      maxFetchMs = Math.max(maxFetchMs, performance.now() - t0);
      let moved = false;
      for (const p of res.responses[0]?.partitions ?? []) {
        if (p.errorCode !== 0) throw new Error(`fetch ${TOPIC}-${p.partitionIndex}: error ${p.errorCode}`);
        const records = p.records ?? Buffer.alloc(0);
        bytes += records.length;
        // Walk batch headers only: base offset (int64 at 0), batch length (int32 at 8), last offset delta (int32 at 23).
        for (let pos = 0; pos + 61 <= records.length; ) {
          const size = records.readInt32BE(pos + 8) + 12;
          if (pos + size > records.length) break;
          const last = Number(records.readBigInt64BE(pos)) + records.readInt32BE(pos + 23);
          if (last + 1 > offsets[p.partitionIndex]!) {
            offsets[p.partitionIndex] = last + 1;
            moved = true;
          }
          pos += size;
        }
      }
      if (!moved) throw new Error(`fetch made no progress at offsets ${offsets.join(',')}`);
    }
    return { bytes, maxFetchMs };
  } finally {
    conn.close();
  }
}

export async function runColdFetch(opts: ColdFetchOptions): Promise<ColdFetchResult> {
  return withBroker(async (broker) => {
    await createTopics(broker.bootstrap, [TOPIC], opts.partitions);
    await fillTopic(broker.bootstrap, TOPIC, opts.partitions, opts.fillBytes);
    const member = await HeartbeatingMember.join(broker.bootstrap, GROUP, opts.sessionTimeoutMs);
    member.start(opts.heartbeatEveryMs);
    const result: ColdFetchResult = { topicBytes: opts.fillBytes, sessionTimeoutMs: opts.sessionTimeoutMs, memberFailure: null, phases: [] };
    try {
      for (const phase of opts.phases) {
        const files = topicFiles(broker.dataDir, TOPIC);
        evictFromPageCache(files);
        const residentAtStart = residentBytes(files);
        await new Promise((r) => setTimeout(r, 500));
        const start = performance.now();
        const read = await readTopic(broker.bootstrap, opts.partitions, phase);
        const end = performance.now();
        const during = member.samples.filter((s) => s.at >= start && s.at <= end);
        const ms = during.map((s) => s.ms);
        result.phases.push({
          phase,
          residentAtStart,
          bytesRead: read.bytes,
          seconds: (end - start) / 1000,
          heartbeats: during.length,
          heartbeatErrors: during.filter((s) => s.errorCode !== 0).length,
          maxMs: Math.max(0, ...ms),
          p99Ms: percentile(ms, 99),
          maxFetchMs: read.maxFetchMs,
        });
      }
    } finally {
      result.memberFailure = member.failure;
      await member.leave();
    }
    return result;
  });
}

export function coldFetchFigures(figs: Figures, r: ColdFetchResult): void {
  const s = 'cold fetch + heartbeats';
  figs.exact(s, 'heartbeat errors (member expelled, connection lost)', (r.memberFailure ? 1 : 0) + r.phases.reduce((n, p) => n + p.heartbeatErrors, 0), 0, '', r.memberFailure ?? undefined);
  for (const p of r.phases) {
    const mb = (x: number) => Math.round(x / 2 ** 20);
    const context = `${mb(p.bytesRead)} MB read in ${p.seconds.toFixed(1)} s (${(p.bytesRead / 2 ** 20 / p.seconds).toFixed(0)} MB/s), ${mb(p.residentAtStart)} MB of the topic cached at the start; ${p.heartbeats} heartbeats; slowest fetch ${Math.round(p.maxFetchMs)} ms`;
    figs.below(s, `heartbeat round trip max, ${p.phase.name}`, p.maxMs, r.sessionTimeoutMs, 'ms', 'session.timeout.ms', context);
    figs.info(s, `heartbeat round trip p99, ${p.phase.name}`, p.p99Ms, 'ms');
  }
}
