// The console consumer's processing loop, independent of how records are fetched: formats each
// record to stdout, counts it, and decides when consumption ends (--max-messages, --timeout-ms
// without a record, stdout closed, a formatter error, a signal, or a consumer failure).
import type { ConsumedRecord, MessageFormatter } from './message-formatter.js';
import type { OutputWriter } from '../../cli/output-writer.js';
import { createLogger } from '../../broker/logger.js';

export type StopReason =
  | { readonly kind: 'max-messages' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'stdout-closed' }
  | { readonly kind: 'signal'; readonly exitCode: number }
  | { readonly kind: 'formatter-error'; readonly error: unknown }
  | { readonly kind: 'consumer-error'; readonly error: unknown };

export interface SessionOptions {
  /** -1: unlimited. */
  readonly maxMessages: number;
  /** undefined: wait forever. */
  readonly timeoutMs: number | undefined;
  readonly skipMessageOnError: boolean;
}

export const CONSOLE_CONSUMER_LOGGER = 'org.apache.kafka.tools.consumer.ConsoleConsumer';

export class ConsumeSession {
  /** Records handed to the formatter (Kafka's messageCount). */
  count = 0;
  readonly stopped: Promise<StopReason>;
  private reason: StopReason | undefined;
  private resolveStop!: (r: StopReason) => void;
  private timer: NodeJS.Timeout | undefined;
  /** When the consumer last started waiting for a record; the timeout counts from there. */
  private waitingSince = Date.now();
  private busy = false;

  constructor(
    private readonly formatter: MessageFormatter,
    private readonly writer: OutputWriter,
    private readonly options: SessionOptions,
  ) {
    this.stopped = new Promise((resolve) => (this.resolveStop = resolve));
    if (options.maxMessages === 0) this.stop({ kind: 'max-messages' });
  }

  get isStopped(): boolean {
    return this.reason !== undefined;
  }

  /** Starts the --timeout-ms clock (Kafka's starts when the consumer first waits for a record). */
  start(): void {
    this.armTimeout();
  }

  stop(reason: StopReason): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.resolveStop(reason);
  }

  /**
   * Prints the records of one fetch, in order, until the session stops; `onProcessed` is called
   * for every record handed to the formatter (the consumer's position moves past it).
   */
  async accept(records: readonly ConsumedRecord[], onProcessed: (r: ConsumedRecord) => void): Promise<void> {
    // An empty fetch is not a record: it does not restart the --timeout-ms clock.
    if (records.length === 0) return;
    this.busy = true;
    try {
      await this.print(records, onProcessed);
    } finally {
      this.busy = false;
      this.waitingSince = Date.now();
    }
  }

  private async print(records: readonly ConsumedRecord[], onProcessed: (r: ConsumedRecord) => void): Promise<void> {
    for (const record of records) {
      if (this.reason !== undefined) break;
      this.count++;
      onProcessed(record);
      const parts: Buffer[] = [];
      try {
        this.formatter.writeTo(record, parts);
      } catch (e) {
        if (!this.options.skipMessageOnError) {
          this.stop({ kind: 'formatter-error', error: e });
          break;
        }
        logError('Error processing message, skipping this message: ', e);
        continue;
      }
      const wait = this.writer.append(parts);
      if (wait !== undefined) await wait;
      if (this.writer.closed) {
        this.stop({ kind: 'stdout-closed' });
        break;
      }
      if (this.options.maxMessages >= 0 && this.count >= this.options.maxMessages) {
        this.stop({ kind: 'max-messages' });
        break;
      }
    }
    await this.writer.flush();
    if (this.writer.closed) this.stop({ kind: 'stdout-closed' });
  }

  /** One timer for the whole session: it re-arms itself while records keep arriving. */
  private armTimeout(): void {
    const timeoutMs = this.options.timeoutMs;
    if (timeoutMs === undefined || this.reason !== undefined) return;
    this.waitingSince = Date.now();
    const check = () => {
      const idle = Date.now() - this.waitingSince;
      if (!this.busy && idle >= timeoutMs) this.stop({ kind: 'timeout' });
      else this.timer = setTimeout(check, this.busy ? timeoutMs : timeoutMs - idle);
    };
    this.timer = setTimeout(check, timeoutMs);
  }
}

/** An ERROR line in Kafka's layout, then the exception's first line (no stack frames). */
export function logError(message: string, error: unknown): void {
  createLogger(CONSOLE_CONSUMER_LOGGER, 'ERROR', (line) => process.stderr.write(line)).error(message);
  if (error !== undefined) process.stderr.write(`${exceptionText(error)}\n`);
}

function exceptionText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (!(error instanceof Error)) return String(error);
  if ((process.env.DEBUG ?? '') !== '' && error.stack !== undefined) return error.stack;
  const type = (error as { type?: string }).type;
  return `${type ?? error.name}: ${error.message}`;
}
