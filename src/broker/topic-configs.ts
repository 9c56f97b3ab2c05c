// Topic-level configs (Kafka's LogConfig): every key kafka-topics --config accepts, its default,
// its broker synonyms in priority order, and its validator. The effective value of a topic config
// is the topic override, else the first broker synonym that is set, else the schema default.
import type { BrokerConfig, ConfigType } from './config.js';
import { ConfigSource } from './configs/config-source.js';
import { configSynonyms, type ConfigSynonym } from './configs/synonyms.js';
import { invalidValueReason, normalizeConfigValue } from './configs/values.js';

const LONG_MAX = '9223372036854775807';

export interface TopicConfigDef {
  readonly type: ConfigType;
  readonly default: string;
  /** Broker keys consulted in order; each may convert units into the topic key's unit. */
  readonly synonyms: ReadonlyArray<{ key: string; multiplier?: number }>;
  readonly min?: number;
  readonly max?: number;
  readonly choices?: readonly string[];
  /** int/long values that are allowed besides [min, max] (e.g. -1 for gzip level). */
  readonly alsoAllowed?: readonly number[];
  /** One line for DescribeConfigs' documentation. */
  readonly doc: string;
}

const same = (key: string) => [{ key }];

export const TOPIC_CONFIGS: Readonly<Record<string, TopicConfigDef>> = {
  'cleanup.policy': { type: 'list', default: 'delete', synonyms: same('log.cleanup.policy'), choices: ['compact', 'delete'], doc: 'What happens to old segments: delete (by retention time or size) and/or compact (keep the latest value per key).' },
  'compression.gzip.level': { type: 'int', default: '-1', synonyms: same('compression.gzip.level'), min: 1, max: 9, alsoAllowed: [-1], doc: 'Compression level when compression.type is gzip.' },
  'compression.lz4.level': { type: 'int', default: '9', synonyms: same('compression.lz4.level'), min: 1, max: 17, doc: 'Compression level when compression.type is lz4.' },
  'compression.type': {
    type: 'string',
    default: 'producer',
    synonyms: same('compression.type'),
    choices: ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'],
    doc: "Final compression of the topic's data: uncompressed, zstd, lz4, snappy, gzip, or producer (keep the producer's codec).",
  },
  'compression.zstd.level': { type: 'int', default: '3', synonyms: same('compression.zstd.level'), min: -131072, max: 22, doc: 'Compression level when compression.type is zstd.' },
  'delete.retention.ms': { type: 'long', default: '86400000', synonyms: same('log.cleaner.delete.retention.ms'), min: 0, doc: 'How long tombstones are kept in a compacted topic.' },
  'file.delete.delay.ms': { type: 'long', default: '60000', synonyms: same('log.segment.delete.delay.ms'), min: 0, doc: 'Time to wait before deleting a segment file from the file system.' },
  'flush.messages': { type: 'long', default: LONG_MAX, synonyms: same('log.flush.interval.messages'), min: 1, doc: 'Messages written to a partition before an fsync is forced.' },
  'flush.ms': {
    type: 'long',
    default: LONG_MAX,
    synonyms: [{ key: 'log.flush.interval.ms' }, { key: 'log.flush.scheduler.interval.ms' }],
    min: 0,
    doc: 'Maximum time before an fsync is forced.',
  },
  'follower.replication.throttled.replicas': { type: 'list', default: '', synonyms: [], doc: 'Replicas whose follower replication is throttled (partition:broker pairs or *).' },
  'index.interval.bytes': { type: 'int', default: '4096', synonyms: same('log.index.interval.bytes'), min: 0, doc: 'Bytes of records between two offset index entries.' },
  'leader.replication.throttled.replicas': { type: 'list', default: '', synonyms: [], doc: 'Replicas whose leader-side replication is throttled (partition:broker pairs or *).' },
  'local.retention.bytes': { type: 'long', default: '-2', synonyms: same('log.local.retention.bytes'), min: -2, doc: 'Maximum local size of a tiered partition before local segments are deleted; -2 uses retention.bytes.' },
  'local.retention.ms': { type: 'long', default: '-2', synonyms: same('log.local.retention.ms'), min: -2, doc: 'Time to keep local segments of a tiered partition; -2 uses retention.ms.' },
  'max.compaction.lag.ms': { type: 'long', default: LONG_MAX, synonyms: same('log.cleaner.max.compaction.lag.ms'), min: 1, doc: 'Maximum time a message stays ineligible for compaction.' },
  'max.message.bytes': { type: 'int', default: '1048588', synonyms: same('message.max.bytes'), min: 0, doc: 'Largest record batch size accepted (after compression).' },
  'message.downconversion.enable': { type: 'boolean', default: 'true', synonyms: same('log.message.downconversion.enable'), doc: 'Allow down-conversion of message formats for old consumers (deprecated).' },
  'message.format.version': { type: 'string', default: '3.0-IV1', synonyms: same('log.message.format.version'), doc: 'Message format version (deprecated, ignored from 3.0).' },
  'message.timestamp.after.max.ms': { type: 'long', default: LONG_MAX, synonyms: same('log.message.timestamp.after.max.ms'), min: 0, doc: "Maximum amount a record timestamp may lie after the broker's time." },
  'message.timestamp.before.max.ms': { type: 'long', default: LONG_MAX, synonyms: same('log.message.timestamp.before.max.ms'), min: 0, doc: "Maximum amount a record timestamp may lie before the broker's time." },
  'message.timestamp.difference.max.ms': {
    type: 'long',
    default: LONG_MAX,
    synonyms: same('log.message.timestamp.difference.max.ms'),
    min: 0,
    doc: "Maximum difference between a record timestamp and the broker's time (deprecated).",
  },
  'message.timestamp.type': {
    type: 'string',
    default: 'CreateTime',
    synonyms: same('log.message.timestamp.type'),
    choices: ['CreateTime', 'LogAppendTime'],
    doc: "Whether record timestamps are the producer's (CreateTime) or the broker's (LogAppendTime).",
  },
  'min.cleanable.dirty.ratio': { type: 'double', default: '0.5', synonyms: same('log.cleaner.min.cleanable.ratio'), min: 0, max: 1, doc: 'Minimum ratio of dirty log to total log for the log to be compacted.' },
  'min.compaction.lag.ms': { type: 'long', default: '0', synonyms: same('log.cleaner.min.compaction.lag.ms'), min: 0, doc: 'Minimum time a message stays uncompacted.' },
  'min.insync.replicas': { type: 'int', default: '1', synonyms: same('min.insync.replicas'), min: 1, doc: 'Minimum in-sync replicas needed for an acks=all write.' },
  preallocate: { type: 'boolean', default: 'false', synonyms: same('log.preallocate'), doc: 'Preallocate the file when creating a new segment.' },
  'remote.log.copy.disable': { type: 'boolean', default: 'false', synonyms: [], doc: 'Stop copying segments of a tiered topic to remote storage.' },
  'remote.log.delete.on.disable': { type: 'boolean', default: 'false', synonyms: [], doc: 'Delete remote data when tiered storage is disabled for the topic.' },
  'remote.storage.enable': { type: 'boolean', default: 'false', synonyms: [], doc: 'Enable tiered storage for the topic.' },
  'retention.bytes': { type: 'long', default: '-1', synonyms: same('log.retention.bytes'), doc: 'Maximum size of a partition before old segments are deleted; -1 means no size limit.' },
  'retention.ms': {
    type: 'long',
    default: '604800000',
    synonyms: [
      { key: 'log.retention.ms' },
      { key: 'log.retention.minutes', multiplier: 60_000 },
      { key: 'log.retention.hours', multiplier: 3_600_000 },
    ],
    min: -1,
    doc: 'Time to keep a segment before deleting it; -1 means no time limit.',
  },
  'segment.bytes': { type: 'int', default: '1073741824', synonyms: same('log.segment.bytes'), min: 14, doc: 'Size of a segment file.' },
  'segment.index.bytes': { type: 'int', default: '10485760', synonyms: same('log.index.size.max.bytes'), min: 4, doc: 'Size of the offset index file of a segment.' },
  'segment.jitter.ms': {
    type: 'long',
    default: '0',
    synonyms: [{ key: 'log.roll.jitter.ms' }, { key: 'log.roll.jitter.hours', multiplier: 3_600_000 }],
    min: 0,
    doc: 'Maximum random jitter subtracted from segment.ms.',
  },
  'segment.ms': {
    type: 'long',
    default: '604800000',
    synonyms: [{ key: 'log.roll.ms' }, { key: 'log.roll.hours', multiplier: 3_600_000 }],
    min: 1,
    doc: 'Time after which a segment is rolled even if not full.',
  },
  'unclean.leader.election.enable': { type: 'boolean', default: 'false', synonyms: same('unclean.leader.election.enable'), doc: 'Whether replicas outside the ISR may become leader as a last resort (may lose data).' },
};

/**
 * Validates one topic config as Kafka's LogConfig does; returns Kafka's error message or null.
 * Messages match `Invalid value <v> for configuration <n>: <reason>` and `Unknown topic config name: <n>`.
 */
export function validateTopicConfig(name: string, value: string | null): string | null {
  const def = TOPIC_CONFIGS[name];
  if (!def) return `Unknown topic config name: ${name}`;
  if (value === null) return `Invalid value null for configuration ${name}: entry must be non-null`;
  return invalidValueReason(name, value, def);
}

export { ConfigSource };

export interface ConfigValue {
  readonly name: string;
  readonly value: string;
  readonly source: ConfigSource;
  readonly synonyms: readonly ConfigSynonym[];
}

/**
 * Effective value and DescribeConfigs source of one topic config, computed as Kafka does
 * (kafka-tools.md §28): the topic override, then the synonyms of the highest-priority broker key
 * (dynamic per-broker, dynamic default, static, schema default).
 */
export function resolveTopicConfig(name: string, overrides: Readonly<Record<string, string>>, broker: BrokerConfig): ConfigValue {
  const def = TOPIC_CONFIGS[name];
  if (!def) throw new Error(`Unknown topic config name: ${name}`);
  const first = def.synonyms[0]?.key;
  const chain: ConfigSynonym[] =
    first === undefined
      ? []
      : configSynonyms(
          first,
          def.synonyms.map((s) => s.key),
          broker,
          false,
        );
  if (Object.prototype.hasOwnProperty.call(overrides, name)) {
    chain.unshift({ name, value: overrides[name]!, source: ConfigSource.TopicConfig });
  }
  return {
    name,
    value: normalizeConfigValue(effectiveTopicConfig(name, overrides, broker), def.type),
    source: chain[0]?.source ?? ConfigSource.DefaultConfig,
    synonyms: chain,
  };
}

/** The effective value of a topic config, as a string in the topic key's unit. */
export function effectiveTopicConfig(name: string, overrides: Readonly<Record<string, string>>, broker: BrokerConfig): string {
  if (Object.prototype.hasOwnProperty.call(overrides, name)) return overrides[name]!;
  const def = TOPIC_CONFIGS[name]!;
  for (const s of def.synonyms) {
    if (broker.isSet(s.key)) return convert(broker.raw(s.key)!, s.multiplier);
  }
  for (const s of def.synonyms) {
    const d = broker.raw(s.key);
    if (d !== null) return convert(d, s.multiplier);
  }
  return def.default;
}

function convert(value: string, multiplier: number | undefined): string {
  if (!multiplier) return value.trim();
  return String(Number(value.trim()) * multiplier);
}
