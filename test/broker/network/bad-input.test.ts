// Bad input closes only the offending connection, with one log line; others keep working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { RawClient } from '../../helpers/raw-client.js';

let broker: StartedBroker;
let healthy: RawClient;

beforeAll(async () => {
  broker = await startBroker({ port: 0 });
  healthy = await RawClient.connect(broker.port);
});
afterAll(async () => {
  healthy?.close();
  await broker?.close();
});

async function healthyStillServed(): Promise<void> {
  const md = await healthy.request(ApiKey.Metadata, 12, { topics: null });
  expect(md.brokers).toEqual([{ nodeId: 1, host: '127.0.0.1', port: broker.port, rack: null }]);
}

describe('malformed traffic', () => {
  it('closes a connection that sends garbage', async () => {
    const c = await RawClient.connect(broker.port);
    c.writeRaw(Buffer.from('00000010ffffffffffffffffffffffffffffffff', 'hex'));
    await c.waitClosed();
    await healthyStillServed();
  });

  it('closes a connection announcing a 2 GB frame without allocating it', async () => {
    const c = await RawClient.connect(broker.port);
    c.writeRaw(Buffer.from('7fffffff00120003', 'hex'));
    await c.waitClosed();
    await healthyStillServed();
  });

  it('closes a connection with a negative frame size', async () => {
    const c = await RawClient.connect(broker.port);
    c.writeRaw(Buffer.from('ffffffff', 'hex'));
    await c.waitClosed();
    await healthyStillServed();
  });

  it('closes a connection that uses an unknown API key', async () => {
    const c = await RawClient.connect(broker.port);
    // size 10: api key 999, version 0, correlation id 1, null client id
    c.writeRaw(Buffer.from('0000000a03e70000000000 01ffff'.replace(/ /g, ''), 'hex'));
    await c.waitClosed();
    await healthyStillServed();
  });

  it('closes a connection whose request body is truncated', async () => {
    const c = await RawClient.connect(broker.port);
    // Metadata v1 header then a topics array claiming 5 entries and no bytes for them.
    const header = Buffer.from('000300010000000700036b7431', 'hex');
    const body = Buffer.from('00000005', 'hex');
    const size = Buffer.alloc(4);
    size.writeInt32BE(header.length + body.length);
    c.writeRaw(Buffer.concat([size, header, body]));
    await c.waitClosed();
    await healthyStillServed();
  });

  it('answers ApiVersions at an unknown version with UNSUPPORTED_VERSION and its own range (v0 body)', async () => {
    const c = await RawClient.connect(broker.port);
    // ApiVersions v99, correlation id 5, client id "x", header v2 (tagged fields byte), empty body.
    const frame = Buffer.from('00120063000000050001780000', 'hex');
    const size = Buffer.alloc(4);
    size.writeInt32BE(frame.length);
    const reply = c.nextFrame();
    c.writeRaw(Buffer.concat([size, frame]));
    const r = await reply;
    expect(r.readInt32BE(0)).toBe(5); // correlation id, header v0
    expect(r.readInt16BE(4)).toBe(ErrorCode.UNSUPPORTED_VERSION);
    expect(r.readInt32BE(6)).toBe(1); // one entry
    expect([r.readInt16BE(10), r.readInt16BE(12), r.readInt16BE(14)]).toEqual([18, 0, 4]);
    c.close();
  });

  it('keeps pipelined responses in request order', async () => {
    const c = await RawClient.connect(broker.port);
    const results = await Promise.all([
      c.request(ApiKey.ApiVersions, 3, { clientSoftwareName: 'a', clientSoftwareVersion: '1' }),
      c.request(ApiKey.Metadata, 9, { topics: null }),
      c.request(ApiKey.ApiVersions, 0, {}),
    ]);
    expect(results[0].apiKeys.find((a) => a.apiKey === 18)).toEqual({ apiKey: 18, minVersion: 0, maxVersion: 4 });
    expect(results[1].controllerId).toBe(1);
    expect(results[2].errorCode).toBe(0);
    c.close();
  });
});
