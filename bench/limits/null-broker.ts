// Limit: what a producer client can push on this machine when the broker costs nothing. A
// "null broker" in its own process speaks just enough Kafka for librdkafka to produce (ApiVersions,
// Metadata, Produce) and acknowledges every batch without storing it. kcat into it measures
// kcat's own ceiling plus loopback, the most any broker could receive from that client here.
// Run as a child: prints its port, then serves until killed. argv[2] = partitions per topic.
import { createServer, type Socket } from 'node:net';
import { ApiKey, decodeRequest, encodeResponse, readRequestHeader } from '../../src/protocol/api.js';
import { FrameDecoder } from '../../src/broker/network/frame-decoder.js';

const NODE_ID = 1;
const PARTITIONS = Number(process.argv[2] ?? '8');
/** Narrow ranges librdkafka supports; enough for it to produce and nothing else. */
const VERSIONS: ReadonlyArray<[ApiKey, number, number]> = [
  [ApiKey.Produce, 3, 7],
  [ApiKey.Metadata, 0, 4],
  [ApiKey.ApiVersions, 0, 3],
];

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
