// TCP listeners for the `listeners` config: accept connections and hand them to Connection.
import { createServer, type Server } from 'node:net';
import type { Broker } from '../broker.js';
import { SERVED_SECURITY_PROTOCOLS, type ListenerSpec, type SecurityProtocol } from '../configs/listeners.js';
import type { HandlerRegistry } from '../apis/registry.js';
import { Connection } from './connection.js';

/**
 * Logs a failure the first time it happens, counts its repeats, and says how many there were once
 * the operation succeeds again: a client retrying against an exhausted descriptor table would
 * otherwise write one ERROR line per attempt.
 */
export class RepeatedErrorLog {
  private current: string | undefined;
  private repeats = 0;

  constructor(
    private readonly error: (message: string) => void,
    private readonly info: (message: string) => void,
  ) {}

  failed(message: string): void {
    if (message === this.current) {
      this.repeats++;
      return;
    }
    this.flushRepeats();
    this.current = message;
    this.error(message);
  }

  succeeded(message: string): void {
    if (this.current === undefined) return;
    this.flushRepeats();
    this.current = undefined;
    this.info(message);
  }

  private flushRepeats(): void {
    if (this.repeats > 0) this.error(`${this.current} (repeated ${this.repeats} more time${this.repeats === 1 ? '' : 's'})`);
    this.repeats = 0;
  }
}

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
      const acceptErrors = new RepeatedErrorLog((m) => this.broker.logger.error(m), (m) => this.broker.logger.info(m));
      const server = createServer((socket) => {
        acceptErrors.succeeded(`Listener ${spec.name} accepts connections again`);
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
          // Errors after the bind (accept failures, e.g. EMFILE while out of descriptors) are
          // logged once per cause, not once per refused client; the listener stays up.
          server.on('error', (e) => acceptErrors.failed(`Listener ${spec.name} failed: ${e.message}`));
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
