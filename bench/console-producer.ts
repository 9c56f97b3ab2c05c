// `kt console-producer` against kcat -P, in the same run on the same kt broker (issue 9: at
// least 0.5x kcat's rate): 2,000,000 lines of 60 bytes (200,000 with --quick) from one file,
// `kt console-producer --bootstrap-server B --topic T < file` beside `kcat -P -b B -t T -l file`,
// each tool with its own defaults (kt: Kafka's console producer settings, acks=all, idempotent,
// batch.size 16384, linger.ms 1000; kcat: librdkafka's). Rounds alternate kcat and kt into
// fresh single-partition topics; the median round of each is reported, rate = lines / wall time
// from spawn to exit (start-up included, which is why the volume is large). Every topic's end
// offset is checked against the line count.
//
//   npm run build && npx tsc -p bench/tsconfig.json && node bench/.build/bench/console-producer.js [--quick] [--write] [--rounds N]
//
// --write saves the report as bench/results/<YYYY-MM-DD-HHMM>-console-producer.md (UTC).
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KT_BIN, REPO, withBroker, type BrokerProcess } from './lib/broker.js';
import { createTopics, endOffsetsSum } from './lib/kafka-connection.js';
import { KCAT } from './lib/kcat.js';
import { describeMachine, loadAverage } from './lib/machine.js';
import { writePayloadFile } from './lib/payload.js';
import { cpuSeconds, killAllGroups, runOk } from './lib/processes.js';
import { median } from './lib/stats.js';

const LINE_BYTES = 60;
const FULL_LINES = 2_000_000;
const QUICK_LINES = 200_000;
const TARGET_RATIO = 0.5;
const TIMEOUT_MS = 300_000;

/** One client run: wall time, and the broker's CPU seconds while it ran (requests cost CPU). */
interface Run {
  readonly ms: number;
  readonly brokerCpu: number;
}

interface Round {
  readonly kcat: Run;
  readonly kt: Run;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const write = argv.includes('--write');
  const roundsArg = argv.indexOf('--rounds');
  const rounds = roundsArg >= 0 ? Number(argv[roundsArg + 1]) : 3;
  const lines = quick ? QUICK_LINES : FULL_LINES;
  const workDir = mkdtempSync(join(tmpdir(), 'kt-bench-console-producer-'));
  const started = new Date();
  const loadAtStart = loadAverage();
  try {
    const file = join(workDir, 'lines.txt');
    writePayloadFile(file, lines, LINE_BYTES);
    process.stderr.write(`console-producer bench: ${lines.toLocaleString('en-US')} lines of ${LINE_BYTES} bytes, ${rounds} rounds\n`);
    const results = await withBroker(async (broker) => {
      const out: Round[] = [];
      for (let r = 0; r < rounds; r++) {
        const kcat = await withBrokerCpu(broker, () => timeKcat(broker, file, `kcat-${r}`, lines));
        const kt = await withBrokerCpu(broker, () => timeKt(broker, file, `kt-${r}`, lines));
        process.stderr.write(`  round ${r + 1}: kcat ${rate(lines, kcat.ms)} lines/s, kt ${rate(lines, kt.ms)} lines/s\n`);
        out.push({ kcat, kt });
      }
      return out;
    });
    const report = render(results, lines, quick, started, `${loadAtStart} at the start, ${loadAverage()} at the end`);
    process.stdout.write(report);
    if (write) {
      const dir = join(REPO, 'bench', 'results');
      mkdirSync(dir, { recursive: true });
      const stamp = started.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
      const path = join(dir, `${stamp}-console-producer.md`);
      writeFileSync(path, report);
      process.stderr.write(`results written to ${path}\n`);
    }
    return 0;
  } finally {
    killAllGroups();
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function withBrokerCpu(broker: BrokerProcess, body: () => Promise<number>): Promise<Run> {
  const before = cpuSeconds(broker.pid);
  const ms = await body();
  return { ms, brokerCpu: cpuSeconds(broker.pid) - before };
}

async function timeKcat(broker: BrokerProcess, file: string, topic: string, lines: number): Promise<number> {
  await createTopics(broker.bootstrap, [topic], 1);
  const r = await runOk(KCAT, ['-P', '-b', broker.bootstrap, '-t', topic, '-l', file], { timeoutMs: TIMEOUT_MS });
  await expectRecords(broker, topic, lines);
  return r.ms;
}

async function timeKt(broker: BrokerProcess, file: string, topic: string, lines: number): Promise<number> {
  await createTopics(broker.bootstrap, [topic], 1);
  const fd = openSync(file, 'r');
  try {
    const r = await runOk(process.execPath, [KT_BIN, 'console-producer', '--bootstrap-server', broker.bootstrap, '--topic', topic], { timeoutMs: TIMEOUT_MS, stdin: fd });
    if (r.stderr !== '') throw new Error(`kt console-producer wrote to stderr: ${r.stderr.slice(0, 500)}`);
    await expectRecords(broker, topic, lines);
    return r.ms;
  } finally {
    closeSync(fd);
  }
}

async function expectRecords(broker: BrokerProcess, topic: string, lines: number): Promise<void> {
  const n = await endOffsetsSum(broker.bootstrap, topic, 1);
  if (n !== lines) throw new Error(`${topic} holds ${n} records, expected ${lines}`);
}

const rate = (lines: number, ms: number) => Math.round(lines / (ms / 1000)).toLocaleString('en-US');

function render(results: readonly Round[], lines: number, quick: boolean, started: Date, load: string): string {
  const kcatMs = median(results.map((r) => r.kcat.ms));
  const ktMs = median(results.map((r) => r.kt.ms));
  const ratio = kcatMs / ktMs;
  const mb = (lines * (LINE_BYTES + 1)) / 2 ** 20;
  const row = (name: string, ms: number, cpu: number) => `| ${name} | ${rate(lines, ms)} | ${(mb / (ms / 1000)).toFixed(1)} | ${(ms / 1000).toFixed(2)} | ${cpu.toFixed(2)} |`;
  return [
    `# kt console-producer vs kcat -P, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC${quick ? ' (quick)' : ''}`,
    '',
    ...describeMachine().map((l) => `- ${l}`),
    `- Load average (1 min): ${load}`,
    `- ${lines.toLocaleString('en-US')} lines of ${LINE_BYTES} bytes (${mb.toFixed(0)} MB with newlines) per run, one file, a fresh 1-partition topic per run on one kt broker; median of ${results.length} alternating rounds, spawn to exit`,
    '',
    '| client | lines/s | MB/s | wall s | broker CPU s |',
    '| --- | --- | --- | --- | --- |',
    row('kcat -P -l file (librdkafka defaults)', kcatMs, median(results.map((r) => r.kcat.brokerCpu))),
    row('kt console-producer < file (Kafka console defaults)', ktMs, median(results.map((r) => r.kt.brokerCpu))),
    '',
    `Ratio kt / kcat: **${ratio.toFixed(2)}x** (limit: >= ${TARGET_RATIO}x kcat) ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}`,
    '',
    'Rounds (kcat s / kt s): ' + results.map((r) => `${(r.kcat.ms / 1000).toFixed(2)} / ${(r.kt.ms / 1000).toFixed(2)}`).join(', '),
    '',
    "kt sends Kafka's console-producer batches (batch.size 16384, one batch per partition per request: about 8,700 Produce requests here) where librdkafka sends batches of up to 1 MB, so the broker does more work per line for kt (broker CPU column, medians).",
    '',
  ].join('\n');
}

process.exitCode = await main();
