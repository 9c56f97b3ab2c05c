// A progress line on stderr (records sent, rate) while a large file is piped in, for a human at
// a terminal only: nothing when stderr is not a TTY (scripts get exactly Kafka's bytes), and
// nothing for the first second, so short inputs never flash it. Cleared when reading ends.

const FIRST_AFTER_MS = 1000;
const EVERY_MS = 250;

export class ProgressLine {
  private readonly startedAt = Date.now();
  private lastDrawn = 0;
  private shown = false;

  private constructor(private readonly stream: NodeJS.WriteStream) {}

  /** A progress line, or undefined when stderr is no terminal (or CI, or TERM=dumb). */
  static start(stream: NodeJS.WriteStream = process.stderr): ProgressLine | undefined {
    if (stream.isTTY !== true || process.env.CI !== undefined || process.env.TERM === 'dumb') return undefined;
    return new ProgressLine(stream);
  }

  update(records: number): void {
    const now = Date.now();
    const elapsed = now - this.startedAt;
    if (elapsed < FIRST_AFTER_MS || now - this.lastDrawn < EVERY_MS) return;
    this.lastDrawn = now;
    this.shown = true;
    const rate = Math.round((records * 1000) / elapsed);
    this.stream.write(`\r\x1b[2K${records.toLocaleString('en-US')} records read, ${rate.toLocaleString('en-US')} records/s`);
  }

  stop(): void {
    if (this.shown) this.stream.write('\r\x1b[2K');
  }
}
