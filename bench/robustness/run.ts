// `npm run bench:robustness`: the robustness harness at full size (see bench/robustness/README.md).
// Scenarios run one after another, each against its own broker child process; each figure is
// printed beside its limit, and the table goes to bench/results/<YYYY-MM-DD-HHMM>-robustness.md.
//
//   node bench/.build/bench/robustness/run.js [--quick] [--write] [--only fuzz,kill9,...] [--seed N]
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../lib/broker.js';
import { describeMachine, loadAverage } from '../lib/machine.js';
import { killAllGroups } from '../lib/processes.js';
import { coldFetchFigures, runColdFetch } from './cold-fetch.js';
import { diskFullFigures, runDiskFull } from './disk-full.js';
import { kill9Figures, runKill9 } from './kill9.js';
import { Figures, formatFigures, formatValue } from './lib/figures.js';
import { fuzzFigures, runProtocolFuzz } from './protocol-fuzz.js';
import { runSlowConsumer, slowConsumerFigures } from './slow-consumer.js';
import { runSoak, soakFigures } from './soak.js';

const MB = 2 ** 20;
const SCENARIOS = ['fuzz', 'kill9', 'disk-full', 'soak', 'slow-consumer', 'cold-fetch'] as const;
type Scenario = (typeof SCENARIOS)[number];

/** Full-size settings, and the quick ones (a smoke run of a few minutes). */
function sizes(quick: boolean) {
  return {
    fuzz: { frames: quick ? 20_000 : 1_000_000, concurrency: 32, boundMs: 10_000 },
    kill9: { cycles: quick ? 10 : 100, partitions: 4, killAfterMs: [200, 2000] as [number, number] },
    diskFull: { sizeBytes: (quick ? 16 : 64) * MB },
    soak: quick
      ? { connections: 100, durationMs: 20_000, warmupMs: 5_000, produceEveryMs: 500, partitions: 16, sampleEveryMs: 500 }
      : { connections: 1000, durationMs: 300_000, warmupMs: 60_000, produceEveryMs: 2000, partitions: 64, sampleEveryMs: 1000 },
    soakSlopeLimitMbPerMin: 2,
    slow: { fillBytes: (quick ? 64 : 256) * MB, burstRequests: quick ? 20 : 60, durationMs: quick ? 3000 : 15_000, steadyEveryMs: 5 },
    cold: {
      fillBytes: (quick ? 128 : 2048) * MB,
      partitions: 4,
      sessionTimeoutMs: 10_000,
      heartbeatEveryMs: 50,
      phases: [
        { name: 'consumer defaults (1 MB per partition, 50 MB per fetch)', partitionMaxBytes: MB, maxBytes: 50 * MB },
        { name: '50 MB per partition', partitionMaxBytes: 50 * MB, maxBytes: 50 * MB },
      ],
    },
  };
}

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const write = argv.includes('--write') || !quick;
  const only = argValue(argv, '--only')?.split(',') as Scenario[] | undefined;
  const seed = Number(argValue(argv, '--seed') ?? Date.now() % 2 ** 31);
  const mode = quick ? 'quick' : 'full';
  const s = sizes(quick);
  const figs = new Figures();
  const failures: string[] = [];
  const started = new Date();
  const loadAtStart = loadAverage();
  const workDir = mkdtempSync(join(tmpdir(), 'kt-robustness-'));
  const dumpDir = join(workDir, 'fuzz-dumps');
  const keptDumps = join(REPO, 'bench', 'robustness', 'dumps');

  const steps: Array<[Scenario, string, () => Promise<void>]> = [
    ['fuzz', 'protocol fuzz', async () => fuzzFigures(figs, await runProtocolFuzz({ ...s.fuzz, seed, dumpDir, progressMs: 30_000 }), keptDumps)],
    ['kill9', 'kill -9 loop', async () => kill9Figures(figs, await runKill9({ ...s.kill9, seed }))],
    ['disk-full', 'disk full', async () => diskFullFigures(figs, await runDiskFull(s.diskFull))],
    // A slope over seconds is the warm-up, not a trend: judged in full mode only.
    ['soak', 'soak', async () => soakFigures(figs, await runSoak(s.soak), quick ? null : s.soakSlopeLimitMbPerMin)],
    ['slow-consumer', 'slow consumer', async () => slowConsumerFigures(figs, await runSlowConsumer(s.slow), s.slow.fillBytes)],
    ['cold-fetch', 'cold fetch while a member heartbeats', async () => coldFetchFigures(figs, await runColdFetch(s.cold))],
  ];
  try {
    process.stderr.write(`kt robustness bench, ${mode} mode, seed ${seed}\n`);
    for (const [id, name, body] of steps) {
      if (only && !only.includes(id)) continue;
      process.stderr.write(`${name}\n`);
      const t0 = performance.now();
      try {
        await body();
      } catch (err) {
        const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
        failures.push(`${name}: ${message.split('\n')[0]}`);
        process.stderr.write(`  FAILED: ${message}\n`);
      }
      process.stderr.write(`  (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
    }
    const finished = new Date();
    const broken = figs.failed();
    const lines = [
      `# kt robustness bench, ${mode} mode, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      '',
      ...describeMachine().map((l) => `- ${l}`),
      `- Load average (1 min): ${loadAtStart} at the start, ${loadAverage()} at the end`,
      `- Run time: ${((finished.getTime() - started.getTime()) / 1000).toFixed(0)} s; seed ${seed} (\`--seed ${seed}\` repeats the fuzz mutations and kill moments)`,
      '',
      'A limit "= 0" is an invariant; "< x" a bound. MB = 2^20 bytes.',
      '',
      formatFigures(figs.rows),
      '',
    ];
    if (broken.length > 0) lines.push('Limits not met:', '', ...broken.map((f) => `- ${f.scenario}: ${f.figure}: ${formatValue(f.value)} ${f.unit} (limit ${f.limit})${f.note ? ` - ${f.note}` : ''}`), '');
    if (figs.notes.length > 0) lines.push('Notes:', '', ...figs.notes.map((n) => `- ${n}`), '');
    if (failures.length > 0) lines.push('Scenarios that failed (no figures):', '', ...failures.map((f) => `- ${f}`), '');
    const report = lines.join('\n');
    process.stdout.write(report);
    if (write) {
      const dir = join(REPO, 'bench', 'results');
      mkdirSync(dir, { recursive: true });
      const stamp = started.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
      const file = join(dir, `${stamp}-robustness${quick ? '-quick' : ''}.md`);
      writeFileSync(file, report);
      process.stderr.write(`results written to ${file}\n`);
    }
    return broken.length > 0 || failures.length > 0 ? 1 : 0;
  } finally {
    killAllGroups();
    // Anomalous fuzz rounds are kept (git-ignored) for fuzz/replay.ts.
    const dumps = existsSync(dumpDir) ? readdirSync(dumpDir) : [];
    if (dumps.length > 0) mkdirSync(keptDumps, { recursive: true });
    for (const f of dumps) copyFileSync(join(dumpDir, f), join(keptDumps, f));
    rmSync(workDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
