// The shared connection: a request that times out is rejected at once, and its late answer is
// dropped without breaking the FIFO matching of the requests after it.
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { ApiKey, encodeResponse, readRequestHeader } from '../../src/protocol/api.js';
import { ClientConnectionError, PipelinedConnection } from '../../src/client/connection.js';

// Answers ApiVersions v0 requests in order, the first one 300 ms late; errorCode = correlation id.
const server = createServer((socket) => {
  let buffered = Buffer.alloc(0);
  let chain = new Promise((r) => setTimeout(r, 300));
  socket.on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 4 && buffered.length >= 4 + buffered.readInt32BE(0)) {
      const frame = buffered.subarray(4, 4 + buffered.readInt32BE(0));
      buffered = buffered.subarray(4 + frame.length);
      const { header } = readRequestHeader(frame);
      chain = chain.then(() => {
        for (const c of encodeResponse(ApiKey.ApiVersions, 0, header.correlationId, { errorCode: header.correlationId, apiKeys: [] })) socket.write(c);
      });
    }
  });
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

it('drops the late answer of a timed-out request and keeps matching the next ones', async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  const connection = await PipelinedConnection.open('127.0.0.1', port, 'test', 1000);
  const first = connection.send(ApiKey.ApiVersions, 0, {}, 100);
  const second = connection.send(ApiKey.ApiVersions, 0, {}, 5000);
  await expect(first).rejects.toBeInstanceOf(ClientConnectionError);
  await expect(first).rejects.toThrow(/Timed out waiting for a response from 127\.0\.0\.1:\d+ after 100 ms/);
  expect((await second).errorCode).toBe(2);
  connection.close();
});
