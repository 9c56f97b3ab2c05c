// Buffered, backpressure-aware writing of raw bytes to stdout: records are collected and written
// in large chunks, a full pipe pauses the producer of output until it drains, and a closed pipe
// (EPIPE, e.g. `| head`) is reported once instead of crashing the process.
import type { Writable } from 'node:stream';

let stdoutWriters = 0;

/**
 * Whether an OutputWriter on stdout will notice a closed pipe and let its tool end on its own
 * terms; otherwise runTool ends the process at once with exit 0.
 */
export function stdoutClosureHandled(): boolean {
  return stdoutWriters > 0;
}

export class OutputWriter {
  private chunks: Buffer[] = [];
  private size = 0;
  private closedFlag = false;

  constructor(
    private readonly stream: Writable = process.stdout,
    /** Bytes collected before a write is issued without waiting for flush(). */
    private readonly chunkBytes = 64 * 1024,
  ) {
    stream.on('error', () => {
      this.closedFlag = true;
    });
    if (stream === process.stdout) stdoutWriters++;
  }

  /** True once the stream failed (the reader went away). */
  get closed(): boolean {
    return this.closedFlag || this.stream.destroyed;
  }

  /** Collects bytes; returns a promise only when the stream asks the caller to wait. */
  append(parts: readonly Buffer[]): Promise<void> | undefined {
    for (const p of parts) {
      this.chunks.push(p);
      this.size += p.length;
    }
    return this.size >= this.chunkBytes ? this.flush() : undefined;
  }

  /** Writes what is collected; resolves when the stream can take more (or has failed). */
  flush(): Promise<void> {
    if (this.size === 0 || this.closed) {
      this.chunks = [];
      this.size = 0;
      return Promise.resolve();
    }
    const data = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
    this.chunks = [];
    this.size = 0;
    if (this.stream.write(data)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
      this.stream.on('close', done);
    });
  }
}
