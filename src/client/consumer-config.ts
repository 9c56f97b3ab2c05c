// Consumer properties as Kafka's consumer reads them (ConsumerConfig): fetch sizes and waits,
// isolation.level, auto.offset.reset, auto-commit, group settings and the assignors, validated
// with the Java client's ConfigException texts.
import { assignorsFromConfig } from './assignors.js';
import { ClientConfigError, intConfig } from './config.js';
import type { ConsumerConfig, ResetPolicy } from './kafka-consumer.js';

const bool = (props: ReadonlyMap<string, string>, key: string, fallback: boolean) => {
  const raw = props.get(key);
  if (raw === undefined) return fallback;
  const v = raw.trim().toLowerCase();
  if (v !== 'true' && v !== 'false') throw new ClientConfigError(`Invalid value ${raw} for configuration ${key}: Expected value to be either true or false`);
  return v === 'true';
};

export function autoOffsetReset(props: ReadonlyMap<string, string>): ResetPolicy {
  const raw = props.get('auto.offset.reset') ?? 'latest';
  const value = raw.trim().toLowerCase();
  if (value === 'earliest' || value === 'latest' || value === 'none') return value;
  throw new ClientConfigError(`Invalid value ${raw} for configuration auto.offset.reset: Invalid value ${raw} for configuration auto.offset.reset: String must be one of: latest, earliest, none`);
}

export function isolationLevel(props: ReadonlyMap<string, string>): number {
  const raw = props.get('isolation.level') ?? 'read_uncommitted';
  const value = raw.trim().toLowerCase();
  if (value !== 'read_committed' && value !== 'read_uncommitted') {
    throw new ClientConfigError(`Invalid value ${raw} for configuration isolation.level: String must be one of: read_committed, read_uncommitted`);
  }
  return value === 'read_committed' ? 1 : 0;
}

/** The consumer's configuration; `group.id` (when set) makes subscribe() possible. */
export function consumerConfig(props: ReadonlyMap<string, string>): ConsumerConfig {
  let assignors;
  try {
    assignors = assignorsFromConfig(props.get('partition.assignment.strategy'));
  } catch (e) {
    throw new ClientConfigError((e as Error).message);
  }
  const groupId = props.get('group.id');
  const instanceId = props.get('group.instance.id');
  const retryBackoffMs = intConfig(props, 'retry.backoff.ms', 100, 0);
  return {
    fetch: {
      minBytes: intConfig(props, 'fetch.min.bytes', 1, 0),
      maxBytes: intConfig(props, 'fetch.max.bytes', 52_428_800, 0),
      partitionMaxBytes: intConfig(props, 'max.partition.fetch.bytes', 1_048_576, 0),
      maxWaitMs: intConfig(props, 'fetch.max.wait.ms', 500, 0),
      isolationLevel: isolationLevel(props),
    },
    autoOffsetReset: autoOffsetReset(props),
    enableAutoCommit: groupId !== undefined && bool(props, 'enable.auto.commit', true),
    autoCommitIntervalMs: intConfig(props, 'auto.commit.interval.ms', 5000, 0),
    metadataMaxAgeMs: intConfig(props, 'metadata.max.age.ms', 300_000, 0),
    allowAutoCreateTopics: bool(props, 'allow.auto.create.topics', true),
    excludeInternalTopics: bool(props, 'exclude.internal.topics', true),
    retryBackoffMs,
    group:
      groupId === undefined || groupId === ''
        ? undefined
        : {
            groupId,
            groupInstanceId: instanceId === undefined || instanceId === '' ? null : instanceId,
            sessionTimeoutMs: intConfig(props, 'session.timeout.ms', 45_000, 0),
            rebalanceTimeoutMs: intConfig(props, 'max.poll.interval.ms', 300_000, 1),
            heartbeatIntervalMs: intConfig(props, 'heartbeat.interval.ms', 3000, 0),
            retryBackoffMs,
            assignors,
          },
  };
}
