// The console consumer's stdout: formatters copy bytes into one large buffer (no per-record
// Buffer or string where it can be avoided), which is handed to the stream when full and on
// flush, with back-pressure and a closed pipe (EPIPE, `| head`) reported instead of thrown.
import type { Writable } from 'node:stream';

const CHUNK = 1 << 20;

export class RecordOutput {
  private buf = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  private closedFlag = false;
  private draining: Promise<void> | undefined;

  /**
   * Whether a buffer the stream took synchronously (writableLength back to 0) may be refilled:
   * true for process.stdout, whose synchronous writes have reached the kernel (file, pipe, TTY);
   * a stream in JavaScript (a PassThrough) may still hold the bytes by reference.
   */
  private readonly reuse: boolean;

  constructor(private readonly stream: Writable = process.stdout) {
    this.reuse = stream === process.stdout;
    stream.on('error', () => {
      this.closedFlag = true;
    });
  }

  /** True once the stream failed (the reader went away). */
  get closed(): boolean {
    return this.closedFlag || this.stream.destroyed;
  }

  /** A write is waiting for the stream to drain: the caller should await flush() before more. */
  get full(): boolean {
    return this.draining !== undefined || this.pos >= CHUNK / 2;
  }

  /** Bytes of `data` from `start` to `end`. */
  bytes(data: Buffer, start: number, end: number): void {
    const length = end - start;
    this.reserve(length);
    // Record values are mostly small: a byte loop beats the native copy's call overhead.
    if (length <= 256) {
      const buf = this.buf;
      let pos = this.pos;
      for (let i = start; i < end; i++) buf[pos++] = data[i]!;
      this.pos = pos;
    } else {
      data.copy(this.buf, this.pos, start, end);
      this.pos += length;
    }
  }

  buffer(data: Buffer): void {
    this.bytes(data, 0, data.length);
  }

  /** A string as UTF-8. */
  text(s: string): void {
    this.reserve(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** A non-negative or negative integer in decimal (offsets, partitions, timestamps). */
  decimal(n: number): void {
    this.text(String(n));
  }

  /** Writes what is collected; resolves when the stream can take more (or has failed). */
  async flush(): Promise<void> {
    if (this.draining !== undefined) await this.draining;
    if (this.pos === 0 || this.closed) {
      this.pos = 0;
      return;
    }
    const data = this.buf.subarray(0, this.pos);
    this.pos = 0;
    const ok = this.stream.write(data);
    // The stream keeps the bytes until written: unless they went out at once to the kernel,
    // the next records go to a fresh buffer.
    if (!this.reuse || this.stream.writableLength !== 0) this.buf = Buffer.allocUnsafe(CHUNK);
    if (ok) return;
    this.draining = new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        this.stream.off('close', done);
        this.draining = undefined;
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
      this.stream.on('close', done);
    });
    await this.draining;
  }

  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    // A record larger than what is left: hand the full part to the stream without waiting
    // (flush() is awaited between polls), then continue in a buffer big enough.
    if (this.pos > 0 && !this.closed) this.stream.write(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK, n));
    this.pos = 0;
  }
}
