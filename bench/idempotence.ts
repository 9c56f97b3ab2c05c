// Produce throughput with idempotence on against off, in the same run on one kt broker (issue
// 10: within 10%). The client is kcat (librdkafka), the same binary and settings both ways
// except enable.idempotence; acks=all and max.in.flight=5 for both, which is what idempotence
// implies, so the difference left is the broker's producer-state work (sequence checks per
// batch, producer state updates) and the producer id handshake. Two shapes: small batches
// (100 B records, batch.size 16384, the Java client's default: the most batches per byte) and
// large ones (1 KB records, 8 partitions, batch.size 1 MB). Rounds alternate off/on into fresh
// topics; the median round of each is reported. Every topic's end offsets are checked against
// the record count, so a duplicate or a lost record fails the run.
//
//   npm run bench:idempotence -- [--quick] [--write] [--rounds N]
//
// --write saves the report as bench/results/<YYYY-MM-DD-HHMM>-idempotence.md (UTC).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, withBroker, type BrokerProcess } from './lib/broker.js';
import { createTopics, endOffsetsSum } from './lib/kafka-connection.js';
import { KCAT } from './lib/kcat.js';
import { describeMachine, loadAverage } from './lib/machine.js';
import { writePayloadFile } from './lib/payload.js';
import { cpuSeconds, killAllGroups, runOk } from './lib/processes.js';
import { median } from './lib/stats.js';

const LIMIT = 0.9;
const TIMEOUT_MS = 300_000;

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

interface Run {
  readonly ms: number;
  readonly brokerCpu: number;
}

interface ShapeResult {
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
      const out: ShapeResult[] = [];
      for (const shape of SHAPES) {
        const records = quick ? shape.quickRecords : shape.records;
        const file = join(workDir, `records-${shape.recordBytes}.txt`);
        writePayloadFile(file, records, shape.recordBytes);
        const result: ShapeResult = { shape, records, off: [], on: [] };
        for (let r = 0; r < rounds; r++) {
          for (const idempotent of [false, true]) {
            const topic = `idem-${shape.recordBytes}-${idempotent ? 'on' : 'off'}-${r}`;
            const run = await produce(broker, file, topic, shape, records, idempotent);
            (idempotent ? result.on : result.off).push(run);
            process.stderr.write(`  ${shape.name}, round ${r + 1}, idempotence ${idempotent ? 'on ' : 'off'}: ${rate(records, run.ms)} records/s\n`);
          }
        }
        out.push(result);
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
    return results.every((r) => ratio(r) >= LIMIT) ? 0 : 1;
  } finally {
    killAllGroups();
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function produce(broker: BrokerProcess, file: string, topic: string, shape: Shape, records: number, idempotent: boolean): Promise<Run> {
  await createTopics(broker.bootstrap, [topic], shape.partitions);
  const args = [
    '-P', '-q', '-b', broker.bootstrap, '-t', topic, '-l', file,
    '-X', 'acks=-1', '-X', 'max.in.flight=5', '-X', 'linger.ms=5', '-X', `batch.size=${shape.batchSize}`,
    '-X', `enable.idempotence=${idempotent}`,
  ];
  const before = cpuSeconds(broker.pid);
  const r = await runOk(KCAT, args, { timeoutMs: TIMEOUT_MS });
  const brokerCpu = cpuSeconds(broker.pid) - before;
  if (/fail|error/i.test(r.stderr)) throw new Error(`kcat produce reported: ${r.stderr.slice(-500)}`);
  const held = await endOffsetsSum(broker.bootstrap, topic, shape.partitions);
  if (held !== records) throw new Error(`${topic} holds ${held} records, expected ${records}`);
  return { ms: r.ms, brokerCpu };
}

const rate = (records: number, ms: number) => Math.round(records / (ms / 1000)).toLocaleString('en-US');

/** Throughput on / throughput off, from the median wall times. */
function ratio(r: ShapeResult): number {
  return median(r.off.map((x) => x.ms)) / median(r.on.map((x) => x.ms));
}

function render(results: readonly ShapeResult[], quick: boolean, started: Date, load: string): string {
  const lines = [
    `# Produce with idempotence on vs off (kcat), ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC${quick ? ' (quick)' : ''}`,
    '',
    ...describeMachine().map((l) => `- ${l}`),
    `- Load average (1 min): ${load}`,
    `- kcat -P -l file, acks=-1, max.in.flight=5, linger.ms=5, enable.idempotence=false|true; fresh topics on one kt broker; median of ${results[0]?.off.length ?? 0} alternating rounds, spawn to exit`,
    '',
    '| shape | records | off records/s | on records/s | on / off | broker CPU s off / on | limit |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    const off = median(r.off.map((x) => x.ms));
    const on = median(r.on.map((x) => x.ms));
    const x = ratio(r);
    const cpu = `${median(r.off.map((v) => v.brokerCpu)).toFixed(2)} / ${median(r.on.map((v) => v.brokerCpu)).toFixed(2)}`;
    lines.push(`| ${r.shape.name} | ${r.records.toLocaleString('en-US')} | ${rate(r.records, off)} | ${rate(r.records, on)} | **${x.toFixed(2)}x** | ${cpu} | >= ${LIMIT}x ${x >= LIMIT ? 'met' : 'NOT met'} |`);
  }
  lines.push('', 'Rounds (off s / on s):');
  for (const r of results) lines.push(`- ${r.shape.name}: ` + r.off.map((o, i) => `${(o.ms / 1000).toFixed(2)} / ${(r.on[i]!.ms / 1000).toFixed(2)}`).join(', '));
  lines.push('');
  return lines.join('\n');
}

process.exitCode = await main();
