// Group coordinator settings: Kafka's broker keys and defaults (GroupCoordinatorConfig).

export interface GroupCoordinatorConfig {
  /** group.initial.rebalance.delay.ms: how long an Empty group waits for more members before its first generation. */
  readonly groupInitialRebalanceDelayMs: number;
  /** group.min.session.timeout.ms */
  readonly groupMinSessionTimeoutMs: number;
  /** group.max.session.timeout.ms */
  readonly groupMaxSessionTimeoutMs: number;
  /** group.max.size */
  readonly groupMaxSize: number;
  /** offset.metadata.max.bytes: longest accepted commit metadata, in UTF-16 code units as Java counts. */
  readonly offsetMetadataMaxBytes: number;
  /** offsets.topic.num.partitions */
  readonly offsetsTopicNumPartitions: number;
  /** offsets.retention.minutes, in ms: how long offsets outlive their group's last member (offset-expiration.ts). */
  readonly offsetsRetentionMs: number;
  /** offsets.retention.check.interval.ms: how often expired offsets are removed. */
  readonly offsetsRetentionCheckIntervalMs: number;
}

export const DEFAULT_GROUP_COORDINATOR_CONFIG: GroupCoordinatorConfig = {
  groupInitialRebalanceDelayMs: 3000,
  groupMinSessionTimeoutMs: 6000,
  groupMaxSessionTimeoutMs: 1_800_000,
  groupMaxSize: 2_147_483_647,
  offsetMetadataMaxBytes: 4096,
  offsetsTopicNumPartitions: 50,
  offsetsRetentionMs: 10080 * 60_000,
  offsetsRetentionCheckIntervalMs: 600_000,
};

/** Reads the coordinator keys from anything with Kafka-style typed getters (BrokerConfig). */
export function groupCoordinatorConfigFrom(source: { int(key: string): number; long(key: string): number }): GroupCoordinatorConfig {
  return {
    groupInitialRebalanceDelayMs: source.int('group.initial.rebalance.delay.ms'),
    groupMinSessionTimeoutMs: source.int('group.min.session.timeout.ms'),
    groupMaxSessionTimeoutMs: source.int('group.max.session.timeout.ms'),
    groupMaxSize: source.int('group.max.size'),
    offsetMetadataMaxBytes: source.int('offset.metadata.max.bytes'),
    offsetsTopicNumPartitions: source.int('offsets.topic.num.partitions'),
    offsetsRetentionMs: source.int('offsets.retention.minutes') * 60_000,
    offsetsRetentionCheckIntervalMs: source.long('offsets.retention.check.interval.ms'),
  };
}
