// Cluster view for the lean client: the first reachable bootstrap server, topic metadata
// (partition leaders) and one pipelined connection per broker. API versions are pinned to ones
// every Kafka 3.x/4.x broker serves, so no ApiVersions round trip is needed.
import { ApiKey } from '../protocol/api.js';
import { ErrorCode, errorName } from '../protocol/errors.js';
import type { ConnectionSettings } from './config.js';
import { connectBootstrap } from './bootstrap.js';
import { KafkaApiError } from './errors.js';
import { PipelinedConnection } from './connection.js';

export const VERSIONS = {
  produce: 9,
  fetch: 12,
  listOffsets: 7,
  metadata: 12,
  findCoordinator: 3,
  joinGroup: 5,
  syncGroup: 3,
  heartbeat: 3,
  leaveGroup: 3,
  offsetFetch: 7,
  offsetCommit: 7,
  createTopics: 5,
} as const;

export interface TopicLayout {
  readonly name: string;
  /** leader node id per partition index */
  readonly leaders: number[];
}

export class Cluster {
  private readonly brokers = new Map<number, { host: string; port: number }>();
  private readonly connections = new Map<number, Promise<PipelinedConnection>>();

  private constructor(
    readonly bootstrap: PipelinedConnection,
    readonly settings: ConnectionSettings,
  ) {}

  static async connect(settings: ConnectionSettings): Promise<Cluster> {
    return await connectBootstrap(settings, async (connection) => new Cluster(connection, settings));
  }

  /** Leaders of a topic's partitions; retries while they are not yet known (a topic being created). */
  async topic(name: string, allowAutoCreation = true): Promise<TopicLayout> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.bootstrap.send(ApiKey.Metadata, VERSIONS.metadata, { topics: [{ name }], allowAutoTopicCreation: allowAutoCreation });
      for (const b of response.brokers) this.brokers.set(b.nodeId, { host: b.host, port: b.port });
      const topic = response.topics[0];
      const code = topic?.errorCode ?? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
      const ready = topic !== undefined && code === ErrorCode.NONE && topic.partitions.length > 0 && topic.partitions.every((p) => p.leaderId >= 0);
      if (ready) {
        const leaders: number[] = [];
        for (const p of topic.partitions) leaders[p.partitionIndex] = p.leaderId;
        return { name, leaders };
      }
      const retriable = code === ErrorCode.NONE || code === ErrorCode.LEADER_NOT_AVAILABLE || (allowAutoCreation && code === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      if (!retriable || attempt >= 50) throw new KafkaApiError(code, `Topic ${name} is not available: ${errorName(code)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Whether a topic exists (Metadata without auto-creation). */
  async topicExists(name: string): Promise<boolean> {
    const response = await this.bootstrap.send(ApiKey.Metadata, VERSIONS.metadata, { topics: [{ name }], allowAutoTopicCreation: false });
    return response.topics[0]?.errorCode === ErrorCode.NONE;
  }

  /** The connection to a broker by node id (shared; opened on first use). */
  connection(nodeId: number): Promise<PipelinedConnection> {
    let connection = this.connections.get(nodeId);
    if (connection === undefined) {
      const broker = this.brokers.get(nodeId);
      if (broker === undefined) return Promise.reject(new Error(`Unknown broker ${nodeId}`));
      connection = PipelinedConnection.open(broker.host, broker.port, this.settings.clientId, this.settings.connectTimeoutMs);
      this.connections.set(nodeId, connection);
    }
    return connection;
  }

  /** A dedicated connection to a broker, for traffic that must not queue behind others (long-poll fetches). */
  openDedicated(nodeId: number): Promise<PipelinedConnection> {
    const broker = this.brokers.get(nodeId);
    if (broker === undefined) return Promise.reject(new Error(`Unknown broker ${nodeId}`));
    return PipelinedConnection.open(broker.host, broker.port, this.settings.clientId, this.settings.connectTimeoutMs);
  }

  /** Remembers a broker address learned elsewhere (FindCoordinator). */
  addBroker(nodeId: number, host: string, port: number): void {
    if (!this.brokers.has(nodeId)) this.brokers.set(nodeId, { host, port });
  }

  async close(): Promise<void> {
    this.bootstrap.close();
    for (const c of this.connections.values()) (await c.catch(() => undefined))?.close();
  }
}
