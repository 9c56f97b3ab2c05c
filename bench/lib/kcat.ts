// kcat (librdkafka) as the independent client: produce from a file, consume to a counter.
import { run, runOk, spawnGroup, killGroup } from './processes.js';

export const KCAT = '/usr/bin/kcat';

export interface ProduceConfig {
  acks: 1 | -1;
  compression: 'none' | 'lz4';
  /** librdkafka batch.size: also the chunk size of the disk-append limit. */
  batchSize: number;
}

export function kcatProduceArgs(bootstrap: string, topic: string, file: string, c: ProduceConfig): string[] {
  return [
    '-P', '-q', '-b', bootstrap, '-t', topic, '-l', file, '-z', c.compression,
    '-X', `acks=${c.acks}`, '-X', 'linger.ms=5', '-X', `batch.size=${c.batchSize}`,
  ];
}

/** Produces a payload file with one kcat; resolves with the wall time (spawn to exit), ms. */
export async function kcatProduce(bootstrap: string, topic: string, file: string, c: ProduceConfig, timeoutMs: number): Promise<number> {
  const r = await runOk(KCAT, kcatProduceArgs(bootstrap, topic, file, c), { timeoutMs });
  if (/fail|error/i.test(r.stderr)) throw new Error(`kcat produce reported: ${r.stderr.slice(-500)}`);
  return r.ms;
}

/**
 * Consumes `count` records with kcat -C, printing one '.' per record, which this process
 * counts: with exit at the end of the partitions (catch-up), or waiting for them (tail).
 */
export interface ConsumeResult {
  records: number;
  firstAt: number;
  lastAt: number;
  totalMs: number;
}

export interface KcatConsumer {
  /**
   * Resolves when `count` records arrived: spawn to exit (totalMs), and the performance.now()
   * times at which the first and the last record arrived.
   */
  done: Promise<ConsumeResult>;
  stop(): void;
}

export function kcatConsume(bootstrap: string, topic: string, count: number, mode: 'catch-up' | 'tail', timeoutMs: number): KcatConsumer {
  // Tail mode also reads from the beginning: the topic is new and empty when it starts, so it
  // follows the producer without the risk of missing records sent before its assignment.
  const args = ['-C', '-q', '-b', bootstrap, '-t', topic, '-f', '.', '-c', String(count), '-o', 'beginning'];
  if (mode === 'catch-up') args.push('-e');
  const start = performance.now();
  let records = 0;
  let firstAt = 0;
  let lastAt = 0;
  const child = spawnGroup(KCAT, args);
  child.stdout!.on('data', (d: Buffer) => {
    if (records === 0) firstAt = performance.now();
    records += d.length;
    lastAt = performance.now();
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<ConsumeResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child);
      reject(new Error(`kcat consume ${topic}: ${records}/${count} records after ${timeoutMs} ms ${stderr.slice(-300)}`));
    }, timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      const totalMs = performance.now() - start;
      if (records !== count) reject(new Error(`kcat consume ${topic}: ${records}/${count} records (exit ${code}) ${stderr.slice(-300)}`));
      else resolve({ records, firstAt, lastAt, totalMs });
    });
  });
  return { done, stop: () => killGroup(child) };
}

export { run };
