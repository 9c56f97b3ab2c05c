// A broker holding far more segments than its `ulimit -n`: 3,000 partitions of two to three
// segments each under a limit of 1,024 descriptors. Segment descriptors are opened lazily and at
// most half the limit are kept (descriptor-pool.ts), so the broker starts, serves produce and
// fetch on every partition, restarts cleanly and after kill -9, and serves them all again.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKGROUND_JOBS } from '../../../src/broker/log/descriptor-pool.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { RawClient } from '../../helpers/raw-client.js';
import { openLogDescriptors, startChildBroker, type ChildBroker } from './child-broker.js';
import { createTopics, fetchAll, produce, range } from './wire.js';

const LIMIT = 1024;
/**
 * The pool keeps at most half the limit open (poolCapacityFor), plus the descriptors its background
 * fsyncs hold pinned at that moment (at most BACKGROUND_JOBS): a pinned descriptor is never closed
 * under its user, so a rolled segment being fsynced can stand beside a full pool.
 */
const POOL_CAPACITY = LIMIT / 2 + BACKGROUND_JOBS;
const TOPICS = ['fd-a', 'fd-b', 'fd-c'];
const PARTITIONS = 1000;
// A second batch does not fit in a 100-byte segment: every partition rolls once per batch.
const CONFIGS = { 'segment.bytes': '100' };
const value = (topic: string, p: number, round: number, i: number) => `${topic}/${p}/${round}/${i}`;
const batch = (topic: string, round: number) => (p: number) => [value(topic, p, round, 0), value(topic, p, round, 1)];

// On /dev/shm (a tmpfs every Linux has) when there is one: the test is about descriptors, and
// the clean shutdown's fsyncs of 3,000 logs would take most of its time on a shared disk.
const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'kt-fds-many-'));
let broker: ChildBroker | undefined;
afterAll(async () => {
  await broker?.kill9();
  rmSync(dataDir, { recursive: true, force: true });
});

async function withClient<T>(body: (client: RawClient) => Promise<T>): Promise<T> {
  const client = await RawClient.connect(broker!.port);
  try {
    return await body(client);
  } finally {
    client.close();
  }
}

async function produceRound(round: number): Promise<void> {
  await withClient(async (client) => {
    for (const topic of TOPICS) {
      const answers = await produce(client, topic, range(PARTITIONS), batch(topic, round));
      expect(answers.filter((a) => a.errorCode !== ErrorCode.NONE || a.baseOffset !== round * 2)).toEqual([]);
    }
  });
}

/** Every partition holds exactly rounds 0..rounds-1, two records each, at offsets 0..2*rounds-1. */
async function expectAllServed(rounds: number): Promise<void> {
  await withClient(async (client) => {
    for (const topic of TOPICS) {
      const fetched = await fetchAll(client, topic, range(PARTITIONS));
      const wrong = fetched.flatMap((f, p) => {
        const expected = range(rounds).flatMap((r) => batch(topic, r)(p));
        const ok = f.errorCode === ErrorCode.NONE && f.values.join() === expected.join() && f.offsets.join() === range(2 * rounds).join();
        return ok ? [] : [{ partition: p, ...f }];
      });
      expect(wrong).toEqual([]);
    }
  });
}

describe(`${TOPICS.length * PARTITIONS} partitions under ulimit -n ${LIMIT}`, () => {
  it('start, produce and fetch on every partition, restart cleanly and after kill -9', async () => {
    broker = await startChildBroker(dataDir, { openFileLimit: LIMIT });
    await withClient(async (client) => {
      expect(await createTopics(client, TOPICS.map((name) => ({ name, partitions: PARTITIONS, configs: CONFIGS })))).toEqual(TOPICS.map((t) => [t, ErrorCode.NONE]));
    });
    await produceRound(0);
    await produceRound(1);
    await expectAllServed(2);
    expect(openLogDescriptors(broker.pid)).toBeLessThanOrEqual(POOL_CAPACITY);

    expect(await broker.stop()).toBe(143);
    broker = await startChildBroker(dataDir, { openFileLimit: LIMIT });
    await expectAllServed(2);
    await produceRound(2);
    await expectAllServed(3);
    expect(openLogDescriptors(broker.pid)).toBeLessThanOrEqual(POOL_CAPACITY);

    await broker.kill9();
    broker = await startChildBroker(dataDir, { openFileLimit: LIMIT });
    await expectAllServed(3);
    expect(broker.output()).not.toMatch(/EMFILE|Too many open files/);
    expect(await broker.stop()).toBe(143);
    broker = undefined;
  }, 180_000);
});
