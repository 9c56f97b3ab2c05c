// The single-node broker: owns the config, the topic registry, the partition logs, the group
// coordinator and the listeners, and is what every API handler reaches through its context.
import { LogManager, logTaskIntervalsFrom, startLogTasks, type LogConfig, type PartitionLog } from './log/index.js';
import { BrokerConfig } from './config.js';
import { decompress } from '../protocol/records/compression/index.js';
import { createLogger, type Logger, type LogLevel, type LogSink } from './logger.js';
import { TopicRegistry, type TopicMetadata } from './metadata/topic-registry.js';
import { ensureMetaProperties } from './metadata/meta-properties.js';
import { effectiveTopicConfig } from './topic-configs.js';
import { HandlerRegistry } from './apis/registry.js';
import { ALL_HANDLERS } from './apis/index.js';
import { ListenerGroup } from './network/listener.js';
import { GroupCoordinator, groupCoordinatorConfigFrom } from './groups/index.js';
import { LogCleaner, logCleanerConfigFrom } from './log/cleaner/index.js';
import { LockedLogDirs } from './log-dirs.js';

export interface BrokerOptions {
  config: BrokerConfig;
  logLevel?: LogLevel;
  logSink?: LogSink;
}

export interface AdvertisedEndpoint {
  readonly host: string;
  readonly port: number;
}

export const CONSUMER_OFFSETS_TOPIC = '__consumer_offsets';

export class Broker {
  readonly config: BrokerConfig;
  readonly logger: Logger;
  readonly nodeId: number;
  readonly topics: TopicRegistry;
  readonly logs: LogManager;
  readonly apis: HandlerRegistry;
  readonly groups: GroupCoordinator;
  /** Compaction of cleanup.policy=compact logs (Kafka's LogCleaner). */
  readonly cleaner: LogCleaner;
  private readonly listeners: ListenerGroup;
  private endpoint: AdvertisedEndpoint = { host: 'localhost', port: 9092 };
  private timers: NodeJS.Timeout[] = [];
  private closed = false;

  private constructor(
    opts: BrokerOptions,
    /** Held from before the first file is read until close(): no second broker touches these dirs. */
    private readonly lockedDirs: LockedLogDirs,
  ) {
    this.config = opts.config;
    this.logger = createLogger('kt.server', opts.logLevel ?? 'INFO', opts.logSink);
    this.nodeId = this.config.nodeId;
    const logDirs = this.config.logDirs;
    this.topics = TopicRegistry.open(logDirs[0]!);
    // Dynamic broker configs (AlterConfigs) live in the cluster metadata; install them before any LogConfig is computed.
    this.config.setDynamicConfigs(this.topics.brokerConfigs(String(this.nodeId)), this.topics.brokerConfigs(''));
    for (const d of logDirs) ensureMetaProperties(d, this.nodeId, this.topics.clusterId);
    this.logs = LogManager.open({
      logDirs,
      defaultConfig: this.logConfigFor({}),
      topicConfig: (name) => {
        const t = this.topics.get(name);
        return t ? this.logConfigFor(t.configs) : undefined;
      },
      // ListOffsets by timestamp answers per record, which needs compressed batches opened.
      decompress,
      warn: (m) => this.logger.warn(m),
      info: (m) => this.logger.info(m),
    });
    this.cleaner = new LogCleaner({
      logDirs,
      logs: () => this.logs.all(),
      config: logCleanerConfigFrom(this.config),
      info: (m) => this.logger.info(m),
      warn: (m) => this.logger.warn(m),
    });
    this.apis = new HandlerRegistry(ALL_HANDLERS);
    this.listeners = new ListenerGroup(this, this.apis);
    this.groups = new GroupCoordinator({
      config: groupCoordinatorConfigFrom(this.config),
      offsetsTopic: {
        partitionCount: this.config.int('offsets.topic.num.partitions'),
        log: (partition: number) => this.offsetsLog(partition),
        existingLog: (partition: number) => this.logs.get(CONSUMER_OFFSETS_TOPIC, partition),
      },
      topicExists: (topic: string, partition: number) => {
        const t = this.topics.get(topic);
        return t !== undefined && partition >= 0 && partition < t.partitions;
      },
      logger: this.logger,
    });
  }

  static async start(opts: BrokerOptions): Promise<Broker> {
    // Kafka's broker accepts keys it does not know; say so, since a typo would change nothing silently.
    const configLog = createLogger('kafka.server.KafkaConfig', opts.logLevel ?? 'INFO', opts.logSink);
    for (const key of opts.config.unknownKeys()) configLog.warn(`The configuration '${key}' was supplied but isn't a known config.`);
    // Creates, validates and locks every log dir before anything reads or writes them.
    const lockedDirs = LockedLogDirs.acquire(opts.config.logDirs);
    let broker: Broker;
    try {
      broker = new Broker(opts, lockedDirs);
    } catch (e) {
      lockedDirs.release();
      throw e;
    }
    try {
      broker.reconcileLogs();
      await broker.groups.load();
      await broker.listeners.listen(broker.config.listeners);
    } catch (e) {
      await broker.close();
      throw e;
    }
    broker.endpoint = broker.computeAdvertisedEndpoint();
    broker.startBackgroundTasks();
    return broker;
  }

  /** Host and port clients are told to connect to (Metadata, FindCoordinator). */
  get advertised(): AdvertisedEndpoint {
    return this.endpoint;
  }

  get boundPorts(): number[] {
    return this.listeners.bound.map((l) => l.port);
  }

  /** LogConfig of a topic: its overrides, else broker synonyms, else Kafka's defaults. */
  logConfigFor(overrides: Readonly<Record<string, string>>): LogConfig {
    const num = (name: string) => {
      const v = Number(effectiveTopicConfig(name, overrides, this.config));
      return v >= Number.MAX_SAFE_INTEGER ? Infinity : v;
    };
    const unlimitedIfNegative = (v: number) => (v < 0 ? Infinity : v);
    const policies = effectiveTopicConfig('cleanup.policy', overrides, this.config)
      .split(',')
      .map((p) => p.trim());
    return {
      segmentBytes: num('segment.bytes'),
      segmentMs: num('segment.ms'),
      segmentJitterMs: num('segment.jitter.ms'),
      segmentIndexBytes: num('segment.index.bytes'),
      indexIntervalBytes: num('index.interval.bytes'),
      flushMessages: num('flush.messages'),
      flushMs: num('flush.ms'),
      retentionMs: unlimitedIfNegative(num('retention.ms')),
      retentionBytes: unlimitedIfNegative(num('retention.bytes')),
      cleanupDelete: policies.includes('delete'),
      cleanupCompact: policies.includes('compact'),
      fileDeleteDelayMs: num('file.delete.delay.ms'),
      deleteRetentionMs: num('delete.retention.ms'),
      minCompactionLagMs: num('min.compaction.lag.ms'),
      maxCompactionLagMs: num('max.compaction.lag.ms'),
      minCleanableDirtyRatio: num('min.cleanable.dirty.ratio'),
    };
  }

  /** A topic config's effective value (topic override, broker synonym, default). */
  topicConfig(topic: TopicMetadata, name: string): string {
    return effectiveTopicConfig(name, topic.configs, this.config);
  }

  createTopic(name: string, partitions: number, configs: Record<string, string>): TopicMetadata {
    const topic = this.topics.create(name, partitions, configs);
    const logConfig = this.logConfigFor(configs);
    for (let p = 0; p < partitions; p++) this.logs.create(name, p, logConfig, topic.topicId);
    this.logger.info(`Created topic ${name} with topic ID ${topic.topicId} and ${partitions} partition(s)`);
    return topic;
  }

  addPartitions(name: string, total: number): void {
    const topic = this.topics.get(name)!;
    const logConfig = this.logConfigFor(topic.configs);
    for (let p = topic.partitions; p < total; p++) this.logs.create(name, p, logConfig, topic.topicId);
    this.topics.setPartitions(name, total);
  }

  deleteTopic(name: string): void {
    this.topics.delete(name);
    this.logs.delete(name);
    this.logger.info(`Deleted topic ${name}`);
  }

  /** Replaces a topic's config overrides (AlterConfigs); its partition logs take the new LogConfig at once. */
  alterTopicConfigs(name: string, configs: Record<string, string>): void {
    this.topics.setConfigs(name, configs);
    this.applyLogConfigs([this.topics.get(name)!]);
  }

  /**
   * Replaces the dynamic configs of this broker (resource "<nodeId>") or the cluster default ("").
   * Every log is recomputed: topics without an override fall back to these values.
   */
  alterBrokerConfigs(resourceName: string, configs: Record<string, string>): void {
    this.topics.setBrokerConfigs(resourceName, configs);
    this.config.setDynamicConfigs(this.topics.brokerConfigs(String(this.nodeId)), this.topics.brokerConfigs(''));
    this.applyLogConfigs(this.topics.all());
  }

  private applyLogConfigs(topics: readonly TopicMetadata[]): void {
    for (const t of topics) {
      const logConfig = this.logConfigFor(t.configs);
      for (let p = 0; p < t.partitions; p++) this.logs.get(t.name, p)?.updateConfig(logConfig);
    }
  }

  partitionLog(topic: string, partition: number): PartitionLog | undefined {
    return this.logs.get(topic, partition);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      for (const t of this.timers) clearInterval(t);
      // A cleaning round in progress aborts at its next step and removes its .cleaned files.
      await this.cleaner.stop();
      await this.listeners.close();
      this.groups.close();
      this.logs.close();
    } finally {
      // Last: the clean-shutdown markers are written before another broker may take the dirs.
      this.lockedDirs.release();
    }
  }

  /** Kafka creates __consumer_offsets on first use (FindCoordinator); so do we. */
  private offsetsLog(partition: number): PartitionLog {
    if (!this.topics.has(CONSUMER_OFFSETS_TOPIC)) {
      this.createTopic(CONSUMER_OFFSETS_TOPIC, this.config.int('offsets.topic.num.partitions'), {
        'cleanup.policy': 'compact',
        'compression.type': 'producer',
        'segment.bytes': String(this.config.int('offsets.topic.segment.bytes')),
      });
    }
    return this.logs.get(CONSUMER_OFFSETS_TOPIC, partition)!;
  }

  /**
   * The registry is the source of truth for which topics exist: a partition directory the
   * registry does not know (e.g. a crash between deleting the metadata and the files) is
   * removed, and a missing one is created empty.
   */
  private reconcileLogs(): void {
    const known = new Set<string>();
    for (const t of this.topics.all()) {
      for (let p = 0; p < t.partitions; p++) {
        known.add(`${t.name}-${p}`);
        const log = this.logs.get(t.name, p);
        if (!log) this.logs.create(t.name, p, this.logConfigFor(t.configs), t.topicId);
        else if (log.partitionMetadataDiffers(t.topicId)) log.writePartitionMetadata(t.topicId);
      }
    }
    for (const log of this.logs.all()) {
      if (!known.has(`${log.topic}-${log.partition}`)) {
        this.logger.warn(`Removing partition directory ${log.dir}: topic ${log.topic} is not in the cluster metadata`);
        log.delete();
      }
    }
  }

  private computeAdvertisedEndpoint(): AdvertisedEndpoint {
    const first = this.listeners.bound[0];
    if (!first) throw new Error('No client listener configured (listeners)');
    const advertised = this.config.advertisedListeners?.find((l) => l.name === first.name);
    const host = advertised?.host || first.host;
    const port = advertised && advertised.port !== 0 ? advertised.port : first.port;
    // Kafka advertises the machine's canonical host name for a wildcard listener; a local
    // broker is far more useful advertising a name every local client can resolve.
    const wildcard = host === '' || host === '0.0.0.0' || host === '::';
    return { host: wildcard ? 'localhost' : host, port };
  }

  private startBackgroundTasks(): void {
    // Retention, the flush.ms flusher and the offset checkpoints (src/broker/log/log-tasks.ts).
    this.timers.push(...startLogTasks(this.logs, logTaskIntervalsFrom(this.config), (m) => this.logger.error(m)));
    this.cleaner.start();
  }
}
