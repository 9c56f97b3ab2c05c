// A bystander: one well-behaved connection that keeps producing (acks=all) and reading back
// what it produced while something else abuses the broker. Every round trip must succeed, with
// the value read at the acknowledged offset; any error, timeout or close is recorded.
import { ApiKey } from '../../../src/protocol/api.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { KafkaConnection } from '../../lib/kafka-connection.js';

export interface BystanderResult {
  roundTrips: number;
  errors: string[];
  /** Slowest round trip (produce + fetch), ms. */
  maxMs: number;
}

const REQUEST_TIMEOUT_MS = 15_000;

function timed<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export class Bystander {
  private stopped = false;
  private readonly done: Promise<BystanderResult>;

  private constructor(conn: KafkaConnection, topic: string, pauseMs: number) {
    this.done = this.loop(conn, topic, pauseMs);
  }

  /** Starts the loop on an existing topic (partition 0). */
  static async start(bootstrap: string, topic: string, pauseMs = 20): Promise<Bystander> {
    return new Bystander(await KafkaConnection.open(bootstrap), topic, pauseMs);
  }

  async stop(): Promise<BystanderResult> {
    this.stopped = true;
    return this.done;
  }

  private async loop(conn: KafkaConnection, topic: string, pauseMs: number): Promise<BystanderResult> {
    const result: BystanderResult = { roundTrips: 0, errors: [], maxMs: 0 };
    try {
      for (let n = 0; !this.stopped; n++) {
        const t0 = performance.now();
        const value = `bystander-${n}`;
        const records = encodeRecordBatch({ records: [{ timestamp: Date.now(), key: null, value: Buffer.from(value) }] });
        const produced = await timed(conn.request(ApiKey.Produce, 9, { acks: -1, timeoutMs: 10_000, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] }), 'produce');
        const p = produced.responses[0]?.partitionResponses[0];
        if (!p || p.errorCode !== 0) throw new Error(`produce error ${p?.errorCode}`);
        const fetched = await timed(
          conn.request(ApiKey.Fetch, 12, {
            replicaId: -1,
            maxWaitMs: 0,
            minBytes: 0,
            maxBytes: 1 << 20,
            topics: [{ topic, partitions: [{ partition: 0, fetchOffset: p.baseOffset, partitionMaxBytes: 1 << 20 }] }],
          }),
          'fetch',
        );
        const f = fetched.responses[0]?.partitions[0];
        if (!f || f.errorCode !== 0) throw new Error(`fetch error ${f?.errorCode}`);
        const record = decodeRecordBatches(f.records ?? Buffer.alloc(0))
          .flatMap((b) => b.records)
          .find((r) => r.offset === Number(p.baseOffset));
        if (record?.value?.toString() !== value) throw new Error(`offset ${p.baseOffset} holds ${record?.value?.toString()}, expected ${value}`);
        if (n % 10 === 0) await timed(conn.request(ApiKey.Metadata, 12, { topics: null }), 'metadata');
        result.roundTrips++;
        result.maxMs = Math.max(result.maxMs, performance.now() - t0);
        if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
      }
    } catch (err) {
      result.errors.push((err as Error).message);
    } finally {
      conn.close();
    }
    return result;
  }
}
