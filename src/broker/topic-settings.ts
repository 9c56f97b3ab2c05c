// A topic's effective settings as typed values: its LogConfig and the produce-time configs, resolved
// once from the topic's overrides and the broker's (static and dynamic) configs. The broker keeps
// one per topic and recomputes it whenever either side changes, so the produce and fetch paths
// never parse a config string.
import type { CompressionType } from '../protocol/records/compression/index.js';
import { compressionLevelFor, targetCodec } from './log-validator/recompress.js';
import type { TopicRecordRules } from './log-validator/topic-rules.js';
import type { BrokerConfig } from './config.js';
import type { LogConfig } from './log/index.js';
import { effectiveTopicConfig } from './topic-configs.js';

export interface TopicSettings {
  readonly log: LogConfig;
  /** max.message.bytes */
  readonly maxMessageBytes: number;
  /** message.timestamp.type */
  readonly timestampType: 'CreateTime' | 'LogAppendTime';
  /** message.timestamp.before/after.max.ms (or the deprecated difference); Infinity = no bound. */
  readonly timestampBounds: { readonly beforeMaxMs: number; readonly afterMaxMs: number };
  /** compression.type's codec (null for `producer`) and the compression.<codec>.level it takes. */
  readonly compression: { readonly codec: CompressionType | null; readonly level: number | undefined };
  /** cleanup.policy includes compact. */
  readonly compacted: boolean;
  /** message.downconversion.enable: Fetch v0-v3 may have v2 batches converted for them. */
  readonly downConversionEnabled: boolean;
  /** The same produce-time settings in the shape the record rules take them. */
  readonly recordRules: TopicRecordRules;
}

export function topicSettingsFrom(overrides: Readonly<Record<string, string>>, broker: BrokerConfig): TopicSettings {
  const config = (name: string) => effectiveTopicConfig(name, overrides, broker);
  const log = logConfigFrom(overrides, broker);
  const maxMessageBytes = Number(config('max.message.bytes'));
  const logAppendTime = config('message.timestamp.type') === 'LogAppendTime';
  const timestampBounds = { beforeMaxMs: timestampBound(config, 'before'), afterMaxMs: timestampBound(config, 'after') };
  const codec = targetCodec(config('compression.type'));
  const level = codec === null ? undefined : compressionLevelFor(codec, { gzip: Number(config('compression.gzip.level')), zstd: Number(config('compression.zstd.level')) });
  return {
    log,
    maxMessageBytes,
    timestampType: logAppendTime ? 'LogAppendTime' : 'CreateTime',
    timestampBounds,
    compression: { codec, level },
    compacted: log.cleanupCompact,
    downConversionEnabled: config('message.downconversion.enable').toLowerCase() === 'true',
    recordRules: {
      timestamps: { logAppendTime, ...timestampBounds },
      codec,
      compressionLevel: level,
      maxMessageBytes,
      compacted: log.cleanupCompact,
      maxUncompressedBytes: broker.int('socket.request.max.bytes'),
    },
  };
}

/** LogConfig of a topic: its overrides, else broker synonyms, else Kafka's defaults. */
export function logConfigFrom(overrides: Readonly<Record<string, string>>, broker: BrokerConfig): LogConfig {
  const num = (name: string) => {
    const v = Number(effectiveTopicConfig(name, overrides, broker));
    return v >= Number.MAX_SAFE_INTEGER ? Infinity : v;
  };
  const unlimitedIfNegative = (v: number) => (v < 0 ? Infinity : v);
  const policies = effectiveTopicConfig('cleanup.policy', overrides, broker)
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

/**
 * message.timestamp.before.max.ms / after.max.ms; left at Long.MAX_VALUE they fall back to the
 * deprecated message.timestamp.difference.max.ms, as Kafka 3.6+ does. Infinity = no bound.
 */
function timestampBound(config: (name: string) => string, which: 'before' | 'after'): number {
  const asBound = (v: string) => (Number(v) >= Number.MAX_SAFE_INTEGER ? Infinity : Number(v));
  const bound = asBound(config(`message.timestamp.${which}.max.ms`));
  return Number.isFinite(bound) ? bound : asBound(config('message.timestamp.difference.max.ms'));
}
