// The single-node broker: owns the config, the topic registry, the partition logs, the group
// coordinator and the listeners, and is what every API handler reaches through its context.
import { LogManager, logTaskIntervalsFrom, startLogTasks, type LogConfig, type PartitionLog } from './log/index.js';
import { BrokerConfig } from './config.js';
import { decompress } from '../protocol/records/compression/index.js';
import { createLogger, type Logger, type LogLevel, type LogSink } from './logger.js';
import { TopicRegistry, type TopicMetadata } from './metadata/topic-registry.js';
import { ensureMetaProperties } from './metadata/meta-properties.js';
import { effectiveTopicConfig } from './topic-configs.js';
import { logConfigFrom, topicSettingsFrom, type TopicSettings } from './topic-settings.js';
import { lookupPartition, type PartitionLookup } from './partition-lookup.js';
import { ErrorCode, KafkaError } from '../protocol/errors.js';
import { HandlerRegistry } from './apis/registry.js';
import { ALL_HANDLERS } from './apis/index.js';
import type { ApiHandler } from './apis/handler.js';
import { ListenerGroup } from './network/listener.js';
import { GroupCoordinator, groupCoordinatorConfigFrom } from './groups/index.js';
import { LogCleaner, logCleanerConfigFrom } from './log/cleaner/index.js';
import { LockedLogDirs } from './log-dirs.js';
import { TransactionCoordinator } from './txn/transaction-coordinator.js';
import { loadCrc32c } from '../storage/crc32c.js';

export interface BrokerOptions {
  config: BrokerConfig;
  logLevel?: LogLevel;
  logSink?: LogSink;
  /** The API handlers to serve; all of them (ALL_HANDLERS) unless a test substitutes a faulty one. */
  handlers?: ReadonlyArray<ApiHandler<any>>;
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
  /** Transactional ids and their transactions (Kafka's TransactionCoordinator). */
  readonly transactions: TransactionCoordinator;
  /** Compaction of cleanup.policy=compact logs (Kafka's LogCleaner). */
  readonly cleaner: LogCleaner;
  /** fetch.max.bytes, read once: Kafka does not update it dynamically. */
  readonly fetchMaxBytes: number;
  private readonly listeners: ListenerGroup;
  /** Every topic's effective settings, recomputed when its configs or the broker's change. */
  private readonly settings = new Map<string, TopicSettings>();
  private readonly partitionSource = {
    log: (topic: string, partition: number) => this.logs.get(topic, partition) ?? this.recreateMissingLog(topic, partition),
    settings: (topic: string) => this.settings.get(topic),
  };
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
    this.fetchMaxBytes = this.config.int('fetch.max.bytes');
    const logDirs = this.config.logDirs;
    this.topics = TopicRegistry.open(logDirs[0]!);
    // Dynamic broker configs (AlterConfigs) live in the cluster metadata; install them before any LogConfig is computed.
    this.config.setDynamicConfigs(this.topics.brokerConfigs(String(this.nodeId)), this.topics.brokerConfigs(''));
    for (const d of logDirs) ensureMetaProperties(d, this.nodeId, this.topics.clusterId);
    this.refreshSettings(this.topics.all());
    this.logs = LogManager.open({
      logDirs,
      defaultConfig: this.logConfigFor({}),
      topicConfig: (name) => this.settings.get(name)?.log,
      // ListOffsets by timestamp answers per record, which needs compressed batches opened.
      decompress,
      warn: (m) => this.logger.warn(m),
      info: (m) => this.logger.info(m),
      error: (m) => this.logger.error(m),
      producerIdExpirationMs: this.config.int('producer.id.expiration.ms'),
    });
    this.cleaner = new LogCleaner({
      logDirs,
      logs: () => this.logs.all(),
      config: logCleanerConfigFrom(this.config),
      info: (m) => this.logger.info(m),
      warn: (m) => this.logger.warn(m),
    });
    this.apis = new HandlerRegistry(opts.handlers ?? ALL_HANDLERS);
    this.listeners = new ListenerGroup(this, this.apis);
    this.transactions = new TransactionCoordinator(this);
    this.groups = new GroupCoordinator({
      config: groupCoordinatorConfigFrom(this.config),
      offsetsTopic: {
        partitionCount: this.config.int('offsets.topic.num.partitions'),
        log: (partition: number) => this.offsetsLog(partition),
        existingLog: (partition: number) => this.logs.get(CONSUMER_OFFSETS_TOPIC, partition),
      },
      topicExists: (topic: string, partition: number) => this.lookupPartition(topic, partition).errorCode === ErrorCode.NONE,
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
      loadCrc32c();
      broker.reconcileLogs();
      await broker.groups.load();
      // After the groups: completing a transaction caught mid-commit writes markers the groups apply.
      broker.transactions.load();
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

  /** LogConfig for these topic overrides: the overrides, else broker synonyms, else Kafka's defaults. */
  logConfigFor(overrides: Readonly<Record<string, string>>): LogConfig {
    return logConfigFrom(overrides, this.config);
  }

  /** A topic's effective settings (typed LogConfig and produce-time configs), or undefined for an unknown topic. */
  topicSettings(name: string): TopicSettings | undefined {
    return this.settings.get(name);
  }

  /** A topic config's effective value (topic override, broker synonym, default). */
  topicConfig(topic: TopicMetadata, name: string): string {
    return effectiveTopicConfig(name, topic.configs, this.config);
  }

  /**
   * Creates the topic's partition logs, then records the topic in the cluster metadata. If a log
   * cannot be created or the metadata cannot be written (out of space or descriptors), the logs
   * already made are removed and the KafkaStorageError is thrown: nothing of the topic stays.
   * Inside `topics.batch` the metadata is written when the batch ends; see createTopics.
   */
  createTopic(name: string, partitions: number, configs: Record<string, string>): TopicMetadata {
    const topicId = this.topics.newTopicId();
    const settings = topicSettingsFrom(configs, this.config);
    let created = 0;
    try {
      for (; created < partitions; created++) this.logs.create(name, created, settings.log, topicId);
      const topic = this.topics.create(name, partitions, configs, topicId);
      this.settings.set(name, settings);
      this.logger.info(`Created topic ${name} with topic ID ${topicId} and ${partitions} partition(s)`);
      return topic;
    } catch (err) {
      this.logs.discardCreated(name, range(0, created));
      throw err;
    }
  }

  /**
   * CreateTopics: each topic is created or refused with the KafkaError that stopped it, and the
   * cluster metadata is written once for all. If that write fails, every topic of the request
   * is undone (the registry undoes its part) and answered with the error.
   */
  createTopics(requests: ReadonlyArray<{ name: string; partitions: number; configs: Record<string, string> }>): Map<string, TopicMetadata | KafkaError> {
    const results = new Map<string, TopicMetadata | KafkaError>();
    try {
      this.topics.batch(() => {
        for (const { name, partitions, configs } of requests) {
          try {
            results.set(name, this.createTopic(name, partitions, configs));
          } catch (err) {
            if (!(err instanceof KafkaError)) throw err;
            results.set(name, err);
          }
        }
      });
    } catch (err) {
      if (!(err instanceof KafkaError)) throw err;
      for (const [name, result] of results) {
        if (result instanceof KafkaError) continue;
        this.settings.delete(name);
        this.logs.discardCreated(name, range(0, result.partitions));
        results.set(name, err);
      }
    }
    return results;
  }

  /**
   * CreatePartitions: each topic grown to its total or refused with the KafkaError that stopped
   * it, with one cluster-metadata write; if that fails, every growth is undone (see createTopics).
   */
  addPartitionsToTopics(requests: ReadonlyArray<{ name: string; total: number }>): Map<string, KafkaError | null> {
    const results = new Map<string, KafkaError | null>();
    const before = new Map(requests.map(({ name }) => [name, this.topics.get(name)!.partitions]));
    try {
      this.topics.batch(() => {
        for (const { name, total } of requests) {
          try {
            this.addPartitions(name, total);
            results.set(name, null);
          } catch (err) {
            if (!(err instanceof KafkaError)) throw err;
            results.set(name, err);
          }
        }
      });
    } catch (err) {
      if (!(err instanceof KafkaError)) throw err;
      for (const { name, total } of requests) {
        if (results.get(name) !== null) continue;
        this.logs.discardCreated(name, range(before.get(name)!, total));
        results.set(name, err);
      }
    }
    return results;
  }

  /** Adds partitions [current, total); on a storage error the new logs are removed and it is thrown. */
  addPartitions(name: string, total: number): void {
    const topic = this.topics.get(name)!;
    const logConfig = this.settings.get(name)!.log;
    const first = topic.partitions;
    let p = first;
    try {
      for (; p < total; p++) this.logs.create(name, p, logConfig, topic.topicId);
      this.topics.setPartitions(name, total);
    } catch (err) {
      this.logs.discardCreated(name, range(first, p));
      throw err;
    }
  }

  deleteTopic(name: string): void {
    this.topics.delete(name);
    this.settings.delete(name);
    this.logs.delete(name);
    this.logger.info(`Deleted topic ${name}`);
  }

  /** Replaces a topic's config overrides (AlterConfigs); its settings and partition logs change at once. */
  alterTopicConfigs(name: string, configs: Record<string, string>): void {
    this.topics.setConfigs(name, configs);
    this.applyTopicSettings([this.topics.get(name)!]);
  }

  /**
   * Replaces the dynamic configs of this broker (resource "<nodeId>") or the cluster default ("").
   * Every topic's settings and logs are recomputed: topics without an override fall back to these values.
   */
  alterBrokerConfigs(resourceName: string, configs: Record<string, string>): void {
    this.topics.setBrokerConfigs(resourceName, configs);
    this.config.setDynamicConfigs(this.topics.brokerConfigs(String(this.nodeId)), this.topics.brokerConfigs(''));
    this.applyTopicSettings(this.topics.all());
  }

  /** Recomputes the topics' settings and hands each partition log its new LogConfig. */
  private applyTopicSettings(topics: readonly TopicMetadata[]): void {
    const refreshed = this.refreshSettings(topics);
    topics.forEach((t, i) => {
      for (let p = 0; p < t.partitions; p++) this.logs.get(t.name, p)?.updateConfig(refreshed[i]!.log);
    });
  }

  /** Recomputes (and returns, in order) the settings of these topics from their configs and the broker's. */
  private refreshSettings(topics: readonly TopicMetadata[]): TopicSettings[] {
    return topics.map((t) => {
      const settings = topicSettingsFrom(t.configs, this.config);
      this.settings.set(t.name, settings);
      return settings;
    });
  }

  partitionLog(topic: string, partition: number): PartitionLog | undefined {
    return this.logs.get(topic, partition);
  }

  /** A partition named by topic name, with its log and settings, or UNKNOWN_TOPIC_OR_PARTITION. */
  lookupPartition(topicName: string, partition: number): PartitionLookup {
    return lookupPartition(this.partitionSource, this.topics.get(topicName), partition, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  }

  /** A partition named by topic id (Fetch v13+): UNKNOWN_TOPIC_ID for an id no topic has. */
  lookupPartitionById(topicId: string, partition: number): PartitionLookup {
    return lookupPartition(this.partitionSource, this.topics.getById(topicId), partition, ErrorCode.UNKNOWN_TOPIC_ID);
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
      this.transactions.close();
      await this.logs.drain();
      this.logs.close();
    } finally {
      // Last: the clean-shutdown markers are written before another broker may take the dirs.
      this.lockedDirs.release();
    }
  }

  /**
   * A partition the cluster metadata has but whose log is missing: start-up could not recreate
   * it (out of space or descriptors). Tried again on each use, so it comes back once it can.
   */
  private recreateMissingLog(topic: string, partition: number): PartitionLog | undefined {
    const meta = this.topics.get(topic);
    const settings = this.settings.get(topic);
    if (meta === undefined || settings === undefined || partition >= meta.partitions) return undefined;
    try {
      return this.logs.create(topic, partition, settings.log, meta.topicId);
    } catch {
      return undefined; // logged once per cause by the log manager
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
        if (!log) this.recreateMissingLog(t.name, p);
        else if (log.partitionMetadataDiffers(t.topicId)) {
          try {
            log.writePartitionMetadata(t.topicId);
          } catch (err) {
            // A full disk must not keep the broker from starting; the next start writes it.
            this.logger.error(`Error while writing ${log.dir}/partition.metadata: ${(err as Error).message}`);
          }
        }
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

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
