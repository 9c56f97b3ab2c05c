// Issue 10's "acknowledgements dropped" case: a proxy between confluent-kafka-python (idempotent)
// and kt swallows Produce responses; the producer times out and resends the same batches, kt
// answers the resends as duplicates with the original offsets, and the log holds every record
// exactly once, in order.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../../src/protocol/api.js';
import { decodeRecordBatches } from '../../src/protocol/records/record-batch.js';
import { startBroker, type StartedBroker } from '../../src/index.js';
import { RawClient } from '../helpers/raw-client.js';
import { run } from '../helpers/run.js';

const PY = '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, 'python', 'idempotent_retry.py');
let broker: StartedBroker | undefined;
let proxy: Server | undefined;

afterAll(async () => {
  proxy?.close();
  await broker?.close();
});

/** Forwards both ways, dropping the responses to the first `drop` Produce requests it sees. */
function startProxy(target: () => number, drop: number): Promise<{ server: Server; port: number; dropped: () => number }> {
  let dropped = 0;
  const server = createServer((client: Socket) => {
    const upstream = connect(target(), '127.0.0.1');
    const apiKeyOf = new Map<number, number>();
    let fromClient = Buffer.alloc(0);
    let fromBroker = Buffer.alloc(0);
    client.on('data', (chunk) => {
      fromClient = Buffer.concat([fromClient, chunk]);
      while (fromClient.length >= 4 && fromClient.length >= 4 + fromClient.readInt32BE(0)) {
        const size = fromClient.readInt32BE(0);
        apiKeyOf.set(fromClient.readInt32BE(8), fromClient.readInt16BE(4));
        upstream.write(fromClient.subarray(0, 4 + size));
        fromClient = fromClient.subarray(4 + size);
      }
    });
    upstream.on('data', (chunk) => {
      fromBroker = Buffer.concat([fromBroker, chunk]);
      while (fromBroker.length >= 4 && fromBroker.length >= 4 + fromBroker.readInt32BE(0)) {
        const size = fromBroker.readInt32BE(0);
        const frame = fromBroker.subarray(0, 4 + size);
        fromBroker = fromBroker.subarray(4 + size);
        if (apiKeyOf.get(frame.readInt32BE(4)) === ApiKey.Produce && dropped < drop) {
          dropped++;
          continue;
        }
        client.write(frame);
      }
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port, dropped: () => dropped })));
}

describe('idempotent producer behind a proxy that drops acknowledgements', () => {
  it('stores each record exactly once', async () => {
    const p = await startProxy(() => broker!.port, 3);
    proxy = p.server;
    // Clients learn the proxy's address from Metadata, so every request goes through it.
    broker = await startBroker({ port: 0, config: { 'advertised.listeners': `PLAINTEXT://127.0.0.1:${p.port}` } });
    const admin = await RawClient.connect(broker.port);
    await admin.request(ApiKey.CreateTopics, 7, { topics: [{ name: 'acks-lost', numPartitions: 1, replicationFactor: 1, configs: [] }], timeoutMs: 5000 });

    const r = await run(PY, [SCRIPT, `127.0.0.1:${p.port}`, 'acks-lost', '200'], { timeoutMs: 120_000 });
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout.toString()) as { unflushed: number; errors: string[]; acked: number[] };
    expect(p.dropped()).toBe(3);
    expect(result).toEqual({ unflushed: 0, errors: [], acked: Array.from({ length: 200 }, (_, i) => i) });

    const f = await admin.request(ApiKey.Fetch, 11, {
      replicaId: -1,
      maxWaitMs: 0,
      minBytes: 0,
      maxBytes: 1 << 24,
      isolationLevel: 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [{ topic: 'acks-lost', partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: 0n, logStartOffset: -1n, partitionMaxBytes: 1 << 24 }] }],
      forgottenTopicsData: [],
      rackId: '',
    });
    const values = decodeRecordBatches(f.responses[0]!.partitions[0]!.records!).flatMap((b) => b.records.map((rec) => rec.value!.toString()));
    expect(f.responses[0]!.partitions[0]!.highWatermark).toBe(200n);
    expect(values).toEqual(Array.from({ length: 200 }, (_, i) => `r${i}`));
    admin.close();
  }, 150_000);
});
