// Per-partition log settings, named after Kafka's topic configs (segment.bytes -> segmentBytes).
// Parsing topic/broker config strings into this shape is the metadata layer's job.

export interface LogConfig {
  /** segment.bytes: roll before the active segment would grow past this. */
  segmentBytes: number;
  /** segment.ms: roll once this much time separates a new append from the segment's first batch. */
  segmentMs: number;
  /** segment.jitter.ms: each segment subtracts a random [0, min(jitter, segment.ms)) from segment.ms. */
  segmentJitterMs: number;
  /** segment.index.bytes: bounds the entries of .index (/8) and .timeindex (/12); full -> roll. */
  segmentIndexBytes: number;
  /** index.interval.bytes: bytes appended between two sparse index entries. */
  indexIntervalBytes: number;
  /** flush.messages: fsync once this many messages (offsets) are unflushed. Infinity = never. */
  flushMessages: number;
  /** flush.ms: fsync once the last flush is older than this. Infinity = never. */
  flushMs: number;
  /** retention.ms: delete a segment once its largest timestamp is older than this. Infinity = never (-1). */
  retentionMs: number;
  /** retention.bytes: delete the oldest segments while the log is larger than this. Infinity = never (-1). */
  retentionBytes: number;
  /** cleanup.policy contains "delete": retention applies. */
  cleanupDelete: boolean;
  /** cleanup.policy contains "compact": the log cleaner keeps the latest record per key. */
  cleanupCompact: boolean;
  /** file.delete.delay.ms: a deleted segment's files stay (renamed `.deleted`) this long. */
  fileDeleteDelayMs: number;
  /** delete.retention.ms: how long a compacted log keeps tombstones (and transaction markers). */
  deleteRetentionMs: number;
  /** min.compaction.lag.ms: records younger than this are never compacted. */
  minCompactionLagMs: number;
  /** max.compaction.lag.ms: a dirty record older than this makes the log cleanable whatever its ratio. Infinity = never. */
  maxCompactionLagMs: number;
  /** min.cleanable.dirty.ratio: clean once dirty bytes / total bytes reaches this. */
  minCleanableDirtyRatio: number;
}

/** Kafka's defaults (Long.MAX_VALUE flush settings become Infinity). */
export const DEFAULT_LOG_CONFIG: Readonly<LogConfig> = Object.freeze({
  segmentBytes: 1024 * 1024 * 1024,
  segmentMs: 7 * 24 * 60 * 60 * 1000,
  segmentJitterMs: 0,
  segmentIndexBytes: 10 * 1024 * 1024,
  indexIntervalBytes: 4096,
  flushMessages: Infinity,
  flushMs: Infinity,
  retentionMs: 7 * 24 * 60 * 60 * 1000,
  retentionBytes: Infinity,
  cleanupDelete: true,
  cleanupCompact: false,
  fileDeleteDelayMs: 60_000,
  deleteRetentionMs: 24 * 60 * 60 * 1000,
  minCompactionLagMs: 0,
  maxCompactionLagMs: Infinity,
  minCleanableDirtyRatio: 0.5,
});

/**
 * Kafka's LogConfig.maxSegmentMs: a compacted log also rolls by max.compaction.lag.ms, so that a
 * record cannot wait in the (never cleaned) active segment longer than the lag allows.
 */
export function maxSegmentMs(config: LogConfig): number {
  return config.cleanupCompact && config.maxCompactionLagMs > 0 ? Math.min(config.maxCompactionLagMs, config.segmentMs) : config.segmentMs;
}
