// The machine's limits, measured at the start of the run with the volumes the broker moves.
import type { BenchContext } from '../lib/context.js';
import { BATCH_SIZE } from '../produce.js';
import { diskAppendMbPerSec } from './disk-append.js';
import { loopbackMbPerSec } from './loopback.js';
import { kcatCeilingMbPerSec, kcatConsumeCeilingMbPerSec } from './client-ceiling.js';
import { CATCH_UP_FILLS } from '../consume.js';

export async function measureLimits(ctx: BenchContext): Promise<void> {
  const bytes = ctx.recordCount(1024) * 1024;
  const volume = `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  // Best of three: a limit is what the machine can do; a neighbour's burst during one attempt
  // would otherwise lower it and flatter every ratio against it.
  const attempts = [0, 1, 2].map(() => diskAppendMbPerSec(bytes, BATCH_SIZE));
  const disk = { noFsync: Math.max(...attempts.map((a) => a.noFsync)), fsyncAtEnd: Math.max(...attempts.map((a) => a.fsyncAtEnd)) };
  ctx.limits.diskMbPerSec = disk.noFsync;
  ctx.limits.diskFsyncMbPerSec = disk.fsyncAtEnd;
  ctx.add({ figure: 'limit: file append, no fsync', value: disk.noFsync, unit: 'MB/s', note: `${volume} in ${BATCH_SIZE.toLocaleString('en-US')}-byte writeSync calls, best of 3` });
  ctx.add({ figure: 'limit: file append, one fsync at the end', value: disk.fsyncAtEnd, unit: 'MB/s', note: `${volume}, best of 3` });
  let loopback = 0;
  for (let i = 0; i < 3; i++) loopback = Math.max(loopback, await loopbackMbPerSec(bytes));
  ctx.limits.loopbackMbPerSec = loopback;
  ctx.add({ figure: 'limit: TCP loopback sink (Node, 1 MiB writes)', value: ctx.limits.loopbackMbPerSec, unit: 'MB/s', note: `${volume}, sink in its own process, best of 3` });
  // The produce target's client and configuration (1 KB, 8 partitions, acks=1, none).
  let ceiling = 0;
  for (let i = 0; i < 3; i++) ceiling = Math.max(ceiling, await kcatCeilingMbPerSec(ctx.payloadFile(1024), bytes, 8, { acks: 1, compression: 'none', batchSize: BATCH_SIZE }));
  ctx.limits.kcatCeilingMbPerSec = ceiling;
  ctx.add({
    figure: 'limit: kcat 1 KB into a null broker (client ceiling)',
    value: ceiling,
    unit: 'MB/s',
    note: `${volume}, 8 partitions, acks=1, best of 3; the null broker acknowledges without storing`,
  });
  // The catch-up target's client and volume.
  const readRecords = CATCH_UP_FILLS * ctx.recordCount(1024);
  let readCeiling = 0;
  for (let i = 0; i < 3; i++) readCeiling = Math.max(readCeiling, await kcatConsumeCeilingMbPerSec(readRecords, 8));
  ctx.limits.kcatConsumeCeilingMbPerSec = readCeiling;
  ctx.add({
    figure: 'limit: kcat 1 KB catch-up from a null broker (client ceiling)',
    value: readCeiling,
    unit: 'MB/s',
    note: `${readRecords.toLocaleString('en-US')} records, 8 partitions, best of 3; the null broker answers every fetch from one prepared batch`,
  });
}
