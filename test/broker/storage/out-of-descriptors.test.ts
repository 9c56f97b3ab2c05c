// A broker whose descriptors are all taken (ulimit -n 256, the rest held by client connections):
// a produce that needs to open its segment and a CreateTopics that needs new files are answered
// KAFKA_STORAGE_ERROR, nothing half-created stays (no directory, no topic), the broker goes on
// answering on its open connections, and once descriptors are free again the same requests
// succeed; restarts (clean and after kill -9) serve everything acknowledged.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { RawClient } from '../../helpers/raw-client.js';
import { startChildBroker, type ChildBroker } from './child-broker.js';
import { exhaustDescriptors } from './connections.js';
import { createTopics, fetchAll, produce } from './wire.js';

const LIMIT = 256;
const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'kt-fds-emfile-'));
let broker: ChildBroker | undefined;
let held: RawClient[] = [];
afterAll(async () => {
  for (const c of held) c.close();
  await broker?.kill9();
  rmSync(dataDir, { recursive: true, force: true });
});

const metadataCodes = async (client: RawClient, topics: string[]) => {
  const r = await client.request(ApiKey.Metadata, 12, { topics: topics.map((name) => ({ name, topicId: 'AAAAAAAAAAAAAAAAAAAAAA' })), allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
  return r.topics.map((t) => [t.name, t.errorCode]);
};

async function expectServed(port: number, expected: Record<string, string[]>): Promise<void> {
  const client = await RawClient.connect(port);
  try {
    for (const [topic, values] of Object.entries(expected)) {
      expect(await fetchAll(client, topic, [0])).toEqual([{ errorCode: ErrorCode.NONE, values, offsets: values.map((_, i) => i) }]);
    }
  } finally {
    client.close();
  }
}

describe(`out of descriptors (ulimit -n ${LIMIT})`, () => {
  it('answers KAFKA_STORAGE_ERROR, keeps serving, and takes the same requests once descriptors are free', async () => {
    broker = await startChildBroker(dataDir, { openFileLimit: LIMIT });
    const admin = await RawClient.connect(broker.port);
    held.push(admin);
    expect(await createTopics(admin, [{ name: 'ready', partitions: 1 }])).toEqual([['ready', ErrorCode.NONE]]);

    // Every descriptor the broker has left goes to a connection. The new partition holds none:
    // its segment is opened by its first append.
    held.push(...(await exhaustDescriptors(broker.port, LIMIT)));
    expect(held.length).toBeGreaterThan(LIMIT / 2);
    expect(held.length).toBeLessThan(LIMIT);

    expect(await produce(admin, 'ready', [0], () => ['a'])).toEqual([{ errorCode: ErrorCode.KAFKA_STORAGE_ERROR, baseOffset: -1 }]);
    expect(await createTopics(admin, [{ name: 'late', partitions: 1 }])).toEqual([['late', ErrorCode.KAFKA_STORAGE_ERROR]]);
    // Still answering, and the refused topic left nothing: not in the metadata, no directory.
    expect(await metadataCodes(admin, ['ready', 'late'])).toEqual([
      ['ready', ErrorCode.NONE],
      ['late', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
    ]);
    expect(readdirSync(dataDir).filter((name) => name.startsWith('late'))).toEqual([]);
    expect(broker.output()).toMatch(/ERROR Error while appending records to ready-0 in dir .*: EMFILE/);
    expect(broker.output()).toMatch(/ERROR Error while creating log for late-0 in dir .*: EMFILE/);

    // Descriptors back: the same requests succeed.
    // Half-close and wait for the broker's FIN: by then it has closed its side of each.
    await Promise.all(
      held.splice(1, 16).map((c) => {
        c.socket.end();
        return c.waitClosed();
      }),
    );
    expect(await produce(admin, 'ready', [0], () => ['a'])).toEqual([{ errorCode: ErrorCode.NONE, baseOffset: 0 }]);
    expect(await createTopics(admin, [{ name: 'late', partitions: 1 }])).toEqual([['late', ErrorCode.NONE]]);
    expect(await produce(admin, 'late', [0], () => ['b', 'c'])).toEqual([{ errorCode: ErrorCode.NONE, baseOffset: 0 }]);
    for (const c of held) c.close();
    held = [];

    const expected = { ready: ['a'], late: ['b', 'c'] };
    await expectServed(broker.port, expected);
    expect(await broker.stop()).toBe(143);
    broker = await startChildBroker(dataDir, { openFileLimit: LIMIT });
    await expectServed(broker.port, expected);
    await broker.kill9();
    broker = await startChildBroker(dataDir, { openFileLimit: LIMIT });
    await expectServed(broker.port, expected);
    expect(await broker.stop()).toBe(143);
    broker = undefined;
  }, 120_000);
});
