import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RecordView } from '../../../src/client/record-view.js';
import { ConsumeSession, type RecordSource } from '../../../src/tools/console-consumer/consume-session.js';
import { createFormatter } from '../../../src/tools/console-consumer/message-formatter.js';
import { RecordOutput } from '../../../src/tools/console-consumer/record-output.js';
import { recordView } from './record-fixture.js';

const formatter = createFormatter('org.apache.kafka.tools.consumer.DefaultMessageFormatter', new Map());
const rec = (offset: number) => recordView({ offset, value: Buffer.from(`v${offset}`), key: null });

function sink() {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { output: new RecordOutput(stream), text: () => Buffer.concat(chunks).toString() };
}

/** A source that hands out the given polls of records, then nothing (polls wait their timeout, up to 20 ms). */
function source(polls: RecordView[][], delayMs = 0): RecordSource & { handed: number[] } {
  let pending: RecordView[] = [];
  const handed: number[] = [];
  let woken: (() => void) | undefined;
  return {
    handed,
    async poll(timeoutMs) {
      await new Promise<void>((r) => {
        const t = setTimeout(r, polls.length > 0 ? delayMs : Math.min(timeoutMs, 20));
        woken = () => (clearTimeout(t), r());
      });
      if (pending.length === 0 && polls.length > 0) pending = polls.shift()!;
      return pending.length > 0;
    },
    drain(max, onRecord) {
      let n = 0;
      while (n < max && pending.length > 0) {
        const r = pending.shift()!;
        handed.push(r.offset);
        n++;
        if (onRecord(r) === false) break;
      }
      return n;
    },
    wakeup: () => woken?.(),
  };
}

describe('ConsumeSession', () => {
  it('prints records, counts them and stops at --max-messages', async () => {
    const { output, text } = sink();
    const session = new ConsumeSession(formatter, output, { maxMessages: 3, timeoutMs: undefined, skipMessageOnError: false });
    const src = source([[rec(0), rec(1)], [rec(2), rec(3)]]);
    await session.run(src);
    expect(await session.stopped).toEqual({ kind: 'max-messages' });
    expect(session.count).toBe(3);
    expect(src.handed).toEqual([0, 1, 2]);
    await new Promise((r) => setImmediate(r));
    expect(text()).toBe('v0\nv1\nv2\n');
  });

  it('stops at once for --max-messages 0', async () => {
    const session = new ConsumeSession(formatter, sink().output, { maxMessages: 0, timeoutMs: undefined, skipMessageOnError: false });
    expect(await session.stopped).toEqual({ kind: 'max-messages' });
    expect(session.count).toBe(0);
  });

  it('times out when no record arrives within --timeout-ms, counting from the last record', async () => {
    const session = new ConsumeSession(formatter, sink().output, { maxMessages: -1, timeoutMs: 60, skipMessageOnError: false });
    const started = Date.now();
    await session.run(source([[rec(0)]], 40));
    expect(await session.stopped).toEqual({ kind: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect(session.count).toBe(1);
  });

  it('stops with the formatter error unless told to skip', async () => {
    const failing = {
      writeTo: () => {
        throw new Error('bad record');
      },
    };
    const session = new ConsumeSession(failing, sink().output, { maxMessages: -1, timeoutMs: undefined, skipMessageOnError: false });
    await session.run(source([[rec(0), rec(1)]]));
    const reason = await session.stopped;
    expect(reason.kind).toBe('formatter-error');
    expect(session.count).toBe(1);
  });

  it('is not kept alive by empty polls', async () => {
    const session = new ConsumeSession(formatter, sink().output, { maxMessages: -1, timeoutMs: 80, skipMessageOnError: false });
    const started = Date.now();
    await session.run(source([]));
    expect(await session.stopped).toEqual({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(200);
  });
});
