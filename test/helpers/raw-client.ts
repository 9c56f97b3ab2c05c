// A minimal Kafka client over a raw socket, built on our own codecs, for tests that need to
// send exact bytes (garbage, bad frames) or read exact responses.
import { connect, type Socket } from 'node:net';
import { ApiKey, decodeResponse, encodeRequest, type RequestInput, type ResponseMap } from '../../src/protocol/api.js';

export class RawClient {
  private buffered = Buffer.alloc(0);
  private waiters: Array<(frame: Buffer) => void> = [];
  private correlationId = 0;
  closed = false;
  private closeWaiters: Array<() => void> = [];

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      while (this.buffered.length >= 4) {
        const size = this.buffered.readInt32BE(0);
        if (this.buffered.length < 4 + size) break;
        const frame = this.buffered.subarray(4, 4 + size);
        this.buffered = this.buffered.subarray(4 + size);
        this.waiters.shift()?.(frame);
      }
    });
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.closeWaiters) w();
    });
    socket.on('error', () => {});
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = connect({ port, host }, () => resolve(new RawClient(s)));
      s.once('error', reject);
    });
  }

  writeRaw(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  nextFrame(): Promise<Buffer> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async request<K extends ApiKey>(apiKey: K, version: number, body: RequestInput<K>): Promise<ResponseMap[K]> {
    const id = ++this.correlationId;
    const frame = this.nextFrame();
    for (const chunk of encodeRequest(apiKey, version, id, 'raw-client', body)) this.socket.write(chunk);
    const decoded = decodeResponse(apiKey, version, await frame);
    if (decoded.correlationId !== id) throw new Error(`correlation id ${decoded.correlationId} != ${id}`);
    return decoded.body;
  }

  /** Sends a request and resolves with the response frame as received (correlation id first). */
  async requestFrame<K extends ApiKey>(apiKey: K, version: number, body: RequestInput<K>): Promise<Buffer> {
    const id = ++this.correlationId;
    const frame = this.nextFrame();
    for (const chunk of encodeRequest(apiKey, version, id, 'raw-client', body)) this.socket.write(chunk);
    return frame;
  }

  /** Resolves when the broker closes the connection; rejects after `ms`. */
  waitClosed(ms = 5000): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('connection still open')), ms);
      this.closeWaiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  close(): void {
    this.socket.destroy();
  }
}
