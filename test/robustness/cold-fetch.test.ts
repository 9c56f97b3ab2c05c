// A group member keeps its membership while another client reads a topic that is not in the
// page cache (bench: gigabytes, with heartbeat latency max/p99 against the session timeout).
import { expect, it } from 'vitest';
import { runColdFetch } from '../../bench/robustness/cold-fetch.js';

it('heartbeats succeed throughout a read of cold data', async () => {
  const r = await runColdFetch({
    fillBytes: 48 * 2 ** 20,
    partitions: 2,
    sessionTimeoutMs: 10_000,
    heartbeatEveryMs: 50,
    phases: [{ name: '50 MB per partition', partitionMaxBytes: 50 << 20, maxBytes: 50 << 20 }],
  });
  const p = r.phases[0]!;
  console.log(`cold fetch: ${Math.round(p.bytesRead / 2 ** 20)} MB in ${p.seconds.toFixed(2)} s (${Math.round(p.residentAtStart / 2 ** 20)} MB cached at the start), ${p.heartbeats} heartbeats, max ${Math.round(p.maxMs)} ms, p99 ${Math.round(p.p99Ms)} ms`);
  expect(r.memberFailure).toBeNull();
  expect(p.heartbeatErrors).toBe(0);
  expect(p.bytesRead).toBeGreaterThanOrEqual(48 * 2 ** 20);
}, 90_000);
