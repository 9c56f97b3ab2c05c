// Broker configuration: Kafka's key names, types and defaults (server.properties + --override).
// Values are kept as the strings the user gave, so DescribeConfigs can report them as written;
// typed getters apply Kafka's defaults and synonym rules.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KAFKA_BROKER_CONFIGS } from './configs/broker-keys.js';
import { invalidValueReason } from './configs/values.js';
import { OTHER_KAFKA_BROKER_KEYS, PER_LISTENER_PREFIX } from './configs/other-broker-keys.js';
import { resolveListeners, unservedListenerReason, type ListenerSpec, type ResolvedListeners } from './configs/listeners.js';

export type ConfigType = 'int' | 'long' | 'short' | 'double' | 'boolean' | 'string' | 'list' | 'password' | 'class';

export type { BrokerConfigKey } from './configs/broker-keys.js';

/**
 * Kafka's broker keys with type and default (the catalog in configs/broker-keys.ts). Keys outside
 * it are accepted and kept (Kafka keeps unknown keys as custom configs); they change nothing.
 */
export const BROKER_CONFIG_KEYS = KAFKA_BROKER_CONFIGS;

/** The layers a broker config value can come from, highest precedence first (Kafka's defaults aside). */
export type BrokerConfigLayer = 'dynamicBroker' | 'dynamicDefault' | 'static';

export type { ListenerSpec } from './configs/listeners.js';

export class ConfigError extends Error {}

export class BrokerConfig {
  /** The static config: only the keys the user set (file, then overrides), as strings. */
  readonly values: ReadonlyMap<string, string>;

  /**
   * Dynamic configs (Kafka's KIP-226, set through AlterConfigs): this broker's own, then the
   * cluster-wide defaults. Both take precedence over the static values.
   */
  private dynamicBroker: ReadonlyMap<string, string> = new Map();
  private dynamicDefault: ReadonlyMap<string, string> = new Map();

  constructor(values: Record<string, string> | Map<string, string> = {}) {
    this.values = new Map(values instanceof Map ? values : Object.entries(values));
    this.validate();
  }

  /**
   * The keys set (file or --override) that are no Kafka broker config, in the order given: most
   * likely typos (`listener=`), which would otherwise change nothing without a word.
   */
  unknownKeys(): string[] {
    return [...this.values.keys()].filter((k) => !Object.hasOwn(BROKER_CONFIG_KEYS, k) && !OTHER_KAFKA_BROKER_KEYS.has(k) && !k.startsWith(PER_LISTENER_PREFIX));
  }

  /** Installs the dynamic layers (validated by whoever stored them). */
  setDynamicConfigs(perBroker: Readonly<Record<string, string>>, clusterDefault: Readonly<Record<string, string>>): void {
    this.dynamicBroker = new Map(Object.entries(perBroker));
    this.dynamicDefault = new Map(Object.entries(clusterDefault));
  }

  /** The value one layer sets for a key, if it sets one. */
  layerValue(key: string, layer: BrokerConfigLayer): string | undefined {
    return this.layer(layer).get(key);
  }

  /** The keys one layer sets. */
  layerKeys(layer: BrokerConfigLayer): string[] {
    return [...this.layer(layer).keys()];
  }

  private layer(layer: BrokerConfigLayer): ReadonlyMap<string, string> {
    return layer === 'dynamicBroker' ? this.dynamicBroker : layer === 'dynamicDefault' ? this.dynamicDefault : this.values;
  }

  /** The effective value: dynamic per-broker, dynamic default, static, else Kafka's default (null when none). */
  raw(key: string): string | null {
    const v = this.dynamicBroker.get(key) ?? this.dynamicDefault.get(key) ?? this.values.get(key);
    if (v !== undefined) return v;
    return BROKER_CONFIG_KEYS[key]?.default ?? null;
  }

  /** Whether any layer (dynamic or static) sets the key. */
  isSet(key: string): boolean {
    return this.dynamicBroker.has(key) || this.dynamicDefault.has(key) || this.values.has(key);
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

  /**
   * Client listeners (controller listeners are never served to clients), each with its security
   * protocol. Listeners come from the static config only: kt does not rebind sockets, so dynamic
   * listener settings are stored but inert.
   */
  get listeners(): ListenerSpec[] {
    return [...this.resolvedListeners().client];
  }

  get advertisedListeners(): ListenerSpec[] | null {
    const advertised = this.resolvedListeners().advertised;
    return advertised === null ? null : [...advertised];
  }

  private resolved: ResolvedListeners | undefined;

  private resolvedListeners(): ResolvedListeners {
    this.resolved ??= resolveListeners({
      listeners: this.staticRaw('listeners') ?? '',
      advertisedListeners: this.staticRaw('advertised.listeners'),
      // Only an explicit map turns off the KRaft default for controller listeners.
      securityProtocolMap: this.values.get('listener.security.protocol.map') ?? null,
      controllerListenerNames: this.staticRaw('controller.listener.names') ?? '',
    });
    return this.resolved;
  }

  private staticRaw(key: string): string | null {
    return this.values.get(key) ?? BROKER_CONFIG_KEYS[key]?.default ?? null;
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
    // ConfigDef.parse: each value of a known key must have its type and pass its validator.
    for (const [key, value] of this.values) {
      const def = BROKER_CONFIG_KEYS[key];
      const reason = def ? invalidValueReason(key, value, def) : null;
      if (reason) throw new ConfigError(reason);
    }
    const nodeId = this.values.get('node.id');
    const brokerId = this.values.get('broker.id');
    if (nodeId !== undefined && brokerId !== undefined && nodeId.trim() !== brokerId.trim()) {
      throw new ConfigError(`You must set \`node.id\` to the same value as \`broker.id\`.`);
    }
    for (const l of this.listeners) {
      // Java's InetSocketAddress refuses such a port when the listener binds.
      if (!Number.isSafeInteger(l.port) || l.port < 0 || l.port > 65535) throw new ConfigError(`port out of range:${l.port}`);
    }
    const unserved = unservedListenerReason(this.listeners);
    if (unserved) throw new ConfigError(unserved);
    // KafkaConfig.validateValues (Scala's require): `log.dirs=` or `log.dirs= , ` names no dir.
    if (this.logDirs.length === 0) throw new ConfigError('requirement failed: At least one log directory must be defined via log.dirs or log.dir.');
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
