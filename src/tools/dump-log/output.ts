// stdout for kafka-dump-log, with Java's print/println: text is collected and written in large
// chunks, and the dump waits when the pipe is full. When the reader goes away (`| head`), the
// dump stops with exit 0 (Java's System.out would keep swallowing the writes until the end).
import { OutputWriter } from '../../cli/output-writer.js';
import { ReportedFailure } from '../../cli/tool.js';

const CHUNK_CHARS = 64 * 1024;

export class Printer {
  private text = '';

  constructor(private readonly writer: OutputWriter = new OutputWriter()) {}

  print(s: string): void {
    this.text += s;
  }

  println(s = ''): void {
    this.text += `${s}\n`;
  }

  /** Writes once enough text is collected; await the promise to respect backpressure. */
  maybeFlush(): Promise<void> | undefined {
    return this.text.length >= CHUNK_CHARS ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    if (this.text !== '') {
      const data = Buffer.from(this.text, 'utf8');
      this.text = '';
      await this.writer.append([data]);
      await this.writer.flush();
    }
    if (this.writer.closed) throw new ReportedFailure(0);
  }
}
