// Start-up with very few descriptors: segment descriptors are lazy and pooled, so 1,000
// partitions with data start and serve under ulimit -n 96 (clean and after kill -9). Below what
// Node needs to load the broker's modules (ulimit -n 32) the start fails with one clear line and
// exit status 1, instead of a stack trace, a spin or a half-started broker.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { RawClient } from '../../helpers/raw-client.js';
import { startChildBroker, type ChildBroker } from './child-broker.js';
import { createTopics, fetchAll, produce, range } from './wire.js';

const PARTITIONS = 1000;
const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'kt-fds-few-'));
let broker: ChildBroker | undefined;
afterAll(async () => {
  await broker?.kill9();
  rmSync(dataDir, { recursive: true, force: true });
});

async function expectAllServed(): Promise<void> {
  const client = await RawClient.connect(broker!.port);
  try {
    const fetched = await fetchAll(client, 'few', range(PARTITIONS));
    expect(fetched.filter((f, p) => f.errorCode !== ErrorCode.NONE || f.values.join() !== `v${p}`)).toEqual([]);
  } finally {
    client.close();
  }
}

describe('start-up with few descriptors', () => {
  it(`${PARTITIONS} partitions with data start and serve under ulimit -n 96; under 32 the start fails with one line`, async () => {
    broker = await startChildBroker(dataDir);
    const client = await RawClient.connect(broker.port);
    expect(await createTopics(client, [{ name: 'few', partitions: PARTITIONS }])).toEqual([['few', ErrorCode.NONE]]);
    expect((await produce(client, 'few', range(PARTITIONS), (p) => [`v${p}`])).filter((a) => a.errorCode !== ErrorCode.NONE)).toEqual([]);
    client.close();
    expect(await broker.stop()).toBe(143);

    broker = await startChildBroker(dataDir, { openFileLimit: 96 });
    await expectAllServed();
    await broker.kill9();
    broker = await startChildBroker(dataDir, { openFileLimit: 96 });
    await expectAllServed();
    expect(await broker.stop()).toBe(143);
    broker = undefined;

    const failed = await startChildBroker(dataDir, { openFileLimit: 32 }).then(
      () => 'started',
      (err: Error) => err.message,
    );
    const [status, ...lines] = failed.split('\n').filter((l) => l !== '');
    expect(status).toMatch(/^broker exited with 1: /);
    expect(lines).toEqual([]);
    expect(status).toMatch(/ERROR Exiting Kafka due to fatal exception during startup\. EMFILE: too many open files, \w+ '.*' \(kafka\.Kafka\)$/);
  }, 120_000);
});
