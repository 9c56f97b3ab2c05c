// `npm run bench` / `npm run bench:quick`: the machine's limits and kt, measured in one run,
// printed as one table (figure | value | limit | ratio | target | met?). Scenarios run one after
// another (two cores: anything in parallel would measure contention). See bench/README.md.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliTimes } from './cli-time.js';
import { consumeCatchUp, consumeTailFollow } from './consume.js';
import { ktConsoleConsumer } from './console-consumer.js';
import { ktConsumerPerfTest, ktE2eLatency, ktProducerPerfTest } from './kt-perf-tools.js';
import { e2eLatency } from './latency.js';
import { measureLimits } from './limits/index.js';
import { type BrokerProcess, REPO, withBroker } from './lib/broker.js';
import { BenchContext, QUICK_DIVISOR } from './lib/context.js';
import { probeKtTools } from './lib/kt-tools.js';
import { describeMachine, loadAverage } from './lib/machine.js';
import { killAllGroups } from './lib/processes.js';
import { formatNumber, formatTable, metOf } from './lib/report.js';
import { produceMatrix, produceParallel, producePython } from './produce.js';
import { bigLogRestart, manyPartitions, startEmpty } from './startup.js';

/** kcat processes run at once for the 100 B records/s target. */
const PARALLEL_KCAT = [2, 4];

type Step = [name: string, body: (broker: BrokerProcess) => Promise<void>];

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const write = argv.includes('--write') || !quick;
  const mode = quick ? 'quick' : 'full';
  const workDir = mkdtempSync(join(tmpdir(), 'kt-bench-'));
  const failures: string[] = [];
  const started = new Date();
  const loadAtStart = loadAverage();
  try {
    process.stderr.write(`kt bench, ${mode} mode${quick ? ` (volumes / ${QUICK_DIVISOR})` : ''}\n`);
    const ctx = new BenchContext(quick, workDir, await probeKtTools());
    const step = async (name: string, body: () => Promise<void>) => {
      process.stderr.write(`${name}\n`);
      try {
        await body();
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        failures.push(`${name}: ${message.split('\n')[0]}`);
        process.stderr.write(`  FAILED: ${message}\n`);
      }
    };
    const inBroker = (steps: Step[]) => () =>
      withBroker(async (broker: BrokerProcess) => {
        for (const [name, body] of steps) await step(`  ${name}`, () => body(broker));
      });
    await step('limits', () => measureLimits(ctx));
    await step(
      'produce and consume (one broker)',
      inBroker([
        ['kcat produce matrix', (b) => produceMatrix(ctx, b)],
        ['confluent-kafka-python produce', (b) => producePython(ctx, b)],
        ['parallel kcat produce', (b) => produceParallel(ctx, b, PARALLEL_KCAT)],
        ['kt producer-perf-test', (b) => ktProducerPerfTest(ctx, b)],
        ['kcat catch-up consume', (b) => consumeCatchUp(ctx, b)],
        ['kt consumer-perf-test', (b) => ktConsumerPerfTest(ctx, b)],
        ['kt console-consumer vs kcat', (b) => ktConsoleConsumer(ctx, b)],
        ['kcat tail-follow consume', (b) => consumeTailFollow(ctx, b)],
        ['CLI wall times', (b) => cliTimes(ctx, b)],
      ]),
    );
    await step(
      'end-to-end latency (fresh broker)',
      inBroker([
        ['bench latency client', (b) => e2eLatency(ctx, b)],
        ['kt e2e-latency', (b) => ktE2eLatency(ctx, b)],
      ]),
    );
    await step('start-up on an empty data dir', () => startEmpty(ctx));
    await step('many partitions', () => manyPartitions(ctx));
    await step('restart after kill -9 with a large log', () => bigLogRestart(ctx));

    const finished = new Date();
    const report = renderReport(ctx, mode, started, finished, failures, `${loadAtStart} at the start, ${loadAverage()} at the end`);
    process.stdout.write(report);
    if (write) {
      const dir = join(REPO, 'bench', 'results');
      mkdirSync(dir, { recursive: true });
      // Date and UTC time: several runs a day each keep their file.
      const stamp = started.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
      const file = join(dir, `${stamp}-${mode}.md`);
      writeFileSync(file, report);
      process.stderr.write(`results written to ${file}\n`);
    }
    return failures.length > 0 ? 1 : 0;
  } finally {
    killAllGroups();
    rmSync(workDir, { recursive: true, force: true });
  }
}

function renderReport(ctx: BenchContext, mode: string, started: Date, finished: Date, failures: string[], load: string): string {
  const missed = ctx.rows.filter((r) => metOf(r) === 'NO').map((r) => `- ${r.figure}: ${formatNumber(r.value)} ${r.unit}${r.limit ? ` (limit ${formatNumber(r.limit.value)} ${r.limit.unit})` : ''}`);
  const lines = [
    `# kt bench, ${mode} mode, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    ...describeMachine().map((l) => `- ${l}`),
    `- Load average (1 min): ${load}`,
    `- Run time: ${((finished.getTime() - started.getTime()) / 1000).toFixed(0)} s${ctx.quick ? `; quick mode: volumes / ${QUICK_DIVISOR}, targets stated for another volume read n/a` : ''}`,
    '',
    'Ratio = value / limit, both measured in this run. MB = 2^20 bytes.',
    '',
    formatTable(ctx.rows),
    '',
  ];
  if (missed.length > 0) lines.push('Targets missed:', '', ...missed, '');
  if (ctx.notes.length > 0) lines.push('Notes:', '', ...ctx.notes.map((n) => `- ${n}`), '');
  if (failures.length > 0) lines.push('Scenarios that failed (no figures):', '', ...failures.map((f) => `- ${f}`), '');
  return lines.join('\n');
}

process.exitCode = await main();
