// One TCP connection to a Kafka broker speaking kt's own protocol codecs: size-prefixed frames,
// correlation ids, pipelined requests, a per-request timeout. Used where kafkajs falls short
// (topic ids, DescribeTopicPartitions, the broker's error messages) — the admin side of the CLI.
import { Socket, createConnection } from 'node:net';
import { ApiKey, decodeResponse, encodeRequest, type RequestInput, type ResponseMap } from '../protocol/api.js';

interface Pending {
  readonly apiKey: ApiKey;
  readonly version: number;
  readonly resolve: (body: unknown) => void;
  readonly reject: (e: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/** The connection failed or closed; `address` is `host:port`. */
export class ConnectionError extends Error {
  constructor(
    message: string,
    readonly address: string,
  ) {
    super(message);
    this.name = 'ConnectionError';
  }
}

export class BrokerConnection {
  private nextCorrelationId = 1;
  private readonly pending = new Map<number, Pending>();
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private closedError: Error | undefined;

  private constructor(
    private readonly socket: Socket,
    readonly address: string,
    private readonly clientId: string,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (e) => this.fail(new ConnectionError(`Connection to ${address} failed: ${e.message}`, address)));
    socket.on('close', () => this.fail(new ConnectionError(`Connection to ${address} was disconnected`, address)));
  }

  /** Opens a TCP connection; rejects with ConnectionError after `timeoutMs` or on refusal. */
  static open(host: string, port: number, clientId: string, timeoutMs: number): Promise<BrokerConnection> {
    const address = `${host}:${port}`;
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host, port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new ConnectionError(`Connection to ${address} timed out after ${timeoutMs} ms`, address));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new BrokerConnection(socket, address, clientId));
      });
      socket.once('error', (e) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new ConnectionError(`Connection to ${address} failed: ${e.message}`, address));
      });
    });
  }

  /** Sends one request at `version` and resolves with the decoded response body. */
  send<K extends ApiKey>(apiKey: K, version: number, body: RequestInput<K>, timeoutMs: number): Promise<ResponseMap[K]> {
    if (this.closedError !== undefined) return Promise.reject(this.closedError);
    const correlationId = this.nextCorrelationId++;
    const frame = encodeRequest(apiKey, version, correlationId, this.clientId, body);
    return new Promise<ResponseMap[K]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(correlationId);
        reject(new ConnectionError(`Timed out waiting for a response from ${this.address} after ${timeoutMs} ms`, this.address));
      }, timeoutMs);
      this.pending.set(correlationId, { apiKey, version, resolve: resolve as (b: unknown) => void, reject, timer });
      for (const chunk of frame) this.socket.write(chunk);
    });
  }

  close(): void {
    this.fail(new ConnectionError(`Connection to ${this.address} was closed`, this.address));
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffered.push(chunk);
    this.bufferedBytes += chunk.length;
    while (this.bufferedBytes >= 4) {
      const head = this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered);
      this.buffered = [head];
      const size = head.readInt32BE(0);
      if (head.length < 4 + size) return;
      const frame = head.subarray(4, 4 + size);
      const rest = head.subarray(4 + size);
      this.buffered = rest.length > 0 ? [rest] : [];
      this.bufferedBytes = rest.length;
      this.onFrame(frame);
    }
  }

  private onFrame(frame: Buffer): void {
    const correlationId = frame.readInt32BE(0);
    const pending = this.pending.get(correlationId);
    if (pending === undefined) return; // timed out already
    this.pending.delete(correlationId);
    clearTimeout(pending.timer);
    try {
      pending.resolve(decodeResponse(pending.apiKey, pending.version, frame).body);
    } catch (e) {
      pending.reject(e as Error);
    }
  }

  private fail(e: Error): void {
    if (this.closedError !== undefined) return;
    this.closedError = e;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(e);
    }
    this.pending.clear();
  }
}
