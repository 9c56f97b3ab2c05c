// Splits a TCP byte stream into Kafka frames (int32 size + payload) without quadratic copying:
// chunks are queued and only the bytes of a complete frame are joined.

export class FrameTooLargeError extends Error {
  constructor(readonly size: number, readonly max: number) {
    super(`Invalid receive (size = ${size} larger than ${max})`);
  }
}

export class InvalidFrameSizeError extends Error {
  constructor(readonly size: number) {
    super(`Invalid receive (size = ${size})`);
  }
}

export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Size of the frame being assembled, once its 4 size bytes have arrived. */
  private pending = -1;

  constructor(private readonly maxFrameBytes: number) {}

  /** Feeds bytes; returns the complete frames (payload only). Throws on an illegal size. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Buffer[] = [];
    for (;;) {
      if (this.pending < 0) {
        if (this.buffered < 4) break;
        const size = this.peekInt32();
        // Kafka rejects sizes < 0 and above socket.request.max.bytes before allocating anything.
        if (size < 0) throw new InvalidFrameSizeError(size);
        if (size > this.maxFrameBytes) throw new FrameTooLargeError(size, this.maxFrameBytes);
        this.consume(4);
        this.pending = size;
      }
      if (this.buffered < this.pending) break;
      frames.push(this.consume(this.pending));
      this.pending = -1;
    }
    return frames;
  }

  private peekInt32(): number {
    const first = this.chunks[0]!;
    if (first.length >= 4) return first.readInt32BE(0);
    const head = Buffer.concat(this.chunks, Math.min(this.buffered, 4));
    return head.readInt32BE(0);
  }

  /** Removes and returns the next n bytes, sharing memory when they lie in one chunk. */
  private consume(n: number): Buffer {
    this.buffered -= n;
    const first = this.chunks[0]!;
    if (first.length >= n) {
      const out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const c = this.chunks[0]!;
      const take = Math.min(c.length, n - filled);
      c.copy(out, filled, 0, take);
      filled += take;
      if (take === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(take);
    }
    return out;
  }
}
