import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConsumeSession } from '../../../src/tools/console-consumer/consume-session.js';
import { createFormatter, type ConsumedRecord } from '../../../src/tools/console-consumer/message-formatter.js';
import { OutputWriter } from '../../../src/cli/output-writer.js';

const formatter = createFormatter('org.apache.kafka.tools.consumer.DefaultMessageFormatter', new Map());
const rec = (offset: number): ConsumedRecord => ({
  topic: 't',
  partition: 0,
  offset: String(offset),
  timestamp: '0',
  timestampType: 'CreateTime',
  key: null,
  value: Buffer.from(`v${offset}`),
  headers: [],
});

function sink() {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { writer: new OutputWriter(stream), text: () => Buffer.concat(chunks).toString() };
}

describe('ConsumeSession', () => {
  it('prints records, counts them and stops at --max-messages', async () => {
    const { writer, text } = sink();
    const session = new ConsumeSession(formatter, writer, { maxMessages: 3, timeoutMs: undefined, skipMessageOnError: false });
    const processed: string[] = [];
    await session.accept([rec(0), rec(1)], (r) => processed.push(r.offset));
    await session.accept([rec(2), rec(3)], (r) => processed.push(r.offset));
    expect(await session.stopped).toEqual({ kind: 'max-messages' });
    expect(session.count).toBe(3);
    expect(processed).toEqual(['0', '1', '2']);
    await new Promise((r) => setImmediate(r));
    expect(text()).toBe('v0\nv1\nv2\n');
  });

  it('stops at once for --max-messages 0', async () => {
    const session = new ConsumeSession(formatter, sink().writer, { maxMessages: 0, timeoutMs: undefined, skipMessageOnError: false });
    expect(await session.stopped).toEqual({ kind: 'max-messages' });
    expect(session.count).toBe(0);
  });

  it('times out when no record arrives within --timeout-ms, counting from the last record', async () => {
    const session = new ConsumeSession(formatter, sink().writer, { maxMessages: -1, timeoutMs: 60, skipMessageOnError: false });
    const started = Date.now();
    session.start();
    await new Promise((r) => setTimeout(r, 40));
    await session.accept([rec(0)], () => undefined);
    expect(await session.stopped).toEqual({ kind: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect(session.count).toBe(1);
  });

  it('stops with the formatter error unless told to skip', async () => {
    const failing = { writeTo: () => { throw new Error('bad record'); } };
    const session = new ConsumeSession(failing, sink().writer, { maxMessages: -1, timeoutMs: undefined, skipMessageOnError: false });
    await session.accept([rec(0), rec(1)], () => undefined);
    const reason = await session.stopped;
    expect(reason.kind).toBe('formatter-error');
    expect(session.count).toBe(1);
  });
});

describe('ConsumeSession timeout', () => {
  it('is not restarted by empty fetches', async () => {
    const session = new ConsumeSession(formatter, sink().writer, { maxMessages: -1, timeoutMs: 80, skipMessageOnError: false });
    session.start();
    const polling = setInterval(() => void session.accept([], () => undefined), 10);
    const started = Date.now();
    expect(await session.stopped).toEqual({ kind: 'timeout' });
    clearInterval(polling);
    expect(Date.now() - started).toBeLessThan(200);
  });
});
