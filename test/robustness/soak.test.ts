// Soak at CI size (bench: 1,000 connections for minutes, with the RSS slope): tens of producers
// and long-polling consumers at once, every request answered without error, offsets dense.
import { expect, it } from 'vitest';
import { runSoak } from '../../bench/robustness/soak.js';
import { slopeMbPerMin } from '../../bench/robustness/lib/rss.js';

it('40 connections producing and consuming for 5 s: no error', async () => {
  const r = await runSoak({ connections: 40, durationMs: 5000, warmupMs: 1000, produceEveryMs: 100, partitions: 4, sampleEveryMs: 250 });
  console.log(`soak: ${r.connections} connections, ${r.produceRequests} produce + ${r.fetchRequests} fetch requests, RSS peak ${Math.round(r.peakBytes / 2 ** 20)} MB, slope ${slopeMbPerMin(r.samples).toFixed(1)} MB/min (too short to judge)`);
  expect(r.firstErrors).toEqual([]);
  expect(r.connections).toBe(40);
  expect(r.produceRequests).toBeGreaterThan(0);
  expect(r.recordsConsumed).toBeGreaterThan(0);
}, 60_000);
