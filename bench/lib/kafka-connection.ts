// A minimal pipelined Kafka connection over kt's own protocol layer (src/protocol/api.ts), for
// the measuring clients: requests are written as soon as they are made, responses matched by
// correlation id. No retries, no metadata handling: the bench talks to one local broker.
import { connect, type Socket } from 'node:net';
import { ApiKey, decodeResponse, encodeRequest, type RequestInput, type ResponseMap } from '../../src/protocol/api.js';

interface Pending {
  apiKey: ApiKey;
  version: number;
  resolve: (frame: Buffer) => void;
  reject: (err: Error) => void;
}

export class KafkaConnection {
  private nextCorrelationId = 1;
  private readonly pending = new Map<number, Pending>();
  private chunks: Buffer[] = [];
  private buffered = 0;
  private closedError: Error | undefined;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => this.onData(d));
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(new Error('connection closed')));
  }

  static open(bootstrap: string): Promise<KafkaConnection> {
    const i = bootstrap.lastIndexOf(':');
    const host = bootstrap.slice(0, i);
    const port = Number(bootstrap.slice(i + 1));
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port }, () => {
        socket.off('error', reject);
        resolve(new KafkaConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Sends one request; resolves with its decoded response body. */
  async request<K extends ApiKey>(apiKey: K, version: number, body: RequestInput<K>): Promise<ResponseMap[K]> {
    const frame = await this.requestRaw(apiKey, version, body);
    return decodeResponse(apiKey, version, frame).body;
  }

  /** Sends one request; resolves with the raw response frame (size prefix removed). */
  requestRaw<K extends ApiKey>(apiKey: K, version: number, body: RequestInput<K>): Promise<Buffer> {
    if (this.closedError) return Promise.reject(this.closedError);
    const correlationId = this.nextCorrelationId++;
    const parts = encodeRequest(apiKey, version, correlationId, 'kt-bench', body);
    return new Promise((resolve, reject) => {
      this.pending.set(correlationId, { apiKey, version, resolve, reject });
      for (const part of parts) this.socket.write(part);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(d: Buffer): void {
    this.chunks.push(d);
    this.buffered += d.length;
    while (this.buffered >= 4) {
      if (this.chunks[0]!.length < 4) this.chunks = [Buffer.concat(this.chunks)];
      const size = this.chunks[0]!.readInt32BE(0);
      if (this.buffered < 4 + size) return; // concatenate only once the whole frame is here
      const head = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
      const frame = head.subarray(4, 4 + size);
      const rest = head.subarray(4 + size);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
      const correlationId = frame.readInt32BE(0);
      const p = this.pending.get(correlationId);
      if (!p) {
        this.fail(new Error(`unexpected correlation id ${correlationId}`));
        return;
      }
      this.pending.delete(correlationId);
      p.resolve(frame);
    }
  }

  private fail(err: Error): void {
    if (!this.closedError) this.closedError = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}

/** Creates topics in requests of up to 100 topics; throws on any error but TOPIC_ALREADY_EXISTS. */
export async function createTopics(bootstrap: string, names: readonly string[], partitions: number): Promise<void> {
  const conn = await KafkaConnection.open(bootstrap);
  try {
    for (let i = 0; i < names.length; i += 100) {
      const topics = names.slice(i, i + 100).map((name) => ({ name, numPartitions: partitions, replicationFactor: 1 }));
      const res = await conn.request(ApiKey.CreateTopics, 7, { topics, timeoutMs: 60_000 });
      for (const t of res.topics) {
        if (t.errorCode !== 0 && t.errorCode !== 36) throw new Error(`CreateTopics ${t.name}: error ${t.errorCode} ${t.errorMessage ?? ''}`);
      }
    }
  } finally {
    conn.close();
  }
}

/** Sum of the partitions' end offsets (ListOffsets latest): how many records a topic holds. */
export async function endOffsetsSum(bootstrap: string, topic: string, partitions: number): Promise<number> {
  const conn = await KafkaConnection.open(bootstrap);
  try {
    const parts = Array.from({ length: partitions }, (_, partitionIndex) => ({ partitionIndex, timestamp: -1n }));
    const res = await conn.request(ApiKey.ListOffsets, 7, { replicaId: -1, topics: [{ name: topic, partitions: parts }] });
    let sum = 0;
    for (const t of res.topics) {
      for (const p of t.partitions) {
        if (p.errorCode !== 0) throw new Error(`ListOffsets ${topic}-${p.partitionIndex}: error ${p.errorCode}`);
        sum += Number(p.offset);
      }
    }
    return sum;
  } finally {
    conn.close();
  }
}
