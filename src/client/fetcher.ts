// A fetch loop per partition leader on its own connection. The next Fetch is sent as soon as a
// response arrives (its offsets follow from the batch headers alone), so the broker prepares the
// next response while the caller counts the current one. Responses queue up to a small bound;
// poll() hands them out like KafkaConsumer.poll.
import { ApiKey } from '../protocol/api.js';
import { ErrorCode, errorName } from '../protocol/errors.js';
import { Cluster, VERSIONS, type TopicLayout } from './cluster.js';
import { KafkaApiError } from './errors.js';
import type { PipelinedConnection } from './connection.js';
import { nextOffsetAfter } from './record-counter.js';

export interface FetchSettings {
  readonly maxWaitMs: number; // fetch.max.wait.ms
  readonly minBytes: number; // fetch.min.bytes
  readonly maxBytes: number; // fetch.max.bytes
  readonly partitionMaxBytes: number; // max.partition.fetch.bytes
}

export const DEFAULT_FETCH_SETTINGS: FetchSettings = { maxWaitMs: 500, minBytes: 1, maxBytes: 52_428_800, partitionMaxBytes: 1_048_576 };

export interface FetchedData {
  readonly partition: number;
  readonly records: Buffer;
  /** The position the fetch asked for: records below it are not to be returned. */
  readonly fetchOffset: number;
}

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
    private readonly layout: TopicLayout,
    /** Next offset per partition; advanced as responses arrive. */
    readonly positions: Map<number, number>,
    private readonly settings: FetchSettings,
  ) {}

  start(): void {
    const byLeader = new Map<number, number[]>();
    for (const p of this.positions.keys()) {
      const leader = this.layout.leaders[p]!;
      let list = byLeader.get(leader);
      if (list === undefined) byLeader.set(leader, (list = []));
      list.push(p);
    }
    for (const [leader, partitions] of byLeader) {
      this.run(leader, partitions).catch((e: Error) => {
        if (this.closed) return;
        this.failure ??= e;
        this.wakePoller();
      });
    }
  }

  /** Fetched data, waiting up to `timeoutMs` for some; an empty array when none arrived. */
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

  close(): void {
    this.closed = true;
    for (const c of this.connections) c.close();
    for (const w of this.spaceWaiters) w();
  }

  private async run(leader: number, partitions: number[]): Promise<void> {
    const connection = await this.cluster.openDedicated(leader);
    this.connections.push(connection);
    if (this.closed) return connection.close();
    let inFlight = this.request(connection, partitions);
    while (!this.closed) {
      const response = await inFlight;
      this.fetchCount++;
      if (response.errorCode !== ErrorCode.NONE) throw new KafkaApiError(response.errorCode, `Fetch failed: ${errorName(response.errorCode)}`);
      const data: FetchedData[] = [];
      for (const topic of response.responses) {
        for (const p of topic.partitions) {
          if (p.errorCode !== ErrorCode.NONE) {
            throw new KafkaApiError(p.errorCode, `Fetch from ${this.layout.name}-${p.partitionIndex} failed: ${errorName(p.errorCode)}`);
          }
          const records = p.records;
          if (records === null || records.length === 0) continue;
          const fetchOffset = this.positions.get(p.partitionIndex)!;
          data.push({ partition: p.partitionIndex, records, fetchOffset });
          this.positions.set(p.partitionIndex, nextOffsetAfter(records, fetchOffset));
        }
      }
      if (data.length > 0) {
        this.queue.push(data);
        this.wakePoller();
      }
      while (this.queue.length >= MAX_QUEUED && !this.closed) await new Promise<void>((resolve) => this.spaceWaiters.push(resolve));
      if (this.closed) return;
      inFlight = this.request(connection, partitions);
    }
  }

  private request(connection: PipelinedConnection, partitions: readonly number[]) {
    return sendFetch(connection, this.layout.name, partitions, this.positions, this.settings);
  }

  private wakePoller(): void {
    this.pollWaiter?.();
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
    isolationLevel: 0,
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
