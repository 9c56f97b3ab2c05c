// Done-when (issue 4, retention): a topic with retention.ms=2000 and segment.ms=500 loses its old
// segments within a few seconds of the retention check; kcat -o beginning then starts at the new
// log start offset; `kt get-offsets --time -2` agrees.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../../src/protocol/api.js';
import { startBroker, type StartedBroker } from '../../src/index.js';
import { RawClient } from '../helpers/raw-client.js';
import { run } from '../helpers/run.js';
import { kt, requireBuiltCli } from '../helpers/kt-process.js';

const KCAT = '/usr/bin/kcat';
const TOPIC = 'retained';
let broker: StartedBroker;
let client: RawClient;

beforeAll(async () => {
  broker = await startBroker({ port: 0, config: { 'log.retention.check.interval.ms': '200' } });
  client = await RawClient.connect(broker.port);
});
afterAll(async () => {
  client?.close();
  await broker?.close();
});

async function earliestOffset(): Promise<bigint> {
  const r = await client.request(ApiKey.ListOffsets, 7, {
    replicaId: -1,
    isolationLevel: 0,
    topics: [{ name: TOPIC, partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -2n }] }],
  });
  return r.topics[0]!.partitions[0]!.offset;
}

async function produceWithKcat(values: string[]): Promise<void> {
  const r = await run(KCAT, ['-b', broker.bootstrap, '-P', '-t', TOPIC, '-p', '0'], { input: values.join('\n') + '\n' });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

async function waitFor<T>(probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (done(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('retention end to end', () => {
  it('drops segments past retention.ms; kcat -o beginning starts at the new log start offset', async () => {
    broker.broker.createTopic(TOPIC, 1, { 'retention.ms': '2000', 'segment.ms': '500', 'file.delete.delay.ms': '100' });
    const dir = path.join(broker.dataDir, `${TOPIC}-0`);

    const started = Date.now();
    await produceWithKcat(['a0', 'a1', 'a2', 'a3', 'a4']);
    expect(await earliestOffset()).toBe(0n);
    // 1.5 s later (more than segment.ms) the next batch rolls a new segment at offset 5, which
    // outlives the first one by 1.5 s. (Should kcat start late and the first segment already be
    // gone, the batch lands in the empty segment retention left at 5: same offsets either way.)
    await new Promise((r) => setTimeout(r, 1500 - (Date.now() - started)));
    await produceWithKcat(['b5', 'b6', 'b7']);
    expect(fs.existsSync(path.join(dir, '00000000000000000005.log'))).toBe(true);

    // retention.ms (2 s) plus at most one check interval (200 ms) after the first batch.
    const earliest = await waitFor(earliestOffset, (o) => o > 0n, 6000);
    expect(earliest).toBe(5n);
    expect(Date.now() - started).toBeLessThan(3500);

    const consumed = await run(KCAT, ['-b', broker.bootstrap, '-C', '-t', TOPIC, '-p', '0', '-e', '-o', 'beginning', '-f', '%o %s\n']);
    expect(consumed.code).toBe(0);
    const rows = consumed.stdout.toString().trimEnd().split('\n');
    expect(rows[0]).toBe(`${earliest} b5`);
    expect(rows).toEqual(['5 b5', '6 b6', '7 b7']);

    // kafka-get-offsets --time -2 (earliest) agrees; -1 (latest) is the log end offset.
    requireBuiltCli();
    for (const [time, expected] of [['-2', `${TOPIC}:0:5`], ['-1', `${TOPIC}:0:8`]]) {
      const offsets = await kt(['get-offsets', '--bootstrap-server', broker.bootstrap, '--topic', TOPIC, '--time', time!]);
      expect({ code: offsets.code, stdout: offsets.stdout.toString(), stderr: offsets.stderr }).toEqual({ code: 0, stdout: `${expected}\n`, stderr: '' });
    }

    // The first segment's files were renamed .deleted and removed file.delete.delay.ms later.
    await waitFor(async () => fs.readdirSync(dir).filter((f) => f.startsWith('00000000000000000000')), (left) => left.length === 0, 2000);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('00000000000000000000'))).toEqual([]);
  });
});
