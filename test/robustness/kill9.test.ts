// The kill -9 loop at CI size (bench: 100 cycles): acks=all produce, SIGKILL at a random moment,
// restart, every acknowledged record at its offset, offsets dense, no corrupt batch served.
import { expect, it } from 'vitest';
import { runKill9 } from '../../bench/robustness/kill9.js';

it('5 cycles of produce, kill -9 and restart lose no acknowledged record', async () => {
  const r = await runKill9({ cycles: 5, seed: 42, partitions: 3, killAfterMs: [150, 700] });
  console.log(`kill -9: ${r.cycles} cycles, ${r.acknowledged} acknowledged, ${r.lost} lost, ${r.unacknowledgedPresent} unacknowledged present`);
  expect(r.cycles).toBe(5);
  expect(r.acknowledged).toBeGreaterThan(0);
  expect(r.lost).toBe(0);
  expect(r.readProblems).toEqual([]);
  expect(r.logDir.problems).toEqual([]);
  expect(r.logDir.records).toBe(r.acknowledged + r.unacknowledgedPresent);
}, 120_000);
