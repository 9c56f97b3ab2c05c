// Captures the first request frames real Kafka clients send, for the golden fixtures in
// test/protocol/fixtures/client-frames.json. Not run by the test suite; regenerate with
//
//   npx vite-node test/protocol/helpers/capture-client-frames.ts
//
// It listens on 127.0.0.1:<random port>, answers ApiVersions and Metadata with this project's
// encoder (so the clients go on to send Metadata), and records each request frame: the bytes
// after the 4-byte size prefix.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ApiKey, decodeRequest, encodeResponse, readRequestHeader } from '../../../src/protocol/api.js';

const TOPIC = 'golden';

interface Captured {
  client: string;
  apiKey: number;
  apiVersion: number;
  frame: string;
}

const captured: Captured[] = [];
let currentClient = '';

function respond(socket: net.Socket, frame: Buffer, port: number): void {
  const { header } = readRequestHeader(frame);
  const { apiKey, apiVersion, correlationId } = header;
  if (apiKey === ApiKey.ApiVersions) {
    const version = Math.min(apiVersion, 3);
    const apiKeys = [
      { apiKey: ApiKey.Produce, minVersion: 0, maxVersion: 9 },
      // librdkafka enables record batch v2 only when the broker also has Fetch v4+.
      { apiKey: ApiKey.Fetch, minVersion: 0, maxVersion: 12 },
      { apiKey: ApiKey.Metadata, minVersion: 0, maxVersion: 12 },
      { apiKey: ApiKey.ApiVersions, minVersion: 0, maxVersion: 3 },
    ];
    for (const chunk of encodeResponse(ApiKey.ApiVersions, version, correlationId, { errorCode: 0, apiKeys })) socket.write(chunk);
  } else if (apiKey === ApiKey.Metadata) {
    const partitions = [{ partitionIndex: 0, leaderId: 0, leaderEpoch: 0, replicaNodes: [0], isrNodes: [0] }];
    const topics = [{ name: TOPIC, topicId: 'AAAAAAAAAAAAAAAAAAAAAQ', partitions }];
    const body = { brokers: [{ nodeId: 0, host: '127.0.0.1', port }], clusterId: 'capture', controllerId: 0, topics };
    for (const chunk of encodeResponse(ApiKey.Metadata, apiVersion, correlationId, body)) socket.write(chunk);
  } else if (apiKey === ApiKey.Produce) {
    const request = decodeRequest(ApiKey.Produce, apiVersion, frame, readRequestHeader(frame).bodyOffset);
    if (request.acks === 0) return;
    const responses = request.topicData.map((t) => ({
      name: t.name,
      partitionResponses: t.partitionData.map((p) => ({ index: p.index, errorCode: 0, baseOffset: 0n })),
    }));
    for (const chunk of encodeResponse(ApiKey.Produce, apiVersion, correlationId, { responses })) socket.write(chunk);
  } else {
    socket.destroy();
  }
}

function startServer(): Promise<net.Server> {
  const server = net.createServer((socket) => {
    let pending = Buffer.alloc(0);
    socket.on('error', () => {});
    socket.on('data', (data) => {
      pending = Buffer.concat([pending, data]);
      while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
        const size = pending.readInt32BE(0);
        const frame = pending.subarray(4, 4 + size);
        pending = pending.subarray(4 + size);
        const { header } = readRequestHeader(frame);
        if (captured.length < 100) captured.push({ client: currentClient, apiKey: header.apiKey, apiVersion: header.apiVersion, frame: frame.toString('hex') });
        respond(socket, frame, (server.address() as net.AddressInfo).port);
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve) => execFile(cmd, args, { timeout: 10_000 }, (_err, stdout) => resolve(stdout)));
}

function runWithInput(cmd: string, args: string[], input: string): Promise<void> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { timeout: 10_000 }, () => resolve());
    child.stdin!.end(input);
  });
}

async function main(): Promise<void> {
  const server = await startServer();
  const { port } = server.address() as net.AddressInfo;

  const kcatVersion = (await run('kcat', ['-V'])).match(/librdkafka ([0-9.]+)/)?.[1] ?? 'unknown';
  currentClient = `kcat -L (librdkafka ${kcatVersion})`;
  await run('kcat', ['-b', `127.0.0.1:${port}`, '-L', '-m', '5']);
  currentClient = `kcat -P (librdkafka ${kcatVersion})`;
  await runWithInput('kcat', ['-b', `127.0.0.1:${port}`, '-P', '-t', TOPIC, '-p', '0', '-k', 'k1', '-K', ':'], 'key1:hello kcat\n');

  currentClient = 'kafkajs 2.2 admin().connect() + listTopics()';
  const admin = new Kafka({ clientId: 'kt-capture', brokers: [`127.0.0.1:${port}`], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.listTopics(); // sends Metadata
  await admin.disconnect();
  currentClient = 'kafkajs 2.2 producer().send()';
  const producer = new Kafka({ clientId: 'kt-capture', brokers: [`127.0.0.1:${port}`], logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  await producer.send({ topic: TOPIC, messages: [{ key: 'key1', value: 'hello kafkajs', headers: { h: 'v' } }] });
  await producer.disconnect();
  server.close();

  // Keep each distinct request once, whatever its correlation id (clients repeat ApiVersions and Metadata).
  const kept: Captured[] = [];
  const bodyOf = (c: Captured) => c.frame.slice(0, 8) + c.frame.slice(16);
  for (const c of captured) {
    if (!kept.some((k) => bodyOf(k) === bodyOf(c))) kept.push(c);
  }
  const out = path.resolve(import.meta.dirname, '../fixtures/client-frames.json');
  writeFileSync(out, JSON.stringify(kept, null, 2) + '\n');
  console.log(`wrote ${kept.length} frames to ${out}`);
}

await main();
