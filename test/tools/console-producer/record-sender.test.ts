import { describe, expect, it } from 'vitest';
import { RecordSender, recordSize, type OutgoingRecord } from '../../../src/tools/console-producer/record-sender.js';

const rec = (v: string): OutgoingRecord => ({ key: null, value: Buffer.from(v), headers: [], timestamp: '0' });

describe('RecordSender', () => {
  it('sends full batches at once and the rest on close, in order', async () => {
    const sent: string[][] = [];
    const sender = new RecordSender(
      async (records) => {
        sent.push(records.map((r) => r.value!.toString()));
      },
      { lingerMs: 60_000, flushBytes: 2 * recordSize(rec('a')) },
      () => undefined,
    );
    for (const v of ['a', 'b', 'c', 'd', 'e']) await sender.add(rec(v));
    await sender.close();
    expect(sent).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(sender.sent).toBe(5);
  });

  it('sends a lingering batch after linger.ms', async () => {
    const sent: string[][] = [];
    const sender = new RecordSender(async (records) => void sent.push(records.map((r) => r.value!.toString())), { lingerMs: 20, flushBytes: 1 << 20 }, () => undefined);
    await sender.add(rec('x'));
    expect(sent).toEqual([]);
    await new Promise((r) => setTimeout(r, 60));
    expect(sent).toEqual([['x']]);
    await sender.close();
  });

  it('keeps one send in flight and reports failures per batch', async () => {
    let active = 0;
    let maxActive = 0;
    const failed: string[][] = [];
    const sender = new RecordSender(
      async (records) => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        if (records[0]!.value!.toString() === 'c') throw new Error('boom');
      },
      { lingerMs: 60_000, flushBytes: 1 },
      (records, error) => failed.push([...records.map((r) => r.value!.toString()), (error as Error).message]),
    );
    for (const v of ['a', 'b', 'c', 'd']) await sender.add(rec(v));
    await sender.close();
    expect(maxActive).toBe(1);
    expect(failed).toEqual([['c', 'boom']]);
  });
});
