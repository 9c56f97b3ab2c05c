// Limits: kcat's own produce and catch-up ceilings on this machine, against the null broker (see
// null-broker.ts) with the exact configuration of the produce and consume targets. No broker can
// receive faster than the client sends, or serve faster than the client reads.
import { join } from 'node:path';
import { kcatConsume, kcatProduce, type ProduceConfig } from '../lib/kcat.js';
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

/** kcat -C -o beginning of `records` 1 KB records over `partitions` from the null broker, MB/s (spawn to exit). */
export async function kcatConsumeCeilingMbPerSec(records: number, partitions: number, timeoutMs = 300_000): Promise<number> {
  const broker = spawnGroup(process.execPath, [join(import.meta.dirname, 'null-broker.js'), String(partitions)]);
  try {
    const port = Number(await withTimeout(readLines(broker.stdout!).next(), 30_000));
    const r = await kcatConsume(`127.0.0.1:${port}`, 'ceiling', records, 'catch-up', timeoutMs).done;
    return mbPerSec(records * NULL_BROKER_RECORD_BYTES, r.totalMs);
  } finally {
    killGroup(broker);
  }
}

/** The null broker's records: 1,023-byte values plus a newline in the bench's payload lines = 1 KB. */
const NULL_BROKER_RECORD_BYTES = 1024;
