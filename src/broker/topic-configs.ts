// Topic-level configs (Kafka's LogConfig): every key kafka-topics --config accepts, its default,
// its broker synonyms in priority order, and its validator. The effective value of a topic config
// is the topic override, else the first broker synonym that is set, else the schema default.
import type { BrokerConfig, ConfigType } from './config.js';

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
}

const same = (key: string) => [{ key }];

export const TOPIC_CONFIGS: Readonly<Record<string, TopicConfigDef>> = {
  'cleanup.policy': { type: 'list', default: 'delete', synonyms: same('log.cleanup.policy'), choices: ['compact', 'delete'] },
  'compression.gzip.level': { type: 'int', default: '-1', synonyms: same('compression.gzip.level'), min: 1, max: 9, alsoAllowed: [-1] },
  'compression.lz4.level': { type: 'int', default: '9', synonyms: same('compression.lz4.level'), min: 1, max: 17 },
  'compression.type': {
    type: 'string',
    default: 'producer',
    synonyms: same('compression.type'),
    choices: ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'],
  },
  'compression.zstd.level': { type: 'int', default: '3', synonyms: same('compression.zstd.level'), min: -131072, max: 22 },
  'delete.retention.ms': { type: 'long', default: '86400000', synonyms: same('log.cleaner.delete.retention.ms'), min: 0 },
  'file.delete.delay.ms': { type: 'long', default: '60000', synonyms: same('log.segment.delete.delay.ms'), min: 0 },
  'flush.messages': { type: 'long', default: LONG_MAX, synonyms: same('log.flush.interval.messages'), min: 1 },
  'flush.ms': {
    type: 'long',
    default: LONG_MAX,
    synonyms: [{ key: 'log.flush.interval.ms' }, { key: 'log.flush.scheduler.interval.ms' }],
    min: 0,
  },
  'follower.replication.throttled.replicas': { type: 'list', default: '', synonyms: [] },
  'index.interval.bytes': { type: 'int', default: '4096', synonyms: same('log.index.interval.bytes'), min: 0 },
  'leader.replication.throttled.replicas': { type: 'list', default: '', synonyms: [] },
  'local.retention.bytes': { type: 'long', default: '-2', synonyms: same('log.local.retention.bytes'), min: -2 },
  'local.retention.ms': { type: 'long', default: '-2', synonyms: same('log.local.retention.ms'), min: -2 },
  'max.compaction.lag.ms': { type: 'long', default: LONG_MAX, synonyms: same('log.cleaner.max.compaction.lag.ms'), min: 1 },
  'max.message.bytes': { type: 'int', default: '1048588', synonyms: same('message.max.bytes'), min: 0 },
  'message.downconversion.enable': { type: 'boolean', default: 'true', synonyms: same('log.message.downconversion.enable') },
  'message.format.version': { type: 'string', default: '3.0-IV1', synonyms: same('log.message.format.version') },
  'message.timestamp.after.max.ms': { type: 'long', default: LONG_MAX, synonyms: same('log.message.timestamp.after.max.ms'), min: 0 },
  'message.timestamp.before.max.ms': { type: 'long', default: LONG_MAX, synonyms: same('log.message.timestamp.before.max.ms'), min: 0 },
  'message.timestamp.difference.max.ms': {
    type: 'long',
    default: LONG_MAX,
    synonyms: same('log.message.timestamp.difference.max.ms'),
    min: 0,
  },
  'message.timestamp.type': {
    type: 'string',
    default: 'CreateTime',
    synonyms: same('log.message.timestamp.type'),
    choices: ['CreateTime', 'LogAppendTime'],
  },
  'min.cleanable.dirty.ratio': { type: 'double', default: '0.5', synonyms: same('log.cleaner.min.cleanable.ratio'), min: 0, max: 1 },
  'min.compaction.lag.ms': { type: 'long', default: '0', synonyms: same('log.cleaner.min.compaction.lag.ms'), min: 0 },
  'min.insync.replicas': { type: 'int', default: '1', synonyms: same('min.insync.replicas'), min: 1 },
  preallocate: { type: 'boolean', default: 'false', synonyms: same('log.preallocate') },
  'remote.log.copy.disable': { type: 'boolean', default: 'false', synonyms: [] },
  'remote.log.delete.on.disable': { type: 'boolean', default: 'false', synonyms: [] },
  'remote.storage.enable': { type: 'boolean', default: 'false', synonyms: [] },
  'retention.bytes': { type: 'long', default: '-1', synonyms: same('log.retention.bytes') },
  'retention.ms': {
    type: 'long',
    default: '604800000',
    synonyms: [
      { key: 'log.retention.ms' },
      { key: 'log.retention.minutes', multiplier: 60_000 },
      { key: 'log.retention.hours', multiplier: 3_600_000 },
    ],
    min: -1,
  },
  'segment.bytes': { type: 'int', default: '1073741824', synonyms: same('log.segment.bytes'), min: 14 },
  'segment.index.bytes': { type: 'int', default: '10485760', synonyms: same('log.index.size.max.bytes'), min: 4 },
  'segment.jitter.ms': {
    type: 'long',
    default: '0',
    synonyms: [{ key: 'log.roll.jitter.ms' }, { key: 'log.roll.jitter.hours', multiplier: 3_600_000 }],
    min: 0,
  },
  'segment.ms': {
    type: 'long',
    default: '604800000',
    synonyms: [{ key: 'log.roll.ms' }, { key: 'log.roll.hours', multiplier: 3_600_000 }],
    min: 1,
  },
  'unclean.leader.election.enable': { type: 'boolean', default: 'false', synonyms: same('unclean.leader.election.enable') },
};

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/**
 * Validates one topic config as Kafka's ConfigDef does; returns Kafka's error message or null.
 * Messages match `Invalid value <v> for configuration <n>: <reason>` and `Unknown topic config name: <n>`.
 */
export function validateTopicConfig(name: string, value: string | null): string | null {
  const def = TOPIC_CONFIGS[name];
  if (!def) return `Unknown topic config name: ${name}`;
  if (value === null) return `Invalid value null for configuration ${name}: entry must be non-null`;
  const v = value.trim();
  const invalid = (reason: string) => `Invalid value ${value} for configuration ${name}: ${reason}`;
  switch (def.type) {
    case 'int':
    case 'long':
    case 'short': {
      if (!/^[-+]?\d+$/.test(v)) return invalid(`Not a number of type ${def.type.toUpperCase()}`);
      const n = Number(v);
      if (def.type === 'int' && (n < INT_MIN || n > INT_MAX)) return invalid('Not a number of type INT');
      if (def.alsoAllowed?.includes(n)) return null;
      if (def.min !== undefined && n < def.min) {
        return def.max !== undefined ? invalid(`Value must be in [${def.min},...,${def.max}]`) : invalid(`Value must be at least ${def.min}`);
      }
      if (def.max !== undefined && n > def.max) return invalid(`Value must be no more than ${def.max}`);
      return null;
    }
    case 'double': {
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v)) return invalid('Not a number of type DOUBLE');
      const n = Number(v);
      if (def.min !== undefined && n < def.min) return invalid(`Value must be at least ${def.min}`);
      if (def.max !== undefined && n > def.max) return invalid(`Value must be no more than ${def.max}`);
      return null;
    }
    case 'boolean':
      return v.toLowerCase() === 'true' || v.toLowerCase() === 'false' ? null : invalid('Expected value to be either true or false');
    case 'list': {
      if (!def.choices) return null;
      const items = v.split(',').map((s) => s.trim());
      for (const item of items) {
        if (!def.choices.includes(item.toLowerCase())) {
          return invalid(`String must be one of: ${def.choices.join(', ')}`);
        }
      }
      return null;
    }
    default:
      if (def.choices && !def.choices.includes(v)) return invalid(`String must be one of: ${def.choices.join(', ')}`);
      return null;
  }
}

export enum ConfigSource {
  Unknown = 0,
  TopicConfig = 1,
  DynamicBrokerConfig = 2,
  DynamicDefaultBrokerConfig = 3,
  StaticBrokerConfig = 4,
  DefaultConfig = 5,
}

export interface ConfigValue {
  readonly name: string;
  readonly value: string;
  readonly source: ConfigSource;
  readonly synonyms: ReadonlyArray<{ name: string; value: string; source: ConfigSource }>;
}

/**
 * Effective value and DescribeConfigs source of one topic config, computed as Kafka does
 * (kafka-tools.md §28): topic override, else the synonym chain starting at the first broker synonym.
 */
export function resolveTopicConfig(name: string, overrides: Readonly<Record<string, string>>, broker: BrokerConfig): ConfigValue {
  const def = TOPIC_CONFIGS[name];
  if (!def) throw new Error(`Unknown topic config name: ${name}`);
  const synonyms: Array<{ name: string; value: string; source: ConfigSource }> = [];
  for (const s of def.synonyms) {
    if (broker.isSet(s.key)) synonyms.push({ name: s.key, value: broker.values.get(s.key)!, source: ConfigSource.StaticBrokerConfig });
  }
  for (const s of def.synonyms) {
    const d = brokerDefault(broker, s.key);
    if (d !== null) synonyms.push({ name: s.key, value: d, source: ConfigSource.DefaultConfig });
  }
  // Kafka drops synonyms until the first one named after the highest-priority broker key.
  const first = def.synonyms[0]?.key;
  const start = synonyms.findIndex((s) => s.name === first);
  const chain = start < 0 ? [] : synonyms.slice(start);
  if (Object.prototype.hasOwnProperty.call(overrides, name)) {
    chain.unshift({ name, value: overrides[name]!, source: ConfigSource.TopicConfig });
  }
  return {
    name,
    value: effectiveTopicConfig(name, overrides, broker),
    source: chain[0]?.source ?? ConfigSource.DefaultConfig,
    synonyms: chain,
  };
}

/** The effective value of a topic config, as a string in the topic key's unit. */
export function effectiveTopicConfig(name: string, overrides: Readonly<Record<string, string>>, broker: BrokerConfig): string {
  if (Object.prototype.hasOwnProperty.call(overrides, name)) return overrides[name]!;
  const def = TOPIC_CONFIGS[name]!;
  for (const s of def.synonyms) {
    if (broker.isSet(s.key)) return convert(broker.values.get(s.key)!, s.multiplier);
  }
  for (const s of def.synonyms) {
    const d = brokerDefault(broker, s.key);
    if (d !== null) return convert(d, s.multiplier);
  }
  return def.default;
}

function brokerDefault(broker: BrokerConfig, key: string): string | null {
  return broker.isSet(key) ? null : broker.raw(key);
}

function convert(value: string, multiplier: number | undefined): string {
  if (!multiplier) return value.trim();
  return String(Number(value.trim()) * multiplier);
}
