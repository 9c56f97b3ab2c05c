// One fuzzing connection: writes raw bytes, collects response frames (correlation id + frame) in
// arrival order, and notices when the broker closes it.
import { connect, type Socket } from 'node:net';

export interface Response {
  correlationId: number;
  /** The frame after its size prefix. */
  frame: Buffer;
}

export class FuzzConnection {
  readonly responses: Response[] = [];
  closed = false;
  /** A response frame with an impossible size (the broker sent a broken frame). */
  brokenFrame: string | null = null;
  private buffered: Buffer = Buffer.alloc(0);
  private wake: (() => void) | null = null;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      this.closed = true;
      this.notify();
    });
  }

  static open(host: string, port: number): Promise<FuzzConnection> {
    return new Promise((resolve, reject) => {
      const s = connect({ host, port }, () => {
        s.off('error', reject);
        resolve(new FuzzConnection(s));
      });
      s.once('error', reject);
    });
  }

  /** Writes `bytes` in the given number of pieces (exercising the broker's frame reassembly). */
  write(bytes: Buffer, cuts: number[]): void {
    let at = 0;
    for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length]) {
      if (cut > at) this.socket.write(bytes.subarray(at, cut));
      at = cut;
    }
  }

  /** Half-closes: the broker sees end of input. */
  end(): void {
    this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** Resolves 'response' once a response with `correlationId` arrived, 'closed', or 'timeout' after `ms`. */
  async waitFor(correlationId: number, ms: number): Promise<'response' | 'closed' | 'timeout'> {
    const deadline = performance.now() + ms;
    for (;;) {
      if (this.responses.some((r) => r.correlationId === correlationId)) return 'response';
      if (this.closed) return 'closed';
      const left = deadline - performance.now();
      if (left <= 0) return 'timeout';
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private notify(): void {
    this.wake?.();
  }

  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 4) {
      const size = this.buffered.readInt32BE(0);
      if (size < 4) {
        this.brokenFrame = `response frame size ${size}`;
        this.socket.destroy();
        return;
      }
      if (this.buffered.length < 4 + size) break;
      const frame = this.buffered.subarray(4, 4 + size);
      this.buffered = this.buffered.subarray(4 + size);
      this.responses.push({ correlationId: frame.readInt32BE(0), frame });
    }
    this.notify();
  }
}
