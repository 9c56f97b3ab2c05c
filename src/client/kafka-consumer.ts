// kt's consumer (KafkaConsumer's model): either assigned partitions without a group, or a
// subscription (topic list or a pattern predicate) in a classic consumer group, with Kafka's
// assignors, rebalances followed from poll(), committed offsets and auto.offset.reset,
// auto-commit, commit on close and LeaveGroup. Records are handed out one at a time through one
// reused RecordView, straight from the fetched bytes.
import { ErrorCode } from '../protocol/errors.js';
import { Cluster } from './cluster.js';
import type { ConnectionSettings } from './config.js';
import { ConsumerCoordinator, type GroupConfig } from './consumer-coordinator.js';
import { fetchTopicMetadata } from './consumer-metadata.js';
import { KafkaApiError } from './errors.js';
import { Fetcher, StaleMetadataError, type FetchPartition, type FetchSettings } from './fetcher.js';
import { EARLIEST, LATEST, listOffsets } from './list-offsets.js';
import { PartitionRecords, RecordView } from './record-view.js';
import type { TopicPartition } from './assignors.js';

export type { TopicPartition } from './assignors.js';
export type ResetPolicy = 'earliest' | 'latest' | 'none';
/** Where an assigned partition starts: its log start, its end, or an offset. */
export type StartPosition = 'earliest' | 'latest' | number;

export interface ConsumerConfig {
  readonly fetch: FetchSettings;
  /** auto.offset.reset */
  readonly autoOffsetReset: ResetPolicy;
  readonly enableAutoCommit: boolean;
  readonly autoCommitIntervalMs: number;
  /** metadata.max.age.ms: how often a pattern subscription looks for new topics. */
  readonly metadataMaxAgeMs: number;
  /** allow.auto.create.topics */
  readonly allowAutoCreateTopics: boolean;
  /** exclude.internal.topics (pattern subscriptions) */
  readonly excludeInternalTopics: boolean;
  readonly retryBackoffMs: number;
  /** Needed to subscribe. */
  readonly group?: GroupConfig;
}

/** ConsumerRebalanceListener: called from poll() (and close()). */
export interface RebalanceListener {
  onPartitionsRevoked?(partitions: TopicPartition[]): void | Promise<void>;
  onPartitionsAssigned?(partitions: TopicPartition[]): void | Promise<void>;
  onPartitionsLost?(partitions: TopicPartition[]): void | Promise<void>;
}

/** No committed offset and auto.offset.reset=none (Java's NoOffsetForPartitionException). */
export class NoOffsetForPartitionError extends Error {
  constructor(partitions: readonly TopicPartition[]) {
    super(`Undefined offset with no reset policy for partitions: [${partitions.map((p) => `${p.topic}-${p.partition}`).join(', ')}]`);
    this.name = 'NoOffsetForPartitionException';
  }
}

interface PartitionState extends TopicPartition {
  /** The next offset to hand out (what a commit stores); undefined until known. */
  position: number | undefined;
  /** Where to start when no position is known (assign mode); group mode: committed, else reset. */
  start: StartPosition | undefined;
  leader: number;
  removed: boolean;
}

const key = (topic: string, partition: number) => `${topic}\0${partition}`;

export class KafkaConsumer {
  private readonly partitions = new Map<string, PartitionState>();
  private pending: Array<{ state: PartitionState; records: PartitionRecords }> = [];
  private pendingHead = 0;
  private fetcher: Fetcher | undefined;
  private readonly view = new RecordView();
  private coordinator: ConsumerCoordinator | undefined;
  private subscription: { topics: readonly string[] } | { pattern: (topic: string) => boolean } | undefined;
  private subscribedTopics: string[] = [];
  private metadataRefreshAt = 0;
  private listener: RebalanceListener = {};
  private lastAssignment: TopicPartition[] = [];
  private nextAutoCommitAt = 0;
  private wakeTimer: (() => void) | undefined;
  private woken = false;
  private closed = false;
  /** When the first group join finished (ms since epoch), for tools that report the join time. */
  joinedAt: number | undefined;

  private constructor(
    readonly cluster: Cluster,
    readonly config: ConsumerConfig,
  ) {}

  static async connect(settings: ConnectionSettings, config: ConsumerConfig): Promise<KafkaConsumer> {
    return new KafkaConsumer(await Cluster.connect(settings), config);
  }

  /** assign(): these partitions, no group. */
  assign(partitions: ReadonlyArray<TopicPartition & { start: StartPosition }>): void {
    this.clearBuffered();
    this.partitions.clear();
    for (const p of partitions) this.partitions.set(key(p.topic, p.partition), { topic: p.topic, partition: p.partition, position: undefined, start: p.start, leader: -1, removed: false });
  }

  /** subscribe(): a topic list or a pattern (a predicate on topic names), in the configured group. */
  subscribe(subscription: readonly string[] | ((topic: string) => boolean), listener: RebalanceListener = {}): void {
    if (this.config.group === undefined) throw new Error('To use the group management or offset commit APIs, you must provide a valid group.id in the consumer configuration.');
    this.coordinator ??= new ConsumerCoordinator(this.cluster, this.config.group);
    this.coordinator.onRejoinNeeded = () => this.wakeup();
    this.subscription = typeof subscription === 'function' ? { pattern: subscription } : { topics: [...subscription] };
    this.listener = listener;
    this.metadataRefreshAt = 0;
    this.coordinator.needsRejoin = true;
  }

  /** The partitions currently assigned. */
  assignment(): TopicPartition[] {
    return [...this.partitions.values()].map((p) => ({ topic: p.topic, partition: p.partition }));
  }

  /** The group generation and member id (group mode). */
  get groupMetadata(): { generationId: number; memberId: string } | undefined {
    return this.coordinator === undefined ? undefined : { generationId: this.coordinator.generationId, memberId: this.coordinator.memberId };
  }

  /**
   * Runs what poll() runs (rebalances, auto-commit, metadata refresh) and waits up to
   * `timeoutMs` for records; true when records are buffered for drain().
   */
  async poll(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    this.woken = false;
    for (;;) {
      if (this.closed) return false;
      if (this.coordinator !== undefined) {
        await this.refreshSubscription();
        if (this.coordinator.needsRejoin) await this.rebalance();
        this.maybeAutoCommit();
      }
      if (this.pendingHead < this.pending.length) return true;
      if (this.fetcher === undefined) await this.startFetcher();
      const remaining = deadline - Date.now();
      if (remaining <= 0 || this.woken) return false;
      if (this.fetcher === undefined) {
        await this.sleep(Math.min(remaining, Math.max(this.config.retryBackoffMs, 100)));
        continue;
      }
      let data;
      try {
        data = await this.fetcher.poll(remaining);
      } catch (e) {
        if (!(e instanceof StaleMetadataError)) throw e;
        this.stopFetcher();
        for (const p of this.partitions.values()) p.leader = -1;
        await this.sleep(this.config.retryBackoffMs);
        continue;
      }
      for (const d of data) {
        const state = this.partitions.get(key(d.topic, d.partition));
        if (state !== undefined) this.pending.push({ state, records: new PartitionRecords(d.topic, d.partition, d.records, d.fetchOffset, d.aborted) });
      }
      if (this.pendingHead < this.pending.length) return true;
      if (Date.now() >= deadline || this.woken) return false;
    }
  }

  /**
   * Hands buffered records to `onRecord` in order, at most `max`, stopping early when it returns
   * false; each record's partition position moves past it. Returns how many were handed out.
   * The view is reused: copy what must outlive the call.
   */
  drain(max: number, onRecord: (record: RecordView) => boolean | void): number {
    let n = 0;
    const view = this.view;
    while (n < max && this.pendingHead < this.pending.length) {
      const head = this.pending[this.pendingHead]!;
      const state = head.state;
      if (state.removed) {
        this.pendingHead++;
        continue;
      }
      if (!head.records.next(view)) {
        if (state.position === undefined || head.records.position > state.position) state.position = head.records.position;
        this.pending[this.pendingHead++] = undefined as never;
        continue;
      }
      state.position = view.offset + 1;
      n++;
      if (onRecord(view) === false) break;
    }
    if (this.pendingHead >= this.pending.length) this.clearBuffered();
    return n;
  }

  /** The next offset per assigned partition (what commitSync() commits). */
  positions(): Array<{ topic: string; partition: number; offset: number }> {
    const out: Array<{ topic: string; partition: number; offset: number }> = [];
    for (const p of this.partitions.values()) if (p.position !== undefined) out.push({ topic: p.topic, partition: p.partition, offset: p.position });
    return out;
  }

  /** Commits `offsets` (default: the positions of every assigned partition); returns what was committed. */
  async commitSync(offsets?: ReadonlyArray<{ topic: string; partition: number; offset: number }>): Promise<Array<{ topic: string; partition: number; offset: number }>> {
    if (this.coordinator === undefined) throw new Error('To use the group management or offset commit APIs, you must provide a valid group.id in the consumer configuration.');
    const list = offsets === undefined ? this.positions() : [...offsets];
    await this.coordinator.commit(list);
    return list;
  }

  /** Ends a poll() that is waiting. */
  wakeup(): void {
    this.woken = true;
    this.fetcher?.wake();
    this.wakeTimer?.();
  }

  /** Commits (auto-commit), tells the listener, leaves the group and closes every connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.stopFetcher();
    const coordinator = this.coordinator;
    if (coordinator !== undefined) {
      if (this.config.enableAutoCommit && !coordinator.lost && coordinator.generationId >= 0) await coordinator.commit(this.positions()).catch(() => undefined);
      const owned = this.assignment();
      if (owned.length > 0) await (coordinator.lost ? this.listener.onPartitionsLost?.(owned) : this.listener.onPartitionsRevoked?.(owned));
    }
    this.closed = true;
    this.wakeup();
    await coordinator?.leave();
    await this.cluster.close();
  }

  private clearBuffered(): void {
    this.pending = [];
    this.pendingHead = 0;
  }

  private stopFetcher(): void {
    this.fetcher?.close();
    this.fetcher = undefined;
    this.clearBuffered();
  }

  /** Starts fetching once every assigned partition has a leader and a position (those without wait). */
  private async startFetcher(): Promise<void> {
    const states = [...this.partitions.values()];
    if (states.length === 0) return;
    if (states.some((p) => p.leader < 0)) {
      const metadata = await fetchTopicMetadata(this.cluster, [...new Set(states.map((p) => p.topic))], this.config.allowAutoCreateTopics);
      for (const p of states) p.leader = metadata.get(p.topic)?.leaders[p.partition] ?? -1;
    }
    const ready = states.filter((p) => p.leader >= 0);
    await this.resolvePositions(ready.filter((p) => p.position === undefined));
    const fetchable = ready.filter((p) => p.position !== undefined);
    if (fetchable.length === 0) return;
    const fetchPartitions: FetchPartition[] = fetchable.map((p) => ({ topic: p.topic, partition: p.partition, leader: p.leader, fetchPosition: p.position! }));
    this.fetcher = new Fetcher(this.cluster, fetchPartitions, this.config.fetch, (p) => this.resetOutOfRange(p));
    this.fetcher.start();
  }

  /** Positions from the start spec (assign) or the committed offset, else auto.offset.reset. */
  private async resolvePositions(states: PartitionState[]): Promise<void> {
    if (states.length === 0) return;
    const committed = this.coordinator !== undefined ? await this.coordinator.committed(states, this.config.fetch.isolationLevel === 1) : new Map<string, number>();
    const toList = new Map<bigint, PartitionState[]>();
    const noReset: PartitionState[] = [];
    for (const p of states) {
      const offset = committed.get(key(p.topic, p.partition));
      if (offset !== undefined) p.position = offset;
      else if (typeof p.start === 'number') p.position = p.start;
      else {
        const policy = p.start ?? this.config.autoOffsetReset;
        if (policy === 'none') noReset.push(p);
        else push(toList, policy === 'earliest' ? EARLIEST : LATEST, p);
      }
    }
    if (noReset.length > 0) throw new NoOffsetForPartitionError(noReset);
    for (const [timestamp, list] of toList) await this.listPositions(list, timestamp);
  }

  private async listPositions(states: PartitionState[], timestamp: bigint): Promise<void> {
    const byTopic = new Map<string, PartitionState[]>();
    for (const p of states) push(byTopic, p.topic, p);
    for (const [topic, list] of byTopic) {
      const leaders: number[] = [];
      for (const p of list) leaders[p.partition] = p.leader;
      const offsets = await listOffsets(this.cluster, { name: topic, leaders }, list.map((p) => p.partition), timestamp, this.config.fetch.isolationLevel ?? 0);
      for (const p of list) p.position = offsets.get(p.partition);
    }
  }

  private async resetOutOfRange(p: FetchPartition): Promise<number> {
    const policy = this.config.autoOffsetReset;
    if (policy === 'none') {
      throw new KafkaApiError(ErrorCode.OFFSET_OUT_OF_RANGE, `Fetch position FetchPosition{offset=${p.fetchPosition}} is out of range for partition ${p.topic}-${p.partition}`);
    }
    const leaders: number[] = [];
    leaders[p.partition] = p.leader;
    const offsets = await listOffsets(this.cluster, { name: p.topic, leaders }, [p.partition], policy === 'earliest' ? EARLIEST : LATEST, this.config.fetch.isolationLevel ?? 0);
    const position = offsets.get(p.partition)!;
    const state = this.partitions.get(key(p.topic, p.partition));
    if (state !== undefined) state.position = position;
    return position;
  }

  /** Topics of the subscription; a pattern is matched against the cluster's topics every metadata.max.age.ms. */
  private async refreshSubscription(): Promise<void> {
    const subscription = this.subscription;
    if (subscription === undefined || Date.now() < this.metadataRefreshAt) return;
    let topics: string[];
    if ('topics' in subscription) {
      // Named topics are created when missing (allow.auto.create.topics) and waited for.
      topics = [...subscription.topics].sort();
      for (let attempt = 0; attempt < 50; attempt++) {
        const metadata = await fetchTopicMetadata(this.cluster, topics, this.config.allowAutoCreateTopics);
        if (topics.every((t) => metadata.get(t)?.leaders.every((l) => l >= 0) === true)) break;
        await this.sleep(100);
      }
      this.metadataRefreshAt = Date.now() + this.config.metadataMaxAgeMs;
    } else {
      const metadata = await fetchTopicMetadata(this.cluster, undefined, false);
      topics = [...metadata]
        .filter(([name, t]) => subscription.pattern(name) && !(this.config.excludeInternalTopics && t.isInternal))
        .map(([name]) => name)
        .sort();
      // Nothing matches yet: look again soon rather than after metadata.max.age.ms.
      this.metadataRefreshAt = Date.now() + (topics.length === 0 ? Math.min(1000, this.config.metadataMaxAgeMs) : this.config.metadataMaxAgeMs);
    }
    if (topics.join('\0') !== this.subscribedTopics.join('\0')) {
      this.subscribedTopics = topics;
      this.coordinator!.needsRejoin = true;
    }
  }

  private async rebalance(): Promise<void> {
    const coordinator = this.coordinator!;
    const owned = this.assignment();
    const eager = coordinator.rebalanceProtocol === 'eager';
    this.stopFetcher();
    if (coordinator.lost) {
      this.removePartitions(owned);
      if (owned.length > 0) await this.listener.onPartitionsLost?.(owned);
    } else if (eager) {
      if (this.config.enableAutoCommit && coordinator.generationId >= 0) await coordinator.commit(this.positions()).catch(() => undefined);
      this.removePartitions(owned);
      if (owned.length > 0) await this.listener.onPartitionsRevoked?.(owned);
    }
    const stillOwned = eager || coordinator.lost ? [] : owned;
    const assigned = await coordinator.join(this.subscribedTopics, stillOwned, this.lastAssignment, (topics) => this.partitionCounts(topics));
    this.lastAssignment = assigned;
    if (this.joinedAt === undefined) this.joinedAt = Date.now();
    const assignedKeys = new Set(assigned.map((tp) => key(tp.topic, tp.partition)));
    const added = assigned.filter((tp) => !this.partitions.has(key(tp.topic, tp.partition)));
    if (!eager) {
      const revoked = stillOwned.filter((tp) => !assignedKeys.has(key(tp.topic, tp.partition)));
      if (revoked.length > 0) {
        if (this.config.enableAutoCommit) await coordinator.commit(this.positionsOf(revoked)).catch(() => undefined);
        this.removePartitions(revoked);
        await this.listener.onPartitionsRevoked?.(revoked);
        // Cooperative: what was given up is assigned to its new owner in a second round.
        coordinator.needsRejoin = true;
      }
    }
    for (const tp of added) this.partitions.set(key(tp.topic, tp.partition), { ...tp, position: undefined, start: undefined, leader: -1, removed: false });
    this.nextAutoCommitAt = Date.now() + this.config.autoCommitIntervalMs;
    await this.listener.onPartitionsAssigned?.(added);
  }

  private positionsOf(partitions: readonly TopicPartition[]) {
    const wanted = new Set(partitions.map((tp) => key(tp.topic, tp.partition)));
    return this.positions().filter((p) => wanted.has(key(p.topic, p.partition)));
  }

  private removePartitions(partitions: readonly TopicPartition[]): void {
    for (const tp of partitions) {
      const state = this.partitions.get(key(tp.topic, tp.partition));
      if (state !== undefined) state.removed = true;
      this.partitions.delete(key(tp.topic, tp.partition));
    }
  }

  private async partitionCounts(topics: readonly string[]): Promise<Map<string, number>> {
    const metadata = await fetchTopicMetadata(this.cluster, topics, false);
    return new Map([...metadata].map(([name, t]) => [name, t.leaders.length]));
  }

  /** enable.auto.commit: commits positions every auto.commit.interval.ms, without waiting (commitAsync). */
  private maybeAutoCommit(): void {
    if (!this.config.enableAutoCommit || Date.now() < this.nextAutoCommitAt || this.coordinator!.needsRejoin) return;
    this.nextAutoCommitAt = Date.now() + this.config.autoCommitIntervalMs;
    void this.coordinator!.commit(this.positions()).catch(() => undefined);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeTimer = done;
    });
  }
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  let list = map.get(k);
  if (list === undefined) map.set(k, (list = []));
  list.push(v);
}
