// Limits: what a client can push or pull on this machine when the broker costs (almost) nothing.
// A "null broker" in its own process speaks just enough Kafka for librdkafka (ApiVersions,
// Metadata, Produce, ListOffsets, Fetch). Produce is acknowledged without storing anything;
// Fetch answers every partition with one copy of a prepared 1 MiB batch of 1 KB records whose
// base offset is patched to the offset asked for (outside the batch CRC), an endless topic.
// kcat against it measures kcat's own ceiling plus loopback.
// Run as a child: prints its port, then serves until killed. argv[2] = partitions per topic.
import { createServer, type Socket } from 'node:net';
import { ApiKey, decodeRequest, encodeResponse, readRequestHeader } from '../../src/protocol/api.js';
import { FrameDecoder } from '../../src/broker/network/frame-decoder.js';
import { encodeRecordBatch } from '../../src/protocol/records/record-batch.js';

const NODE_ID = 1;
const PARTITIONS = Number(process.argv[2] ?? '8');
/** Narrow ranges librdkafka supports; enough for it to produce and nothing else. */
const VERSIONS: ReadonlyArray<[ApiKey, number, number]> = [
  [ApiKey.Produce, 3, 7],
  [ApiKey.Fetch, 4, 11],
  [ApiKey.ListOffsets, 1, 5],
  [ApiKey.Metadata, 0, 4],
  [ApiKey.ApiVersions, 0, 3],
];

/** The batch every fetch returns: 1,000 records of 1 KB (as the bench's payload lines). */
const TEMPLATE = encodeRecordBatch({
  records: Array.from({ length: 1000 }, () => ({ timestamp: Date.now(), key: null, value: Buffer.alloc(1023, 0x61), headers: [] })),
});
/** The topic never ends: consumers stop by count (kcat -c). */
const HIGH_WATERMARK = 1n << 40n;

function fetchedBatch(offset: bigint): Buffer {
  const copy = Buffer.from(TEMPLATE);
  copy.writeBigInt64BE(offset, 0);
  return copy;
}

function serve(socket: Socket, port: number): void {
  const frames = new FrameDecoder(200 * 1024 * 1024);
  const nextOffsets = new Map<string, bigint>();
  socket.setNoDelay(true);
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    for (const frame of frames.push(chunk)) {
      const { header, bodyOffset } = readRequestHeader(frame);
      const { apiKey, apiVersion: version, correlationId } = header;
      let response: Buffer[] | undefined;
      if (apiKey === ApiKey.ApiVersions) {
        response = encodeResponse(ApiKey.ApiVersions, Math.min(version, 3), correlationId, {
          errorCode: 0,
          apiKeys: VERSIONS.map(([key, min, max]) => ({ apiKey: key, minVersion: min, maxVersion: max })),
        });
      } else if (apiKey === ApiKey.Metadata) {
        const req = decodeRequest(ApiKey.Metadata, version, frame, bodyOffset);
        response = encodeResponse(ApiKey.Metadata, version, correlationId, {
          brokers: [{ nodeId: NODE_ID, host: '127.0.0.1', port, rack: null }],
          clusterId: 'null-broker',
          controllerId: NODE_ID,
          topics: (req.topics ?? []).map((t) => ({
            errorCode: 0,
            name: t.name,
            isInternal: false,
            partitions: Array.from({ length: PARTITIONS }, (_, p) => ({
              errorCode: 0,
              partitionIndex: p,
              leaderId: NODE_ID,
              leaderEpoch: 0,
              replicaNodes: [NODE_ID],
              isrNodes: [NODE_ID],
              offlineReplicas: [],
            })),
          })),
        });
      } else if (apiKey === ApiKey.Produce) {
        const req = decodeRequest(ApiKey.Produce, version, frame, bodyOffset);
        if (req.acks === 0) continue;
        response = encodeResponse(ApiKey.Produce, version, correlationId, {
          responses: req.topicData.map((t) => ({
            name: t.name,
            partitionResponses: t.partitionData.map((p) => {
              const key = `${t.name}-${p.index}`;
              const base = nextOffsets.get(key) ?? 0n;
              // lastOffsetDelta (bytes 23..26 of the first batch) is enough for a plausible base offset
              const count = p.records && p.records.length >= 27 ? BigInt(p.records.readInt32BE(23) + 1) : 1n;
              nextOffsets.set(key, base + count);
              return { index: p.index, errorCode: 0, baseOffset: base, logAppendTimeMs: -1n, logStartOffset: 0n };
            }),
          })),
          throttleTimeMs: 0,
        });
      } else if (apiKey === ApiKey.ListOffsets) {
        const req = decodeRequest(ApiKey.ListOffsets, version, frame, bodyOffset);
        response = encodeResponse(ApiKey.ListOffsets, version, correlationId, {
          topics: req.topics.map((t) => ({
            name: t.name,
            partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: 0, timestamp: -1n, offset: p.timestamp === -1n ? HIGH_WATERMARK : 0n, leaderEpoch: 0 })),
          })),
        });
      } else if (apiKey === ApiKey.Fetch) {
        const req = decodeRequest(ApiKey.Fetch, version, frame, bodyOffset);
        response = encodeResponse(ApiKey.Fetch, version, correlationId, {
          errorCode: 0,
          sessionId: 0,
          responses: req.topics.map((t) => ({
            topic: t.topic,
            partitions: t.partitions.map((p) => ({
              partitionIndex: p.partition,
              errorCode: 0,
              highWatermark: HIGH_WATERMARK,
              lastStableOffset: HIGH_WATERMARK,
              logStartOffset: 0n,
              abortedTransactions: [],
              preferredReadReplica: -1,
              records: fetchedBatch(p.fetchOffset),
            })),
          })),
        });
      } else {
        socket.destroy();
        return;
      }
      for (const part of response) socket.write(part);
    }
  });
}

const server = createServer();
server.on('connection', (socket) => serve(socket, (server.address() as { port: number }).port));
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as { port: number }).port}\n`);
});
