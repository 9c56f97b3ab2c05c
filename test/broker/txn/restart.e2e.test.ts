// Producer state across restarts of a spawned broker: after kill -9 (replayed from the log) and
// after a clean stop (loaded from the `.snapshot` written at close) a resent batch is still
// answered with its original offset; `kt dump-log` reads the `.snapshot` and `.txnindex` files.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { kt } from '../../helpers/kt-process.js';
import { RawClient } from '../../helpers/raw-client.js';
import { startServerProcess, waitExit, type ServerProcess } from '../../helpers/server-process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kt-pstate-'));
const args = ['--override', 'listeners=PLAINTEXT://127.0.0.1:0', '--override', `log.dirs=${dataDir}`];
let server: ServerProcess | undefined;
let client: RawClient | undefined;

afterAll(() => {
  client?.close();
  server?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

// Record timestamps of now: producer state expires by them (producer.id.expiration.ms), and
// an old timestamp would also roll the segment (segment.ms) when the marker comes.
const T = Date.now();
const idempotent = (sequence: number, values: string[]) =>
  encodeRecordBatch({ records: values.map((v, i) => ({ timestamp: T + i, key: null, value: Buffer.from(v), headers: [] })), producerId: 42, producerEpoch: 0, baseSequence: sequence });

async function connect(): Promise<RawClient> {
  server = await startServerProcess(args);
  client = await RawClient.connect(Number(server.bootstrap.split(':')[1]));
  return client;
}

async function produce(c: RawClient, records: Buffer) {
  const r = await c.request(ApiKey.Produce, 9, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: 'keep', partitionData: [{ index: 0, records }] }] });
  return r.responses[0]!.partitionResponses[0]!;
}

async function highWatermark(c: RawClient): Promise<bigint> {
  const r = await c.request(ApiKey.ListOffsets, 7, { replicaId: -1, isolationLevel: 0, topics: [{ name: 'keep', partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1n }] }] });
  return r.topics[0]!.partitions[0]!.offset;
}

describe('producer state across restarts', () => {
  it('deduplicates a resent batch after kill -9 and after a clean stop; dump-log reads .snapshot and .txnindex', async () => {
    let c = await connect();
    const created = await c.request(ApiKey.CreateTopics, 7, { topics: [{ name: 'keep', numPartitions: 1, replicationFactor: 1, configs: [] }], timeoutMs: 5000 });
    expect(created.topics[0]!.errorCode).toBe(0);
    expect(await produce(c, idempotent(0, ['a', 'b']))).toMatchObject({ errorCode: 0, baseOffset: 0n });
    expect(await produce(c, idempotent(2, ['c']))).toMatchObject({ errorCode: 0, baseOffset: 2n });
    // An ABORT for producer 77 (no transaction open: an empty one at the marker) gets a .txnindex entry.
    const aborted = await c.request(ApiKey.WriteTxnMarkers, 1, { markers: [{ producerId: 77n, producerEpoch: 0, transactionResult: false, coordinatorEpoch: 1, topics: [{ name: 'keep', partitionIndexes: [0] }] }] });
    expect(aborted.markers[0]!.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.NONE);

    server!.child.kill('SIGKILL');
    await waitExit(server!.child);
    c.close();
    c = await connect();
    expect(await produce(c, idempotent(2, ['c']))).toMatchObject({ errorCode: 0, baseOffset: 2n });
    expect((await produce(c, idempotent(5, ['x']))).errorCode).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    expect(await highWatermark(c)).toBe(4n);

    server!.child.kill('SIGTERM');
    await waitExit(server!.child);
    c.close();
    const dir = join(dataDir, 'keep-0');
    expect(readdirSync(dir).filter((n) => n.endsWith('.snapshot') || n.endsWith('.txnindex')).sort()).toEqual(['00000000000000000000.txnindex', '00000000000000000004.snapshot']);
    const dumped = await kt(['dump-log', '--files', `${join(dir, '00000000000000000004.snapshot')},${join(dir, '00000000000000000000.txnindex')}`]);
    expect(dumped.code).toBe(0);
    // Kafka's DumpLogSegments lines; producer 77's last timestamp is the marker's (broker time).
    const snapshotPath = join(dir, '00000000000000000004.snapshot');
    const txnIndexPath = join(dir, '00000000000000000000.txnindex');
    expect(String(dumped.stdout)).toMatch(
      new RegExp(
        '^' +
          escape(`Dumping ${snapshotPath}\n`) +
          escape(`producerId: 42 producerEpoch: 0 coordinatorEpoch: -1 currentTxnFirstOffset: OptionalLong.empty lastTimestamp: ${T} firstSequence: 2 lastSequence: 2 lastOffset: 2 offsetDelta: 0 timestamp: ${T}\n`) +
          escape('producerId: 77 producerEpoch: 0 coordinatorEpoch: 1 currentTxnFirstOffset: OptionalLong.empty lastTimestamp: ') +
          '\\d+ \\n' +
          escape(`Dumping ${txnIndexPath}\n`) +
          escape('version: 0 producerId: 77 firstOffset: 3 lastOffset: 3 lastStableOffset: 4\n') +
          '$',
      ),
    );

    c = await connect();
    expect(await produce(c, idempotent(2, ['c']))).toMatchObject({ errorCode: 0, baseOffset: 2n });
    expect(await produce(c, idempotent(3, ['d']))).toMatchObject({ errorCode: 0, baseOffset: 4n });
  }, 60_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
