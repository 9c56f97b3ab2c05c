// A client that sends Fetch requests for lots of data and never reads its socket must not pin
// the broker's memory: one connection holds at most 64 MB of unsent responses plus one response
// (src/broker/network/connection.ts). Before the dispatch loop respected back-pressure, 40 such
// requests in one write made the broker read 40 x 24 MB (~1 GB) at once.
import { expect, it } from 'vitest';
import { runSlowConsumer } from '../../bench/robustness/slow-consumer.js';

const TOPIC_BYTES = 24 * 2 ** 20;
/** 64 MB of buffered writes, one response, and room for the GC's lag and the read-buffer pool. */
const ALLOWED_BYTES = 64 * 2 ** 20 + TOPIC_BYTES + 128 * 2 ** 20;

it('a consumer that never reads pins bounded memory, and others keep being served', async () => {
  const r = await runSlowConsumer({ fillBytes: TOPIC_BYTES, burstRequests: 40, durationMs: 2000, steadyEveryMs: 5 });
  for (const m of r.modes) {
    console.log(`slow consumer, ${m.mode}: ${m.requestsSent} requests, peak RSS ${Math.round((m.peakBytes - m.baselineBytes) / 2 ** 20)} MB over a ${Math.round(m.baselineBytes / 2 ** 20)} MB baseline`);
    expect({ mode: m.mode, alive: m.brokerAlive, errors: m.bystander.errors }).toEqual({ mode: m.mode, alive: true, errors: [] });
    expect(m.bystander.roundTrips).toBeGreaterThan(0);
    expect(m.peakBytes - m.baselineBytes).toBeLessThan(ALLOWED_BYTES);
  }
  expect(r.modes.map((m) => m.mode)).toEqual(['steady', 'burst']);
}, 90_000);
