// The transactional side of the producer, with the semantics of Java's TransactionManager:
// initTransactions (FindCoordinator key type 1, then InitProducerId with the transactional id),
// beginTransaction, AddPartitionsToTxn before the first batch of each partition goes out,
// sendOffsetsToTransaction (AddOffsetsToTxn to the transaction coordinator, then TxnOffsetCommit to
// the group's coordinator), and commit/abort (EndTxn). Coordinator errors are handled as Java
// handles them: COORDINATOR_NOT_AVAILABLE / NOT_COORDINATOR look the coordinator up again,
// COORDINATOR_LOAD_IN_PROGRESS and CONCURRENT_TRANSACTIONS are retried after a backoff, a fenced
// epoch is fatal (ProducerFencedException), a failed send makes the transaction abortable only.
import { ApiKey } from '../protocol/api.js';
import { ErrorCode } from '../protocol/errors.js';
import { javaDefaultMessage } from '../protocol/java-errors.js';
import type { Cluster } from './cluster.js';
import type { PipelinedConnection } from './connection.js';
import { ProducerRecordError } from './producer-errors.js';
import type { ProducerIdAndEpoch } from './producer-metadata.js';

const VERSIONS = { findCoordinator: 3, initProducerId: 4, addPartitionsToTxn: 3, addOffsetsToTxn: 3, endTxn: 3, txnOffsetCommit: 3 } as const;
/** Java retries CONCURRENT_TRANSACTIONS on AddPartitionsToTxn sooner than retry.backoff.ms (KAFKA-5477). */
const ADD_PARTITIONS_RETRY_BACKOFF_MS = 20;
const ERRORS = 'org.apache.kafka.common.errors.';

export type TransactionState = 'UNINITIALIZED' | 'INITIALIZING' | 'READY' | 'IN_TRANSACTION' | 'COMMITTING_TRANSACTION' | 'ABORTING_TRANSACTION' | 'ABORTABLE_ERROR' | 'FATAL_ERROR';

export interface TransactionSettings {
  readonly transactionalId: string;
  /** transaction.timeout.ms. Default 60000. */
  readonly transactionTimeoutMs: number;
  readonly retryBackoffMs: number;
  /** max.block.ms: how long initTransactions, commit and abort may block. */
  readonly maxBlockMs: number;
}

/** Java's ConsumerGroupMetadata: who commits the offsets (a standalone producer passes just the group id). */
export interface GroupMetadata {
  readonly groupId: string;
  readonly generationId?: number;
  readonly memberId?: string;
  readonly groupInstanceId?: string | null;
}

export interface OffsetToCommit {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly leaderEpoch?: number;
  readonly metadata?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a coordinator answered: done, look the coordinator up again, retry, or fail. */
type Outcome = { readonly done: true } | { readonly retry: 'relookup' | 'backoff'; readonly backoffMs?: number } | { readonly fail: Error; readonly fatal: boolean };

const DONE: Outcome = { done: true };

function fenced(): ProducerRecordError {
  return new ProducerRecordError(`${ERRORS}ProducerFencedException`, javaDefaultMessage(ErrorCode.PRODUCER_FENCED), ErrorCode.PRODUCER_FENCED);
}

/** The answers every transactional request shares (TxnRequestHandler's common cases). */
function commonOutcome(code: number, fatalOther: (code: number) => Error): Outcome {
  switch (code) {
    case ErrorCode.NONE:
      return DONE;
    case ErrorCode.COORDINATOR_NOT_AVAILABLE:
    case ErrorCode.NOT_COORDINATOR:
      return { retry: 'relookup' };
    case ErrorCode.COORDINATOR_LOAD_IN_PROGRESS:
    case ErrorCode.CONCURRENT_TRANSACTIONS:
    case ErrorCode.REQUEST_TIMED_OUT:
      return { retry: 'backoff' };
    case ErrorCode.INVALID_PRODUCER_EPOCH:
    case ErrorCode.PRODUCER_FENCED:
      return { fail: fenced(), fatal: true };
    case ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED:
    case ErrorCode.CLUSTER_AUTHORIZATION_FAILED:
    case ErrorCode.INVALID_TXN_STATE:
    case ErrorCode.INVALID_PRODUCER_ID_MAPPING:
    case ErrorCode.UNSUPPORTED_VERSION:
      return { fail: ProducerRecordError.fromCode(code), fatal: true };
    default:
      return { fail: fatalOther(code), fatal: true };
  }
}

export class TransactionManager {
  private stateValue: TransactionState = 'UNINITIALIZED';
  private producerIdAndEpoch: ProducerIdAndEpoch | undefined;
  private coordinator: Promise<PipelinedConnection> | undefined;
  /** Partitions (`topic-partition`) added to the open transaction; and those being added now. */
  private readonly added = new Set<string>();
  private readonly pendingAdds = new Map<string, { topic: string; partition: number }>();
  private adding: Promise<void> | undefined;
  private transactionStarted = false;
  private lastError: Error | undefined;
  /** A send failed after its batch took sequence numbers: the abort bumps the epoch (KIP-360), so sequences restart. */
  private epochBumpRequired = false;
  /** Callbacks waiting for the adds in progress, once each. */
  private readonly addWaiters = new Set<() => void>();

  constructor(
    private readonly cluster: Cluster,
    readonly settings: TransactionSettings,
  ) {}

  get state(): TransactionState {
    return this.stateValue;
  }

  get transactionalId(): string {
    return this.settings.transactionalId;
  }

  /** The id and epoch batches carry (after initTransactions). */
  get producerId(): ProducerIdAndEpoch | undefined {
    return this.producerIdAndEpoch;
  }

  /** KafkaProducer.initTransactions: a producer id and a bumped epoch for the transactional id, fencing older producers. */
  async initTransactions(): Promise<ProducerIdAndEpoch> {
    if (this.stateValue !== 'UNINITIALIZED') throw this.invalidTransition('INITIALIZING');
    return await this.initProducerId(undefined);
  }

  /** InitProducerId for the transactional id: a new id, or (with `current`) the same id with its epoch bumped. */
  private async initProducerId(current: ProducerIdAndEpoch | undefined): Promise<ProducerIdAndEpoch> {
    this.stateValue = 'INITIALIZING';
    try {
      const response = await this.coordinatorCall(
        'InitProducerId',
        (c) =>
          c.send(ApiKey.InitProducerId, VERSIONS.initProducerId, {
            transactionalId: this.settings.transactionalId,
            transactionTimeoutMs: this.settings.transactionTimeoutMs,
            producerId: current === undefined ? -1n : BigInt(current.producerId),
            producerEpoch: current === undefined ? -1 : current.epoch,
          }),
        (r) => commonOutcome(r.errorCode, (code) => ProducerRecordError.initProducerIdFailed(code)),
      );
      this.producerIdAndEpoch = { producerId: Number(response.producerId), epoch: response.producerEpoch };
      this.stateValue = 'READY';
      return this.producerIdAndEpoch;
    } catch (e) {
      this.stateValue = 'FATAL_ERROR';
      this.lastError = e as Error;
      throw e;
    }
  }

  /** KafkaProducer.beginTransaction: local only, as Java's. */
  beginTransaction(): void {
    this.throwIfFatal();
    if (this.stateValue !== 'READY') throw this.invalidTransition('IN_TRANSACTION');
    this.stateValue = 'IN_TRANSACTION';
    this.added.clear();
    this.transactionStarted = false;
  }

  /** Throws what KafkaProducer.send throws when no transaction is open. */
  checkSendAllowed(): void {
    this.throwIfFatal();
    if (this.stateValue === 'UNINITIALIZED' || this.stateValue === 'INITIALIZING') {
      throw new ProducerRecordError('java.lang.IllegalStateException', "Cannot perform a 'send' before completing a call to initTransactions when transactions are enabled.");
    }
    if (this.stateValue !== 'IN_TRANSACTION' && this.stateValue !== 'ABORTABLE_ERROR') {
      throw new ProducerRecordError('java.lang.IllegalStateException', 'Cannot call send in state READY');
    }
  }

  /** Whether the partition's batches may go out (it was added to the open transaction). */
  isPartitionAdded(topic: string, partition: number): boolean {
    return this.added.has(`${topic}-${partition}`);
  }

  /**
   * Asks the coordinator to add the partition to the transaction (AddPartitionsToTxn; partitions
   * asked for while a request is out go together in the next one); `onAdded` runs once it is in.
   */
  addPartition(topic: string, partition: number, onAdded: () => void): void {
    const key = `${topic}-${partition}`;
    if (this.added.has(key)) {
      queueMicrotask(onAdded);
      return;
    }
    this.addWaiters.add(onAdded);
    if (this.pendingAdds.has(key)) return;
    this.pendingAdds.set(key, { topic, partition });
    this.adding ??= (async () => {
      // Let the partitions of this turn of the event loop join the same request.
      await new Promise((resolve) => setImmediate(resolve));
      try {
        while (this.pendingAdds.size > 0) {
          const batch = [...this.pendingAdds.values()];
          await this.addPartitions(batch);
          for (const p of batch) {
            this.added.add(`${p.topic}-${p.partition}`);
            this.pendingAdds.delete(`${p.topic}-${p.partition}`);
          }
          this.transactionStarted = true;
        }
      } catch (e) {
        this.pendingAdds.clear();
        this.fail(e as Error, (e as { fatal?: boolean }).fatal === true);
      } finally {
        this.adding = undefined;
        const waiters = [...this.addWaiters];
        this.addWaiters.clear();
        for (const waiter of waiters) waiter();
      }
    })();
  }

  /**
   * The error a request hit: it makes the transaction abortable (or the producer unusable, when
   * fatal). `sequenced`: a produced batch failed after taking sequence numbers.
   */
  fail(error: Error, fatal = false, sequenced = false): void {
    this.lastError = error;
    if (sequenced) this.epochBumpRequired = true;
    if (fatal) this.stateValue = 'FATAL_ERROR';
    else if (this.stateValue === 'IN_TRANSACTION' || this.stateValue === 'COMMITTING_TRANSACTION') this.stateValue = 'ABORTABLE_ERROR';
  }

  /** Why batches of the current transaction cannot be sent (an abortable or fatal error), if so. */
  get failure(): Error | undefined {
    return this.stateValue === 'ABORTABLE_ERROR' || this.stateValue === 'FATAL_ERROR' ? this.lastError : undefined;
  }

  private async addPartitions(partitions: ReadonlyArray<{ topic: string; partition: number }>): Promise<void> {
    const pid = this.requireProducerId();
    const topics = new Map<string, number[]>();
    for (const p of partitions) topics.set(p.topic, [...(topics.get(p.topic) ?? []), p.partition]);
    await this.coordinatorCall(
      'AddPartitionsToTxn',
      (c) =>
        c.send(ApiKey.AddPartitionsToTxn, VERSIONS.addPartitionsToTxn, {
          v3AndBelowTransactionalId: this.settings.transactionalId,
          v3AndBelowProducerId: BigInt(pid.producerId),
          v3AndBelowProducerEpoch: pid.epoch,
          v3AndBelowTopics: [...topics].map(([name, ids]) => ({ name, partitions: ids })),
        }),
      (r) => {
        const codes = r.resultsByTopicV3AndBelow.flatMap((t) => t.resultsByPartition.map((p) => ({ topic: t.name, code: p.partitionErrorCode })));
        const failed = codes.filter((c) => c.code !== ErrorCode.NONE && c.code !== ErrorCode.OPERATION_NOT_ATTEMPTED);
        if (failed.length === 0) return codes.some((c) => c.code === ErrorCode.OPERATION_NOT_ATTEMPTED) ? { retry: 'backoff' } : DONE;
        const code = failed[0]!.code;
        if (code === ErrorCode.CONCURRENT_TRANSACTIONS) return { retry: 'backoff', backoffMs: ADD_PARTITIONS_RETRY_BACKOFF_MS };
        if (code === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) return { retry: 'backoff' };
        if (code === ErrorCode.TOPIC_AUTHORIZATION_FAILED) {
          const names = [...new Set(failed.filter((f) => f.code === code).map((f) => f.topic))];
          return { fail: new ProducerRecordError(`${ERRORS}TopicAuthorizationException`, `Not authorized to access topics: [${names.join(', ')}]`, code), fatal: false };
        }
        return commonOutcome(code, (c) => new ProducerRecordError('org.apache.kafka.common.KafkaException', `Could not add partitions to transaction due to errors: ${javaDefaultMessage(c)}`, c));
      },
    );
  }

  /**
   * KafkaProducer.sendOffsetsToTransaction: the group's offsets become part of the transaction,
   * committed with it (AddOffsetsToTxn, then TxnOffsetCommit to the group coordinator).
   */
  async sendOffsetsToTransaction(offsets: readonly OffsetToCommit[], group: GroupMetadata): Promise<void> {
    this.throwIfFatal();
    if (this.stateValue === 'ABORTABLE_ERROR') throw this.abortableStateError();
    if (this.stateValue !== 'IN_TRANSACTION') throw new ProducerRecordError('java.lang.IllegalStateException', `Cannot send offsets if a transaction is not in progress (currentState= ${this.stateValue})`);
    const pid = this.requireProducerId();
    try {
      await this.coordinatorCall(
        'AddOffsetsToTxn',
        (c) =>
          c.send(ApiKey.AddOffsetsToTxn, VERSIONS.addOffsetsToTxn, {
            transactionalId: this.settings.transactionalId,
            producerId: BigInt(pid.producerId),
            producerEpoch: pid.epoch,
            groupId: group.groupId,
          }),
        (r) => {
          if (r.errorCode === ErrorCode.GROUP_AUTHORIZATION_FAILED) return { fail: ProducerRecordError.fromCode(r.errorCode, `Not authorized to access group: ${group.groupId}`), fatal: false };
          return commonOutcome(r.errorCode, (c) => new ProducerRecordError('org.apache.kafka.common.KafkaException', `Unexpected error in AddOffsetsToTxnResponse: ${javaDefaultMessage(c)}`, c));
        },
      );
      this.transactionStarted = true;
      await this.commitTxnOffsets(offsets, group, pid);
    } catch (e) {
      this.fail(e as Error, (e as { fatal?: boolean }).fatal === true);
      throw e;
    }
  }

  private async commitTxnOffsets(offsets: readonly OffsetToCommit[], group: GroupMetadata, pid: ProducerIdAndEpoch): Promise<void> {
    const topics = new Map<string, Array<{ partitionIndex: number; committedOffset: bigint; committedLeaderEpoch: number; committedMetadata: string | null }>>();
    for (const o of offsets) {
      topics.set(o.topic, [...(topics.get(o.topic) ?? []), { partitionIndex: o.partition, committedOffset: o.offset, committedLeaderEpoch: o.leaderEpoch ?? -1, committedMetadata: o.metadata ?? '' }]);
    }
    let coordinator: Promise<PipelinedConnection> | undefined;
    await this.retrying(
      'TxnOffsetCommit',
      async () => {
        coordinator ??= this.findCoordinator(group.groupId, 0);
        return (await coordinator).send(ApiKey.TxnOffsetCommit, VERSIONS.txnOffsetCommit, {
          transactionalId: this.settings.transactionalId,
          groupId: group.groupId,
          producerId: BigInt(pid.producerId),
          producerEpoch: pid.epoch,
          generationId: group.generationId ?? -1,
          memberId: group.memberId ?? '',
          groupInstanceId: group.groupInstanceId ?? null,
          topics: [...topics].map(([name, partitions]) => ({ name, partitions })),
        });
      },
      (r) => {
        const code = r.topics.flatMap((t) => t.partitions.map((p) => p.errorCode)).find((c) => c !== ErrorCode.NONE) ?? ErrorCode.NONE;
        if (code === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) return { retry: 'backoff' };
        if (code === ErrorCode.GROUP_AUTHORIZATION_FAILED || code === ErrorCode.ILLEGAL_GENERATION || code === ErrorCode.UNKNOWN_MEMBER_ID || code === ErrorCode.FENCED_INSTANCE_ID) {
          return { fail: ProducerRecordError.fromCode(code), fatal: false };
        }
        return commonOutcome(code, (c) => new ProducerRecordError('org.apache.kafka.common.KafkaException', `Unexpected error in TxnOffsetCommitResponse: ${javaDefaultMessage(c)}`, c));
      },
      () => {
        coordinator = undefined;
      },
    );
  }

  /**
   * Ends the open transaction with EndTxn (commit or abort). A transaction that added no
   * partition and no offsets ends without a request, as Java's does.
   */
  async endTransaction(commit: boolean): Promise<void> {
    this.throwIfFatal();
    if (commit && this.stateValue === 'ABORTABLE_ERROR') throw this.abortableStateError();
    const allowed = commit ? ['IN_TRANSACTION', 'COMMITTING_TRANSACTION'] : ['IN_TRANSACTION', 'ABORTABLE_ERROR', 'ABORTING_TRANSACTION'];
    if (!allowed.includes(this.stateValue)) throw this.invalidTransition(commit ? 'COMMITTING_TRANSACTION' : 'ABORTING_TRANSACTION');
    this.stateValue = commit ? 'COMMITTING_TRANSACTION' : 'ABORTING_TRANSACTION';
    if (this.adding !== undefined) await this.adding.catch(() => undefined);
    // An add that failed meanwhile dooms the commit (the state moved on while we waited).
    if (commit && (this.stateValue as TransactionState) === 'ABORTABLE_ERROR') throw this.abortableStateError();
    if (this.transactionStarted) {
      const pid = this.requireProducerId();
      try {
        await this.coordinatorCall(
          'EndTxn',
          (c) => c.send(ApiKey.EndTxn, VERSIONS.endTxn, { transactionalId: this.settings.transactionalId, producerId: BigInt(pid.producerId), producerEpoch: pid.epoch, committed: commit }),
          (r) => commonOutcome(r.errorCode, (c) => new ProducerRecordError('org.apache.kafka.common.KafkaException', `Unhandled error in EndTxnResponse: ${javaDefaultMessage(c)}`, c)),
        );
      } catch (e) {
        this.fail(e as Error, (e as { fatal?: boolean }).fatal === true);
        throw e;
      }
    }
    this.added.clear();
    this.transactionStarted = false;
    this.lastError = undefined;
    this.stateValue = 'READY';
    if (!commit && this.epochBumpRequired) {
      // Java's TransactionManager after aborting a transaction whose sends failed: the same
      // producer id with a bumped epoch, so that its sequence numbers start again at 0.
      this.epochBumpRequired = false;
      await this.initProducerId(this.requireProducerId());
    }
  }

  private requireProducerId(): ProducerIdAndEpoch {
    if (this.producerIdAndEpoch === undefined) throw new ProducerRecordError('java.lang.IllegalStateException', 'Transactional method invoked on a non-transactional producer.');
    return this.producerIdAndEpoch;
  }

  private throwIfFatal(): void {
    if (this.stateValue === 'FATAL_ERROR') {
      throw new ProducerRecordError('org.apache.kafka.common.KafkaException', `Cannot execute transactional method because we are in an error state: ${this.lastError?.message ?? ''}`.trimEnd());
    }
  }

  private abortableStateError(): ProducerRecordError {
    return new ProducerRecordError('org.apache.kafka.common.KafkaException', `Cannot execute transactional method because we are in an error state: ${this.lastError?.message ?? ''}`.trimEnd());
  }

  private invalidTransition(target: TransactionState): ProducerRecordError {
    return new ProducerRecordError('java.lang.IllegalStateException', `TransactionalId ${this.settings.transactionalId}: Invalid transition attempted from state ${this.stateValue} to state ${target}`);
  }

  /** A request to the transaction coordinator, found (again) as its answers require. */
  private async coordinatorCall<T>(call: string, send: (c: PipelinedConnection) => Promise<T>, outcome: (response: T) => Outcome): Promise<T> {
    return await this.retrying(
      call,
      async () => {
        this.coordinator ??= this.findCoordinator(this.settings.transactionalId, 1);
        return await send(await this.coordinator);
      },
      outcome,
      () => {
        this.coordinator = undefined;
      },
    );
  }

  /** Repeats `send` while its outcome says so, until max.block.ms (Java's TimeoutException after that). */
  private async retrying<T>(call: string, send: () => Promise<T>, outcome: (response: T) => Outcome, relookup: () => void): Promise<T> {
    const deadline = Date.now() + this.settings.maxBlockMs;
    for (;;) {
      let response: T;
      try {
        response = await send();
      } catch (e) {
        // A lost coordinator connection or one that cannot be found yet: look it up again.
        relookup();
        if (e instanceof ProducerRecordError && e.code !== undefined && !isCoordinatorRetriable(e.code)) throw Object.assign(e, { fatal: true });
        if (Date.now() + this.settings.retryBackoffMs >= deadline) throw this.timeout(call);
        await sleep(this.settings.retryBackoffMs);
        continue;
      }
      const o = outcome(response);
      if ('done' in o) return response;
      if ('fail' in o) throw Object.assign(o.fail, { fatal: o.fatal });
      if (o.retry === 'relookup') relookup();
      const backoff = o.backoffMs ?? this.settings.retryBackoffMs;
      if (Date.now() + backoff >= deadline) throw this.timeout(call);
      await sleep(backoff);
    }
  }

  private timeout(call: string): ProducerRecordError {
    return new ProducerRecordError(`${ERRORS}TimeoutException`, `Timeout expired after ${this.settings.maxBlockMs}ms while awaiting ${call}`);
  }

  /** FindCoordinator (key type 0 = group, 1 = transaction) and a connection to the broker it names. */
  private async findCoordinator(key: string, keyType: 0 | 1): Promise<PipelinedConnection> {
    const response = await this.cluster.bootstrap.send(ApiKey.FindCoordinator, VERSIONS.findCoordinator, { key, keyType });
    if (response.errorCode !== ErrorCode.NONE) throw ProducerRecordError.fromCode(response.errorCode, response.errorMessage);
    this.cluster.addBroker(response.nodeId, response.host, response.port);
    return await this.cluster.connection(response.nodeId);
  }
}

function isCoordinatorRetriable(code: number): boolean {
  return code === ErrorCode.COORDINATOR_NOT_AVAILABLE || code === ErrorCode.NOT_COORDINATOR || code === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS;
}
