// Batches the console producer's records into few large sends (one kafkajs send per batch rather
// than per line), like the Java producer's accumulator: a batch goes out when it reaches
// `flushBytes` or when its first record has waited `lingerMs`. One send is in flight at a time
// while the next batch fills, which keeps per-partition order without idempotence.
import type { OrderedHeaders } from './kafkajs-shims.js';

export interface OutgoingRecord {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: OrderedHeaders;
  /** Creation time in ms, as kafkajs wants it (a string). */
  readonly timestamp: string;
}

export type SendBatch = (records: OutgoingRecord[]) => Promise<void>;
export type SendFailure = (records: OutgoingRecord[], error: unknown) => void;

export interface RecordSenderOptions {
  readonly lingerMs: number;
  readonly flushBytes: number;
}

/** Approximate bytes a record adds to a batch (Kafka's record overhead is about 20 bytes). */
export function recordSize(r: OutgoingRecord): number {
  let size = 20 + (r.key?.length ?? 0) + (r.value?.length ?? 0);
  for (const [k, v] of r.headers) size += k.length + (v?.length ?? 0) + 4;
  return size;
}

export class RecordSender {
  private pending: OutgoingRecord[] = [];
  private pendingBytes = 0;
  private inFlight: Promise<void> | undefined;
  private linger: NodeJS.Timeout | undefined;
  private sentCount = 0;

  constructor(
    private readonly send: SendBatch,
    private readonly options: RecordSenderOptions,
    private readonly onFailure: SendFailure,
  ) {}

  /** Records handed to a send so far (successful or not). */
  get sent(): number {
    return this.sentCount;
  }

  /** Queues a record; resolves once the caller may read more input. */
  async add(record: OutgoingRecord): Promise<void> {
    this.pending.push(record);
    this.pendingBytes += recordSize(record);
    if (this.pendingBytes >= this.options.flushBytes) {
      // Backpressure: at most one batch in flight while the next one fills.
      if (this.inFlight !== undefined) await this.inFlight;
      this.startSend();
    } else if (this.linger === undefined) {
      this.linger = setTimeout(() => this.startSend(), this.options.lingerMs);
    }
  }

  /** Sends everything pending and waits until every send has completed. */
  async close(): Promise<void> {
    this.startSend();
    while (this.inFlight !== undefined) await this.inFlight;
  }

  private startSend(): void {
    if (this.linger !== undefined) {
      clearTimeout(this.linger);
      this.linger = undefined;
    }
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    this.sentCount += batch.length;
    const previous = this.inFlight;
    const run = (async () => {
      if (previous !== undefined) await previous;
      try {
        await this.send(batch);
      } catch (e) {
        this.onFailure(batch, e);
      }
    })();
    this.inFlight = run;
    void run.finally(() => {
      if (this.inFlight === run) this.inFlight = undefined;
    });
  }
}
