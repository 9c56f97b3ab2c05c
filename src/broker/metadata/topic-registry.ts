// The cluster metadata of a single node: topics, their ids, partition counts and config
// overrides, the dynamic broker configs and the client-metrics subscriptions. Kafka keeps this in
// the KRaft __cluster_metadata log; a single node needs no quorum, so kt persists a JSON snapshot,
// written atomically (tmp file, fsync, rename) on every change. The snapshot also counts what that
// log would hold (one record per change, plus a leader-change record per start, each start being
// a new leader epoch), so DescribeQuorum and the finalized-features epoch report offsets that move
// when the metadata does. Changes are rare (create/delete/alter), so a full rewrite is cheap.
// A change whose snapshot cannot be written (a full disk, no descriptor) is undone in memory and
// throws a KafkaStorageError: what the registry answers is always what is on disk.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeFileAtomic } from '../../storage/file-io.js';
import { KafkaStorageError } from '../log/errors.js';

export const METADATA_FILE = 'kt-cluster-metadata.json';

export interface TopicMetadata {
  readonly name: string;
  /** 22-character URL-safe base64 UUID, as Kafka prints topic ids. */
  readonly topicId: string;
  partitions: number;
  configs: Record<string, string>;
}

interface Snapshot {
  version: 1;
  clusterId: string;
  nextProducerId: number;
  topics: TopicMetadata[];
  /** Dynamic broker configs by resource name: a node id, or '' for the cluster-wide defaults. */
  brokerConfigs?: Record<string, Record<string, string>>;
  /** Client-metrics subscriptions (KIP-714 CLIENT_METRICS config resources) by name. */
  clientMetrics?: Record<string, Record<string, string>>;
  /** The simulated metadata log: its leader epoch (one per start) and end offset (one per change). */
  quorum?: { leaderEpoch: number; endOffset: number };
}

/** The registry's state before a change, to put back if the change cannot be written. */
interface SavedState {
  readonly topics: ReadonlyArray<{ topic: TopicMetadata; partitions: number; configs: Record<string, string> }>;
  readonly nextProducerId: number;
  readonly brokerConfigs: ReadonlyArray<[string, Record<string, string>]>;
  readonly clientMetrics: ReadonlyArray<[string, Record<string, string>]>;
  readonly endOffset: number;
}

/** Kafka's internal topics: hidden from --exclude-internal listings, flagged isInternal in Metadata. */
export const INTERNAL_TOPICS: ReadonlySet<string> = new Set(['__consumer_offsets', '__transaction_state', '__share_group_state']);

export class TopicRegistry {
  private readonly topics = new Map<string, TopicMetadata>();
  private readonly byId = new Map<string, TopicMetadata>();
  readonly clusterId: string;
  private nextProducerId: number;
  private readonly brokerConfigsByResource: Map<string, Record<string, string>>;
  private readonly clientMetricsByName: Map<string, Record<string, string>>;
  private leaderEpoch: number;
  private endOffset: number;
  /** >0 while a batch of changes is being made; the snapshot is written once at its end. */
  private batchDepth = 0;
  private dirty = false;
  /** The state when the outermost batch began. */
  private beforeBatch: SavedState | null = null;

  private constructor(
    private readonly file: string,
    snapshot: Snapshot,
  ) {
    this.clusterId = snapshot.clusterId;
    this.nextProducerId = snapshot.nextProducerId;
    this.brokerConfigsByResource = new Map(Object.entries(snapshot.brokerConfigs ?? {}));
    this.clientMetricsByName = new Map(Object.entries(snapshot.clientMetrics ?? {}));
    // Snapshots written before the quorum was counted start from an empty log.
    this.leaderEpoch = snapshot.quorum?.leaderEpoch ?? 0;
    this.endOffset = snapshot.quorum?.endOffset ?? 0;
    for (const t of snapshot.topics) this.index(t);
  }

  /** Opens (or creates) the snapshot of a log dir. Each open is a start: a new leader epoch. */
  static open(logDir: string): TopicRegistry {
    const file = join(logDir, METADATA_FILE);
    const snapshot: Snapshot = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as Snapshot)
      : { version: 1, clusterId: randomUuid(), nextProducerId: 0, topics: [] };
    const registry = new TopicRegistry(file, snapshot);
    // A single voter elects itself at every start, in the next epoch, and appends a leader-change
    // record (persist counts it) before serving.
    registry.leaderEpoch++;
    registry.persist();
    return registry;
  }

  /** The leader epoch of this node's (single-voter) metadata quorum: 1 on a new cluster, +1 per start. */
  get quorumLeaderEpoch(): number {
    return this.leaderEpoch;
  }

  /** The end offset of the simulated metadata log: the offset its next record would get. */
  get metadataEndOffset(): number {
    return this.endOffset;
  }

  get(name: string): TopicMetadata | undefined {
    return this.topics.get(name);
  }

  getById(topicId: string): TopicMetadata | undefined {
    return this.byId.get(topicId);
  }

  has(name: string): boolean {
    return this.topics.has(name);
  }

  all(): TopicMetadata[] {
    return [...this.topics.values()];
  }

  /** A topic whose name differs only by '.' vs '_' (Kafka rejects such collisions). */
  collidingTopic(name: string): string | undefined {
    const norm = name.replace(/\./g, '_');
    for (const t of this.topics.keys()) {
      if (t !== name && t.replace(/\./g, '_') === norm) return t;
    }
    return undefined;
  }

  /** A fresh topic id, used by no topic (the broker creates the logs before the topic). */
  newTopicId(): string {
    let id = randomUuid();
    while (this.byId.has(id)) id = randomUuid();
    return id;
  }

  create(name: string, partitions: number, configs: Record<string, string>, topicId: string = this.newTopicId()): TopicMetadata {
    const topic: TopicMetadata = { name, topicId, partitions, configs: { ...configs } };
    this.change(() => this.index(topic));
    return topic;
  }

  delete(name: string): TopicMetadata | undefined {
    const t = this.topics.get(name);
    if (!t) return undefined;
    this.change(() => {
      this.topics.delete(name);
      this.byId.delete(t.topicId);
    });
    return t;
  }

  setPartitions(name: string, partitions: number): void {
    this.change(() => {
      this.topics.get(name)!.partitions = partitions;
    });
  }

  setConfigs(name: string, configs: Record<string, string>): void {
    this.change(() => {
      this.topics.get(name)!.configs = { ...configs };
    });
  }

  /** Dynamic broker configs of a resource: a node id ("1"), or "" for the cluster-wide defaults. */
  brokerConfigs(resourceName: string): Readonly<Record<string, string>> {
    return this.brokerConfigsByResource.get(resourceName) ?? {};
  }

  /** Replaces the dynamic broker configs of a resource; an empty set removes it. */
  setBrokerConfigs(resourceName: string, configs: Readonly<Record<string, string>>): void {
    this.change(() => {
      if (Object.keys(configs).length === 0) this.brokerConfigsByResource.delete(resourceName);
      else this.brokerConfigsByResource.set(resourceName, { ...configs });
    });
  }

  /** The configs of a client-metrics subscription ({} when there is none). */
  clientMetrics(name: string): Readonly<Record<string, string>> {
    return this.clientMetricsByName.get(name) ?? {};
  }

  /** The names of the client-metrics subscriptions, sorted. */
  clientMetricsNames(): string[] {
    return [...this.clientMetricsByName.keys()].sort();
  }

  /** Replaces a subscription's configs; an empty set removes it (as Kafka drops an empty config resource). */
  setClientMetrics(name: string, configs: Readonly<Record<string, string>>): void {
    this.change(() => {
      if (Object.keys(configs).length === 0) this.clientMetricsByName.delete(name);
      else this.clientMetricsByName.set(name, { ...configs });
    });
  }

  /** Producer ids must not repeat across restarts, so the counter is part of the snapshot. */
  allocateProducerId(): number {
    return this.change(() => this.nextProducerId++);
  }

  private index(t: TopicMetadata): void {
    this.topics.set(t.name, t);
    this.byId.set(t.topicId, t);
  }

  /**
   * Makes several changes with one snapshot write (CreateTopics of 1,000 topics must not rewrite
   * a growing file 1,000 times). The write happens before this returns, so a request is answered
   * only once its changes are durable. If it fails, every change of the batch is undone and a
   * KafkaStorageError is thrown (the caller undoes what it did beside the registry).
   */
  batch<T>(changes: () => T): T {
    if (this.batchDepth === 0) this.beforeBatch = this.save();
    this.batchDepth++;
    try {
      return changes();
    } finally {
      if (--this.batchDepth === 0) {
        const before = this.beforeBatch!;
        this.beforeBatch = null;
        if (this.dirty) this.persistOrRestore(before);
      }
    }
  }

  /** Applies one change and writes the snapshot (at the end of the batch, inside one). */
  private change<T>(mutate: () => T): T {
    if (this.batchDepth > 0) {
      const result = mutate();
      this.dirty = true;
      return result;
    }
    const before = this.save();
    const result = mutate();
    this.persistOrRestore(before);
    return result;
  }

  private persistOrRestore(before: SavedState): void {
    try {
      this.persist();
    } catch (err) {
      this.restore(before);
      throw new KafkaStorageError(`Error while writing the cluster metadata snapshot ${this.file}`, { cause: err });
    }
  }

  /** The state to restore; TopicMetadata objects keep their identity (others hold them). */
  private save(): SavedState {
    return {
      topics: [...this.topics.values()].map((topic) => ({ topic, partitions: topic.partitions, configs: topic.configs })),
      nextProducerId: this.nextProducerId,
      brokerConfigs: [...this.brokerConfigsByResource],
      clientMetrics: [...this.clientMetricsByName],
      endOffset: this.endOffset,
    };
  }

  private restore(state: SavedState): void {
    this.topics.clear();
    this.byId.clear();
    for (const { topic, partitions, configs } of state.topics) {
      topic.partitions = partitions;
      topic.configs = configs;
      this.index(topic);
    }
    this.nextProducerId = state.nextProducerId;
    this.brokerConfigsByResource.clear();
    for (const [resource, configs] of state.brokerConfigs) this.brokerConfigsByResource.set(resource, configs);
    this.clientMetricsByName.clear();
    for (const [name, configs] of state.clientMetrics) this.clientMetricsByName.set(name, configs);
    this.endOffset = state.endOffset;
    this.dirty = false;
  }

  private persist(): void {
    this.dirty = false;
    // Each write is one more record in the metadata log (a failed write is undone by restore()).
    this.endOffset++;
    const snapshot: Snapshot = {
      version: 1,
      clusterId: this.clusterId,
      nextProducerId: this.nextProducerId,
      topics: [...this.topics.values()],
      brokerConfigs: Object.fromEntries(this.brokerConfigsByResource),
      clientMetrics: Object.fromEntries(this.clientMetricsByName),
      quorum: { leaderEpoch: this.leaderEpoch, endOffset: this.endOffset },
    };
    writeFileAtomic(this.file, JSON.stringify(snapshot, null, 1));
  }
}

/** A random UUID in Kafka's text form (URL-safe base64, no padding); never the zero UUID. */
export function randomUuid(): string {
  const b = randomBytes(16);
  // Kafka's Uuid.randomUuid avoids ids starting with '-' (they confuse command lines).
  let s = b.toString('base64url');
  while (s.startsWith('-') || s === 'AAAAAAAAAAAAAAAAAAAAAA') s = randomBytes(16).toString('base64url');
  return s;
}

/** Kafka's topic name rules (Topic.validate). Returns the reason text or null when legal. */
export function invalidTopicNameReason(name: string): string | null {
  if (name.length === 0) return 'the empty string is not allowed';
  if (name === '.') return "'.' is not allowed";
  if (name === '..') return "'..' is not allowed";
  if (name.length > 249) return `the length of '${name}' is longer than the max allowed length 249`;
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) {
    return `'${name}' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'`;
  }
  return null;
}
