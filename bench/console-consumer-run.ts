// `npm run bench:console-consumer`: only the console-consumer vs kcat rows (bench/console-consumer.ts)
// on a fresh broker, printed as the bench table; `--quick` divides the volume by 50, `--write`
// (default in full mode) keeps bench/results/<YYYY-MM-DD-HHMM>-console-consumer.md.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ktConsoleConsumer } from './console-consumer.js';
import { REPO, withBroker } from './lib/broker.js';
import { BenchContext } from './lib/context.js';
import { probeKtTools } from './lib/kt-tools.js';
import { describeMachine, loadAverage } from './lib/machine.js';
import { killAllGroups } from './lib/processes.js';
import { formatTable } from './lib/report.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const workDir = mkdtempSync(join(tmpdir(), 'kt-bench-cc-'));
const started = new Date();
const loadAtStart = loadAverage();
try {
  const ctx = new BenchContext(quick, workDir, await probeKtTools());
  await withBroker((broker) => ktConsoleConsumer(ctx, broker));
  const report = [
    `# kt bench, console-consumer vs kcat${quick ? ' (quick)' : ''}, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    ...describeMachine().map((l) => `- ${l}`),
    `- Load average (1 min): ${loadAtStart} at the start, ${loadAverage()} at the end`,
    '',
    formatTable(ctx.rows),
    '',
  ].join('\n');
  process.stdout.write(report);
  if (argv.includes('--write') || !quick) {
    const dir = join(REPO, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${started.toISOString().slice(0, 16).replace('T', '-').replace(':', '')}-console-consumer.md`);
    writeFileSync(file, report);
    process.stderr.write(`results written to ${file}\n`);
  }
} finally {
  killAllGroups();
  rmSync(workDir, { recursive: true, force: true });
}
