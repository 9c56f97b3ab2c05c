// Produce throughput with idempotence on against off, in the same run on one kt broker (issue
// 10: within 10%). The clients are producer-perf-test tools, kt's and (where ../shared/java-kafka
// exists) Kafka's own, each run with the same settings both ways except enable.idempotence:
// acks=all and max.in.flight.requests.per.connection=5, which is what idempotence implies, so the
// difference left is the broker's producer-state work (sequence checks and state updates per
// batch) and the producer id handshake. Two shapes: small batches (100 B records, 1 partition,
// batch.size 16384, the Java client's default: the most batches per byte) and large ones (1 KB
// records, 8 partitions, batch.size 1 MB). Rounds alternate off/on into fresh topics; the median
// round of each is reported. Every topic's end offsets are checked against the record count, so
// a duplicate or a lost record fails the run.
//
// kcat (librdkafka 2.0.2) is measured too, as a reference that is not judged: idempotent, it keeps
// one Produce request in flight per partition (its protocol debug shows at most 1 outstanding,
// against 5 without idempotence), so its figure measures the client's round trips.
//
//   npm run bench:idempotence -- [--quick] [--write] [--rounds N]
//
// --write saves the report as bench/results/<YYYY-MM-DD-HHMM>-idempotence.md (UTC).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KT_BIN, REPO, withBroker, type BrokerProcess } from './lib/broker.js';
import { createTopics, endOffsetsSum } from './lib/kafka-connection.js';
import { KCAT } from './lib/kcat.js';
import { parseProducerPerfSummary } from './lib/kt-output.js';
import { describeMachine, loadAverage } from './lib/machine.js';
import { writePayloadFile } from './lib/payload.js';
import { cpuSeconds, killAllGroups, runOk } from './lib/processes.js';
import { median } from './lib/stats.js';

const LIMIT = 0.9;
const TIMEOUT_MS = 300_000;
const JAVA_PERF = join(REPO, '..', 'shared', 'java-kafka', 'bin', 'kafka-producer-perf-test.sh');

interface Shape {
  readonly name: string;
  readonly recordBytes: number;
  readonly partitions: number;
  readonly batchSize: number;
  readonly records: number;
  readonly quickRecords: number;
}

const SHAPES: readonly Shape[] = [
  { name: '100 B records, 1 partition, batch.size 16384', recordBytes: 100, partitions: 1, batchSize: 16_384, records: 2_000_000, quickRecords: 200_000 },
  { name: '1 KB records, 8 partitions, batch.size 1 MB', recordBytes: 1024, partitions: 8, batchSize: 1_000_000, records: 1_000_000, quickRecords: 100_000 },
];

interface Client {
  readonly name: string;
  /** Judged against the limit (kcat is a reference only: see the file comment). */
  readonly judged: boolean;
  /** Produces `records` records into `topic`; resolves with records/s. */
  produce(broker: BrokerProcess, topic: string, shape: Shape, records: number, idempotent: boolean, payload: string): Promise<number>;
}

const COMMON_PROPS = (bootstrap: string, shape: Shape, idempotent: boolean) => [
  `bootstrap.servers=${bootstrap}`, 'acks=all', 'max.in.flight.requests.per.connection=5', 'linger.ms=5',
  `batch.size=${shape.batchSize}`, `enable.idempotence=${idempotent}`,
];

/** A producer-perf-test tool: the rate is the tool's own summary (start-up excluded). */
function perfTool(name: string, command: string, prefix: readonly string[]): Client {
  return {
    name,
    judged: true,
    async produce(broker, topic, shape, records, idempotent) {
      const args = [...prefix, '--topic', topic, '--num-records', String(records), '--record-size', String(shape.recordBytes), '--throughput', '-1', '--producer-props', ...COMMON_PROPS(broker.bootstrap, shape, idempotent)];
      const r = await runOk(command, args, { timeoutMs: TIMEOUT_MS });
      const summary = parseProducerPerfSummary(r.stdout);
      if (!summary) throw new Error(`${name}: no summary line in: ${r.stdout.slice(-500)}`);
      return summary.recordsPerSec;
    },
  };
}

const kcat: Client = {
  name: 'kcat -P -l file (reference, not judged)',
  judged: false,
  async produce(broker, topic, shape, records, idempotent, payload) {
    const args = ['-P', '-q', '-b', broker.bootstrap, '-t', topic, '-l', payload, '-X', 'acks=-1', '-X', 'max.in.flight=5', '-X', 'linger.ms=5', '-X', `batch.size=${shape.batchSize}`, '-X', `enable.idempotence=${idempotent}`];
    const r = await runOk(KCAT, args, { timeoutMs: TIMEOUT_MS });
    if (/fail|error/i.test(r.stderr)) throw new Error(`kcat produce reported: ${r.stderr.slice(-500)}`);
    return records / (r.ms / 1000);
  },
};

function clients(): Client[] {
  const list = [perfTool('kt producer-perf-test', process.execPath, [KT_BIN, 'producer-perf-test'])];
  if (existsSync(JAVA_PERF)) list.push(perfTool("Kafka's kafka-producer-perf-test.sh", JAVA_PERF, []));
  list.push(kcat);
  return list;
}

interface Run {
  readonly recordsPerSec: number;
  readonly brokerCpu: number;
}

interface Result {
  readonly client: Client;
  readonly shape: Shape;
  readonly records: number;
  readonly off: Run[];
  readonly on: Run[];
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const write = argv.includes('--write');
  const roundsArg = argv.indexOf('--rounds');
  const rounds = roundsArg >= 0 ? Number(argv[roundsArg + 1]) : 3;
  const workDir = mkdtempSync(join(tmpdir(), 'kt-bench-idempotence-'));
  const started = new Date();
  const loadAtStart = loadAverage();
  try {
    const results = await withBroker(async (broker) => {
      const out: Result[] = [];
      let topicNo = 0;
      for (const shape of SHAPES) {
        const records = quick ? shape.quickRecords : shape.records;
        const payload = join(workDir, `records-${shape.recordBytes}.txt`);
        writePayloadFile(payload, records, shape.recordBytes);
        for (const client of clients()) {
          const result: Result = { client, shape, records, off: [], on: [] };
          for (let r = 0; r < rounds; r++) {
            for (const idempotent of [false, true]) {
              const topic = `idem-${topicNo++}-${idempotent ? 'on' : 'off'}`;
              await createTopics(broker.bootstrap, [topic], shape.partitions);
              const before = cpuSeconds(broker.pid);
              const recordsPerSec = await client.produce(broker, topic, shape, records, idempotent, payload);
              const brokerCpu = cpuSeconds(broker.pid) - before;
              const held = await endOffsetsSum(broker.bootstrap, topic, shape.partitions);
              if (held !== records) throw new Error(`${topic} holds ${held} records, expected ${records}`);
              (idempotent ? result.on : result.off).push({ recordsPerSec, brokerCpu });
              process.stderr.write(`  ${client.name}, ${shape.name}, round ${r + 1}, idempotence ${idempotent ? 'on ' : 'off'}: ${fmt(recordsPerSec)} records/s\n`);
            }
          }
          out.push(result);
        }
      }
      return out;
    });
    const report = render(results, quick, started, `${loadAtStart} at the start, ${loadAverage()} at the end`);
    process.stdout.write(report);
    if (write) {
      const dir = join(REPO, 'bench', 'results');
      mkdirSync(dir, { recursive: true });
      const stamp = started.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
      const path = join(dir, `${stamp}-idempotence.md`);
      writeFileSync(path, report);
      process.stderr.write(`results written to ${path}\n`);
    }
    return results.every((r) => !r.client.judged || ratio(r) >= LIMIT) ? 0 : 1;
  } finally {
    killAllGroups();
    rmSync(workDir, { recursive: true, force: true });
  }
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

/** Throughput on / throughput off, medians of the rounds. */
function ratio(r: Result): number {
  return median(r.on.map((x) => x.recordsPerSec)) / median(r.off.map((x) => x.recordsPerSec));
}

function render(results: readonly Result[], quick: boolean, started: Date, load: string): string {
  const lines = [
    `# Produce with idempotence on vs off, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC${quick ? ' (quick)' : ''}`,
    '',
    ...describeMachine().map((l) => `- ${l}`),
    `- Load average (1 min): ${load}`,
    `- acks=all, max.in.flight.requests.per.connection=5, linger.ms=5, enable.idempotence=false|true, all else the client's defaults; fresh topics on one kt broker; median of ${results[0]?.off.length ?? 0} alternating rounds. Perf tools: their own summary rate; kcat: records / wall time.`,
    '',
    '| client | shape | records | off records/s | on records/s | on / off | broker CPU s off / on | limit |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    const x = ratio(r);
    const cpu = `${median(r.off.map((v) => v.brokerCpu)).toFixed(2)} / ${median(r.on.map((v) => v.brokerCpu)).toFixed(2)}`;
    const limit = r.client.judged ? `>= ${LIMIT}x ${x >= LIMIT ? 'met' : 'NOT met'}` : 'reference';
    lines.push(`| ${r.client.name} | ${r.shape.name} | ${r.records.toLocaleString('en-US')} | ${fmt(median(r.off.map((v) => v.recordsPerSec)))} | ${fmt(median(r.on.map((v) => v.recordsPerSec)))} | **${x.toFixed(2)}x** | ${cpu} | ${limit} |`);
  }
  lines.push('', 'Rounds (records/s off / on):');
  for (const r of results) lines.push(`- ${r.client.name}, ${r.shape.name}: ` + r.off.map((o, i) => `${fmt(o.recordsPerSec)} / ${fmt(r.on[i]!.recordsPerSec)}`).join(', '));
  lines.push(
    '',
    'kcat is not judged: librdkafka 2.0.2 keeps one Produce request in flight per partition when idempotent (`-d protocol` shows at most 1 outstanding request, 5 without idempotence), so its rate falls with the round trips whatever the broker does; the broker CPU column shows what the broker spends.',
    '',
  );
  return lines.join('\n');
}

process.exitCode = await main();
