// A pipelined Kafka connection for load generators: many requests in flight, responses matched
// FIFO (Kafka answers a connection's requests in order), frames reassembled with one copy at
// most. Unlike src/cli/broker-connection.ts it has no per-request timers: a perf tool's requests
// carry their own broker-side timeouts and the tool fails as a whole on a dead connection.
import { Socket, createConnection } from 'node:net';
import { ApiKey, decodeResponse, encodeRequest, type RequestInput, type ResponseMap } from '../protocol/api.js';

interface Pending {
  readonly correlationId: number;
  readonly apiKey: ApiKey;
  readonly version: number;
  readonly resolve: (body: unknown) => void;
  readonly reject: (e: Error) => void;
}

export class ClientConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClientConnectionError';
  }
}

export class PipelinedConnection {
  private nextCorrelationId = 1;
  private readonly pending: Pending[] = [];
  private pendingHead = 0;
  private chunks: Buffer[] = [];
  private chunkBytes = 0;
  private frameSize = -1;
  private failure: Error | undefined;

  private constructor(
    private readonly socket: Socket,
    readonly address: string,
    private readonly clientId: string,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (e) => this.fail(new ClientConnectionError(`Connection to ${address} failed: ${e.message}`)));
    socket.on('close', () => this.fail(new ClientConnectionError(`Connection to ${address} was disconnected`)));
  }

  static open(host: string, port: number, clientId: string, timeoutMs: number): Promise<PipelinedConnection> {
    const address = `${host}:${port}`;
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host, port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new ClientConnectionError(`Connection to ${address} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new PipelinedConnection(socket, address, clientId));
      });
      socket.once('error', (e) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new ClientConnectionError(`Connection to ${address} failed: ${e.message}`));
      });
    });
  }

  /** Requests sent and not yet answered. */
  get inFlight(): number {
    return this.pending.length - this.pendingHead;
  }

  send<K extends ApiKey>(apiKey: K, version: number, body: RequestInput<K>): Promise<ResponseMap[K]> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const correlationId = this.nextCorrelationId++;
    const frame = encodeRequest(apiKey, version, correlationId, this.clientId, body);
    return new Promise<ResponseMap[K]>((resolve, reject) => {
      this.pending.push({ correlationId, apiKey, version, resolve: resolve as (b: unknown) => void, reject });
      this.socket.cork();
      for (const chunk of frame) this.socket.write(chunk);
      this.socket.uncork();
    });
  }

  /** Sends a request the broker does not answer (Produce with acks=0). */
  sendNoResponse<K extends ApiKey>(apiKey: K, version: number, body: RequestInput<K>): void {
    if (this.failure !== undefined) throw this.failure;
    const frame = encodeRequest(apiKey, version, this.nextCorrelationId++, this.clientId, body);
    this.socket.cork();
    for (const chunk of frame) this.socket.write(chunk);
    this.socket.uncork();
  }

  /** Resolves once the socket's write buffer has drained (back-pressure for acks=0). */
  whenWritable(): Promise<void> {
    if (!this.socket.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => this.socket.once('drain', () => resolve()));
  }

  close(): void {
    this.fail(new ClientConnectionError(`Connection to ${this.address} was closed`));
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.chunkBytes += chunk.length;
    for (;;) {
      if (this.frameSize < 0) {
        if (this.chunkBytes < 4) return;
        this.flatten();
        this.frameSize = this.chunks[0]!.readInt32BE(0);
      }
      if (this.chunkBytes < 4 + this.frameSize) return;
      // Only now join the pieces: one copy per frame however many chunks it arrived in.
      const all = this.flatten();
      const frame = all.subarray(4, 4 + this.frameSize);
      const rest = all.subarray(4 + this.frameSize);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.chunkBytes = rest.length;
      this.frameSize = -1;
      this.onFrame(frame);
    }
  }

  private flatten(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.chunkBytes)];
    return this.chunks[0]!;
  }

  private onFrame(frame: Buffer): void {
    const pending = this.pending[this.pendingHead];
    if (pending === undefined) return this.fail(new ClientConnectionError(`Unexpected response from ${this.address}`));
    this.pending[this.pendingHead++] = undefined as unknown as Pending;
    if (this.pendingHead > 1024 && this.pendingHead * 2 > this.pending.length) {
      this.pending.splice(0, this.pendingHead);
      this.pendingHead = 0;
    }
    if (frame.readInt32BE(0) !== pending.correlationId) {
      pending.reject(new ClientConnectionError(`Correlation id mismatch from ${this.address}`));
      return;
    }
    try {
      pending.resolve(decodeResponse(pending.apiKey, pending.version, frame).body);
    } catch (e) {
      pending.reject(e as Error);
    }
  }

  private fail(e: Error): void {
    if (this.failure !== undefined) return;
    this.failure = e;
    for (let i = this.pendingHead; i < this.pending.length; i++) this.pending[i]!.reject(e);
    this.pending.length = 0;
    this.pendingHead = 0;
  }
}
