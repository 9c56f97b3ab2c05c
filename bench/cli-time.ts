// Wall time of kt's CLI beside `node -e 0` (the floor any Node CLI pays): `kt topics --list`
// against a local broker (issue 9's target: at most 1.5 x node -e 0, which bin/run.js meets by
// running a known tool straight from oclif.manifest.json without loading oclif), `kt topics
// --help` (the same fast path) and `kt --help` (oclif's root help, plugins loaded); medians of
// several runs. Part of `npm run bench`; alone, with a broker of its own and a results file:
//   npx tsc -p bench/tsconfig.json && node bench/.build/bench/cli-time.js [--quick] [--write]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrokerProcess } from './lib/broker.js';
import { KT_BIN, REPO, withBroker } from './lib/broker.js';
import { BenchContext } from './lib/context.js';
import { probeKtTools } from './lib/kt-tools.js';
import { describeMachine, loadAverage } from './lib/machine.js';
import { killAllGroups, run } from './lib/processes.js';
import { formatTable } from './lib/report.js';
import { median } from './lib/stats.js';

/** Issue 9: `kt topics --list` within 1.5 x `node -e 0`. */
const TOPICS_LIST_LIMIT = 1.5;

async function medianWallMs(args: string[], runs: number, expectCode: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await run(process.execPath, args, { timeoutMs: 60_000 });
    if (r.code !== expectCode) throw new Error(`node ${args.join(' ')}: exit ${r.code ?? r.signal}, expected ${expectCode}: ${r.stderr.slice(-300)}`);
    times.push(r.ms);
  }
  return median(times);
}

export async function cliTimes(ctx: BenchContext, broker: BrokerProcess): Promise<void> {
  const runs = ctx.quick ? 5 : 15;
  await medianWallMs(['-e', '0'], 1, 0); // warm the page cache for node itself
  await medianWallMs([KT_BIN, 'topics', '--bootstrap-server', broker.bootstrap, '--list'], 1, 0); // and for kt's modules
  const nodeMs = await medianWallMs(['-e', '0'], runs, 0);
  const limit = { name: 'node -e 0', value: nodeMs, unit: 'ms' };
  const listMs = await medianWallMs([KT_BIN, 'topics', '--bootstrap-server', broker.bootstrap, '--list'], runs, 0);
  ctx.add({
    figure: 'kt topics --list wall time',
    value: listMs,
    unit: 'ms',
    limit,
    target: { on: 'ratio', op: '<=', threshold: TOPICS_LIST_LIMIT },
    note: `median of ${runs}; limit ${TOPICS_LIST_LIMIT} x node -e 0 = ${(TOPICS_LIST_LIMIT * nodeMs).toFixed(0)} ms (issue 9)`,
  });
  const toolHelpMs = await medianWallMs([KT_BIN, 'topics', '--help'], runs, 1);
  ctx.add({ figure: 'kt topics --help wall time', value: toolHelpMs, unit: 'ms', limit, note: `median of ${runs}; Kafka's help, fast path` });
  const helpMs = await medianWallMs([KT_BIN, '--help'], runs, 0);
  ctx.add({ figure: 'kt --help wall time', value: helpMs, unit: 'ms', limit, target: { on: 'ratio', op: '<=', threshold: 2.5 }, note: `median of ${runs}; oclif's root help` });
}

async function main(): Promise<number> {
  const quick = process.argv.includes('--quick');
  const started = new Date();
  try {
    const ctx = new BenchContext(quick, REPO, await probeKtTools());
    await withBroker((broker) => cliTimes(ctx, broker));
    const report = [
      `# kt bench, CLI wall times, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      '',
      ...describeMachine().map((l) => `- ${l}`),
      `- Load average (1 min): ${loadAverage()}`,
      '',
      'Ratio = value / limit, both measured in this run.',
      '',
      formatTable(ctx.rows),
      '',
    ].join('\n');
    process.stdout.write(report);
    if (process.argv.includes('--write')) {
      const dir = join(REPO, 'bench', 'results');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${started.toISOString().slice(0, 16).replace('T', '-').replace(':', '')}-cli-time.md`);
      writeFileSync(file, report);
      process.stderr.write(`results written to ${file}\n`);
    }
    return 0;
  } finally {
    killAllGroups();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main();
