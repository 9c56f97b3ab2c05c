// Wall time of kt's CLI beside `node -e 0` (the floor any Node CLI pays): `kt --help` and
// `kt topics --list` against a local broker, medians of several runs.
import type { BrokerProcess } from './lib/broker.js';
import { KT_BIN } from './lib/broker.js';
import type { BenchContext } from './lib/context.js';
import { run } from './lib/processes.js';
import { median } from './lib/stats.js';

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
  const runs = ctx.quick ? 3 : 9;
  await medianWallMs(['-e', '0'], 1, 0); // warm the page cache for node itself
  const nodeMs = await medianWallMs(['-e', '0'], runs, 0);
  const limit = { name: 'node -e 0', value: nodeMs, unit: 'ms' };
  const helpMs = await medianWallMs([KT_BIN, '--help'], runs, 0);
  ctx.add({ figure: 'kt --help wall time', value: helpMs, unit: 'ms', limit, target: { on: 'ratio', op: '<=', threshold: 2.5 }, note: `median of ${runs}` });
  const listMs = await medianWallMs([KT_BIN, 'topics', '--bootstrap-server', broker.bootstrap, '--list'], runs, 0);
  ctx.add({ figure: 'kt topics --list wall time', value: listMs, unit: 'ms', limit, target: { on: 'ratio', op: '<=', threshold: 3 }, note: `median of ${runs}` });
}
