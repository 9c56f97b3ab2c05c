// Retention (retention.ms, retention.bytes, log start offset), DeleteRecords and the delayed
// removal of deleted segment files, on a PartitionLog with one batch per segment.
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PartitionLog, type PartitionLogOpenOptions } from '../../../src/broker/log/partition-log.js';
import { OffsetOutOfRangeError } from '../../../src/broker/log/errors.js';
import { appendBatches, decodeBatches, fakeClock, listDir, makeTempDir, removeTempDirs, simpleBatch, testConfig } from './batch-builder.js';

const T = 1_700_000_000_000;
/** simpleBatch(2) is 79 bytes: with segment.bytes 100 every append rolls a new segment. */
const BATCH_BYTES = 79;

const logs: PartitionLog[] = [];
afterEach(() => {
  for (const log of logs.splice(0)) log.close();
});
afterAll(removeTempDirs);

function openLog(opts: Partial<PartitionLogOpenOptions> = {}) {
  const parent = makeTempDir();
  const lines: string[] = [];
  const log = PartitionLog.open({
    dir: path.join(parent, 'orders-0'),
    topic: 'orders',
    partition: 0,
    config: testConfig({ segmentBytes: 100, fileDeleteDelayMs: 60_000 }),
    cleanShutdown: true,
    info: (m) => lines.push(m),
    ...opts,
  });
  logs.push(log);
  const ident = `[UnifiedLog partition=orders-0, dir=${parent}] `;
  /** INFO lines other than rolls, without the UnifiedLog prefix. */
  const retentionLines = () => lines.filter((l) => !l.includes('Rolled new log segment')).map((l) => (l.startsWith(ident) ? l.slice(ident.length) : l));
  return { log, lines, retentionLines, parent };
}

/** Three segments [0,1] [2,3] [4,5] whose records carry the given timestamps. */
function threeSegments(log: PartitionLog, timestamps = [T - 10_000, T - 5_000, T]) {
  for (const ts of timestamps) appendBatches(log, simpleBatch(2, 'v', ts));
  expect(log.segmentBaseOffsets).toEqual([0, 2, 4]);
}

const segmentText = (base: number, largest: number) => new RegExp(`^LogSegment\\(baseOffset=${base}, size=${BATCH_BYTES}, lastModifiedTime=\\d+, largestRecordTimestamp=${largest}\\)$`);

describe('retention.ms', () => {
  it('deletes the oldest segments whose largest timestamp is older than retention.ms', () => {
    const clock = fakeClock(T);
    const { log, retentionLines } = openLog({ now: clock.now, config: testConfig({ segmentBytes: 100, retentionMs: 6000 }) });
    threeSegments(log);

    expect(log.deleteOldSegments()).toBe(1);
    expect(log.segmentBaseOffsets).toEqual([2, 4]);
    expect(log.logStartOffset).toBe(2);
    expect(log.read(1, 10_000, true)).toEqual({ outOfRange: true });
    expect(decodeBatches((log.read(2, 10_000, true) as { records: Buffer }).records).map((b) => b.baseOffset)).toEqual([2, 4]);
    const [incremented, deleting, ...rest] = retentionLines();
    expect(incremented).toBe('Incremented log start offset to 2 due to segment deletion');
    const m = /^Deleting segment (.*) due to log retention time 6000ms breach based on the largest record timestamp in the segment$/.exec(deleting!);
    expect(m?.[1]).toMatch(segmentText(0, T - 10_000));
    expect(rest).toEqual([]);

    // Nothing else is old enough; 1 ms later the 5 s old segment still is not (> retention.ms).
    clock.advance(1000);
    expect(log.deleteOldSegments()).toBe(0);
    clock.advance(1);
    expect(log.deleteOldSegments()).toBe(1);
    expect(log.segmentBaseOffsets).toEqual([4]);
  });

  it('rolls a new empty segment at the log end offset when every segment is past retention', () => {
    const clock = fakeClock(T + 60_000);
    const { log, lines } = openLog({ now: clock.now, config: testConfig({ segmentBytes: 100, retentionMs: 1000 }) });
    threeSegments(log);

    expect(log.deleteOldSegments()).toBe(3);
    expect(log.segmentBaseOffsets).toEqual([6]);
    expect(log.logStartOffset).toBe(6);
    expect(log.logEndOffset).toBe(6);
    expect(log.read(5, 10_000, true)).toEqual({ outOfRange: true });
    expect(log.read(6, 10_000, true)).toEqual({ records: Buffer.alloc(0), outOfRange: false });
    expect(lines.filter((l) => l.includes('Rolled new log segment at offset 6'))).toHaveLength(1);
    // The empty active segment is never deleted, and appends continue at 6.
    expect(log.deleteOldSegments()).toBe(0);
    expect(appendBatches(log, simpleBatch(1, 'w', T + 60_000)).firstOffset).toBe(6);
  });

  it('keeps a segment holding a future timestamp and says so', () => {
    const warnings: string[] = [];
    const { log } = openLog({ now: () => T, warn: (m) => warnings.push(m), config: testConfig({ segmentBytes: 100, retentionMs: 1000 }) });
    threeSegments(log, [T + 5000, T - 10_000, T - 10_000]);
    expect(log.deleteOldSegments()).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/LogSegment\(baseOffset=0, .*\) contains future timestamp\(s\), making it ineligible to be deleted$/);
  });

  it('applies a retention.ms changed at runtime at the next pass; -1 (Infinity) keeps everything', () => {
    const { log } = openLog({ now: () => T, config: testConfig({ segmentBytes: 100, retentionMs: Infinity }) });
    threeSegments(log);
    expect(log.deleteOldSegments()).toBe(0);
    log.updateConfig(testConfig({ segmentBytes: 100, retentionMs: 4000 }));
    expect(log.deleteOldSegments()).toBe(2);
    expect(log.logStartOffset).toBe(4);
  });

  it('does nothing for cleanup.policy=compact', () => {
    const { log } = openLog({ now: () => T, config: testConfig({ segmentBytes: 100, retentionMs: 1, retentionBytes: 0, cleanupDelete: false, cleanupCompact: true }) });
    threeSegments(log);
    expect(log.deleteOldSegments()).toBe(0);
    expect(log.segmentBaseOffsets).toEqual([0, 2, 4]);
  });
});

describe('retention.bytes', () => {
  it('deletes whole oldest segments only while the log stays at or above retention.bytes', () => {
    const { log, retentionLines } = openLog({ now: () => T, config: testConfig({ segmentBytes: 100, retentionBytes: 2 * BATCH_BYTES + 1 }) });
    threeSegments(log);
    // 237 bytes, limit 159: deleting one segment (-> 158) would go below the limit, so none goes.
    expect(log.deleteOldSegments()).toBe(0);
    log.updateConfig(testConfig({ segmentBytes: 100, retentionBytes: 150 }));
    expect(log.deleteOldSegments()).toBe(1);
    expect(log.segmentBaseOffsets).toEqual([2, 4]);
    expect(log.logStartOffset).toBe(2);
    const lines = retentionLines();
    expect(lines[0]).toBe('Incremented log start offset to 2 due to segment deletion');
    expect(lines[1]).toMatch(/^Deleting segment LogSegment\(baseOffset=0, size=79, lastModifiedTime=\d+, largestRecordTimestamp=-?\d+\) due to log retention size 150 breach\. Log size after deletion will be 158\.$/);
  });

  it('with retention.bytes=0 deletes every segment, the active one included, after rolling', () => {
    const { log, retentionLines } = openLog({ config: testConfig({ segmentBytes: 100, retentionBytes: 0 }) });
    threeSegments(log);
    expect(log.deleteOldSegments()).toBe(3);
    expect(log.segmentBaseOffsets).toEqual([6]);
    expect(log.logStartOffset).toBe(6);
    expect(retentionLines().map((l) => l.replace(/LogSegment\(.*\)/, 'S'))).toEqual([
      'Incremented log start offset to 6 due to segment deletion',
      'Deleting segment S due to log retention size 0 breach. Log size after deletion will be 158.',
      'Deleting segment S due to log retention size 0 breach. Log size after deletion will be 79.',
      'Deleting segment S due to log retention size 0 breach. Log size after deletion will be 0.',
    ]);
  });
});

describe('DeleteRecords (deleteRecordsBefore) and the log start offset', () => {
  it('raises the log start offset, never lowers it, and refuses offsets past the high watermark', () => {
    const { log, retentionLines } = openLog();
    threeSegments(log);
    expect(log.deleteRecordsBefore(3)).toBe(3);
    expect(log.logStartOffset).toBe(3);
    expect(log.deleteRecordsBefore(1)).toBe(3);
    expect(() => log.deleteRecordsBefore(7)).toThrow(OffsetOutOfRangeError);
    expect(() => log.deleteRecordsBefore(7)).toThrow('Cannot increment the log start offset to 7 of partition orders-0 since it is larger than the high watermark 6');
    expect(() => log.deleteRecordsBefore(-2)).toThrow(new OffsetOutOfRangeError('The offset -2 for partition orders-0 is not valid'));
    expect(retentionLines()).toEqual(['Incremented log start offset to 3 due to client delete records request']);

    // Reads below the start are out of range; at the start, the batch holding it is returned.
    expect(log.read(2, 10_000, true)).toEqual({ outOfRange: true });
    expect(decodeBatches((log.read(3, 10_000, true) as { records: Buffer }).records).map((b) => b.baseOffset)).toEqual([2, 4]);
    // Timestamp lookups start at the log start offset too.
    expect(log.offsetForTimestamp(0)?.offset).toBe(3);
    // The segments stay until the next retention pass.
    expect(log.segmentBaseOffsets).toEqual([0, 2, 4]);
  });

  it('the next pass deletes segments wholly below the log start offset, whatever the policy', () => {
    const { log, retentionLines } = openLog({ config: testConfig({ segmentBytes: 100, cleanupDelete: false, cleanupCompact: true }) });
    threeSegments(log);
    log.deleteRecordsBefore(3);
    expect(log.deleteOldSegments()).toBe(1);
    expect(log.segmentBaseOffsets).toEqual([2, 4]);
    expect(log.logStartOffset).toBe(3);
    const lines = retentionLines();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Deleting segments due to log start offset 3 breach: LogSegment\(baseOffset=0, size=79, lastModifiedTime=\d+, largestRecordTimestamp=-?\d+\)$/);

    // Up to the high watermark: every segment but the active one goes (it holds the start).
    expect(log.deleteRecordsBefore(6)).toBe(6);
    expect(log.deleteOldSegments()).toBe(1);
    expect(log.segmentBaseOffsets).toEqual([4]);
    expect(log.read(6, 10_000, true)).toEqual({ records: Buffer.alloc(0), outOfRange: false });
  });

  it('moves the recovery point up to the new log start offset', () => {
    const { log } = openLog();
    threeSegments(log);
    expect(log.recoveryPoint).toBe(0);
    log.deleteRecordsBefore(5);
    expect(log.recoveryPoint).toBe(5);
  });
});

describe('file.delete.delay.ms', () => {
  const segmentFiles = (base: string) => [`${base}.index`, `${base}.log`, `${base}.timeindex`];
  const first = '00000000000000000000';

  it('renames the files .deleted at once and removes them after the delay', async () => {
    const { log, lines } = openLog({ now: () => T, config: testConfig({ segmentBytes: 100, retentionMs: 6000, fileDeleteDelayMs: 150 }) });
    threeSegments(log);
    const dir = log.dir;
    expect(listDir(dir)).toEqual(expect.arrayContaining(segmentFiles(first)));
    log.deleteOldSegments();
    const renamed = segmentFiles(first).map((f) => `${f}.deleted`);
    expect(listDir(dir).filter((f) => f.startsWith(first))).toEqual(renamed);

    await new Promise((r) => setTimeout(r, 50));
    expect(listDir(dir).filter((f) => f.startsWith(first))).toEqual(renamed);
    await waitFor(() => !listDir(dir).some((f) => f.startsWith(first)));
    expect(lines.filter((l) => l.includes('Deleting segment files'))).toHaveLength(1);
    expect(lines.find((l) => l.includes('Deleting segment files'))).toMatch(/^\[LocalLog partition=orders-0, dir=.*\] Deleting segment files LogSegment\(baseOffset=0, size=79, /);
    // The remaining segments are untouched.
    expect(listDir(dir)).toEqual(expect.arrayContaining([...segmentFiles('00000000000000000002'), ...segmentFiles('00000000000000000004')]));
  });

  it('leaves .deleted files when closed before the delay; the next open removes them', () => {
    const { log } = openLog({ now: () => T, config: testConfig({ segmentBytes: 100, retentionMs: 6000, fileDeleteDelayMs: 60_000 }) });
    threeSegments(log);
    log.deleteOldSegments();
    log.close();
    expect(listDir(log.dir).filter((f) => f.endsWith('.deleted'))).toHaveLength(3);
    const reopened = PartitionLog.open({ dir: log.dir, topic: 'orders', partition: 0, config: testConfig({ segmentBytes: 100 }), cleanShutdown: true });
    logs.push(reopened);
    expect(listDir(log.dir).filter((f) => f.endsWith('.deleted'))).toEqual([]);
    expect(reopened.segmentBaseOffsets).toEqual([2, 4]);
    expect(reopened.logStartOffset).toBe(2);
    expect(reopened.logEndOffset).toBe(6);
  });
});

describe('segment.ms on compacted logs', () => {
  it('rolls after max.compaction.lag.ms when it is below segment.ms (Kafka maxSegmentMs)', () => {
    const clock = fakeClock(T);
    const { log } = openLog({ now: clock.now, config: testConfig({ cleanupCompact: true, cleanupDelete: false, maxCompactionLagMs: 100 }) });
    appendBatches(log, simpleBatch(1, 'a', T));
    appendBatches(log, simpleBatch(1, 'b', T + 100));
    expect(log.segmentBaseOffsets).toEqual([0]);
    appendBatches(log, simpleBatch(1, 'c', T + 101));
    expect(log.segmentBaseOffsets).toEqual([0, 2]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

