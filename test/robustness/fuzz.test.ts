// Protocol fuzzing at CI size (bench: `npm run bench:robustness`, 1,000,000 frames): mutated
// frames captured from real clients, against a broker child process, with a bystander
// connection producing and fetching throughout, then a clean stop and a walk of every segment.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { MUTATIONS } from '../../bench/robustness/fuzz/mutate.js';
import { runProtocolFuzz } from '../../bench/robustness/protocol-fuzz.js';

const dumpDir = mkdtempSync(join(tmpdir(), 'kt-fuzz-dumps-'));
afterAll(() => rmSync(dumpDir, { recursive: true, force: true }));

// Every mutation, records-crc (a batch changed behind a recomputed CRC) included: the bugs it found
// (a Long.MAX_VALUE timestamp, undecodable records accepted) have their own regression tests.
const mutations = [...MUTATIONS];

it('3,000 mutated frames: no crash, no hang, the bystander keeps working, no corrupt segment', async () => {
  const r = await runProtocolFuzz({ frames: 3000, concurrency: 8, boundMs: 10_000, seed: 20261207, dumpDir, mutations });
  const c = r.counts;
  console.log(
    `fuzz: ${c.mutatedFrames} mutated + ${c.validFrames} valid frames + ${c.probes} probes sent, ${c.responses} responses, ` +
      `${c.closes} closes, ${c.crashes} crashes, ${c.hangs} hangs, ${c.refused} refused; bystander ${r.bystander.roundTrips} round trips; ` +
      `${r.logDir.segments} segments / ${r.logDir.batches} batches checked`,
  );
  expect(c.anomalies).toEqual([]);
  expect({ crashes: c.crashes, hangs: c.hangs, lostOrReordered: c.lostOrReordered, badResponses: c.badResponses }).toEqual({ crashes: 0, hangs: 0, lostOrReordered: 0, badResponses: 0 });
  expect(c.mutatedFrames).toBe(3000);
  expect(r.bystander.errors).toEqual([]);
  expect(r.bystander.roundTrips).toBeGreaterThan(0);
  expect(r.logDir.problems).toEqual([]);
  expect(r.brokerEnd).toBe('exit 143');
  expect(r.firstErrorLines).toEqual([]);
  expect(r.logDir.undecodableBatches).toBe(0);
}, 120_000);
