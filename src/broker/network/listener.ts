// TCP listeners for the `listeners` config: accept connections and hand them to Connection.
import { createServer, type Server } from 'node:net';
import type { Broker } from '../broker.js';
import type { ListenerSpec } from '../config.js';
import type { HandlerRegistry } from '../apis/registry.js';
import { Connection } from './connection.js';

export interface BoundListener {
  readonly name: string;
  /** The host given in `listeners` ('' = all interfaces). */
  readonly host: string;
  /** The actually bound port (resolves port 0). */
  readonly port: number;
}

export class ListenerGroup {
  private readonly servers: Server[] = [];
  private readonly connections = new Set<Connection>();
  readonly bound: BoundListener[] = [];

  constructor(
    private readonly broker: Broker,
    private readonly registry: HandlerRegistry,
  ) {}

  async listen(specs: ListenerSpec[]): Promise<void> {
    for (const spec of specs) {
      const server = createServer((socket) => {
        const c = new Connection(socket, this.broker, this.registry, (closed) => this.connections.delete(closed));
        this.connections.add(c);
      });
      server.on('error', (e) => this.broker.logger.error(`Listener ${spec.name} failed: ${e.message}`));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        // An empty host binds every interface, as Kafka does.
        const host = spec.host === '' ? undefined : spec.host;
        server.listen({ port: spec.port, host, backlog: 50 }, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : spec.port;
      this.servers.push(server);
      this.bound.push({ name: spec.name, host: spec.host, port });
    }
  }

  /** Stops accepting and closes every client connection. */
  async close(): Promise<void> {
    for (const c of [...this.connections]) c.close();
    await Promise.all(this.servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  }
}
