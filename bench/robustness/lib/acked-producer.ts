// A producer that records exactly what the broker acknowledged: pipelined Produce requests
// (acks=all), one small batch per partition each, unique values; for every partition answered
// without error, each record's (partition, offset, value) goes into `acked`. It runs until
// stopped or until its connection fails (a killed broker), and never retries.
import { ApiKey } from '../../../src/protocol/api.js';
import { encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { KafkaConnection } from '../../lib/kafka-connection.js';

export interface AckedProducerOptions {
  topic: string;
  partitions: number;
  /** Produce requests outstanding at once. */
  inFlight: number;
  recordsPerBatch: number;
  /** Values are `${valuePrefix}-${partition}-${n}`. */
  valuePrefix: string;
  valueBytes?: number;
}

export class AckedProducer {
  /** partition -> offset -> value, for every acknowledged record. */
  readonly acked = new Map<number, Map<number, string>>();
  ackedCount = 0;
  /** Error codes in produce answers (not acknowledged), by code. */
  readonly errorCodes = new Map<number, number>();
  /** Why the loop ended, when it was not stop(). */
  failure: string | null = null;
  private stopped = false;
  private readonly done: Promise<void>;
  private seq = 0;

  private constructor(
    private readonly conn: KafkaConnection,
    private readonly opts: AckedProducerOptions,
  ) {
    for (let p = 0; p < opts.partitions; p++) this.acked.set(p, new Map());
    this.done = Promise.all(Array.from({ length: opts.inFlight }, () => this.loop())).then(() => conn.close());
  }

  static async start(bootstrap: string, opts: AckedProducerOptions): Promise<AckedProducer> {
    return new AckedProducer(await KafkaConnection.open(bootstrap), opts);
  }

  /** Resolves when the loops ended (stopped, or the connection failed). */
  finished(): Promise<void> {
    return this.done;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }

  private async loop(): Promise<void> {
    const { topic, partitions, recordsPerBatch, valuePrefix } = this.opts;
    const pad = this.opts.valueBytes ? '.'.repeat(this.opts.valueBytes) : '';
    while (!this.stopped && this.failure === null) {
      const values: string[][] = [];
      const partitionData = [];
      for (let p = 0; p < partitions; p++) {
        const vs = Array.from({ length: recordsPerBatch }, () => `${valuePrefix}-${p}-${this.seq++}${pad}`);
        values.push(vs);
        partitionData.push({ index: p, records: encodeRecordBatch({ records: vs.map((v) => ({ timestamp: Date.now(), key: null, value: Buffer.from(v) })) }) });
      }
      let res;
      try {
        res = await this.conn.request(ApiKey.Produce, 9, { acks: -1, timeoutMs: 30_000, topicData: [{ name: topic, partitionData }] });
      } catch (err) {
        this.failure ??= (err as Error).message;
        return;
      }
      for (const pr of res.responses[0]?.partitionResponses ?? []) {
        if (pr.errorCode !== 0) {
          this.errorCodes.set(pr.errorCode, (this.errorCodes.get(pr.errorCode) ?? 0) + 1);
          continue;
        }
        const base = Number(pr.baseOffset);
        const map = this.acked.get(pr.index)!;
        values[pr.index]!.forEach((v, i) => map.set(base + i, v));
        this.ackedCount += values[pr.index]!.length;
      }
    }
  }
}
