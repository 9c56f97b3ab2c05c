// One client connection: frames in, handlers run, responses out in request order.
//
// Requests are dispatched as soon as they are parsed (pipelining), but responses are queued
// and written strictly in request order, as Kafka's one-request-at-a-time channel muting
// guarantees and clients rely on (they match responses FIFO). Anything the broker cannot parse
// closes this connection only, with one log line. A handler that fails is answered with its
// error response (UNKNOWN_SERVER_ERROR for the unexpected), and the connection goes on.
//
// Back-pressure: like Kafka, which mutes a channel while one of its requests is being handled,
// a parsed frame is dispatched only once the previous request's handler has finished (a Fetch
// waiting for data holds the next one back), and only while the connection is under its limits
// (responses queued, bytes the socket has not taken yet); the rest wait, with reading paused,
// until the client reads. One TCP read can carry hundreds of small Fetch requests, each
// answered with up to fetch.max.bytes: checking only between reads would let one client that
// never reads pin gigabytes.
import type { Socket } from 'node:net';
import {
  ApiKey,
  decodeRequest,
  encodeResponse,
  readRequestHeader,
  type RequestHeader,
} from '../../protocol/api.js';
import { isReadBuffer, releaseReadBuffer } from '../log/read-buffers.js';
import { ErrorCode, errorName, KafkaError } from '../../protocol/errors.js';
import type { Broker } from '../broker.js';
import { ApiError } from '../apis/api-error.js';
import { CLOSE_CONNECTION, NO_RESPONSE, type HandlerResult, type RequestContext } from '../apis/handler.js';
import type { HandlerRegistry, RegisteredApi } from '../apis/registry.js';
import { FrameDecoder } from './frame-decoder.js';

/** Stop reading from a client whose responses pile up unread (Kafka: queued.max.requests). */
const MAX_QUEUED_RESPONSES = 500;
const MAX_BUFFERED_WRITE_BYTES = 64 * 1024 * 1024;

const EMPTY = Buffer.alloc(0);

interface Slot {
  chunks: Buffer[] | null;
  /** Close the connection once the responses before this one are written (Kafka's closeConnection). */
  closeReason?: string;
}

/** One dispatched request: its place in the response queue and what its handler needs. */
interface Call {
  readonly slot: Slot;
  readonly entry: RegisteredApi;
  readonly ctx: RequestContext;
  readonly request: unknown;
}

let nextConnectionId = 0;

export class Connection {
  readonly id = nextConnectionId++;
  private readonly decoder: FrameDecoder;
  private readonly queue: Slot[] = [];
  private closed = false;
  private paused = false;
  /** Frames parsed but not dispatched yet (over the limits), from `waitingHead` on. */
  private waiting: Buffer[] = [];
  private waitingHead = 0;
  private draining = false;
  /** Handlers whose result is still a pending promise (at most one: see drainWaiting). */
  private handlersRunning = 0;
  readonly peer: string;

  constructor(
    private readonly socket: Socket,
    private readonly broker: Broker,
    private readonly registry: HandlerRegistry,
    private readonly onClose: (c: Connection) => void,
  ) {
    this.decoder = new FrameDecoder(broker.config.int('socket.request.max.bytes'));
    this.peer = `${socket.remoteAddress ?? 'unknown'}:${socket.remotePort ?? 0}`;
    socket.setNoDelay(true);
    const idleMs = broker.config.long('connections.max.idle.ms');
    if (Number.isFinite(idleMs) && idleMs > 0) socket.setTimeout(idleMs, () => this.close(`idle for more than ${idleMs} ms`));
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('drain', () => this.drainWaiting());
    socket.on('error', () => this.close());
    socket.on('close', () => {
      this.close();
      this.onClose(this);
    });
  }

  /**
   * Closes at once; `afterWrites` lets the responses already written reach the client first, then
   * closes the socket fully, as Kafka's closeConnection does (a half-closed socket that reads
   * nothing is no active handle to libuv, so a broker shutting down could wait on it forever).
   * A connection stays in its listener's set until the socket is closed, so shutdown destroys
   * one still writing its last responses; so does the idle timer.
   */
  close(reason?: string, afterWrites = false): void {
    if (this.closed) {
      if (!afterWrites) this.socket.destroy();
      return;
    }
    this.closed = true;
    if (reason) this.broker.logger.warn(`Closing connection ${this.id} from ${this.peer}: ${reason}`);
    if (afterWrites) this.socket.end(() => this.socket.destroy());
    else this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.decoder.push(chunk);
    } catch (e) {
      this.close((e as Error).message);
      return;
    }
    for (const frame of frames) this.waiting.push(frame);
    this.drainWaiting();
  }

  private mustWait(): boolean {
    return this.handlersRunning > 0 || this.queue.length >= MAX_QUEUED_RESPONSES || this.socket.writableLength > MAX_BUFFERED_WRITE_BYTES;
  }

  /** Dispatches waiting frames in order while nothing holds them back; reads only when none wait. */
  private drainWaiting(): void {
    if (this.draining || this.closed) return; // the outer loop re-checks per frame
    this.draining = true;
    try {
      while (this.waitingHead < this.waiting.length && !this.closed && !this.mustWait()) {
        const frame = this.waiting[this.waitingHead]!;
        this.waiting[this.waitingHead++] = EMPTY;
        this.onFrame(frame);
      }
    } finally {
      this.draining = false;
    }
    if (this.waitingHead === this.waiting.length) {
      this.waiting = [];
      this.waitingHead = 0;
    }
    if (this.closed) return;
    if (this.waiting.length > 0 || this.mustWait()) this.pause();
    else this.resume();
  }

  private onFrame(frame: Buffer): void {
    let header: RequestHeader;
    let bodyOffset: number;
    try {
      ({ header, bodyOffset } = readRequestHeader(frame));
    } catch (e) {
      this.close(`malformed request header: ${(e as Error).message}`);
      return;
    }
    const { apiKey, apiVersion } = header;
    const entry = this.registry.get(apiKey);
    if (!entry) {
      this.close(`unknown or unsupported API key ${apiKey}`);
      return;
    }
    if (apiVersion < entry.minVersion || apiVersion > entry.maxVersion) {
      if (apiKey === ApiKey.ApiVersions) {
        // KIP-511: answer an unsupported ApiVersions version with a v0 body carrying
        // UNSUPPORTED_VERSION and our ApiVersions range, so the client can retry.
        this.enqueue(header, 0, {
          errorCode: ErrorCode.UNSUPPORTED_VERSION,
          apiKeys: [{ apiKey: ApiKey.ApiVersions, minVersion: entry.minVersion, maxVersion: entry.maxVersion }],
        });
        return;
      }
      this.close(`unsupported version ${apiVersion} of API key ${apiKey} (${entry.name})`);
      return;
    }
    let request: unknown;
    try {
      request = decodeRequest(apiKey, apiVersion, frame, bodyOffset);
    } catch (e) {
      this.close(`malformed ${entry.name} v${apiVersion} request: ${(e as Error).message}`);
      return;
    }
    const ctx: RequestContext = {
      broker: this.broker,
      header,
      apiVersion,
      clientId: header.clientId ?? '',
      clientHost: `/${this.socket.remoteAddress ?? ''}`,
      connectionId: this.id,
    };
    const slot: Slot = { chunks: null };
    this.queue.push(slot);
    this.dispatch({ slot, entry, ctx, request });
  }

  private dispatch(call: Call): void {
    let result: HandlerResult<ApiKey> | Promise<HandlerResult<ApiKey>>;
    try {
      result = call.entry.handler.handle(call.ctx, call.request as never);
    } catch (e) {
      this.answerError(call, e, 'handling');
      return;
    }
    if (result instanceof Promise) {
      this.handlersRunning++;
      result.then(
        (r) => {
          this.handlersRunning--;
          this.complete(call, r);
        },
        (e) => {
          this.handlersRunning--;
          this.answerError(call, e, 'handling');
        },
      );
    } else {
      this.complete(call, result);
    }
  }

  private enqueue(header: RequestHeader, version: number, body: unknown): void {
    const slot: Slot = { chunks: null };
    this.queue.push(slot);
    slot.chunks = encodeResponse(header.apiKey, version, header.correlationId, body as never);
    this.flush();
  }

  private complete(call: Call, result: HandlerResult<ApiKey>): void {
    if (this.closed) return;
    const { header, apiVersion } = call.ctx;
    if (result === CLOSE_CONNECTION) {
      call.slot.chunks = [];
      call.slot.closeReason = `${call.entry.name} v${apiVersion} failed and Kafka answers it by closing the connection`;
      this.flush();
      return;
    }
    try {
      call.slot.chunks = result === NO_RESPONSE ? [] : encodeResponse(header.apiKey, apiVersion, header.correlationId, result as never);
    } catch (e) {
      this.answerError(call, e, 'encoding the response to');
      return;
    }
    this.flush();
  }

  /**
   * A request whose handling threw (or whose response could not be encoded) is answered with the
   * handler's error response, as Kafka's KafkaApis.handleError does: a KafkaError with its own
   * code, anything else with UNKNOWN_SERVER_ERROR, logged once. The connection stays open unless
   * Kafka would close it (no error response exists) or even the error response fails.
   */
  private answerError(call: Call, e: unknown, stage: 'handling' | 'encoding the response to'): void {
    if (this.closed) return;
    const { entry, ctx } = call;
    const what = `${stage} ${entry.name} v${ctx.apiVersion} request (correlation id ${ctx.header.correlationId}) from ${this.peer}`;
    if (e instanceof KafkaError && stage === 'handling') {
      this.broker.logger.warn(`Error ${what}: ${e.name}: ${e.message}`);
    } else {
      const err = e instanceof Error ? e : new Error(String(e));
      this.broker.logger.error(`Unexpected error ${what}: ${err.stack ?? err.message}`);
    }
    // An encoding failure is the broker's fault whatever was thrown (a bad value in its own response).
    const error = stage === 'handling' ? ApiError.from(e) : ApiError.unknownServerError();
    try {
      const answer = entry.handler.errorResponse(call.request as never, error, ctx.apiVersion);
      if (answer === CLOSE_CONNECTION) {
        call.slot.chunks = [];
        call.slot.closeReason = `${entry.name} v${ctx.apiVersion} failed and Kafka answers it by closing the connection`;
      } else {
        call.slot.chunks = encodeResponse(ctx.header.apiKey, ctx.apiVersion, ctx.header.correlationId, answer as never);
      }
    } catch (e2) {
      const err = e2 instanceof Error ? e2 : new Error(String(e2));
      this.broker.logger.error(`Unexpected error answering ${entry.name} with ${errorName(error.code)}: ${err.stack ?? err.message}`);
      this.close();
      return;
    }
    this.flush();
  }

  private flush(): void {
    if (this.queue[0]?.chunks == null) return;
    this.socket.cork();
    let closeReason: string | undefined;
    while (closeReason === undefined && this.queue.length > 0 && this.queue[0]!.chunks !== null) {
      const slot = this.queue.shift()!;
      for (const c of slot.chunks!) {
        // Fetched records go back to the read-buffer pool once the socket has taken them.
        if (isReadBuffer(c)) this.socket.write(c, () => releaseReadBuffer(c));
        else this.socket.write(c);
      }
      closeReason = slot.closeReason;
    }
    this.socket.uncork();
    if (closeReason !== undefined) {
      this.close(closeReason, true);
      return;
    }
    this.drainWaiting();
  }

  private pause(): void {
    if (!this.paused) {
      this.paused = true;
      this.socket.pause();
    }
  }

  private resume(): void {
    if (this.paused) {
      this.paused = false;
      this.socket.resume();
    }
  }
}
