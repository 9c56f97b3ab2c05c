// The machine's limits, measured at the start of the run with the volumes the broker moves.
import type { BenchContext } from '../lib/context.js';
import { BATCH_SIZE } from '../produce.js';
import { diskAppendMbPerSec } from './disk-append.js';
import { loopbackMbPerSec } from './loopback.js';
import { kcatCeilingMbPerSec } from './client-ceiling.js';

export async function measureLimits(ctx: BenchContext): Promise<void> {
  const bytes = ctx.recordCount(1024) * 1024;
  const volume = `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const disk = diskAppendMbPerSec(bytes, BATCH_SIZE);
  ctx.limits.diskMbPerSec = disk.noFsync;
  ctx.limits.diskFsyncMbPerSec = disk.fsyncAtEnd;
  ctx.add({ figure: 'limit: file append, no fsync', value: disk.noFsync, unit: 'MB/s', note: `${volume} in ${BATCH_SIZE.toLocaleString('en-US')}-byte writeSync calls` });
  ctx.add({ figure: 'limit: file append, one fsync at the end', value: disk.fsyncAtEnd, unit: 'MB/s', note: volume });
  ctx.limits.loopbackMbPerSec = await loopbackMbPerSec(bytes);
  ctx.add({ figure: 'limit: TCP loopback sink (Node, 1 MiB writes)', value: ctx.limits.loopbackMbPerSec, unit: 'MB/s', note: `${volume}, sink in its own process` });
  // The produce target's client and configuration (1 KB, 8 partitions, acks=1, none).
  const ceiling = await kcatCeilingMbPerSec(ctx.payloadFile(1024), bytes, 8, { acks: 1, compression: 'none', batchSize: BATCH_SIZE });
  ctx.limits.kcatCeilingMbPerSec = ceiling;
  ctx.add({
    figure: 'limit: kcat 1 KB into a null broker (client ceiling)',
    value: ceiling,
    unit: 'MB/s',
    note: `${volume}, 8 partitions, acks=1; the null broker acknowledges without storing`,
  });
}
