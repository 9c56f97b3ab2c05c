// The log dir fills up: a 4 MiB tmpfs (root only; skipped otherwise, saying why) holding two
// ballast files that are removed later to free space. While full, produce is answered
// KAFKA_STORAGE_ERROR (seen by a raw client, kafkajs and kcat), CreateTopics too and leaves
// nothing, fetch of everything acknowledged goes on, and every .log holds whole batches with
// valid CRCs. Once space is freed the same produce succeeds at the next offset. A SIGTERM while
// full exits cleanly, the broker starts again while still full, and every restart serves exactly
// what was acknowledged.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { isBatchCrcValid } from '../../../src/storage/batch-header.js';
import { BatchCursor } from '../../../src/storage/log-cursor.js';
import { RawClient } from '../../helpers/raw-client.js';
import { startChildBroker, type ChildBroker } from './child-broker.js';
import { createTopics, fetchAll, produce } from './wire.js';

const SIZE = 4 << 20;
const BALLAST = 512 << 10;
const RECORD = 'x'.repeat(60 << 10);

interface Mounted {
  dir: string;
  unmount(): void;
}

/** A tmpfs of `size` bytes, or the reason there is none (not root, mount refused). */
function mountTmpfs(size: number): Mounted | string {
  if (process.getuid?.() !== 0) return 'needs root to mount a tmpfs';
  const dir = fs.mkdtempSync(join(tmpdir(), 'kt-fds-full-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    return `mount -t tmpfs failed: ${(r.stderr || r.error?.message || '').trim()}`;
  }
  return {
    dir,
    unmount() {
      spawnSync('umount', [dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const mounted = mountTmpfs(SIZE);
const skip = typeof mounted === 'string' ? mounted : null;
const fs_ = typeof mounted === 'string' ? null : mounted;
let broker: ChildBroker | undefined;
afterAll(async () => {
  await broker?.kill9();
  fs_?.unmount();
});

/** Every .log under the data dir: its batches, and whether it ends in whole batches with valid CRCs. */
function walkLogs(dataDir: string): Record<string, { batches: number; whole: boolean; crcValid: boolean }> {
  const out: Record<string, { batches: number; whole: boolean; crcValid: boolean }> = {};
  for (const dir of fs.readdirSync(dataDir)) {
    if (!/-\d+$/.test(dir)) continue;
    for (const name of fs.readdirSync(join(dataDir, dir))) {
      if (!name.endsWith('.log')) continue;
      const fd = fs.openSync(join(dataDir, dir, name), 'r');
      try {
        const cursor = new BatchCursor(fd, 0, fs.fstatSync(fd).size, { wholeBatches: true });
        let batches = 0;
        let crcValid = true;
        while (cursor.next()) {
          batches++;
          const bytes = cursor.batchBytes();
          crcValid &&= isBatchCrcValid(bytes, 0, bytes.length);
        }
        out[`${dir}/${name}`] = { batches, whole: cursor.ended === 'end', crcValid };
      } finally {
        fs.closeSync(fd);
      }
    }
  }
  return out;
}

describe.skipIf(skip !== null)(`disk full on a ${SIZE >> 20} MiB tmpfs${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('refuses writes with KAFKA_STORAGE_ERROR while full, serves reads, takes writes once space is freed, restarts with everything acknowledged', async () => {
    const dataDir = join(fs_!.dir, 'data');
    const ballast = [join(fs_!.dir, 'ballast-1'), join(fs_!.dir, 'ballast-2')];
    for (const file of ballast) fs.writeFileSync(file, Buffer.alloc(BALLAST, 1));
    broker = await startChildBroker(dataDir);
    let client = await RawClient.connect(broker.port);
    expect(await createTopics(client, [{ name: 'full', partitions: 1 }, { name: 'other', partitions: 1 }])).toEqual([
      ['full', ErrorCode.NONE],
      ['other', ErrorCode.NONE],
    ]);
    expect(await produce(client, 'other', [0], () => ['o0', 'o1'])).toEqual([{ errorCode: ErrorCode.NONE, baseOffset: 0 }]);

    const acked: string[] = [];
    /** Produces one record at a time until an answer is an error; returns that code. */
    const fillWith = async (padding: string): Promise<number> => {
      for (;;) {
        const value = `${acked.length}:${padding}`;
        const [answer] = await produce(client, 'full', [0], () => [value]);
        if (answer!.errorCode !== ErrorCode.NONE) return answer!.errorCode;
        expect(answer!.baseOffset).toBe(acked.length);
        acked.push(value);
      }
    };
    // Large records until one does not fit, then small ones until not even a small one does:
    // then every write that needs a new page fails (partition.metadata, the snapshot, ...).
    const fill = async (): Promise<[number, number]> => [await fillWith(RECORD), await fillWith('')];
    const expectServed = async () => {
      expect(await fetchAll(client, 'full', [0], 32 << 20)).toEqual([{ errorCode: ErrorCode.NONE, values: acked, offsets: acked.map((_, i) => i) }]);
      expect(await fetchAll(client, 'other', [0])).toEqual([{ errorCode: ErrorCode.NONE, values: ['o0', 'o1'], offsets: [0, 1] }]);
    };
    const expectIntactLogs = () => {
      const logs = walkLogs(dataDir);
      expect(Object.values(logs).every((l) => l.whole && l.crcValid)).toBe(true);
      expect(logs['full-0/00000000000000000000.log']!.batches).toBe(acked.length);
    };

    expect(await fill()).toEqual([ErrorCode.KAFKA_STORAGE_ERROR, ErrorCode.KAFKA_STORAGE_ERROR]);
    const firstFill = acked.length;
    expect(firstFill).toBeGreaterThan(10);

    // While full: every producer sees the error; nothing of the refused appends is visible.
    expect(await produce(client, 'full', [0], () => [`refused:${RECORD}`])).toEqual([{ errorCode: ErrorCode.KAFKA_STORAGE_ERROR, baseOffset: -1 }]);
    const kafka = new Kafka({ brokers: [`127.0.0.1:${broker.port}`], clientId: 'kt-full', logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    const producer = kafka.producer({ retry: { retries: 0 } });
    await producer.connect();
    await expect(producer.send({ topic: 'full', acks: -1, messages: [{ value: RECORD }] })).rejects.toMatchObject({ name: 'KafkaJSNumberOfRetriesExceeded', cause: { type: 'KAFKA_STORAGE_ERROR', code: ErrorCode.KAFKA_STORAGE_ERROR } });
    const kcat = spawnSync('kcat', ['-P', '-b', `127.0.0.1:${broker.port}`, '-t', 'full', '-p', '0', '-X', 'message.send.max.retries=0', '-X', 'message.timeout.ms=10000'], {
      input: `${RECORD}\n`,
      encoding: 'utf8',
    });
    expect(kcat.stderr).toBe('% Delivery failed for message: Broker: Disk error when trying to access log file on disk\n');
    // CreateTopics while full is refused and leaves no directory.
    expect(await createTopics(client, [{ name: 'late', partitions: 1 }])).toEqual([['late', ErrorCode.KAFKA_STORAGE_ERROR]]);
    expect(fs.readdirSync(dataDir).filter((d) => d.startsWith('late'))).toEqual([]);
    await expectServed();
    expectIntactLogs();
    expect(broker.output()).toMatch(/ERROR Error while appending records to full-0 in dir .*: ENOSPC: no space left on device/);

    // Space back: the same produce succeeds at the next offset, for every client.
    fs.rmSync(ballast[0]!);
    expect(await fill()).toEqual([ErrorCode.KAFKA_STORAGE_ERROR, ErrorCode.KAFKA_STORAGE_ERROR]); // full again, more acknowledged
    expect(acked.length).toBeGreaterThan(firstFill);
    await expectServed();
    expectIntactLogs();
    await producer.disconnect();

    // SIGTERM while full stops cleanly; the broker starts again on the full disk and serves all.
    client.close();
    expect(await broker.stop()).toBe(143);
    broker = await startChildBroker(dataDir);
    client = await RawClient.connect(broker.port);
    await expectServed();
    expect(await produce(client, 'full', [0], () => [`still full:${RECORD}`])).toEqual([{ errorCode: ErrorCode.KAFKA_STORAGE_ERROR, baseOffset: -1 }]);

    fs.rmSync(ballast[1]!);
    const last = `${acked.length}:after`;
    expect(await produce(client, 'full', [0], () => [last])).toEqual([{ errorCode: ErrorCode.NONE, baseOffset: acked.length }]);
    acked.push(last);
    expect(await createTopics(client, [{ name: 'late', partitions: 1 }])).toEqual([['late', ErrorCode.NONE]]);
    client.close();
    expect(await broker.stop()).toBe(143);
    broker = await startChildBroker(dataDir);
    client = await RawClient.connect(broker.port);
    await expectServed();
    expectIntactLogs();
    const md = await client.request(ApiKey.Metadata, 12, { topics: [{ name: 'late', topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    expect(md.topics.map((t) => [t.name, t.errorCode])).toEqual([['late', ErrorCode.NONE]]);
    client.close();
    expect(await broker.stop()).toBe(143);
    broker = undefined;
  }, 120_000);
});
