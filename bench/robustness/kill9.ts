// Scenario 2: the kill -9 loop. Each cycle starts the broker on the same data dir
// (log.flush.interval.messages=1), produces with acks=all from a client that records every
// acknowledged (partition, offset, value), and kills the broker's process group with SIGKILL at a
// random moment mid-produce. After each restart every partition is read back through Fetch: every
// acknowledged record must be at its acknowledged offset with its value, offsets dense, no batch
// corrupt. After the last cycle the broker is stopped and every segment is walked.
import { freshDataDir, removeDir, startBroker, type BrokerProcess } from '../lib/broker.js';
import { createTopics, KafkaConnection } from '../lib/kafka-connection.js';
import { AckedProducer } from './lib/acked-producer.js';
import type { Figures } from './lib/figures.js';
import { readPartition } from './lib/partition-reader.js';
import { Rng } from './lib/rng.js';
import { verifyLogDir, type LogDirReport } from './lib/verify-log-dir.js';

export interface Kill9Options {
  cycles: number;
  seed: number;
  partitions: number;
  /** The kill comes this long after produce started: uniform in [min, max] ms. */
  killAfterMs: [number, number];
}

export interface Kill9Result {
  cycles: number;
  acknowledged: number;
  /** Acknowledged records missing, or at their offset with another value. */
  lost: number;
  /** Corrupt batches served, gaps, fetch errors (after any restart). */
  readProblems: string[];
  /** Records present that were never acknowledged (in flight at the kill): allowed. */
  unacknowledgedPresent: number;
  /** Restart to ready after kill -9, ms (max over cycles). */
  maxRestartMs: number;
  produceErrors: Map<number, number>;
  logDir: LogDirReport;
  dataDir: string | null;
}

const TOPIC = 'kill9';

export async function runKill9(opts: Kill9Options): Promise<Kill9Result> {
  const rng = new Rng(opts.seed);
  const dataDir = freshDataDir();
  const acked = new Map<number, Map<number, string>>();
  for (let p = 0; p < opts.partitions; p++) acked.set(p, new Map());
  const result: Kill9Result = { cycles: 0, acknowledged: 0, lost: 0, readProblems: [], unacknowledgedPresent: 0, maxRestartMs: 0, produceErrors: new Map(), logDir: verifyLogDir(dataDir), dataDir: null };
  const overrides = ['log.flush.interval.messages=1', 'log.segment.bytes=1048576', 'num.partitions=1'];
  let broker: BrokerProcess | undefined;
  try {
    for (let cycle = 1; cycle <= opts.cycles; cycle++) {
      broker = await startBroker(dataDir, overrides);
      if (cycle === 1) await createTopics(broker.bootstrap, [TOPIC], opts.partitions);
      else {
        result.maxRestartMs = Math.max(result.maxRestartMs, broker.readyMs);
        await check(broker.bootstrap, opts.partitions, acked, result);
      }
      const producer = await AckedProducer.start(broker.bootstrap, { topic: TOPIC, partitions: opts.partitions, inFlight: 4, recordsPerBatch: rng.int(1, 20), valuePrefix: `c${cycle}` });
      await new Promise((r) => setTimeout(r, rng.int(opts.killAfterMs[0], opts.killAfterMs[1])));
      await broker.kill9();
      broker = undefined;
      await producer.finished();
      for (const [p, offsets] of producer.acked) for (const [o, v] of offsets) acked.get(p)!.set(o, v);
      for (const [code, n] of producer.errorCodes) result.produceErrors.set(code, (result.produceErrors.get(code) ?? 0) + n);
      result.acknowledged += producer.ackedCount;
      result.cycles = cycle;
    }
    broker = await startBroker(dataDir, overrides);
    result.maxRestartMs = Math.max(result.maxRestartMs, broker.readyMs);
    result.lost = 0;
    result.unacknowledgedPresent = 0;
    await check(broker.bootstrap, opts.partitions, acked, result, true);
    await broker.stop();
    broker = undefined;
    result.logDir = verifyLogDir(dataDir);
    if (result.logDir.problems.length > 0 || result.lost > 0 || result.readProblems.length > 0) result.dataDir = dataDir;
    return result;
  } finally {
    if (broker) await broker.stop();
    if (result.dataDir === null) removeDir(dataDir);
  }
}

/** Reads every partition back; counts lost records (the final check also counts unacknowledged ones). */
async function check(bootstrap: string, partitions: number, acked: Map<number, Map<number, string>>, result: Kill9Result, final = false): Promise<void> {
  const conn = await KafkaConnection.open(bootstrap);
  try {
    for (let p = 0; p < partitions; p++) {
      const contents = await readPartition(conn, TOPIC, p);
      for (const problem of contents.problems) if (result.readProblems.length < 20) result.readProblems.push(problem);
      if (contents.logStartOffset !== 0 && result.readProblems.length < 20) result.readProblems.push(`${TOPIC}-${p}: log start offset ${contents.logStartOffset}, expected 0`);
      let lost = 0;
      for (const [offset, value] of acked.get(p)!) if (contents.values.get(offset) !== value) lost++;
      // Earlier cycles' losses are counted again here: keep the largest count seen.
      if (final) {
        result.lost += lost;
        result.unacknowledgedPresent += contents.values.size - acked.get(p)!.size;
      } else if (lost > 0 && result.readProblems.length < 20) result.readProblems.push(`${TOPIC}-${p}: ${lost} acknowledged records missing after a restart`);
    }
  } finally {
    conn.close();
  }
}

export function kill9Figures(figs: Figures, r: Kill9Result): void {
  const s = 'kill -9 loop';
  figs.info(s, 'cycles (start, produce acks=all, kill -9, restart, read all back)', r.cycles);
  figs.info(s, 'acknowledged records', r.acknowledged, '', [...r.produceErrors].map(([c, n]) => `${n} partition answers with error ${c}`).join(', ') || undefined);
  figs.exact(s, 'acknowledged records lost or changed', r.lost, 0, '', r.dataDir ? `data dir kept: ${r.dataDir}` : undefined);
  figs.exact(s, 'corrupt batches served, gaps, read errors', r.readProblems.length, 0, '', r.readProblems[0]);
  figs.exact(s, 'segments failing the CRC/structure check at the end', r.logDir.problems.length, 0, '', r.logDir.problems[0] ?? `${r.logDir.segments} segments, ${r.logDir.batches} batches, ${r.logDir.records} records`);
  figs.info(s, 'records present but never acknowledged (in flight at a kill)', r.unacknowledgedPresent);
  figs.info(s, 'slowest restart to ready after kill -9', r.maxRestartMs, 'ms');
}
