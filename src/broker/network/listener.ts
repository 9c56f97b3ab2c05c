// TCP listeners for the `listeners` config: accept connections and hand them to Connection.
import { createServer, type Server } from 'node:net';
import type { Broker } from '../broker.js';
import { SERVED_SECURITY_PROTOCOLS, type ListenerSpec, type SecurityProtocol } from '../configs/listeners.js';
import type { HandlerRegistry } from '../apis/registry.js';
import { Connection } from './connection.js';

export interface BoundListener {
  readonly name: string;
  readonly securityProtocol: SecurityProtocol;
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

  async listen(specs: readonly ListenerSpec[]): Promise<void> {
    for (const spec of specs) {
      // BrokerConfig refuses these at start-up; never serve plaintext on a TLS or SASL port.
      if (!SERVED_SECURITY_PROTOCOLS.includes(spec.securityProtocol)) throw new Error(`Listener ${spec.name} uses security protocol ${spec.securityProtocol}, which kt does not serve yet`);
      const server = createServer((socket) => {
        const c = new Connection(socket, this.broker, this.registry, (closed) => this.connections.delete(closed));
        this.connections.add(c);
      });
      // An empty host binds every interface, as Kafka does.
      const host = spec.host === '' ? undefined : spec.host;
      await new Promise<void>((resolve, reject) => {
        server.once('error', (e: NodeJS.ErrnoException) => {
          // SocketServer.openServerSocket's message, with the JVM's text for the usual errors.
          reject(new Error(`Socket server failed to bind to ${host ?? '0.0.0.0'}:${spec.port}: ${BIND_ERRORS[e.code ?? ''] ?? e.message}.`));
        });
        server.listen({ port: spec.port, host, backlog: 50 }, () => {
          server.removeAllListeners('error');
          // Errors after the bind (accept failures) are logged; the listener stays up.
          server.on('error', (e) => this.broker.logger.error(`Listener ${spec.name} failed: ${e.message}`));
          resolve();
        });
      });
      this.servers.push(server);
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : spec.port;
      this.bound.push({ name: spec.name, securityProtocol: spec.securityProtocol, host: spec.host, port });
    }
  }

  /** Stops accepting and closes every client connection. */
  async close(): Promise<void> {
    for (const c of [...this.connections]) c.close();
    await Promise.all(this.servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  }
}

const BIND_ERRORS: Readonly<Record<string, string>> = {
  EADDRINUSE: 'Address already in use',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  EACCES: 'Permission denied',
};
