// Kafka's TransactionCoordinator for a single node: transactional ids, their producer ids and
// epochs, the partitions of each ongoing transaction, __transaction_state, the end-transaction
// markers and the timers that abort timed-out transactions and expire idle ids.
//
// Every step is synchronous here: a state change is written to __transaction_state (a local
// append) before it replaces the cached metadata, and the markers of a commit or abort are written
// (writeTxnMarker, local appends) right after PrepareCommit/PrepareAbort, followed by
// CompleteCommit/CompleteAbort. A request sees a transaction in PrepareCommit/PrepareAbort (and
// gets CONCURRENT_TRANSACTIONS) only while a partition cannot take its marker and it is retried.
import { ErrorCode } from '../../protocol/errors.js';
import type { Broker } from '../broker.js';
import { LEADER_EPOCH } from '../apis/single-node.js';
import { javaHashMapOrder } from '../java-hash-order.js';
import { writeTxnMarker, type TxnResult } from './markers.js';
import { appendTransactionRecord, loadTransactionLog, transactionPartitionFor, TRANSACTION_STATE_TOPIC, type TransactionStateTopic } from './transaction-log.js';
import {
  isEpochExhausted,
  MAX_PRODUCER_EPOCH,
  NO_PRODUCER_EPOCH,
  NO_PRODUCER_ID,
  partitionsByTopic,
  tpKey,
  transition,
  txnStateOfName,
  type TopicPartitionRef,
  type TxnMetadata,
  type TxnState,
} from './transaction-state.js';

export interface TransactionCoordinatorConfig {
  /** transaction.max.timeout.ms */
  readonly maxTimeoutMs: number;
  /** transactional.id.expiration.ms */
  readonly idExpirationMs: number;
  /** transaction.abort.timed.out.transaction.cleanup.interval.ms */
  readonly abortTimedOutIntervalMs: number;
  /** transaction.remove.expired.transaction.cleanup.interval.ms */
  readonly removeExpiredIntervalMs: number;
}

export interface InitProducerIdResult {
  readonly errorCode: number;
  readonly producerId: number;
  readonly producerEpoch: number;
}

export interface DescribedTransaction {
  readonly errorCode: number;
  readonly transactionalId: string;
  readonly transactionState: string;
  readonly transactionTimeoutMs: number;
  readonly transactionStartTimeMs: number;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly topics: { topic: string; partitions: number[] }[];
}

export interface ListedTransactions {
  readonly errorCode: number;
  readonly unknownStateFilters: string[];
  readonly transactionStates: { transactionalId: string; producerId: number; transactionState: string }[];
}

type Status = 'loading' | 'active' | 'closed';

/** How soon a marker that a partition could not take is tried again (Kafka's marker send backoff). */
const MARKER_RETRY_MS = 100;

/** Either an error code to answer with, or the next metadata to write. */
type Transit = { error: number } | { next: TxnMetadata };

export class TransactionCoordinator {
  private readonly txns = new Map<string, TxnMetadata>();
  /** Ids whose epoch-fence write failed: the next fence reuses the bumped epoch (Kafka's hasFailedEpochFence). */
  private readonly failedFence = new Set<string>();
  private status: Status = 'loading';
  private timers: NodeJS.Timeout[] = [];
  /** Overridable clock for tests. */
  now: () => number = () => Date.now();

  constructor(private readonly broker: Broker) {}

  get config(): TransactionCoordinatorConfig {
    const c = this.broker.config;
    return {
      maxTimeoutMs: c.int('transaction.max.timeout.ms'),
      idExpirationMs: c.int('transactional.id.expiration.ms'),
      abortTimedOutIntervalMs: c.int('transaction.abort.timed.out.transaction.cleanup.interval.ms'),
      removeExpiredIntervalMs: c.int('transaction.remove.expired.transaction.cleanup.interval.ms'),
    };
  }

  /** The topic's partition count once it exists (as Kafka reads it from the metadata), else the config. */
  private get partitionCount(): number {
    return this.broker.topics.get(TRANSACTION_STATE_TOPIC)?.partitions ?? this.broker.config.int('transaction.state.log.num.partitions');
  }

  /** __transaction_state as the log module sees it; created on the first write, as Kafka does on first use. */
  private get topic(): TransactionStateTopic {
    return {
      partitionCount: this.partitionCount,
      log: (partition) => this.stateLog(partition),
      existingLog: (partition) => this.broker.logs.get(TRANSACTION_STATE_TOPIC, partition),
    };
  }

  private stateLog(partition: number) {
    const broker = this.broker;
    if (!broker.topics.has(TRANSACTION_STATE_TOPIC)) {
      broker.createTopic(TRANSACTION_STATE_TOPIC, this.partitionCount, {
        'cleanup.policy': 'compact',
        'compression.type': 'uncompressed',
        'unclean.leader.election.enable': 'false',
        'min.insync.replicas': String(broker.config.int('transaction.state.log.min.isr')),
        'segment.bytes': String(broker.config.int('transaction.state.log.segment.bytes')),
      });
    }
    return broker.logs.get(TRANSACTION_STATE_TOPIC, partition)!;
  }

  /** The __transaction_state partition of an id (FindCoordinator answers with its leader: us). */
  partitionFor(transactionalId: string): number {
    return transactionPartitionFor(transactionalId, this.partitionCount);
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Replays __transaction_state, then finishes what a crash interrupted: a transaction caught in
   * PrepareCommit/PrepareAbort gets its markers and its Complete record (Kafka resends them on
   * load). Ongoing transactions are left to time out. Starts the timers.
   */
  load(): void {
    const loaded = loadTransactionLog(this.topic, (m) => this.broker.logger.warn(m));
    for (const [id, m] of loaded) this.txns.set(id, m);
    this.status = 'active';
    for (const m of [...this.txns.values()]) {
      if (m.state === 'PrepareCommit' || m.state === 'PrepareAbort') this.writeMarkersAndComplete(m);
    }
    if (loaded.size > 0) this.broker.logger.info(`Loaded ${loaded.size} transactional ids from ${TRANSACTION_STATE_TOPIC}`);
    const { abortTimedOutIntervalMs, removeExpiredIntervalMs } = this.config;
    this.timers.push(setInterval(() => this.runTask('abort timed out transactions', () => this.abortTimedOutTransactions()), abortTimedOutIntervalMs).unref());
    this.timers.push(setInterval(() => this.runTask('remove expired transactional ids', () => this.removeExpiredTransactionalIds()), removeExpiredIntervalMs).unref());
  }

  /** A timer's task: an unexpected error is logged, never thrown out of the timer (it would stop the broker). */
  private runTask(name: string, task: () => void): void {
    try {
      task();
    } catch (err) {
      this.broker.logger.error(`Uncaught error in scheduled task '${name}': ${(err as Error).message}`);
    }
  }

  close(): void {
    this.status = 'closed';
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    if (this.markerRetryTimer !== null) clearTimeout(this.markerRetryTimer);
    this.markerRetryTimer = null;
  }

  private statusError(): number {
    if (this.status === 'loading') return ErrorCode.COORDINATOR_LOAD_IN_PROGRESS;
    if (this.status === 'closed') return ErrorCode.NOT_COORDINATOR;
    return ErrorCode.NONE;
  }

  /** The metadata of an id, for tests and tools. */
  metadata(transactionalId: string): TxnMetadata | undefined {
    return this.txns.get(transactionalId);
  }

  // ---------------------------------------------------------------- InitProducerId

  /**
   * InitProducerId for a transactional id (Kafka's handleInitProducerId): a new id gets a new
   * producer id at epoch 0; a known one an epoch bump (a new producer id once the epoch is
   * exhausted). An ongoing transaction is aborted first under a bumped epoch, fencing its
   * producer, and the caller gets CONCURRENT_TRANSACTIONS to retry, as in Kafka.
   * `expected` is the request's producer id and epoch (KIP-360), null when both are -1.
   */
  initProducerId(transactionalId: string, transactionTimeoutMs: number, expected: { producerId: number; producerEpoch: number } | null): InitProducerIdResult {
    const fail = (errorCode: number): InitProducerIdResult => ({ errorCode, producerId: NO_PRODUCER_ID, producerEpoch: NO_PRODUCER_EPOCH });
    if (transactionalId === '') return fail(ErrorCode.INVALID_REQUEST);
    if (transactionTimeoutMs > this.config.maxTimeoutMs || transactionTimeoutMs <= 0) return fail(ErrorCode.INVALID_TRANSACTION_TIMEOUT);
    const statusError = this.statusError();
    if (statusError !== ErrorCode.NONE) return fail(statusError);

    let m = this.txns.get(transactionalId);
    if (!m) {
      m = {
        transactionalId,
        producerId: this.broker.topics.allocateProducerId(),
        previousProducerId: NO_PRODUCER_ID,
        nextProducerId: NO_PRODUCER_ID,
        producerEpoch: NO_PRODUCER_EPOCH,
        lastProducerEpoch: NO_PRODUCER_EPOCH,
        txnTimeoutMs: transactionTimeoutMs,
        state: 'Empty',
        partitions: new Map(),
        txnStartTimestamp: -1,
        txnLastUpdateTimestamp: this.now(),
      };
      this.txns.set(transactionalId, m);
    }

    const current = m;
    const validProducerId = (e: { producerId: number; producerEpoch: number }) =>
      current.producerEpoch === NO_PRODUCER_EPOCH ||
      e.producerId === current.producerId ||
      (e.producerId === current.previousProducerId && isEpochExhausted(e.producerEpoch));
    if (expected !== null && !validProducerId(expected)) return fail(ErrorCode.PRODUCER_FENCED);

    switch (m.state) {
      case 'PrepareAbort':
      case 'PrepareCommit':
        return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
      case 'Ongoing': {
        // Fence the current producer: abort its transaction under a bumped epoch. The client
        // retries and gets a second bump (or a new producer id if the first one exhausted it).
        const error = this.abortWithEpochFence(m);
        return fail(error === ErrorCode.NONE ? ErrorCode.CONCURRENT_TRANSACTIONS : error);
      }
      case 'Empty':
      case 'CompleteAbort':
      case 'CompleteCommit': {
        const transit =
          isEpochExhausted(m.producerEpoch) && (expected === null || expected.producerEpoch === m.producerEpoch)
            ? this.rotateProducerId(m, transactionTimeoutMs, expected !== null)
            : incrementEpoch(m, transactionTimeoutMs, expected?.producerEpoch ?? null, this.now());
        if ('error' in transit) return fail(transit.error);
        const error = this.write(transit.next);
        if (error !== ErrorCode.NONE) {
          this.broker.logger.info(`Returning ${errorNameOf(error)} error code to client for ${transactionalId}'s InitProducerId request`);
          return fail(error);
        }
        const { producerId, producerEpoch } = transit.next;
        this.broker.logger.info(
          `Initialized transactionalId ${transactionalId} with producerId ${producerId} and producer epoch ${producerEpoch} on partition ${TRANSACTION_STATE_TOPIC}-${this.partitionFor(transactionalId)}`,
        );
        return { errorCode: ErrorCode.NONE, producerId, producerEpoch };
      }
      default:
        throw new Error(`Found transactionalId ${transactionalId} with state ${m.state}. This is illegal as we should never have transitioned to this state.`);
    }
  }

  /** Kafka's prepareProducerIdRotation: a new producer id at epoch 0. */
  private rotateProducerId(m: TxnMetadata, txnTimeoutMs: number, recordLastEpoch: boolean): Transit {
    return {
      next: transition(m, {
        state: 'Empty',
        producerId: this.broker.topics.allocateProducerId(),
        previousProducerId: m.producerId,
        producerEpoch: 0,
        lastProducerEpoch: recordLastEpoch ? m.producerEpoch : NO_PRODUCER_EPOCH,
        txnTimeoutMs,
        partitions: new Map(),
        txnStartTimestamp: -1,
        txnLastUpdateTimestamp: this.now(),
      }),
    };
  }

  // ---------------------------------------------------------------- AddPartitionsToTxn / AddOffsetsToTxn

  /** Adds partitions (already checked to exist) to the id's transaction; one error code for all. */
  addPartitions(transactionalId: string, producerId: number, producerEpoch: number, partitions: readonly TopicPartitionRef[]): number {
    if (transactionalId === '') return ErrorCode.INVALID_REQUEST;
    const statusError = this.statusError();
    if (statusError !== ErrorCode.NONE) return statusError;
    const m = this.txns.get(transactionalId);
    if (!m || m.producerId !== producerId) return ErrorCode.INVALID_PRODUCER_ID_MAPPING;
    if (m.producerEpoch !== producerEpoch) return ErrorCode.PRODUCER_FENCED;
    if (m.state === 'PrepareCommit' || m.state === 'PrepareAbort') return ErrorCode.CONCURRENT_TRANSACTIONS;
    if (m.state === 'Ongoing' && partitions.every((p) => m.partitions.has(tpKey(p.topic, p.partition)))) return ErrorCode.NONE;
    const now = this.now();
    const added = new Map(m.partitions);
    for (const p of partitions) added.set(tpKey(p.topic, p.partition), { topic: p.topic, partition: p.partition });
    const startsNow = m.state === 'Empty' || m.state === 'CompleteAbort' || m.state === 'CompleteCommit';
    const next = transition(m, { state: 'Ongoing', partitions: added, txnStartTimestamp: startsNow ? now : m.txnStartTimestamp, txnLastUpdateTimestamp: now });
    return this.write(next);
  }

  /**
   * AddPartitionsToTxn v4+ verifyOnly (Kafka's handleVerifyPartitionsInTransaction): per partition
   * NONE if the transaction has it, TRANSACTION_ABORTABLE if not; or one error for all.
   */
  verifyPartitions(transactionalId: string, producerId: number, producerEpoch: number, partitions: readonly TopicPartitionRef[]): { error: number } | { perPartition: number[] } {
    if (transactionalId === '') return { error: ErrorCode.INVALID_REQUEST };
    const statusError = this.statusError();
    if (statusError !== ErrorCode.NONE) return { error: statusError };
    const m = this.txns.get(transactionalId);
    if (!m || m.producerId !== producerId) return { error: ErrorCode.INVALID_PRODUCER_ID_MAPPING };
    if (m.producerEpoch !== producerEpoch) return { error: ErrorCode.PRODUCER_FENCED };
    if (m.state === 'PrepareCommit' || m.state === 'PrepareAbort') return { error: ErrorCode.CONCURRENT_TRANSACTIONS };
    return { perPartition: partitions.map((p) => (m.partitions.has(tpKey(p.topic, p.partition)) ? ErrorCode.NONE : ErrorCode.TRANSACTION_ABORTABLE)) };
  }

  /**
   * Whether a transactional produce to topic-partition may be appended: the transactional id's
   * ongoing transaction (this producer id and epoch) has added the partition. Kafka's error
   * code otherwise, as the produce path answers it (KIP-890 part 1,
   * transaction.partition.verification.enable): a fenced epoch is INVALID_PRODUCER_EPOCH, a
   * partition not in the transaction INVALID_TXN_STATE.
   */
  verifyPartition(transactionalId: string, producerId: number, producerEpoch: number, topic: string, partition: number): number {
    if (!this.broker.config.bool('transaction.partition.verification.enable')) return ErrorCode.NONE;
    const result = this.verifyPartitions(transactionalId, producerId, producerEpoch, [{ topic, partition }]);
    const code = 'error' in result ? result.error : result.perPartition[0]!;
    if (code === ErrorCode.PRODUCER_FENCED) return ErrorCode.INVALID_PRODUCER_EPOCH;
    if (code === ErrorCode.TRANSACTION_ABORTABLE) return ErrorCode.INVALID_TXN_STATE;
    return code;
  }

  // ---------------------------------------------------------------- EndTxn

  /** EndTxn (transactions v1 semantics, Kafka's endTransaction from a client). */
  endTxn(transactionalId: string, producerId: number, producerEpoch: number, committed: boolean): InitProducerIdResult {
    return this.endTransaction(transactionalId, producerId, producerEpoch, committed ? 'COMMIT' : 'ABORT', true);
  }

  private endTransaction(transactionalId: string, producerId: number, producerEpoch: number, result: TxnResult, fromClient: boolean): InitProducerIdResult {
    const fail = (errorCode: number): InitProducerIdResult => ({ errorCode, producerId: NO_PRODUCER_ID, producerEpoch: NO_PRODUCER_EPOCH });
    if (transactionalId === '') return fail(ErrorCode.INVALID_REQUEST);
    const statusError = this.statusError();
    if (statusError !== ErrorCode.NONE) return fail(statusError);
    const m = this.txns.get(transactionalId);
    if (!m || m.producerId !== producerId) return fail(ErrorCode.INVALID_PRODUCER_ID_MAPPING);
    // Strict equality for clients: they never bump the epoch without the coordinator.
    if ((fromClient && producerEpoch !== m.producerEpoch) || producerEpoch < m.producerEpoch) return fail(ErrorCode.PRODUCER_FENCED);
    const invalidTransition = () => {
      this.broker.logger.debug(`TransactionalId: ${transactionalId}'s state is ${m.state}, but received transaction marker result to send: ${result}`);
      return fail(ErrorCode.INVALID_TXN_STATE);
    };
    switch (m.state) {
      case 'Ongoing': {
        const prepared = transition(m, { state: result === 'COMMIT' ? 'PrepareCommit' : 'PrepareAbort', txnLastUpdateTimestamp: this.now() });
        const error = this.write(prepared);
        if (error !== ErrorCode.NONE) return fail(error);
        this.writeMarkersAndComplete(prepared);
        return { errorCode: ErrorCode.NONE, producerId: prepared.producerId, producerEpoch: prepared.producerEpoch };
      }
      case 'CompleteCommit':
        return result === 'COMMIT' ? { errorCode: ErrorCode.NONE, producerId: m.producerId, producerEpoch: m.producerEpoch } : invalidTransition();
      case 'CompleteAbort':
        return result === 'ABORT' ? { errorCode: ErrorCode.NONE, producerId: m.producerId, producerEpoch: m.producerEpoch } : invalidTransition();
      case 'PrepareCommit':
        return result === 'COMMIT' ? fail(ErrorCode.CONCURRENT_TRANSACTIONS) : invalidTransition();
      case 'PrepareAbort':
        return result === 'ABORT' ? fail(ErrorCode.CONCURRENT_TRANSACTIONS) : invalidTransition();
      case 'Empty':
        return invalidTransition();
      default:
        throw new Error(`Found transactionalId ${transactionalId} with state ${m.state}. This is illegal as we should never have transitioned to this state.`);
    }
  }

  /**
   * Kafka's prepareFenceProducerEpoch followed by an abort that is not from the client: the
   * transaction is aborted under epoch + 1, so the producer that ran it is fenced.
   */
  private abortWithEpochFence(m: TxnMetadata): number {
    if (m.producerEpoch === MAX_PRODUCER_EPOCH && !this.failedFence.has(m.transactionalId)) {
      this.broker.logger.error(`Cannot fence producer ${m.transactionalId} with epoch equal to Short.MaxValue since this would overflow`);
      return ErrorCode.UNKNOWN_SERVER_ERROR;
    }
    const bumped = this.failedFence.has(m.transactionalId) ? m.producerEpoch : m.producerEpoch + 1;
    const prepared = transition(m, { state: 'PrepareAbort', producerEpoch: bumped, lastProducerEpoch: NO_PRODUCER_EPOCH, txnLastUpdateTimestamp: this.now() });
    const error = this.write(prepared);
    if (error !== ErrorCode.NONE) {
      // The epoch was bumped but never returned to a client: the next try must not bump again.
      this.failedFence.add(m.transactionalId);
      this.broker.logger.warn(
        `The coordinator failed to write an epoch fence transition for producer ${m.transactionalId} to the transaction log with error ${errorNameOf(error)}. The epoch was increased to ${bumped} but not returned to the client`,
      );
      return error;
    }
    this.failedFence.delete(m.transactionalId);
    this.writeMarkersAndComplete(prepared);
    return ErrorCode.NONE;
  }

  /**
   * Kafka's TransactionMarkerChannelManager, locally: a COMMIT/ABORT marker to every partition of
   * the transaction, then CompleteCommit/CompleteAbort with no partitions. A partition whose marker
   * cannot be written yet (its log is missing, a storage error) stays in the transaction, which
   * stays in PrepareCommit/PrepareAbort (new requests get CONCURRENT_TRANSACTIONS) and is retried
   * every MARKER_RETRY_MS, as Kafka retries until the partition accepts the marker.
   */
  private writeMarkersAndComplete(prepared: TxnMetadata): void {
    const result: TxnResult = prepared.state === 'PrepareCommit' ? 'COMMIT' : 'ABORT';
    const unmarked = new Map(prepared.partitions);
    for (const [key, { topic, partition }] of prepared.partitions) {
      const error = writeTxnMarker(this.broker, topic, partition, {
        producerId: prepared.producerId,
        producerEpoch: prepared.producerEpoch,
        coordinatorEpoch: LEADER_EPOCH,
        result,
      });
      if (error === ErrorCode.NONE) unmarked.delete(key);
      else if (!this.markerRetriable(topic, partition, error)) {
        unmarked.delete(key);
        this.broker.logger.warn(`Sending ${prepared.transactionalId}'s transaction marker ${result} for partition ${topic}-${partition} has permanently failed with error ${errorNameOf(error)}; the partition is removed from the transaction`);
      }
    }
    if (unmarked.size > 0) {
      // Kafka removes each partition from the cached metadata as its marker lands; so does
      // DescribeTransactions here ("only partitions which do not have markers").
      this.txns.set(prepared.transactionalId, { ...prepared, partitions: unmarked });
      this.scheduleMarkerRetry(prepared.transactionalId);
      return;
    }
    const complete = transition(prepared, { state: result === 'COMMIT' ? 'CompleteCommit' : 'CompleteAbort', partitions: new Map(), txnLastUpdateTimestamp: this.now() });
    const error = this.write(complete);
    if (error !== ErrorCode.NONE) {
      this.broker.logger.warn(`Failed to update the transaction metadata of ${prepared.transactionalId} to ${complete.state}: ${errorNameOf(error)}; retrying`);
      this.txns.set(prepared.transactionalId, { ...prepared, partitions: new Map() });
      this.scheduleMarkerRetry(prepared.transactionalId);
    }
  }

  /**
   * Kafka's TransactionMarkerRequestCompletionHandler retries a marker the partition could not take
   * yet; a partition whose topic is gone is dropped. A fenced marker (INVALID_PRODUCER_EPOCH,
   * which the partition answers for a stale epoch, TRANSACTION_COORDINATOR_FENCED) is dropped too: Kafka stops sending and leaves the
   * transaction to a coordinator reload, which on a single node would never come.
   */
  private markerRetriable(topic: string, partition: number, error: number): boolean {
    switch (error) {
      case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION: {
        const meta = this.broker.topics.get(topic);
        return meta !== undefined && partition < meta.partitions;
      }
      case ErrorCode.NOT_LEADER_OR_FOLLOWER:
      case ErrorCode.NOT_ENOUGH_REPLICAS:
      case ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND:
      case ErrorCode.REQUEST_TIMED_OUT:
      case ErrorCode.KAFKA_STORAGE_ERROR:
        return true;
      default:
        return false;
    }
  }

  private readonly markerRetries = new Set<string>();
  private markerRetryTimer: NodeJS.Timeout | null = null;

  private scheduleMarkerRetry(transactionalId: string): void {
    this.markerRetries.add(transactionalId);
    if (this.markerRetryTimer !== null || this.status === 'closed') return;
    this.markerRetryTimer = setTimeout(() => {
      this.markerRetryTimer = null;
      const ids = [...this.markerRetries];
      this.markerRetries.clear();
      this.runTask('retry transaction markers', () => {
        for (const id of ids) {
          const m = this.txns.get(id);
          if (m && (m.state === 'PrepareCommit' || m.state === 'PrepareAbort')) this.writeMarkersAndComplete(m);
        }
      });
    }, MARKER_RETRY_MS).unref();
  }

  // ---------------------------------------------------------------- timers

  /** Aborts every Ongoing transaction older than its timeout, fencing its producer (Kafka's abortTimedOutTransactions). */
  abortTimedOutTransactions(): number {
    if (this.status !== 'active') return 0;
    const now = this.now();
    let aborted = 0;
    for (const m of [...this.txns.values()]) {
      if (m.state !== 'Ongoing' || m.txnStartTimestamp + m.txnTimeoutMs >= now) continue;
      this.broker.logger.info(`Aborting timed out transaction ${m.transactionalId} with producerId ${m.producerId} and producer epoch ${m.producerEpoch}`);
      if (this.abortWithEpochFence(m) === ErrorCode.NONE) {
        aborted++;
        this.broker.logger.info(`Completed rollback of ongoing transaction for transactionalId ${m.transactionalId} due to timeout`);
      }
    }
    return aborted;
  }

  /** Removes ids idle longer than transactional.id.expiration.ms with a tombstone (Kafka's removeExpiredTransactionalIds). */
  removeExpiredTransactionalIds(): number {
    if (this.status !== 'active') return 0;
    const now = this.now();
    const { idExpirationMs } = this.config;
    let removed = 0;
    for (const m of [...this.txns.values()]) {
      const expirable = m.state === 'Empty' || m.state === 'CompleteCommit' || m.state === 'CompleteAbort';
      if (!expirable || m.txnLastUpdateTimestamp > now - idExpirationMs) continue;
      const dead = transition(m, { state: 'Dead', partitions: new Map() });
      if (this.write(dead) === ErrorCode.NONE) removed++;
    }
    if (removed > 0) this.broker.logger.info(`Removed ${removed} expired transactional ids`);
    return removed;
  }

  // ---------------------------------------------------------------- DescribeTransactions / ListTransactions

  describe(transactionalId: string): DescribedTransaction {
    // An error answer leaves the other fields at the schema's zero values, as Kafka's does.
    const blank = { transactionalId, transactionState: '', transactionTimeoutMs: 0, transactionStartTimeMs: 0, producerId: 0, producerEpoch: 0, topics: [] };
    const statusError = this.status === 'active' ? ErrorCode.NONE : this.status === 'loading' ? ErrorCode.COORDINATOR_LOAD_IN_PROGRESS : ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (statusError !== ErrorCode.NONE) return { ...blank, errorCode: statusError };
    if (transactionalId === '') return { ...blank, errorCode: ErrorCode.INVALID_REQUEST };
    const m = this.txns.get(transactionalId);
    if (!m || m.state === 'Dead') return { ...blank, errorCode: ErrorCode.TRANSACTIONAL_ID_NOT_FOUND };
    return {
      errorCode: ErrorCode.NONE,
      transactionalId,
      transactionState: m.state,
      transactionTimeoutMs: m.txnTimeoutMs,
      transactionStartTimeMs: m.txnStartTimestamp,
      producerId: m.producerId,
      producerEpoch: m.producerEpoch,
      topics: partitionsByTopic(m.partitions.values()),
    };
  }

  /** ListTransactions: ids by state, producer id and (v1) minimum running time; -1 = no duration filter. */
  list(stateFilters: readonly string[], producerIdFilters: readonly number[], durationFilterMs: number): ListedTransactions {
    if (this.status === 'loading') return { errorCode: ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, unknownStateFilters: [], transactionStates: [] };
    if (this.status === 'closed') return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, unknownStateFilters: [], transactionStates: [] };
    const states = new Set<TxnState>();
    const unknownStateFilters: string[] = [];
    for (const name of stateFilters) {
      const state = txnStateOfName(name);
      if (state) states.add(state);
      else unknownStateFilters.push(name);
    }
    const pids = new Set(producerIdFilters);
    const now = this.now();
    const include = (m: TxnMetadata) =>
      m.state !== 'Dead' &&
      (pids.size === 0 || pids.has(m.producerId)) &&
      (stateFilters.length === 0 || states.has(m.state)) &&
      !(durationFilterMs >= 0 && now - m.txnStartTimestamp <= durationFilterMs);
    // Kafka walks its per-partition caches in partition order, each a hash map of ids.
    const byPartition = new Map<number, string[]>();
    for (const id of this.txns.keys()) {
      const p = this.partitionFor(id);
      let ids = byPartition.get(p);
      if (!ids) byPartition.set(p, (ids = []));
      ids.push(id);
    }
    const transactionStates: ListedTransactions['transactionStates'] = [];
    for (const p of [...byPartition.keys()].sort((a, b) => a - b)) {
      for (const id of javaHashMapOrder(byPartition.get(p)!)) {
        const m = this.txns.get(id)!;
        if (include(m)) transactionStates.push({ transactionalId: id, producerId: m.producerId, transactionState: m.state });
      }
    }
    return { errorCode: ErrorCode.NONE, unknownStateFilters, transactionStates };
  }

  // ---------------------------------------------------------------- storage

  /** Writes the metadata to __transaction_state and, if that worked, makes it current (Dead removes the id). */
  private write(next: TxnMetadata): number {
    const error = appendTransactionRecord(this.topic, next);
    if (error !== ErrorCode.NONE) return error;
    if (next.state === 'Dead') this.txns.delete(next.transactionalId);
    else this.txns.set(next.transactionalId, next);
    return ErrorCode.NONE;
  }
}

/** Kafka's prepareIncrementProducerEpoch (KIP-360 retries included). */
function incrementEpoch(m: TxnMetadata, txnTimeoutMs: number, expectedEpoch: number | null, now: number): Transit {
  const bumped = m.producerEpoch + 1;
  let epochs: { producerEpoch: number; lastProducerEpoch: number };
  if (expectedEpoch === null) epochs = { producerEpoch: bumped, lastProducerEpoch: NO_PRODUCER_EPOCH };
  else if (m.producerEpoch === NO_PRODUCER_EPOCH || expectedEpoch === m.producerEpoch) epochs = { producerEpoch: bumped, lastProducerEpoch: m.producerEpoch };
  // A retry of a bump whose answer was lost: the current epoch again, no second bump.
  else if (expectedEpoch === m.lastProducerEpoch) epochs = { producerEpoch: m.producerEpoch, lastProducerEpoch: m.lastProducerEpoch };
  else return { error: ErrorCode.PRODUCER_FENCED };
  return { next: transition(m, { state: 'Empty', ...epochs, txnTimeoutMs, partitions: new Map(), txnStartTimestamp: -1, txnLastUpdateTimestamp: now }) };
}

function errorNameOf(code: number): string {
  return ErrorCode[code] ?? String(code);
}
