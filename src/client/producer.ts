// A lean producer for the perf tools: records accumulate per partition into BatchBuilders
// (batch.size, linger.ms), ready batches are drained per leader into Produce requests (one batch
// per partition per request, at most max.in.flight.requests.per.connection outstanding), and
// buffer.memory bounds what is queued. Acknowledgements are reported per batch with the records'
// send times, so callers compute latency without a callback object per record.
import { ApiKey } from '../protocol/api.js';
import { CompressionType } from '../protocol/records/compression/compression-type.js';
import { ErrorCode, errorName } from '../protocol/errors.js';
import { BatchBuilder } from './batch-builder.js';
import { Cluster, VERSIONS, type TopicLayout } from './cluster.js';
import { KafkaApiError } from './errors.js';
import type { PipelinedConnection } from './connection.js';

/** Builders kept for reuse at most (each holds batch.size bytes). */
const MAX_SPARE_BATCHES = 32;

export interface ProducerSettings {
  readonly acks: number; // -1, 0, 1
  readonly batchSize: number;
  readonly lingerMs: number;
  readonly compression: CompressionType;
  readonly maxInFlight: number;
  readonly bufferMemory: number;
  readonly requestTimeoutMs: number;
}

export interface AckListener {
  /** `count` records of a batch were acknowledged at `ackTime` (Date.now(), the clock of the send times). */
  onAcked(sendTimes: Float64Array, valueSizes: Int32Array, count: number, ackTime: number): void;
  onFailed(count: number, error: Error): void;
}

/** Counters behind the producer metrics that `--print-metrics` shows. */
export interface ProducerCounters {
  requests: number;
  requestLatencyTotalMs: number;
  requestLatencyMaxMs: number;
  batches: number;
  batchBytesTotal: number;
  batchBytesMax: number;
  records: number;
  recordErrors: number;
}

interface NodeState {
  connection: PipelinedConnection | undefined;
  inFlight: number;
}

export class LeanProducer {
  private readonly open: Array<BatchBuilder | undefined> = [];
  private readonly queued: BatchBuilder[][] = [];
  private readonly nodes = new Map<number, NodeState>();
  private stickyPartition: number;
  private bufferedBytes = 0;
  private spaceWaiters: Array<() => void> = [];
  private idleWaiters: Array<() => void> = [];
  private lingerTimer: NodeJS.Timeout | undefined;
  private drainScheduled = false;
  private outstanding = 0; // batches built or queued and not yet completed
  private fatal: Error | undefined;
  readonly counters: ProducerCounters = {
    requests: 0,
    requestLatencyTotalMs: 0,
    requestLatencyMaxMs: 0,
    batches: 0,
    batchBytesTotal: 0,
    batchBytesMax: 0,
    records: 0,
    recordErrors: 0,
  };

  private constructor(
    private readonly cluster: Cluster,
    private readonly layout: TopicLayout,
    private readonly settings: ProducerSettings,
    private readonly listener: AckListener,
  ) {
    for (let p = 0; p < layout.leaders.length; p++) this.queued.push([]);
    this.stickyPartition = Math.floor(Math.random() * layout.leaders.length);
  }

  static async create(cluster: Cluster, topic: string, settings: ProducerSettings, listener: AckListener): Promise<LeanProducer> {
    const layout = await cluster.topic(topic);
    const producer = new LeanProducer(cluster, layout, settings, listener);
    for (const nodeId of new Set(layout.leaders)) producer.nodes.set(nodeId, { connection: await cluster.connection(nodeId), inFlight: 0 });
    return producer;
  }

  get partitionCount(): number {
    return this.layout.leaders.length;
  }

  /**
   * Appends a record (null key) to a partition (default: the sticky one). Returns a promise only
   * when buffer.memory is exhausted: the caller awaits it before sending more.
   */
  send(value: Buffer, timestamp: number, sendTime: number, explicitPartition?: number): Promise<void> | undefined {
    if (this.fatal !== undefined) throw this.fatal;
    let partition = explicitPartition ?? this.stickyPartition;
    let batch = this.open[partition];
    if (batch !== undefined && !batch.fits(value.length)) {
      // A full batch goes out at once; the tool's send loop yields often enough for responses.
      this.closeBatch(partition);
      this.drain();
      if (explicitPartition === undefined) {
        // BuiltInPartitioner: key-less records move on to another partition once a batch is full.
        this.nextStickyPartition();
        partition = this.stickyPartition;
      }
      batch = this.open[partition];
      if (batch !== undefined && !batch.fits(value.length)) {
        this.closeBatch(partition);
        this.drain();
      }
      batch = this.open[partition];
    }
    if (batch === undefined) {
      const capacity = BatchBuilder.capacityFor(value.length, this.settings.batchSize);
      batch = this.newBatch(partition, capacity);
      this.open[partition] = batch;
      this.outstanding++;
      this.bufferedBytes += capacity;
      if (this.settings.lingerMs > 0) this.armLinger();
      else this.scheduleDrain();
    }
    batch.append(value, timestamp, sendTime);
    if (this.bufferedBytes > this.settings.bufferMemory) return new Promise((resolve) => this.spaceWaiters.push(resolve));
    return undefined;
  }

  /** Sends everything buffered now and resolves when every batch is acknowledged (or failed). */
  async flush(): Promise<void> {
    for (let p = 0; p < this.open.length; p++) if (this.open[p] !== undefined) this.closeBatch(p);
    this.drain();
    if (this.outstanding > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    if (this.fatal !== undefined) throw this.fatal;
  }

  close(): void {
    if (this.lingerTimer !== undefined) clearTimeout(this.lingerTimer);
  }

  /** Acknowledged builders of the standard capacity, kept for reuse (see BatchBuilder.reuse). */
  private readonly spareBatches: BatchBuilder[] = [];

  private newBatch(partition: number, capacity: number): BatchBuilder {
    const spare = capacity === this.settings.batchSize ? this.spareBatches.pop() : undefined;
    if (spare === undefined) return new BatchBuilder(partition, capacity, Math.ceil(capacity / 8));
    spare.reuse(partition);
    return spare;
  }

  private nextStickyPartition(): void {
    const n = this.layout.leaders.length;
    if (n > 1) this.stickyPartition = (this.stickyPartition + 1 + Math.floor(Math.random() * (n - 1))) % n;
  }

  private closeBatch(partition: number): void {
    const batch = this.open[partition]!;
    this.open[partition] = undefined;
    this.queued[partition]!.push(batch);
    this.scheduleDrain();
  }

  private armLinger(delayMs = this.settings.lingerMs): void {
    if (this.lingerTimer !== undefined) return;
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = undefined;
      const now = Date.now();
      let nextDue = Infinity;
      for (let p = 0; p < this.open.length; p++) {
        const batch = this.open[p];
        if (batch === undefined) continue;
        const age = now - batch.createdAt;
        if (age >= this.settings.lingerMs) this.closeBatch(p);
        else nextDue = Math.min(nextDue, this.settings.lingerMs - age);
      }
      this.drain();
      if (nextDue !== Infinity) this.armLinger(nextDue);
    }, delayMs);
  }

  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    setImmediate(() => {
      this.drainScheduled = false;
      // linger.ms=0: whatever accumulated during this turn of the event loop goes now.
      if (this.settings.lingerMs <= 0) for (let p = 0; p < this.open.length; p++) if (this.open[p] !== undefined) this.closeBatch(p);
      this.drain();
    });
  }

  private drain(): void {
    for (const [nodeId, node] of this.nodes) {
      while (node.inFlight < this.settings.maxInFlight) {
        const batches: BatchBuilder[] = [];
        for (let p = 0; p < this.queued.length; p++) {
          if (this.layout.leaders[p] !== nodeId) continue;
          const batch = this.queued[p]!.shift();
          if (batch !== undefined) batches.push(batch);
        }
        if (batches.length === 0) break;
        this.sendRequest(node, batches);
      }
    }
  }

  private sendRequest(node: NodeState, batches: BatchBuilder[]): void {
    const connection = node.connection!;
    const counters = this.counters;
    const partitionData = batches.map((b) => {
      const records = b.build(this.settings.compression);
      counters.batches++;
      counters.batchBytesTotal += records.length;
      if (records.length > counters.batchBytesMax) counters.batchBytesMax = records.length;
      return { index: b.partition, records };
    });
    const body = { acks: this.settings.acks, timeoutMs: this.settings.requestTimeoutMs, topicData: [{ name: this.layout.name, partitionData }] };
    const sentAt = performance.now();
    counters.requests++;
    if (this.settings.acks === 0) {
      connection.sendNoResponse(ApiKey.Produce, VERSIONS.produce, body);
      node.inFlight++;
      void connection.whenWritable().then(() => {
        node.inFlight--;
        const now = Date.now();
        for (const b of batches) this.complete(b, now, undefined);
        this.drain();
      });
      return;
    }
    node.inFlight++;
    connection.send(ApiKey.Produce, VERSIONS.produce, body).then(
      (response) => {
        node.inFlight--;
        const now = Date.now();
        const latency = performance.now() - sentAt;
        counters.requestLatencyTotalMs += latency;
        if (latency > counters.requestLatencyMaxMs) counters.requestLatencyMaxMs = latency;
        const errors = new Map<number, number>();
        for (const t of response.responses) for (const p of t.partitionResponses) errors.set(p.index, p.errorCode);
        for (const b of batches) {
          const code = errors.get(b.partition) ?? ErrorCode.UNKNOWN_SERVER_ERROR;
          this.complete(b, now, code === ErrorCode.NONE ? undefined : new KafkaApiError(code, `Produce to ${this.layout.name}-${b.partition} failed: ${errorName(code)}`));
        }
        this.drain();
      },
      (e: Error) => {
        node.inFlight--;
        this.fatal ??= e;
        for (const b of batches) this.complete(b, 0, e);
      },
    );
  }

  private complete(batch: BatchBuilder, ackTime: number, error: Error | undefined): void {
    if (error === undefined) {
      this.counters.records += batch.count;
      this.listener.onAcked(batch.sendTimes, batch.valueSizes, batch.count, ackTime);
    } else {
      this.counters.recordErrors += batch.count;
      this.listener.onFailed(batch.count, error);
    }
    this.outstanding--;
    this.bufferedBytes -= batch.capacity;
    // Answered, so the request that carried it was written: its buffer is free again. (With
    // acks=0 there is no answer, and the socket may still be sending it: not reused.)
    if (error === undefined && this.settings.acks !== 0 && batch.capacity === this.settings.batchSize && this.spareBatches.length < MAX_SPARE_BATCHES) {
      this.spareBatches.push(batch);
    }
    if (this.bufferedBytes <= this.settings.bufferMemory && this.spaceWaiters.length > 0) {
      const waiters = this.spaceWaiters;
      this.spaceWaiters = [];
      for (const w of waiters) w();
    }
    if (this.outstanding === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }
}
