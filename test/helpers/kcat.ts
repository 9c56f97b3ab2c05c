// Produce and read back through kcat (librdkafka), for tests that check a broker still serves:
// exact rows `offset|value`, no consumer group involved.
import { expect } from 'vitest';
import { run } from './run.js';

const KCAT = '/usr/bin/kcat';

/** Produces one record per value to partition 0 of `topic` (auto-created), and checks kcat succeeded. */
export async function produceValues(bootstrap: string, topic: string, values: readonly string[]): Promise<void> {
  const r = await run(KCAT, ['-b', bootstrap, '-P', '-t', topic, '-p', '0'], { input: values.map((v) => `${v}\n`).join('') });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

/** Every record of partition 0 of `topic`, as `offset|value` lines. */
export async function readAll(bootstrap: string, topic: string): Promise<string[]> {
  const r = await run(KCAT, ['-b', bootstrap, '-C', '-t', topic, '-p', '0', '-o', 'beginning', '-e', '-f', '%o|%s\n']);
  expect(r.code).toBe(0);
  return r.stdout.toString().split('\n').filter((l) => l !== '');
}
