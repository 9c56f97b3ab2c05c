// A fetch loop per partition leader on its own connection. The next Fetch is sent as soon as a
// response arrives (its offsets follow from the batch headers alone), so the broker prepares the
// next response while the caller reads the current one. Responses queue up to a small bound;
// poll() hands them out like KafkaConsumer.poll. Partitions may belong to several topics.
import { ApiKey } from '../protocol/api.js';
import { ErrorCode, errorName } from '../protocol/errors.js';
import type { FetchResponseAbortedTransaction } from '../protocol/generated/types.js';
import { Cluster, VERSIONS, type TopicLayout } from './cluster.js';
import { KafkaApiError } from './errors.js';
import type { PipelinedConnection } from './connection.js';
import { nextOffsetAfter } from './record-counter.js';

export interface FetchSettings {
  readonly maxWaitMs: number; // fetch.max.wait.ms
  readonly minBytes: number; // fetch.min.bytes
  readonly maxBytes: number; // fetch.max.bytes
  readonly partitionMaxBytes: number; // max.partition.fetch.bytes
  /** isolation.level: 0 read_uncommitted, 1 read_committed. */
  readonly isolationLevel?: number;
}

export const DEFAULT_FETCH_SETTINGS: FetchSettings = { maxWaitMs: 500, minBytes: 1, maxBytes: 52_428_800, partitionMaxBytes: 1_048_576 };

/** A partition being fetched: where its leader is and the offset of the next Fetch. */
export interface FetchPartition {
  readonly topic: string;
  readonly partition: number;
  readonly leader: number;
  fetchPosition: number;
}

export interface FetchedData {
  readonly topic: string;
  readonly partition: number;
  readonly records: Buffer;
  /** The position the fetch asked for: records below it are not to be returned. */
  readonly fetchOffset: number;
  /** read_committed: the aborted transactions the broker listed. */
  readonly aborted: FetchResponseAbortedTransaction[] | null;
}

/** A fetch answered with a leadership or metadata error: refresh metadata and fetch again. */
export class StaleMetadataError extends KafkaApiError {}

const STALE_METADATA = new Set<number>([
  ErrorCode.NOT_LEADER_OR_FOLLOWER,
  ErrorCode.LEADER_NOT_AVAILABLE,
  ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
  ErrorCode.FENCED_LEADER_EPOCH,
  ErrorCode.UNKNOWN_LEADER_EPOCH,
  ErrorCode.REPLICA_NOT_AVAILABLE,
  ErrorCode.KAFKA_STORAGE_ERROR,
  ErrorCode.OFFSET_NOT_AVAILABLE,
]);

/** Fetched responses waiting for poll() before a leader's loop pauses. */
const MAX_QUEUED = 4;

export class Fetcher {
  private readonly queue: FetchedData[][] = [];
  private pollWaiter: (() => void) | undefined;
  private spaceWaiters: Array<() => void> = [];
  private readonly connections: PipelinedConnection[] = [];
  private failure: Error | undefined;
  private closed = false;
  /** Fetch responses received (the fetch-total metric). */
  fetchCount = 0;

  constructor(
    private readonly cluster: Cluster,
    private readonly partitions: readonly FetchPartition[],
    private readonly settings: FetchSettings,
    /** OFFSET_OUT_OF_RANGE: the position to fetch from instead (auto.offset.reset), or a throw. */
    private readonly onOutOfRange: (p: FetchPartition) => Promise<number> = (p) =>
      Promise.reject(new KafkaApiError(ErrorCode.OFFSET_OUT_OF_RANGE, `Fetch position ${p.fetchPosition} is out of range for partition ${p.topic}-${p.partition}`)),
  ) {}

  /** One topic's partitions from the given positions (the perf tools' single-topic form). */
  static forTopic(cluster: Cluster, layout: TopicLayout, positions: ReadonlyMap<number, number>, settings: FetchSettings): Fetcher {
    const partitions = [...positions].map(([partition, fetchPosition]) => ({ topic: layout.name, partition, leader: layout.leaders[partition]!, fetchPosition }));
    return new Fetcher(cluster, partitions, settings);
  }

  start(): void {
    const byLeader = new Map<number, FetchPartition[]>();
    for (const p of this.partitions) {
      let list = byLeader.get(p.leader);
      if (list === undefined) byLeader.set(p.leader, (list = []));
      list.push(p);
    }
    for (const [leader, partitions] of byLeader) {
      this.run(leader, partitions).catch((e: Error) => {
        if (this.closed) return;
        this.failure ??= e;
        this.wake();
      });
    }
  }

  /** Fetched data, waiting up to `timeoutMs` for some (or a wake()); an empty array when none arrived. */
  async poll(timeoutMs: number): Promise<FetchedData[]> {
    if (this.failure !== undefined) throw this.failure;
    if (this.queue.length === 0 && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.pollWaiter = undefined;
          resolve();
        }, timeoutMs);
        this.pollWaiter = () => {
          clearTimeout(timer);
          this.pollWaiter = undefined;
          resolve();
        };
      });
    }
    if (this.failure !== undefined) throw this.failure;
    const out = this.queue.length === 1 ? this.queue[0]! : this.queue.flat();
    this.queue.length = 0;
    const waiters = this.spaceWaiters;
    this.spaceWaiters = [];
    for (const w of waiters) w();
    return out;
  }

  /** Ends a poll() that is waiting (a rebalance to run, a consumer closing). */
  wake(): void {
    this.pollWaiter?.();
  }

  close(): void {
    this.closed = true;
    for (const c of this.connections) c.close();
    for (const w of this.spaceWaiters) w();
    this.wake();
  }

  private async run(leader: number, partitions: FetchPartition[]): Promise<void> {
    const connection = await this.cluster.openDedicated(leader);
    this.connections.push(connection);
    if (this.closed) return connection.close();
    const byName = new Map<string, FetchPartition>();
    for (const p of partitions) byName.set(`${p.topic}\0${p.partition}`, p);
    let inFlight = this.request(connection, partitions);
    while (!this.closed) {
      const response = await inFlight;
      if (this.closed) return;
      this.fetchCount++;
      if (response.errorCode !== ErrorCode.NONE) throw new KafkaApiError(response.errorCode, `Fetch failed: ${errorName(response.errorCode)}`);
      const data: FetchedData[] = [];
      for (const topic of response.responses) {
        for (const p of topic.partitions) {
          const state = byName.get(`${topic.topic}\0${p.partitionIndex}`);
          if (state === undefined) continue;
          if (p.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE) {
            state.fetchPosition = await this.onOutOfRange(state);
            continue;
          }
          if (p.errorCode !== ErrorCode.NONE) {
            const message = `Fetch from ${topic.topic}-${p.partitionIndex} failed: ${errorName(p.errorCode)}`;
            throw STALE_METADATA.has(p.errorCode) ? new StaleMetadataError(p.errorCode, message) : new KafkaApiError(p.errorCode, message);
          }
          const records = p.records;
          if (records === null || records.length === 0) continue;
          const fetchOffset = state.fetchPosition;
          data.push({ topic: topic.topic, partition: p.partitionIndex, records, fetchOffset, aborted: p.abortedTransactions });
          state.fetchPosition = nextOffsetAfter(records, fetchOffset);
        }
      }
      if (data.length > 0) {
        this.queue.push(data);
        this.wake();
      }
      while (this.queue.length >= MAX_QUEUED && !this.closed) await new Promise<void>((resolve) => this.spaceWaiters.push(resolve));
      if (this.closed) return;
      inFlight = this.request(connection, partitions);
    }
  }

  private request(connection: PipelinedConnection, partitions: readonly FetchPartition[]) {
    const topics = new Map<string, FetchPartition[]>();
    for (const p of partitions) {
      let list = topics.get(p.topic);
      if (list === undefined) topics.set(p.topic, (list = []));
      list.push(p);
    }
    return connection.send(ApiKey.Fetch, VERSIONS.fetch, {
      replicaId: -1,
      maxWaitMs: this.settings.maxWaitMs,
      minBytes: this.settings.minBytes,
      maxBytes: this.settings.maxBytes,
      isolationLevel: this.settings.isolationLevel ?? 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [...topics].map(([topic, list]) => ({
        topic,
        partitions: list.map((p) => ({ partition: p.partition, currentLeaderEpoch: -1, fetchOffset: BigInt(p.fetchPosition), logStartOffset: -1n, partitionMaxBytes: this.settings.partitionMaxBytes })),
      })),
      forgottenTopicsData: [],
      rackId: '',
    });
  }
}

/** One full (sessionless) Fetch of `partitions` of a topic from their current positions. */
export function sendFetch(
  connection: PipelinedConnection,
  topic: string,
  partitions: readonly number[],
  positions: ReadonlyMap<number, number>,
  settings: FetchSettings,
) {
  return connection.send(ApiKey.Fetch, VERSIONS.fetch, {
    replicaId: -1,
    maxWaitMs: settings.maxWaitMs,
    minBytes: settings.minBytes,
    maxBytes: settings.maxBytes,
    isolationLevel: settings.isolationLevel ?? 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [
      {
        topic,
        partitions: partitions.map((partition) => ({
          partition,
          currentLeaderEpoch: -1,
          fetchOffset: BigInt(positions.get(partition)!),
          logStartOffset: -1n,
          partitionMaxBytes: settings.partitionMaxBytes,
        })),
      },
    ],
    forgottenTopicsData: [],
    rackId: '',
  });
}
