// A recording TCP proxy between real Kafka clients and a kt broker: bytes pass through
// unchanged both ways, and every request frame a client sends (the bytes after the 4-byte size
// prefix) is recorded with the label of the client running at the time.
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface RecordedFrame {
  client: string;
  frame: Buffer;
}

export class RecordingProxy {
  readonly frames: RecordedFrame[] = [];
  /** Label given to the frames recorded from now on. */
  client = 'unknown';
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly target: { host: string; port: number },
  ) {}

  /** Listens on 127.0.0.1 (port 0); call setTarget before clients connect. */
  static async listen(): Promise<RecordingProxy> {
    let proxy: RecordingProxy | undefined;
    const server = createServer((socket) => proxy!.accept(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new RecordingProxy(server, { host: '127.0.0.1', port: 0 });
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  setTarget(hostPort: string): void {
    const i = hostPort.lastIndexOf(':');
    this.target.host = hostPort.slice(0, i);
    this.target.port = Number(hostPort.slice(i + 1));
  }

  private accept(client: Socket): void {
    const upstream = connect(this.target);
    this.sockets.add(client).add(upstream);
    const label = this.client;
    let pending: Buffer = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
        const size = pending.readInt32BE(0);
        if (size < 0) break;
        this.frames.push({ client: label, frame: Buffer.from(pending.subarray(4, 4 + size)) });
        pending = pending.subarray(4 + size);
      }
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    for (const s of [client, upstream]) {
      s.on('error', end);
      s.on('close', end);
    }
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
