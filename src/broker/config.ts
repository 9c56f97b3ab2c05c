// Broker configuration: Kafka's key names, types and defaults (server.properties + --override).
// Values are kept as the strings the user gave, so DescribeConfigs can report them as written;
// typed getters apply Kafka's defaults and synonym rules.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type ConfigType = 'int' | 'long' | 'short' | 'double' | 'boolean' | 'string' | 'list' | 'password' | 'class';

export interface BrokerConfigKey {
  readonly type: ConfigType;
  /** Kafka's default as text; null = no default. */
  readonly default: string | null;
}

const LONG_MAX = '9223372036854775807';

/**
 * The broker keys kt reads (a subset of Kafka's 338). Other keys from server.properties are
 * accepted and kept (Kafka logs them as unused too); they do not change behaviour.
 */
export const BROKER_CONFIG_KEYS: Readonly<Record<string, BrokerConfigKey>> = {
  'process.roles': { type: 'list', default: '' },
  'node.id': { type: 'int', default: '-1' },
  'broker.id': { type: 'int', default: '-1' },
  listeners: { type: 'string', default: 'PLAINTEXT://:9092' },
  'advertised.listeners': { type: 'string', default: null },
  'listener.security.protocol.map': {
    type: 'string',
    default: 'SASL_SSL:SASL_SSL,PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT',
  },
  'controller.listener.names': { type: 'string', default: null },
  'log.dirs': { type: 'string', default: null },
  'log.dir': { type: 'string', default: '/tmp/kafka-logs' },
  'num.partitions': { type: 'int', default: '1' },
  'default.replication.factor': { type: 'int', default: '1' },
  'auto.create.topics.enable': { type: 'boolean', default: 'true' },
  'delete.topic.enable': { type: 'boolean', default: 'true' },
  'message.max.bytes': { type: 'int', default: '1048588' },
  'socket.request.max.bytes': { type: 'int', default: '104857600' },
  'socket.send.buffer.bytes': { type: 'int', default: '102400' },
  'socket.receive.buffer.bytes': { type: 'int', default: '102400' },
  'connections.max.idle.ms': { type: 'long', default: '600000' },
  'fetch.max.bytes': { type: 'int', default: '57671680' },
  'max.request.partition.size.limit': { type: 'int', default: '2000' },
  'min.insync.replicas': { type: 'int', default: '1' },
  'unclean.leader.election.enable': { type: 'boolean', default: 'false' },
  'compression.type': { type: 'string', default: 'producer' },
  'compression.gzip.level': { type: 'int', default: '-1' },
  'compression.lz4.level': { type: 'int', default: '9' },
  'compression.zstd.level': { type: 'int', default: '3' },
  'log.segment.bytes': { type: 'int', default: '1073741824' },
  'log.roll.ms': { type: 'long', default: null },
  'log.roll.hours': { type: 'int', default: '168' },
  'log.roll.jitter.ms': { type: 'long', default: null },
  'log.roll.jitter.hours': { type: 'int', default: '0' },
  'log.retention.ms': { type: 'long', default: null },
  'log.retention.minutes': { type: 'int', default: null },
  'log.retention.hours': { type: 'int', default: '168' },
  'log.retention.bytes': { type: 'long', default: '-1' },
  'log.retention.check.interval.ms': { type: 'long', default: '300000' },
  'log.segment.delete.delay.ms': { type: 'long', default: '60000' },
  'log.cleanup.policy': { type: 'list', default: 'delete' },
  'log.index.size.max.bytes': { type: 'int', default: '10485760' },
  'log.index.interval.bytes': { type: 'int', default: '4096' },
  'log.flush.interval.messages': { type: 'long', default: LONG_MAX },
  'log.flush.interval.ms': { type: 'long', default: null },
  'log.flush.scheduler.interval.ms': { type: 'long', default: LONG_MAX },
  'log.flush.offset.checkpoint.interval.ms': { type: 'int', default: '60000' },
  'log.preallocate': { type: 'boolean', default: 'false' },
  'log.message.timestamp.type': { type: 'string', default: 'CreateTime' },
  'log.message.timestamp.before.max.ms': { type: 'long', default: LONG_MAX },
  'log.message.timestamp.after.max.ms': { type: 'long', default: LONG_MAX },
  'log.message.timestamp.difference.max.ms': { type: 'long', default: LONG_MAX },
  'log.message.format.version': { type: 'string', default: '3.0-IV1' },
  'log.message.downconversion.enable': { type: 'boolean', default: 'true' },
  'log.local.retention.ms': { type: 'long', default: '-2' },
  'log.local.retention.bytes': { type: 'long', default: '-2' },
  'log.cleaner.enable': { type: 'boolean', default: 'true' },
  'log.cleaner.min.cleanable.ratio': { type: 'double', default: '0.5' },
  'log.cleaner.delete.retention.ms': { type: 'long', default: '86400000' },
  'log.cleaner.min.compaction.lag.ms': { type: 'long', default: '0' },
  'log.cleaner.max.compaction.lag.ms': { type: 'long', default: LONG_MAX },
  'group.initial.rebalance.delay.ms': { type: 'int', default: '3000' },
  'group.min.session.timeout.ms': { type: 'int', default: '6000' },
  'group.max.session.timeout.ms': { type: 'int', default: '1800000' },
  'group.max.size': { type: 'int', default: '2147483647' },
  'offsets.topic.num.partitions': { type: 'int', default: '50' },
  'offsets.topic.replication.factor': { type: 'short', default: '3' },
  'offsets.topic.segment.bytes': { type: 'int', default: '104857600' },
  'offsets.retention.minutes': { type: 'int', default: '10080' },
  'offsets.retention.check.interval.ms': { type: 'long', default: '600000' },
  'offset.metadata.max.bytes': { type: 'int', default: '4096' },
  'transaction.state.log.num.partitions': { type: 'int', default: '50' },
  'transaction.max.timeout.ms': { type: 'int', default: '900000' },
};

/** A listener as parsed from `listeners`: `NAME://host:port`. */
export interface ListenerSpec {
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

export class ConfigError extends Error {}

export class BrokerConfig {
  /** Only the keys the user set (file, then overrides), as strings. */
  readonly values: ReadonlyMap<string, string>;

  constructor(values: Record<string, string> | Map<string, string> = {}) {
    this.values = new Map(values instanceof Map ? values : Object.entries(values));
    this.validate();
  }

  /** The user's value or Kafka's default (null when neither exists). */
  raw(key: string): string | null {
    const v = this.values.get(key);
    if (v !== undefined) return v;
    return BROKER_CONFIG_KEYS[key]?.default ?? null;
  }

  isSet(key: string): boolean {
    return this.values.has(key);
  }

  int(key: string): number {
    const v = this.raw(key);
    if (v === null) throw new ConfigError(`Missing required configuration "${key}" which has no default value.`);
    return parseNumber(key, v);
  }

  /** long values; Long.MAX_VALUE and anything beyond 2^53 become Infinity ("never"). */
  long(key: string): number {
    return this.int(key);
  }

  optionalLong(key: string): number | null {
    const v = this.raw(key);
    return v === null ? null : parseNumber(key, v);
  }

  bool(key: string): boolean {
    const v = (this.raw(key) ?? 'false').trim().toLowerCase();
    if (v !== 'true' && v !== 'false') {
      throw new ConfigError(`Invalid value ${this.raw(key)} for configuration ${key}: Expected value to be either true or false`);
    }
    return v === 'true';
  }

  string(key: string): string | null {
    return this.raw(key);
  }

  get nodeId(): number {
    const nodeId = this.int('node.id');
    const brokerId = this.int('broker.id');
    if (nodeId >= 0) return nodeId;
    if (brokerId >= 0) return brokerId;
    // kt needs no quorum set-up, so an unset node.id means broker 1 (Kafka's quickstart value).
    return 1;
  }

  get logDirs(): string[] {
    const dirs = this.values.get('log.dirs') ?? this.values.get('log.dir');
    if (dirs === undefined) return [join(tmpdir(), 'kt-logs')];
    return dirs
      .split(',')
      .map((d) => d.trim())
      .filter((d) => d.length > 0);
  }

  /** Client listeners (controller listeners are never served to clients). */
  get listeners(): ListenerSpec[] {
    const controllerNames = new Set(splitList(this.raw('controller.listener.names') ?? ''));
    return parseListeners(this.raw('listeners') ?? '').filter((l) => !controllerNames.has(l.name));
  }

  get advertisedListeners(): ListenerSpec[] | null {
    const v = this.raw('advertised.listeners');
    return v === null ? null : parseListeners(v);
  }

  /** segment.ms fallback chain: log.roll.ms, then log.roll.hours. */
  get logRollMs(): number {
    return this.optionalLong('log.roll.ms') ?? this.int('log.roll.hours') * 3_600_000;
  }

  get logRollJitterMs(): number {
    return this.optionalLong('log.roll.jitter.ms') ?? this.int('log.roll.jitter.hours') * 3_600_000;
  }

  /** retention.ms fallback chain: log.retention.ms, .minutes, .hours. Stored for retention (a later issue). */
  get logRetentionMs(): number {
    const ms = this.optionalLong('log.retention.ms');
    if (ms !== null) return ms;
    const minutes = this.optionalLong('log.retention.minutes');
    if (minutes !== null) return minutes * 60_000;
    return this.int('log.retention.hours') * 3_600_000;
  }

  /** flush.ms fallback chain: log.flush.interval.ms, then log.flush.scheduler.interval.ms. */
  get logFlushIntervalMs(): number {
    return this.optionalLong('log.flush.interval.ms') ?? this.long('log.flush.scheduler.interval.ms');
  }

  private validate(): void {
    for (const [key, value] of this.values) {
      const def = BROKER_CONFIG_KEYS[key];
      if (!def) continue;
      if (def.type === 'int' || def.type === 'long' || def.type === 'short') parseNumber(key, value);
      if (def.type === 'boolean') this.bool(key);
    }
    const nodeId = this.values.get('node.id');
    const brokerId = this.values.get('broker.id');
    if (nodeId !== undefined && brokerId !== undefined && nodeId.trim() !== brokerId.trim()) {
      throw new ConfigError(`You must set \`node.id\` to the same value as \`broker.id\`.`);
    }
    for (const l of this.listeners) {
      if (!Number.isInteger(l.port) || l.port < 0 || l.port > 65535) {
        throw new ConfigError(`Invalid port in listener ${l.name}: ${l.port}`);
      }
    }
  }
}

function parseNumber(key: string, value: string): number {
  const t = value.trim();
  if (!/^[-+]?\d+(\.\d+)?$/.test(t)) {
    throw new ConfigError(`Invalid value ${value} for configuration ${key}: Not a number of type ${BROKER_CONFIG_KEYS[key]?.type.toUpperCase() ?? 'LONG'}`);
  }
  const n = Number(t);
  // Long.MAX_VALUE means "never" in Kafka (flush.messages, flush.ms, timestamp bounds).
  return n >= Number.MAX_SAFE_INTEGER ? Infinity : n;
}

function splitList(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Parses Kafka's `NAME://host:port,...` listener syntax (IPv6 hosts in brackets). */
export function parseListeners(v: string): ListenerSpec[] {
  return splitList(v).map((entry) => {
    const m = /^([A-Za-z0-9_]+):\/\/(\[[^\]]*\]|[^:]*):(-?\d+)$/.exec(entry);
    if (!m) throw new ConfigError(`Error creating broker listeners from '${v}': Unable to parse ${entry} to a broker endpoint`);
    const host = m[2]!.startsWith('[') ? m[2]!.slice(1, -1) : m[2]!;
    return { name: m[1]!.toUpperCase(), host, port: Number(m[3]) };
  });
}
