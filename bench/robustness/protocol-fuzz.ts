// Scenario 1: protocol fuzzing from frames captured from real clients, against a broker child
// process, with a bystander connection producing and fetching throughout; afterwards the broker
// is stopped and every segment of the data dir is checked (verify-log-dir.ts).
import { ApiKey } from '../../src/protocol/api.js';
import { freshDataDir, removeDir, startBroker } from '../lib/broker.js';
import { createTopics, KafkaConnection } from '../lib/kafka-connection.js';
import { cpuSeconds } from '../lib/processes.js';
import { BrokerLines, KAFKA_BAD_INPUT_ERRORS } from './lib/broker-lines.js';
import { Bystander, type BystanderResult } from './lib/bystander.js';
import type { Figures } from './lib/figures.js';
import { verifyLogDir, type LogDirReport } from './lib/verify-log-dir.js';
import { fuzz, type FuzzCounts } from './fuzz/fuzzer.js';
import type { MutationName } from './fuzz/mutate.js';
import { loadSeeds, seedTopics } from './fuzz/seeds.js';

export interface FuzzScenarioOptions {
  frames: number;
  concurrency: number;
  boundMs: number;
  seed: number;
  dumpDir: string;
  /** Progress lines on stderr every this many ms (0: none). */
  progressMs?: number;
  mutations?: readonly MutationName[];
}

export interface FuzzScenarioResult {
  counts: FuzzCounts;
  bystander: BystanderResult;
  logDir: LogDirReport;
  /** How the broker ended: 'exit 143' after SIGTERM is a clean stop. */
  brokerEnd: string;
  topicsAtEnd: number;
  seconds: number;
  seeds: number;
  /** Kept when the log check failed. */
  dataDir: string | null;
  /** The broker's ERROR lines (unexpected handler errors, a failed shutdown): count and first few. */
  errorLines: number;
  /** ERROR lines Kafka logs as well for the same bad input (KAFKA_BAD_INPUT_ERRORS). */
  kafkaBadInputLines: number;
  firstErrorLines: string[];
  lastErrorLine: string;
  /** ERROR lines per kind, most frequent first. */
  errorKinds: Array<[string, number]>;
}

const BYSTANDER_TOPIC = 'kt-fuzz-bystander';

async function countTopics(bootstrap: string): Promise<number> {
  const conn = await KafkaConnection.open(bootstrap);
  try {
    return (await conn.request(ApiKey.Metadata, 12, { topics: null })).topics.length;
  } finally {
    conn.close();
  }
}

export async function runProtocolFuzz(opts: FuzzScenarioOptions): Promise<FuzzScenarioResult> {
  const seeds = loadSeeds();
  const dataDir = freshDataDir();
  const broker = await startBroker(dataDir, ['group.initial.rebalance.delay.ms=0']);
  const brokerExit = new Promise<string>((resolve) => broker.child.once('exit', (code, signal) => resolve(code !== null ? `exit ${code}` : `signal ${signal}`)));
  const lines = new BrokerLines(broker, undefined, undefined, KAFKA_BAD_INPUT_ERRORS);
  let keep = false;
  try {
    await createTopics(broker.bootstrap, seedTopics(seeds), 3);
    await createTopics(broker.bootstrap, [BYSTANDER_TOPIC], 1);
    const colon = broker.bootstrap.lastIndexOf(':');
    const host = broker.bootstrap.slice(0, colon);
    const port = Number(broker.bootstrap.slice(colon + 1));
    const bystander = await Bystander.start(broker.bootstrap, BYSTANDER_TOPIC);
    const t0 = performance.now();
    let lastProgress = t0;
    const counts = await fuzz({
      host,
      port,
      seeds,
      seed: opts.seed,
      frames: opts.frames,
      mutations: opts.mutations,
      concurrency: opts.concurrency,
      boundMs: opts.boundMs,
      dumpDir: opts.dumpDir,
      brokerExit,
      onProgress: (c) => {
        const now = performance.now();
        if (!opts.progressMs || now - lastProgress < opts.progressMs) return;
        lastProgress = now;
        process.stderr.write(`    ${c.mutatedFrames} mutated frames, ${c.closes} closes, ${c.hangs} hangs, ${Math.round(c.mutatedFrames / ((now - t0) / 1000))}/s, broker RSS ${Math.round(broker.rss() / 2 ** 20)} MB, broker CPU ${cpuSeconds(broker.pid).toFixed(1)} s, fuzzer CPU ${(process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6).toFixed(1)} s\n`);
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const bystanderResult = await bystander.stop();
    const topicsAtEnd = counts.crashes === 0 ? await countTopics(broker.bootstrap) : -1;
    await broker.stop();
    const brokerEnd = await brokerExit;
    const logDir = verifyLogDir(dataDir);
    keep = logDir.problems.length > 0 || counts.crashes > 0;
    return { counts, bystander: bystanderResult, logDir, brokerEnd, topicsAtEnd, seconds, seeds: seeds.length, dataDir: keep ? dataDir : null, errorLines: lines.count, kafkaBadInputLines: lines.expectedCount, firstErrorLines: lines.first, lastErrorLine: lines.last, errorKinds: [...lines.kinds].sort((a, b) => b[1] - a[1]) };
  } finally {
    await broker.stop();
    if (!keep) removeDir(dataDir);
  }
}

export function fuzzFigures(figs: Figures, r: FuzzScenarioResult, dumpDir: string): void {
  const s = 'protocol fuzz';
  const c = r.counts;
  figs.info(s, 'mutated frames sent', c.mutatedFrames, '', `${r.seeds} captured seed frames; ${Math.round(c.mutatedFrames / r.seconds)} frames/s, ${c.connections} connections`);
  figs.info(s, 'valid frames sent beside them', c.validFrames + c.probes, '', `${c.validFrames} seed frames + ${c.probes} probes`);
  figs.info(s, 'responses received', c.responses);
  figs.info(s, 'rounds ended by the broker closing the connection', c.closes);
  figs.info(s, 'mutated frames not sent (long wait / heavy work by design)', c.refused);
  const per = Object.entries(c.perMutation)
    .map(([m, x]) => `${m} ${x.sent}: ${x.answered} answered, ${x.silent} silent, ${x.closed} closed`)
    .join('; ');
  figs.note(`fuzz outcomes per mutation: ${per}`);
  figs.exact(s, 'broker crashes', c.crashes, 0, '', c.crashes > 0 ? `dumps in ${dumpDir}` : undefined);
  figs.exact(s, 'hangs (no answer, no close within the bound)', c.hangs, 0, '', c.hangs > 0 ? `dumps in ${dumpDir}` : undefined);
  figs.exact(s, 'valid frames unanswered or out of order', c.lostOrReordered, 0);
  figs.exact(s, 'responses that do not decode', c.badResponses, 0);
  figs.exact(s, 'bystander errors', r.bystander.errors.length, 0, '', r.bystander.errors[0] ?? `${r.bystander.roundTrips} produce+fetch round trips, slowest ${Math.round(r.bystander.maxMs)} ms`);
  figs.exact(s, 'segments failing the CRC/structure check', r.logDir.problems.length, 0, '', r.logDir.problems[0] ?? `${r.logDir.partitions} partitions, ${r.logDir.segments} segments, ${r.logDir.batches} batches walked`);
  figs.exact(s, 'stored batches with a valid CRC whose records do not decode', r.logDir.undecodableBatches, 0, '', r.logDir.undecodableBatches > 0 ? `produce walks every record (as Kafka's LogValidator), so none should be stored; e.g. ${r.logDir.undecodable[0]}` : undefined);
  figs.exact(s, 'unclean broker stops (SIGTERM must exit 143)', r.brokerEnd === 'exit 143' ? 0 : 1, 0, '', r.brokerEnd === 'exit 143' ? r.brokerEnd : `${r.brokerEnd}; last ERROR line: ${r.lastErrorLine}`);
  figs.info(s, "broker ERROR lines Kafka also logs for bad input", r.kafkaBadInputLines, '', 'records whose compressed stream does not decompress (UNKNOWN_SERVER_ERROR, as Kafka)');
  figs.exact(s, 'broker ERROR lines (unexpected handler errors, failed shutdown)', r.errorLines, 0, '', r.firstErrorLines[0]);
  for (const [kind, n] of r.errorKinds.slice(0, 5)) figs.note(`fuzz, broker ERROR lines: ${n} x ${kind}`);
  figs.info(s, 'topics at the end', r.topicsAtEnd, '', 'fuzzed CreateTopics and Metadata auto-creation');
  for (const a of c.anomalies.slice(0, 5)) figs.note(`fuzz anomaly: ${a}`);
}
