// kt console-consumer against kcat -C on the same topic in the same run (issue 9 target: ≥ 0.5×
// kcat's records/s): 2,000,000 records of 60 bytes in one partition, read to /dev/null.
//  * assign: `kt console-consumer --partition 0 --offset earliest --max-messages N` vs
//    `kcat -C -p 0 -o beginning -c N -e -q`, each the median of three runs, alternating;
//  * group: `kt console-consumer --group g --from-beginning --max-messages N` (a fresh group), its
//    stdout read by the bench to see when the first record appears: the join (start to first
//    record) is reported apart and the rate counts from the first record to exit.
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { BrokerProcess } from './lib/broker.js';
import { KT_BIN } from './lib/broker.js';
import type { BenchContext } from './lib/context.js';
import { createTopics, endOffsetsSum } from './lib/kafka-connection.js';
import { KCAT } from './lib/kcat.js';
import { writePayloadFile } from './lib/payload.js';
import { killGroup, run, runOk, spawnGroup } from './lib/processes.js';
import { median } from './lib/stats.js';

const TIMEOUT_MS = 300_000;
const RECORD_BYTES = 60;
const TOPIC = 'console-consumer-60b';

/** Wall milliseconds of a command whose stdout goes to /dev/null. */
function timedToDevNull(cmd: string, args: string[]): Promise<number> {
  const devNull = openSync('/dev/null', 'w');
  return new Promise<number>((resolve, reject) => {
    const start = performance.now();
    const child = spawnGroup(cmd, args, { stdio: ['ignore', devNull, 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => killGroup(child), TIMEOUT_MS);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      closeSync(devNull);
      if (code === 0) resolve(performance.now() - start);
      else reject(new Error(`${cmd} ${args.join(' ')}: exit ${code}: ${stderr.slice(-500)}`));
    });
  });
}

export async function ktConsoleConsumer(ctx: BenchContext, broker: BrokerProcess): Promise<void> {
  const count = ctx.scale(2_000_000, 10_000);
  const file = join(ctx.workDir, `payload-${RECORD_BYTES}.txt`);
  writePayloadFile(file, count, RECORD_BYTES);
  await createTopics(broker.bootstrap, [TOPIC], 1);
  await runOk(KCAT, ['-P', '-b', broker.bootstrap, '-t', TOPIC, '-p', '0', '-X', 'linger.ms=5', '-X', 'batch.size=1000000', '-l', file], { timeoutMs: TIMEOUT_MS });
  const stored = await endOffsetsSum(broker.bootstrap, TOPIC, 1);
  if (stored !== count) throw new Error(`${TOPIC} holds ${stored} records, expected ${count}`);

  const kcatArgs = ['-C', '-b', broker.bootstrap, '-t', TOPIC, '-p', '0', '-o', 'beginning', '-c', String(count), '-e', '-q'];
  const ktArgs = [KT_BIN, 'console-consumer', '--bootstrap-server', broker.bootstrap, '--topic', TOPIC, '--partition', '0', '--offset', 'earliest', '--max-messages', String(count)];
  const kcatMs: number[] = [];
  const ktMs: number[] = [];
  // One read each first, so both meet a warm page cache.
  await timedToDevNull(KCAT, kcatArgs);
  for (let i = 0; i < 3; i++) {
    kcatMs.push(await timedToDevNull(KCAT, kcatArgs));
    ktMs.push(await timedToDevNull(process.execPath, ktArgs));
  }
  const kcatRate = count / (median(kcatMs) / 1000);
  const ktRate = count / (median(ktMs) / 1000);
  ctx.add({
    figure: `kt console-consumer --partition 0 --offset earliest, ${RECORD_BYTES} B records to /dev/null`,
    value: ktRate,
    unit: 'records/s',
    limit: { name: 'kcat -C -p 0 -o beginning, same run', value: kcatRate, unit: 'records/s' },
    target: { on: 'ratio', op: '>=', threshold: 0.5 },
    note: `${count.toLocaleString('en-US')} records; median of 3: kt ${(median(ktMs) / 1000).toFixed(2)} s, kcat ${(median(kcatMs) / 1000).toFixed(2)} s`,
  });

  const group = await groupRun(broker.bootstrap, count);
  const afterJoinRate = count / ((group.totalMs - group.firstRecordMs) / 1000);
  ctx.add({
    figure: `kt console-consumer --group --from-beginning, ${RECORD_BYTES} B records (rate after the join)`,
    value: afterJoinRate,
    unit: 'records/s',
    limit: { name: 'kcat -C -p 0 -o beginning, same run', value: kcatRate, unit: 'records/s' },
    target: { on: 'ratio', op: '>=', threshold: 0.5 },
    note: `join (start to first record) ${(group.firstRecordMs / 1000).toFixed(2)} s, total ${(group.totalMs / 1000).toFixed(2)} s, incl. the broker's group.initial.rebalance.delay.ms`,
  });
}

/** A group read of the whole topic: when the first bytes reach stdout, and when the tool exits. */
async function groupRun(bootstrap: string, count: number): Promise<{ firstRecordMs: number; totalMs: number }> {
  const start = performance.now();
  let firstRecordMs: number | undefined;
  let bytes = 0;
  const args = [KT_BIN, 'console-consumer', '--bootstrap-server', bootstrap, '--topic', TOPIC, '--group', `bench-${Date.now()}`, '--from-beginning', '--max-messages', String(count)];
  const r = await run(process.execPath, args, {
    timeoutMs: TIMEOUT_MS,
    onStdout: (chunk) => {
      firstRecordMs ??= performance.now() - start;
      bytes += chunk.length;
    },
  });
  if (r.code !== 0 || firstRecordMs === undefined) throw new Error(`kt console-consumer --group: exit ${r.code}: ${r.stderr.slice(-500)}`);
  if (bytes !== count * (RECORD_BYTES + 1)) throw new Error(`kt console-consumer --group printed ${bytes} bytes, expected ${count * (RECORD_BYTES + 1)}`);
  return { firstRecordMs, totalMs: r.ms };
}
