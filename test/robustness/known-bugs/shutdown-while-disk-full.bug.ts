// KNOWN BUG, kept out of the default suite (run: npm run test:known-bugs; root only).
//
// SIGTERM while the log dir is full: LogManager.close() stops at the first index write that
// fails with ENOSPC ("Error during shutdown: ENOSPC: no space left on device, write"), so the
// remaining logs are not closed, no checkpoint and no clean-shutdown marker is written, and the
// process exits 1 instead of 143. Data survives (the next start recovers), but the shutdown is
// unclean. Kafka has already taken the failed log dir offline by then and shuts down normally.
import { describe, expect, it } from 'vitest';
import { runDiskFull } from '../../../bench/robustness/disk-full.js';
import { mountTmpfs } from '../../../bench/robustness/lib/tmpfs.js';

function tmpfsUnavailable(): string | null {
  const probe = mountTmpfs(1 << 20);
  if (typeof probe === 'string') return probe;
  probe.unmount();
  return null;
}

const unavailable = tmpfsUnavailable();

describe.skipIf(unavailable !== null)(`shutdown while the disk is full${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  it('SIGTERM while the log dir is full stops cleanly (exit 143)', async () => {
    const r = await runDiskFull({ sizeBytes: 12 * 2 ** 20 });
    expect(r.brokerLines.filter((l) => l.includes('Error during shutdown'))).toEqual([]);
    expect(r.stopWhileFull).toBe('exit 143');
  }, 60_000);
});
