// kt producer-perf-test — kafka-producer-perf-test.sh (ProducerPerformance): sends N key-less
// records through kt's lean producer (src/client/), throttled like Kafka's ThroughputThrottler,
// and prints Kafka's 5-second window lines and final summary.
import { jsonRequested, writeJson } from '../../cli/json.js';
import { metricEntry, type ProducerPerfResult } from '../perf-common/result.js';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Cluster } from '../../client/cluster.js';
import { LeanProducer, type ProducerSettings } from '../../client/producer.js';
import { formatHelp, parseArgparse } from '../../java-compat/argparse.js';
import { reportArgparseOutcome, type ArgparseTool } from '../../java-compat/argparse-tool.js';
import { ClientConfigError, connectionSettings, intConfig } from '../../client/config.js';
import { formatMetrics, type PerfMetric } from '../perf-common/metrics.js';
import { producerSettings } from './perf-producer-settings.js';
import { PerfStats } from '../perf-common/stats.js';
import {
  PAYLOAD_GROUP,
  PRODUCER_PERF_ARGS,
  PRODUCER_PERF_DESCRIPTION,
  PRODUCER_PERF_PROG,
  producerPerfConfig,
  readPayloadFile,
  type ProducerPerfConfig,
} from './options.js';
import { ThroughputThrottler } from './throughput-throttler.js';

const TOOL: ArgparseTool = { prog: PRODUCER_PERF_PROG, description: PRODUCER_PERF_DESCRIPTION, specs: PRODUCER_PERF_ARGS, groups: [PAYLOAD_GROUP] };

/** Records between yields of the send loop, so acknowledgements and timers get their turn. */
const YIELD_EVERY = 512;
/** Distinct random payloads cycled through with --record-size (Kafka regenerates each one). */
const PAYLOAD_VARIANTS = 256;

export async function runProducerPerfTest(argv: readonly string[]): Promise<number> {
  if (argv.length === 0) {
    process.stdout.write(formatHelp(TOOL.prog, TOOL.description, TOOL.specs, TOOL.groups));
    return 0;
  }
  let config: ProducerPerfConfig;
  try {
    // --verbose and --json are kt's, unknown to Kafka's argparse spec.
    config = producerPerfConfig(parseArgparse(argv.filter((a) => a !== '--verbose' && a !== '--json'), TOOL.specs, TOOL.groups));
  } catch (e) {
    const code = reportArgparseOutcome(TOOL, e);
    if (code !== undefined) return code;
    throw e;
  }
  const nextPayload = payloadSource(config, jsonRequested(argv) ? process.stderr : process.stdout);
  const settings = connectionSettings(config.props, { clientId: 'perf-producer-client', requestTimeoutMs: 30_000 });
  const cluster = await Cluster.connect(settings);
  try {
    return await produce(cluster, config, nextPayload, settings.clientId, jsonRequested(argv));
  } finally {
    await cluster.close();
  }
}

async function produce(cluster: Cluster, config: ProducerPerfConfig, nextPayload: (i: number) => Buffer, clientId: string, json: boolean): Promise<number> {
  // With --json, stdout carries only the JSON document: the 5-second window lines go to stderr.
  const out = (line: string) => (json ? process.stderr : process.stdout).write(line);
  let stats: PerfStats | undefined;
  const producer = await LeanProducer.create(cluster, config.topic, config.transactional ? transactionalSettings(config.props) : producerSettings(config.props), {
    onAcked(sendTimes, valueSizes, count, ackTime) {
      for (let i = 0; i < count; i++) stats!.record(ackTime - sendTimes[i]!, valueSizes[i]!, ackTime);
    },
    onFailed(count, error) {
      for (let i = 0; i < count; i++) process.stderr.write(`${error.name}: ${error.message}\n`);
    },
  });
  if (config.transactional) await producer.initTransactions();
  const startMs = Date.now();
  stats = new PerfStats(config.numRecords, 5000, out, startMs);
  const throttler = new ThroughputThrottler(config.throughput, startMs);
  // ProducerPerformance: a transaction begins before its first record and is committed after the
  // first send that finds it --transaction-duration-ms old, and once more at the end.
  const durationMs = config.transactionDurationMs;
  let inTransaction = 0;
  let transactionStart = 0;
  try {
    for (let i = 0; i < config.numRecords; i++) {
      if (durationMs !== undefined && inTransaction === 0) {
        producer.beginTransaction();
        transactionStart = Date.now();
      }
      const sendStartMs = Date.now();
      const full = producer.send(nextPayload(i), sendStartMs, sendStartMs);
      if (full !== undefined) await full;
      inTransaction++;
      if (durationMs !== undefined && durationMs <= sendStartMs - transactionStart) {
        await producer.commitTransaction();
        inTransaction = 0;
      }
      if (throttler.shouldThrottle(i, sendStartMs)) await throttler.throttle();
      else if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((r) => setImmediate(r));
    }
    if (durationMs !== undefined && inTransaction !== 0) await producer.commitTransaction();
    await producer.flush();
  } finally {
    producer.close();
  }
  if (json) {
    const result: ProducerPerfResult = { ...stats.total(), metrics: config.printMetrics ? producerMetrics(producer, stats, startMs, clientId).map(metricEntry) : null };
    writeJson(result);
    return 0;
  }
  stats.printTotal();
  if (config.printMetrics) out(formatMetrics(producerMetrics(producer, stats, startMs, clientId)));
  return 0;
}

/**
 * The Java producer's settings with a transactional.id: idempotent (its checks as ProducerConfig
 * makes them: explicit enable.idempotence=true makes a conflicting acks, retries or in-flight
 * count an error; otherwise the conflict turns idempotence off and the transactional.id is the
 * error), retries unbounded, transaction.timeout.ms and max.block.ms read.
 */
function transactionalSettings(props: ReadonlyMap<string, string>): ProducerSettings {
  const explicit = props.get('enable.idempotence')?.trim().toLowerCase();
  const retries = intConfig(props, 'retries', 2_147_483_647, 0);
  const settings = producerSettings(props, {
    idempotent: true,
    retries,
    transactionalId: props.get('transactional.id')!,
    transactionTimeoutMs: intConfig(props, 'transaction.timeout.ms', 60_000, 0),
    maxBlockMs: intConfig(props, 'max.block.ms', 60_000, 0),
  });
  const conflicts: Array<[boolean, string]> = [
    [settings.maxInFlight > 5, 'Must set max.in.flight.requests.per.connection to at most 5 when using the idempotent producer.'],
    [retries === 0, 'Must set retries to non-zero when using the idempotent producer.'],
    [settings.acks !== -1, 'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.'],
  ];
  const conflict = conflicts.find(([applies]) => applies);
  if (conflict !== undefined && explicit === 'true') throw new ClientConfigError(conflict[1]);
  if (conflict !== undefined || explicit === 'false') throw new ClientConfigError('Cannot set a transactional.id without also enabling idempotence.');
  return settings;
}

function payloadSource(config: ProducerPerfConfig, notices: NodeJS.WriteStream): (i: number) => Buffer {
  if (config.recordSize !== undefined) {
    const size = config.recordSize;
    // Random uppercase letters, as Kafka's; views into one pool so no record allocates.
    const pool = randomBytes(size + PAYLOAD_VARIANTS);
    for (let i = 0; i < pool.length; i++) pool[i] = 65 + (pool[i]! % 26);
    const variants = Array.from({ length: PAYLOAD_VARIANTS }, (_, k) => pool.subarray(k, k + size));
    return (i) => variants[i % PAYLOAD_VARIANTS]!;
  }
  if (config.payloadMonotonic) return (i) => Buffer.from(String(i));
  const path = resolve(config.payloadFile!);
  notices.write(`Reading payloads from: ${path}\n`);
  const pieces = readPayloadFile(path, config.payloadDelimiter);
  if (pieces.length === 0) throw new Error('File does not exist or empty file provided.');
  notices.write(`Number of messages read: ${pieces.length}\n`);
  const payloads = pieces.map((p) => Buffer.from(p, 'utf8'));
  return () => payloads[Math.floor(Math.random() * payloads.length)]!;
}

/** The producer metrics kt can compute, under Kafka's group/name/tags. */
function producerMetrics(producer: LeanProducer, stats: PerfStats, startMs: number, clientId: string): PerfMetric[] {
  const c = producer.counters;
  const elapsedSec = Math.max(Date.now() - startMs, 1) / 1000;
  const tags = [['client-id', clientId]] as const;
  const metric = (name: string, value: number): PerfMetric => ({ group: 'producer-metrics', name, tags, value });
  return [
    metric('record-send-total', c.records),
    metric('record-send-rate', c.records / elapsedSec),
    metric('record-error-total', c.recordErrors),
    metric('record-size-avg', stats.count > 0 ? stats.bytes / stats.count : 0),
    metric('batch-size-avg', c.batches > 0 ? c.batchBytesTotal / c.batches : 0),
    metric('batch-size-max', c.batchBytesMax),
    metric('records-per-request-avg', c.requests > 0 ? c.records / c.requests : 0),
    metric('request-total', c.requests),
    metric('request-rate', c.requests / elapsedSec),
    metric('request-latency-avg', c.requests > 0 ? c.requestLatencyTotalMs / c.requests : 0),
    metric('request-latency-max', c.requestLatencyMaxMs),
    metric('outgoing-byte-total', c.batchBytesTotal),
  ];
}
