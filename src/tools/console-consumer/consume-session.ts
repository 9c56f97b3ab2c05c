// The console consumer's processing loop, independent of how records are fetched: formats each
// record to stdout, counts it, and decides when consumption ends (--max-messages, --timeout-ms
// without a record, stdout closed, a formatter error, a signal, or a consumer failure).
import type { RecordView } from '../../client/record-view.js';
import type { MessageFormatter } from './message-formatter.js';
import type { RecordOutput } from './record-output.js';
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

/** What the session reads from: KafkaConsumer's poll/drain. */
export interface RecordSource {
  poll(timeoutMs: number): Promise<boolean>;
  drain(max: number, onRecord: (record: RecordView) => boolean | void): number;
  wakeup(): void;
}

export const CONSOLE_CONSUMER_LOGGER = 'org.apache.kafka.tools.consumer.ConsoleConsumer';
const POLL_MS = 1000;

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
  private source: RecordSource | undefined;
  private readonly limit: number;

  constructor(
    private readonly formatter: MessageFormatter,
    private readonly output: RecordOutput,
    private readonly options: SessionOptions,
  ) {
    this.stopped = new Promise((resolve) => (this.resolveStop = resolve));
    this.limit = options.maxMessages >= 0 ? options.maxMessages : Number.POSITIVE_INFINITY;
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
    this.source?.wakeup();
    this.resolveStop(reason);
  }

  /** Polls `source` and prints what it hands out until the session stops. */
  async run(source: RecordSource): Promise<void> {
    this.source = source;
    if (this.reason !== undefined) return;
    this.start();
    try {
      while (this.reason === undefined) {
        if (!(await source.poll(POLL_MS)) || this.reason !== undefined) continue;
        this.busy = true;
        try {
          // Records go to the output buffer; it is flushed between drains, waiting when the pipe is full.
          while (source.drain(this.limit - this.count, this.onRecord) > 0 && this.reason === undefined) {
            if (this.output.full) await this.output.flush();
          }
          await this.output.flush();
        } finally {
          this.busy = false;
          this.waitingSince = Date.now();
        }
        if (this.output.closed) this.stop({ kind: 'stdout-closed' });
      }
    } catch (e) {
      this.stop({ kind: 'consumer-error', error: e });
    }
    await this.output.flush();
  }

  /** One record: format it, count it; false stops the drain (session over, or output full). */
  private readonly onRecord = (record: RecordView): boolean => {
    this.count++;
    try {
      this.formatter.writeTo(record, this.output);
    } catch (e) {
      if (!this.options.skipMessageOnError) {
        this.stop({ kind: 'formatter-error', error: e });
        return false;
      }
      logError('Error processing message, skipping this message: ', e);
    }
    if (this.count >= this.limit) {
      this.stop({ kind: 'max-messages' });
      return false;
    }
    return !this.output.full;
  };

  /** One timer for the whole session: it re-arms itself while records keep arriving. */
  private armTimeout(): void {
    const timeoutMs = this.options.timeoutMs;
    if (timeoutMs === undefined || this.reason !== undefined || this.timer !== undefined) return;
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
