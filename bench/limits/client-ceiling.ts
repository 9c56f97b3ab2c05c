// Limit: kcat's own produce ceiling on this machine, measured into the null broker (see
// null-broker.ts) with the exact configuration of the produce target. No broker can receive
// faster than the client sends, so this is the figure the broker's produce rate is bounded by.
import { join } from 'node:path';
import { kcatProduce, type ProduceConfig } from '../lib/kcat.js';
import { killGroup, spawnGroup } from '../lib/processes.js';
import { mbPerSec } from '../lib/stats.js';
import { readLines, withTimeout } from './loopback.js';

export async function kcatCeilingMbPerSec(file: string, bytes: number, partitions: number, config: ProduceConfig, timeoutMs = 300_000): Promise<number> {
  const broker = spawnGroup(process.execPath, [join(import.meta.dirname, 'null-broker.js'), String(partitions)]);
  try {
    const port = Number(await withTimeout(readLines(broker.stdout!).next(), 30_000));
    const ms = await kcatProduce(`127.0.0.1:${port}`, 'ceiling', file, config, timeoutMs);
    return mbPerSec(bytes, ms);
  } finally {
    killGroup(broker);
  }
}
