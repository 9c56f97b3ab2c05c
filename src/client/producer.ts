// kt's producer for one topic, with the Java producer's semantics: records accumulate per
// partition into BatchBuilders (batch.size, linger.ms; Kafka's built-in partitioner places them),
// ready batches are drained per leader into Produce requests (one batch per partition per
// request, up to max.request.size, at most max.in.flight.requests.per.connection outstanding),
// buffer.memory bounds what is queued. Retriable errors are retried (retries, retry.backoff.ms,
// delivery.timeout.ms); an idempotent producer numbers its batches with the producer id and
// epoch InitProducerId handed out. Outcomes are reported per batch (AckListener: counts and send
// times, for the perf tools) and, for callers that ask, per record (DeliveryCallback). Records
// stay bytes in their batch buffer: no object per record on the hot path. With a transactional.id
// the producer is transactional (TransactionManager): a partition's batches go out only once
// AddPartitionsToTxn has put it in the open transaction, and each Produce names the id.
import { ApiKey } from '../protocol/api.js';
import { CompressionType } from '../protocol/records/compression/compression-type.js';
import { ErrorCode, isRetriable } from '../protocol/errors.js';
import { BatchBuilder, RECORD_BATCH_OVERHEAD, headersSize, recordSizeUpperBound, type DeliveryCallback, type RecordHeader } from './batch-builder.js';
import { Cluster, VERSIONS, type TopicLayout } from './cluster.js';
import { StickyPartitioner, partitionForKey } from './partitioner.js';
import { ProducerRecordError } from './producer-errors.js';
import { initProducerId, waitForTopic, type ProducerIdAndEpoch } from './producer-metadata.js';
import type { PipelinedConnection } from './connection.js';
import { TransactionManager, type GroupMetadata, type OffsetToCommit } from './transaction-manager.js';

export type { DeliveryCallback, RecordHeader } from './batch-builder.js';

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
  /** enable.idempotence (resolved against acks/retries by the config layer). Default false. */
  readonly idempotent?: boolean;
  /** retries. Default 0. */
  readonly retries?: number;
  /** retry.backoff.ms. Default 100. */
  readonly retryBackoffMs?: number;
  /** delivery.timeout.ms. Default 120000. */
  readonly deliveryTimeoutMs?: number;
  /** max.request.size. Default 1048576. */
  readonly maxRequestSize?: number;
  /** max.block.ms: how long to wait for the topic's metadata. Default 60000. */
  readonly maxBlockMs?: number;
  /** transactional.id: makes the producer transactional (and idempotent). Default none. */
  readonly transactionalId?: string | null;
  /** transaction.timeout.ms. Default 60000. */
  readonly transactionTimeoutMs?: number;
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
  retries: number;
}

interface NodeState {
  connection: PipelinedConnection;
  inFlight: number;
}

/** Errors after which the partition's leader may have moved: metadata is refreshed before the retry. */
const METADATA_ERRORS = new Set<number>([ErrorCode.NOT_LEADER_OR_FOLLOWER, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.LEADER_NOT_AVAILABLE]);

export class Producer {
  private readonly open: Array<BatchBuilder | undefined> = [];
  private readonly queued: BatchBuilder[][] = [];
  private readonly nodes = new Map<number, NodeState>();
  private readonly sticky: StickyPartitioner;
  private readonly nextSequence: number[] = [];
  private bufferedBytes = 0;
  private spaceWaiters: Array<() => void> = [];
  private idleWaiters: Array<() => void> = [];
  private lingerTimer: NodeJS.Timeout | undefined;
  private drainScheduled = false;
  private outstanding = 0; // batches built or queued and not yet completed
  private refreshing: Promise<void> | undefined;
  /** A lost connection: the perf tools' send() throws it, records fail with it. */
  private fatal: Error | undefined;
  private readonly retries: number;
  private readonly retryBackoffMs: number;
  private readonly deliveryTimeoutMs: number;
  private readonly maxRequestSize: number;
  readonly counters: ProducerCounters = {
    requests: 0,
    requestLatencyTotalMs: 0,
    requestLatencyMaxMs: 0,
    batches: 0,
    batchBytesTotal: 0,
    batchBytesMax: 0,
    records: 0,
    recordErrors: 0,
    retries: 0,
  };

  private constructor(
    private readonly cluster: Cluster,
    private layout: TopicLayout,
    private readonly settings: ProducerSettings,
    private readonly listener: AckListener | undefined,
    private producerId: ProducerIdAndEpoch | undefined,
    private readonly txn: TransactionManager | undefined,
  ) {
    for (let p = 0; p < layout.leaders.length; p++) {
      this.queued.push([]);
      this.nextSequence.push(0);
    }
    this.sticky = new StickyPartitioner(layout.leaders.length, Math.max(settings.batchSize, 1));
    this.retries = settings.retries ?? 0;
    this.retryBackoffMs = settings.retryBackoffMs ?? 100;
    this.deliveryTimeoutMs = settings.deliveryTimeoutMs ?? 120_000;
    this.maxRequestSize = settings.maxRequestSize ?? 1_048_576;
  }

  /**
   * A producer for `topic`. Throws a ProducerRecordError (Java's text) when the topic's metadata
   * does not come within max.block.ms or InitProducerId fails: the error every send would get.
   */
  static async create(cluster: Cluster, topic: string, settings: ProducerSettings, listener?: AckListener): Promise<Producer> {
    const retryBackoffMs = settings.retryBackoffMs ?? 100;
    const layout = await waitForTopic(cluster, topic, settings.maxBlockMs ?? 60_000, retryBackoffMs);
    const transactionalId = settings.transactionalId ?? null;
    // A transactional producer gets its id from its transaction coordinator, in initTransactions().
    const txn =
      transactionalId === null
        ? undefined
        : new TransactionManager(cluster, { transactionalId, transactionTimeoutMs: settings.transactionTimeoutMs ?? 60_000, retryBackoffMs, maxBlockMs: settings.maxBlockMs ?? 60_000 });
    const producerId = settings.idempotent === true && txn === undefined ? await initProducerId(cluster, retryBackoffMs, settings.maxBlockMs ?? 60_000) : undefined;
    const producer = new Producer(cluster, layout, settings, listener, producerId, txn);
    await producer.connectLeaders();
    return producer;
  }

  /** KafkaProducer.initTransactions: the producer id and epoch of the transactional id (fencing older producers). */
  async initTransactions(): Promise<void> {
    this.producerId = await this.requireTransactions().initTransactions();
  }

  /** KafkaProducer.beginTransaction. */
  beginTransaction(): void {
    this.requireTransactions().beginTransaction();
  }

  /** KafkaProducer.sendOffsetsToTransaction: the group's offsets commit (or abort) with the transaction. */
  async sendOffsetsToTransaction(offsets: readonly OffsetToCommit[], group: GroupMetadata): Promise<void> {
    await this.requireTransactions().sendOffsetsToTransaction(offsets, group);
  }

  /** KafkaProducer.commitTransaction: flushes, then commits; a send that failed makes it throw (abort then). */
  async commitTransaction(): Promise<void> {
    const txn = this.requireTransactions();
    await this.flushQuietly();
    await txn.endTransaction(true);
  }

  /** KafkaProducer.abortTransaction: batches not yet sent fail (TransactionAbortedException), the rest are awaited, then the abort. */
  async abortTransaction(): Promise<void> {
    const txn = this.requireTransactions();
    const aborted = new ProducerRecordError('org.apache.kafka.common.errors.TransactionAbortedException', 'Failing batch since transaction was aborted');
    for (let p = 0; p < this.open.length; p++) {
      const batch = this.open[p];
      if (batch === undefined) continue;
      this.open[p] = undefined;
      this.complete(batch, aborted, -1, -1);
    }
    for (const queue of this.queued) for (const b of queue.splice(0).reverse()) {
      if (b.built === undefined) this.complete(b, aborted, -1, -1);
      else queue.unshift(b);
    }
    await this.flushQuietly();
    await txn.endTransaction(false);
    // An abort after failed sends bumps the epoch: sequence numbers start again at 0.
    const bumped = txn.producerId;
    if (bumped !== undefined && (bumped.producerId !== this.producerId?.producerId || bumped.epoch !== this.producerId?.epoch)) {
      this.producerId = bumped;
      this.nextSequence.fill(0);
    }
  }

  /** The transaction manager's state (UNINITIALIZED when not transactional). */
  get transactionState(): string {
    return this.txn?.state ?? 'UNINITIALIZED';
  }

  private requireTransactions(): TransactionManager {
    if (this.txn === undefined) throw new ProducerRecordError('java.lang.IllegalStateException', 'Transactional method invoked on a non-transactional producer.');
    return this.txn;
  }

  /** flush() without the perf tools' rethrow of a lost connection: the transaction's outcome says it. */
  private async flushQuietly(): Promise<void> {
    for (let p = 0; p < this.open.length; p++) if (this.open[p] !== undefined) this.closeBatch(p);
    this.drain();
    if (this.outstanding > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  get partitionCount(): number {
    return this.layout.leaders.length;
  }

  get topic(): string {
    return this.layout.name;
  }

  /**
   * Appends a key-less, header-less record (the perf tools' path) to a partition (default: the
   * sticky one). Returns a promise only when buffer.memory is exhausted: the caller awaits it
   * before sending more.
   */
  send(value: Buffer, timestamp: number, sendTime: number, explicitPartition?: number): Promise<void> | undefined {
    if (this.fatal !== undefined) throw this.fatal;
    this.txn?.checkSendAllowed();
    const size = recordSizeUpperBound(-1, value.length, 1);
    const partition = explicitPartition ?? this.sticky.partition();
    this.batchFor(partition, size).appendSlice(value, 0, value.length, timestamp, sendTime);
    if (explicitPartition === undefined) this.sticky.appended(size);
    return this.backPressure();
  }

  /**
   * Appends a key-less, header-less record whose value is `source[start, end)` to the sticky
   * partition: sendRecord(null, value, undefined, timestamp) without a slice object, for the
   * console producer's plain lines.
   */
  sendValueSlice(source: Buffer, start: number, end: number, timestamp: number): Promise<void> | undefined {
    const length = end - start;
    const size = recordSizeUpperBound(-1, length, 1);
    if (this.fatal !== undefined || this.txn !== undefined || RECORD_BATCH_OVERHEAD + size > this.maxRequestSize || RECORD_BATCH_OVERHEAD + size > this.settings.bufferMemory) {
      return this.sendRecord(null, source.subarray(start, end), undefined, timestamp);
    }
    const partition = this.sticky.partition();
    this.batchFor(partition, size).appendSlice(source, start, end, timestamp, timestamp);
    this.sticky.appended(size);
    return this.backPressure();
  }

  /**
   * Appends a record as KafkaProducer.send does: keyed records go where murmur2 puts them,
   * key-less ones to the sticky partition, unless `partition` is given. `callback` (optional)
   * hears the record's outcome; a record too large fails at once, through it. Returns a
   * promise only when buffer.memory is exhausted.
   */
  sendRecord(
    key: Buffer | null,
    value: Buffer | null,
    headers: readonly RecordHeader[] | undefined,
    timestamp: number,
    partition?: number,
    callback?: DeliveryCallback,
  ): Promise<void> | undefined {
    const sizes = [key === null ? -1 : key.length, value === null ? -1 : value.length] as const;
    this.txn?.checkSendAllowed();
    if (this.fatal !== undefined) return this.failAtOnce(ProducerRecordError.network(this.fatal.message), partition ?? -1, callback, sizes);
    const size = recordSizeUpperBound(key === null ? -1 : key.length, value === null ? -1 : value.length, headersSize(headers));
    const serialized = RECORD_BATCH_OVERHEAD + size;
    if (serialized > this.maxRequestSize) return this.failAtOnce(ProducerRecordError.tooLargeForRequest(serialized, this.maxRequestSize), partition ?? -1, callback, sizes);
    if (serialized > this.settings.bufferMemory) return this.failAtOnce(ProducerRecordError.tooLargeForBuffer(serialized), partition ?? -1, callback, sizes);
    const keyless = key === null && partition === undefined;
    const p = partition ?? (key !== null ? partitionForKey(key, this.layout.leaders.length) : this.sticky.partition());
    const batch = this.batchFor(p, size);
    const index = batch.appendRecord(key, value, headers, timestamp, Date.now());
    if (callback !== undefined) (batch.callbacks ??= [])[index] = callback;
    if (keyless) this.sticky.appended(size);
    return this.backPressure();
  }

  /** Sends everything buffered now and resolves when every batch is acknowledged (or failed). */
  async flush(): Promise<void> {
    for (let p = 0; p < this.open.length; p++) if (this.open[p] !== undefined) this.closeBatch(p);
    this.drain();
    if (this.outstanding > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    if (this.fatal !== undefined && this.listener !== undefined) throw this.fatal;
  }

  close(): void {
    if (this.lingerTimer !== undefined) clearTimeout(this.lingerTimer);
  }

  /** A record that never reached a batch: KafkaProducer.send hands its callback the error at once. */
  private failAtOnce(error: Error, partition: number, callback: DeliveryCallback | undefined, sizes: readonly [number, number]): undefined {
    this.counters.recordErrors++;
    callback?.(error, partition, -1, -1);
    this.listener?.onFailed(1, error);
    for (const l of this.failedBatchListeners) l(Int32Array.of(sizes[0]), Int32Array.of(sizes[1]), 1, error);
    return undefined;
  }

  private backPressure(): Promise<void> | undefined {
    if (this.bufferedBytes > this.settings.bufferMemory) return new Promise((resolve) => this.spaceWaiters.push(resolve));
    return undefined;
  }

  /** The open batch of `partition` with room for a record of `size` bytes (a full one goes out first). */
  private batchFor(partition: number, size: number): BatchBuilder {
    let batch = this.open[partition];
    if (batch !== undefined && !batch.hasRoomFor(size)) {
      // A full batch goes out at once; the tool's send loop yields often enough for responses.
      this.closeBatch(partition);
      this.drain();
      batch = undefined;
    }
    if (batch === undefined) {
      const capacity = BatchBuilder.capacityForRecord(size, this.settings.batchSize);
      batch = this.newBatch(partition, capacity);
      this.open[partition] = batch;
      this.outstanding++;
      this.bufferedBytes += capacity;
      if (this.settings.lingerMs > 0) this.armLinger();
      else this.scheduleDrain();
    }
    return batch;
  }

  /** Acknowledged builders of the standard capacity, kept for reuse (see BatchBuilder.reuse). */
  private readonly spareBatches: BatchBuilder[] = [];

  private newBatch(partition: number, capacity: number): BatchBuilder {
    const spare = capacity === this.settings.batchSize ? this.spareBatches.pop() : undefined;
    if (spare === undefined) return new BatchBuilder(partition, capacity, Math.ceil(capacity / 8), this.listener !== undefined);
    spare.reuse(partition);
    return spare;
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
    if (this.refreshing !== undefined) return;
    for (const [nodeId, node] of this.nodes) {
      while (node.inFlight < this.settings.maxInFlight) {
        const batches: BatchBuilder[] = [];
        let requestBytes = 0;
        for (let p = 0; p < this.queued.length; p++) {
          if (this.layout.leaders[p] !== nodeId) continue;
          const queue = this.queued[p]!;
          const batch = queue[0];
          if (batch === undefined) continue;
          if (this.txn !== undefined && !this.txnReady(p)) continue;
          // One batch per partition per request, up to max.request.size (the first always goes).
          if (batches.length > 0 && requestBytes + batch.sizeInBytes > this.maxRequestSize) continue;
          queue.shift();
          batches.push(batch);
          requestBytes += batch.sizeInBytes;
        }
        if (batches.length === 0) break;
        this.sendRequest(node, batches);
      }
    }
  }

  /**
   * Whether partition p's batches may go out in the open transaction: once AddPartitionsToTxn
   * put it there. Until then its batches wait (the add is asked for here); when the transaction
   * has failed they fail with its error, as Java's sender fails them.
   */
  /** One callback for every AddPartitionsToTxn wait (the manager calls each distinct one once). */
  private readonly drainAfterAdd = (): void => this.drain();

  private txnReady(p: number): boolean {
    const txn = this.txn!;
    const failure = txn.failure;
    if (failure !== undefined) {
      const queue = this.queued[p]!;
      while (queue.length > 0 && queue[0]!.built === undefined) this.complete(queue.shift()!, failure, -1, -1);
      return false;
    }
    if (txn.isPartitionAdded(this.layout.name, p)) return true;
    txn.addPartition(this.layout.name, p, this.drainAfterAdd);
    return false;
  }

  private sendRequest(node: NodeState, batches: BatchBuilder[]): void {
    const connection = node.connection;
    const counters = this.counters;
    const partitionData = batches.map((b) => {
      b.attempts++;
      if (b.built === undefined) {
        if (this.producerId !== undefined) {
          b.baseSequence = this.nextSequence[b.partition]!;
          this.nextSequence[b.partition] = (b.baseSequence + b.count) % 2_147_483_648;
        }
        b.built = b.build(this.settings.compression, this.producerId?.producerId ?? -1, this.producerId?.epoch ?? -1, b.baseSequence, this.txn !== undefined);
        counters.batches++;
        counters.batchBytesTotal += b.built.length;
        if (b.built.length > counters.batchBytesMax) counters.batchBytesMax = b.built.length;
      } else {
        counters.retries++;
      }
      return { index: b.partition, records: b.built };
    });
    const body = { transactionalId: this.txn?.transactionalId ?? null, acks: this.settings.acks, timeoutMs: this.settings.requestTimeoutMs, topicData: [{ name: this.layout.name, partitionData }] };
    const sentAt = performance.now();
    counters.requests++;
    node.inFlight++;
    if (this.settings.acks === 0) {
      try {
        connection.sendNoResponse(ApiKey.Produce, VERSIONS.produce, body);
      } catch (e) {
        node.inFlight--;
        this.connectionFailed(batches, e as Error);
        return;
      }
      void connection.whenWritable().then(() => {
        node.inFlight--;
        for (const b of batches) this.complete(b, undefined, -1, -1);
        this.drain();
      });
      return;
    }
    connection.send(ApiKey.Produce, VERSIONS.produce, body).then(
      (response) => {
        node.inFlight--;
        const latency = performance.now() - sentAt;
        counters.requestLatencyTotalMs += latency;
        if (latency > counters.requestLatencyMaxMs) counters.requestLatencyMaxMs = latency;
        const answers = new Map<number, (typeof response.responses)[number]['partitionResponses'][number]>();
        for (const t of response.responses) for (const p of t.partitionResponses) answers.set(p.index, p);
        for (const b of batches) {
          const answer = answers.get(b.partition);
          const code = answer?.errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR;
          if (code === ErrorCode.NONE || code === ErrorCode.DUPLICATE_SEQUENCE_NUMBER) {
            this.complete(b, undefined, Number(answer!.baseOffset), Number(answer!.logAppendTimeMs));
          } else if (this.canRetry(b, code)) {
            this.retryLater(b, METADATA_ERRORS.has(code));
          } else {
            const error = ProducerRecordError.fromCode(code, answer?.errorMessage);
            // A failed send dooms the open transaction (abortable); a fenced producer is done for.
            this.txn?.fail(error, code === ErrorCode.PRODUCER_FENCED || code === ErrorCode.INVALID_PRODUCER_EPOCH || code === ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, true);
            this.complete(b, error, -1, -1);
          }
        }
        this.drain();
      },
      (e: Error) => {
        node.inFlight--;
        this.connectionFailed(batches, e);
      },
    );
  }

  private connectionFailed(batches: BatchBuilder[], e: Error): void {
    this.fatal ??= e;
    const error = ProducerRecordError.network(e.message);
    this.txn?.fail(error, false, true);
    for (const b of batches) this.complete(b, error, -1, -1);
    // Nothing more can be sent on this connection: fail what waits for it too.
    for (let p = 0; p < this.queued.length; p++) for (const b of this.queued[p]!.splice(0)) this.complete(b, error, -1, -1);
  }

  private canRetry(batch: BatchBuilder, code: number): boolean {
    const retriable = isRetriable(code) || (this.producerId !== undefined && code === ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    return retriable && batch.attempts <= this.retries && Date.now() + this.retryBackoffMs - batch.createdAt < this.deliveryTimeoutMs;
  }

  /** Re-queues a batch after retry.backoff.ms, ahead of newer batches (in sequence order). */
  private retryLater(batch: BatchBuilder, refreshMetadata: boolean): void {
    setTimeout(() => {
      void (async () => {
        if (refreshMetadata) await this.refreshMetadata();
        const queue = this.queued[batch.partition]!;
        let at = 0;
        while (at < queue.length && queue[at]!.built !== undefined && queue[at]!.baseSequence < batch.baseSequence) at++;
        queue.splice(at, 0, batch);
        this.drain();
      })();
    }, this.retryBackoffMs);
  }

  private async refreshMetadata(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        this.layout = await waitForTopic(this.cluster, this.layout.name, this.settings.maxBlockMs ?? 60_000, this.retryBackoffMs);
        await this.connectLeaders();
      } catch {
        // Keep the old layout: the retry fails again and runs out of retries or time.
      } finally {
        this.refreshing = undefined;
      }
    })();
    await this.refreshing;
  }

  private async connectLeaders(): Promise<void> {
    for (const nodeId of new Set(this.layout.leaders)) {
      if (!this.nodes.has(nodeId)) this.nodes.set(nodeId, { connection: await this.cluster.connection(nodeId), inFlight: 0 });
    }
  }

  private complete(batch: BatchBuilder, error: Error | undefined, baseOffset: number, logAppendTime: number): void {
    const callbacks = batch.callbacks;
    if (callbacks !== undefined) {
      batch.readRecords((i, _keySize, _valueSize, recordTimestamp) => {
        const callback = callbacks[i];
        if (callback === undefined) return;
        const timestamp = logAppendTime >= 0 ? logAppendTime : recordTimestamp;
        callback(error, batch.partition, error === undefined && baseOffset >= 0 ? baseOffset + i : -1, timestamp);
      });
    }
    if (error === undefined) {
      this.counters.records += batch.count;
      this.listener?.onAcked(batch.sendTimes, batch.valueSizes, batch.count, Date.now());
    } else {
      this.counters.recordErrors += batch.count;
      this.listener?.onFailed(batch.count, error);
    }
    this.afterComplete(batch, error);
  }

  /** The failed batch's records, for callers that log each one (key and value sizes, -1 for null). */
  private failedBatchListeners: Array<(keySizes: Int32Array, valueSizes: Int32Array, count: number, error: Error) => void> = [];

  /** Hears every failed batch: the console producer logs one line per record from it. */
  onBatchFailed(listener: (keySizes: Int32Array, valueSizes: Int32Array, count: number, error: Error) => void): void {
    this.failedBatchListeners.push(listener);
  }

  private afterComplete(batch: BatchBuilder, error: Error | undefined): void {
    if (error !== undefined && this.failedBatchListeners.length > 0) {
      const keySizes = new Int32Array(batch.count);
      const valueSizes = new Int32Array(batch.count);
      batch.readRecords((i, keySize, valueSize) => {
        keySizes[i] = keySize;
        valueSizes[i] = valueSize;
      });
      for (const l of this.failedBatchListeners) l(keySizes, valueSizes, batch.count, error);
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

/** The name the perf tools know it by. */
export { Producer as LeanProducer };
