// A TCP proxy between Kafka clients and a broker that reads the frames going both ways, so a
// test can lose a response on purpose: the client's request reached the broker (and was
// applied), the answer never comes back, and the connection is cut, which makes the client retry
// on a new connection. The broker must advertise the proxy's address so clients keep using it.
import net from 'node:net';

export interface ResponseEvent {
  readonly apiKey: number;
  readonly correlationId: number;
}

export interface KafkaProxy {
  readonly port: number;
  /**
   * Called for every response before it is forwarded; return 'drop' to swallow it and close
   * the client's connection. May be async (the response waits).
   */
  onResponse: (event: ResponseEvent) => 'forward' | 'drop' | Promise<'forward' | 'drop'>;
  /** Closes every proxied connection (both sides). */
  dropConnections(): void;
  close(): Promise<void>;
}

/** Splits a byte stream into size-prefixed Kafka frames. */
function frameReader(onFrame: (frame: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const size = pending.readInt32BE(0);
      if (pending.length < 4 + size) break;
      onFrame(pending.subarray(0, 4 + size));
      pending = pending.subarray(4 + size);
    }
  };
}

export async function startKafkaProxy(upstreamPort: number, port = 0): Promise<KafkaProxy> {
  const sockets = new Set<net.Socket>();
  const proxy: KafkaProxy = {
    port: 0,
    onResponse: () => 'forward',
    dropConnections() {
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    close: () => new Promise<void>((resolve) => {
      proxy.dropConnections();
      server.close(() => resolve());
    }),
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    const apiKeys = new Map<number, number>();
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
    client.on(
      'data',
      frameReader((frame) => {
        // request header: int16 api key, int16 version, int32 correlation id
        apiKeys.set(frame.readInt32BE(8), frame.readInt16BE(4));
        upstream.write(frame);
      }),
    );
    // Responses are answered in order; an async decision must not let a later one overtake.
    let queue: Promise<void> = Promise.resolve();
    upstream.on(
      'data',
      frameReader((frame) => {
        const copy = Buffer.from(frame);
        queue = queue.then(async () => {
          const correlationId = copy.readInt32BE(4);
          const apiKey = apiKeys.get(correlationId) ?? -1;
          apiKeys.delete(correlationId);
          const decision = await proxy.onResponse({ apiKey, correlationId });
          if (decision === 'drop') close();
          else if (!client.destroyed) client.write(copy);
        });
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  (proxy as { port: number }).port = (server.address() as net.AddressInfo).port;
  return proxy;
}

/** A port nothing listens on right now (for a broker that must come back on the same port). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
