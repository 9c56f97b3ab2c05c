// One Kafka connection on kt's own codecs, shared by `kt topics` (admin requests with a
// per-request timeout) and the load generators (many requests in flight): responses are matched
// FIFO (Kafka answers a connection's requests in order) and frames are reassembled with one copy
// at most. A request that times out is rejected at once; its late answer is read and dropped,
// which keeps the FIFO matching intact.
import { Socket, createConnection } from 'node:net';
import { ApiKey, decodeResponse, encodeRequest, type RequestInput, type ResponseMap } from '../protocol/api.js';

interface Pending {
  readonly correlationId: number;
  readonly apiKey: ApiKey;
  readonly version: number;
  readonly resolve: (body: unknown) => void;
  readonly reject: (e: Error) => void;
  timer?: NodeJS.Timeout;
  /** Rejected by its timeout; the answer is dropped when it comes. */
  timedOut?: boolean;
}

/** Why a connection could not be opened, when it is known: decides how fast and how kt gives up. */
export type ConnectFailureKind = 'refused' | 'unresolved' | 'timeout' | 'other';

/** The connection failed, closed, or a request timed out; `address` is `host:port`. */
export class ClientConnectionError extends Error {
  constructor(
    message: string,
    readonly address: string,
    readonly kind: ConnectFailureKind = 'other',
  ) {
    super(message);
    this.name = 'ClientConnectionError';
  }
}

/** Node's socket error codes for "nobody listens there" and "no such host". */
function failureKind(code: string | undefined): ConnectFailureKind {
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') return 'unresolved';
  return 'other';
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
    socket.on('error', (e) => this.fail(new ClientConnectionError(`Connection to ${address} failed: ${e.message}`, address)));
    socket.on('close', () => this.fail(new ClientConnectionError(`Connection to ${address} was disconnected`, address)));
  }

  static open(host: string, port: number, clientId: string, timeoutMs: number): Promise<PipelinedConnection> {
    const address = `${host}:${port}`;
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host, port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new ClientConnectionError(`Connection to ${address} timed out after ${timeoutMs} ms`, address, 'timeout'));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new PipelinedConnection(socket, address, clientId));
      });
      socket.once('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new ClientConnectionError(`Connection to ${address} failed: ${e.message}`, address, failureKind(e.code)));
      });
    });
  }

  /** Requests sent and not yet answered. */
  get inFlight(): number {
    return this.pending.length - this.pendingHead;
  }

  /** Sends one request; with `timeoutMs`, rejects if no answer arrives in time. */
  send<K extends ApiKey>(apiKey: K, version: number, body: RequestInput<K>, timeoutMs?: number): Promise<ResponseMap[K]> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const correlationId = this.nextCorrelationId++;
    const frame = encodeRequest(apiKey, version, correlationId, this.clientId, body);
    return new Promise<ResponseMap[K]>((resolve, reject) => {
      const pending: Pending = { correlationId, apiKey, version, resolve: resolve as (b: unknown) => void, reject };
      if (timeoutMs !== undefined) {
        pending.timer = setTimeout(() => {
          pending.timedOut = true;
          reject(new ClientConnectionError(`Timed out waiting for a response from ${this.address} after ${timeoutMs} ms`, this.address, 'timeout'));
        }, timeoutMs);
      }
      this.pending.push(pending);
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
    this.fail(new ClientConnectionError(`Connection to ${this.address} was closed`, this.address));
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
    if (pending === undefined) return this.fail(new ClientConnectionError(`Unexpected response from ${this.address}`, this.address));
    this.pending[this.pendingHead++] = undefined as unknown as Pending;
    if (this.pendingHead > 1024 && this.pendingHead * 2 > this.pending.length) {
      this.pending.splice(0, this.pendingHead);
      this.pendingHead = 0;
    }
    clearTimeout(pending.timer);
    if (pending.timedOut) return;
    if (frame.readInt32BE(0) !== pending.correlationId) {
      pending.reject(new ClientConnectionError(`Correlation id mismatch from ${this.address}`, this.address));
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
    for (let i = this.pendingHead; i < this.pending.length; i++) {
      clearTimeout(this.pending[i]!.timer);
      this.pending[i]!.reject(e);
    }
    this.pending.length = 0;
    this.pendingHead = 0;
  }
}
