// Which broker configs can change at runtime (Kafka's DynamicBrokerConfig.AllDynamicConfigs) and
// the checks a new set of dynamic broker configs must pass (DynamicBrokerConfig.validateConfigs).
// Keys outside Kafka's schema are custom configs: Kafka stores them and so does kt.
import { BROKER_CONFIG_KEYS } from '../config.js';
import { TOPIC_CONFIGS } from '../topic-configs.js';
import { invalidValueReason, type ValueRules } from './values.js';

/** SSL key and trust store settings: dynamic only per listener (`listener.name.<l>.<key>`). */
const SECURITY_CONFIGS = [
  'ssl.keystore.type',
  'ssl.keystore.location',
  'ssl.keystore.password',
  'ssl.key.password',
  'ssl.truststore.type',
  'ssl.truststore.location',
  'ssl.truststore.password',
  'ssl.keystore.certificate.chain',
  'ssl.keystore.key',
  'ssl.truststore.certificates',
];

/** Listener settings (DynamicListenerConfig): per broker only, except the three cluster-level ones. */
const LISTENER_CONFIGS = [
  'advertised.listeners',
  'listeners',
  'listener.security.protocol.map',
  'principal.builder.class',
  'ssl.protocol',
  'ssl.provider',
  'ssl.cipher.suites',
  'ssl.enabled.protocols',
  'ssl.keystore.type',
  'ssl.keystore.location',
  'ssl.keystore.password',
  'ssl.key.password',
  'ssl.truststore.type',
  'ssl.truststore.location',
  'ssl.truststore.password',
  'ssl.keymanager.algorithm',
  'ssl.trustmanager.algorithm',
  'ssl.endpoint.identification.algorithm',
  'ssl.secure.random.implementation',
  'ssl.client.auth',
  'ssl.engine.factory.class',
  'sasl.mechanism.inter.broker.protocol',
  'sasl.jaas.config',
  'sasl.enabled.mechanisms',
  'sasl.kerberos.service.name',
  'sasl.kerberos.kinit.cmd',
  'sasl.kerberos.ticket.renew.window.factor',
  'sasl.kerberos.ticket.renew.jitter',
  'sasl.kerberos.min.time.before.relogin',
  'sasl.kerberos.principal.to.local.rules',
  'sasl.login.refresh.window.factor',
  'sasl.login.refresh.window.jitter',
  'sasl.login.refresh.min.period.seconds',
  'sasl.login.refresh.buffer.seconds',
  'max.connections',
  'max.connection.creation.rate',
  'num.network.threads',
];
const CLUSTER_LEVEL_LISTENER_CONFIGS = ['max.connections', 'max.connection.creation.rate', 'num.network.threads'];

const LOG_CLEANER_CONFIGS = [
  'log.cleaner.threads',
  'log.cleaner.dedupe.buffer.size',
  'log.cleaner.io.buffer.load.factor',
  'log.cleaner.io.buffer.size',
  'message.max.bytes',
  'log.cleaner.io.max.bytes.per.second',
  'log.cleaner.backoff.ms',
];

/** The highest-priority broker synonym of every topic config (but message.format.version): the broker-wide topic defaults. */
const LOG_CONFIGS = Object.entries(TOPIC_CONFIGS)
  .filter(([name, def]) => name !== 'message.format.version' && def.synonyms.length > 0)
  .map(([, def]) => def.synonyms[0]!.key);

const OTHER_DYNAMIC_CONFIGS = [
  // DynamicThreadPool
  'num.io.threads',
  'num.replica.fetchers',
  'num.recovery.threads.per.data.dir',
  'background.threads',
  'metric.reporters',
  // SocketServer
  'max.connections.per.ip',
  'max.connections.per.ip.overrides',
  // Producer state
  'producer.id.expiration.ms',
  'transaction.partition.verification.enable',
  // Remote log manager
  'remote.log.index.file.cache.total.size.bytes',
  'remote.fetch.max.wait.ms',
  'remote.log.manager.copy.max.bytes.per.second',
  'remote.log.manager.fetch.max.bytes.per.second',
  'remote.list.offsets.request.timeout.ms',
];

/** Every broker key that can change without a restart (readOnly=false in DescribeConfigs). */
export const DYNAMIC_BROKER_CONFIGS: ReadonlySet<string> = new Set([...SECURITY_CONFIGS, ...LOG_CLEANER_CONFIGS, ...LOG_CONFIGS, ...OTHER_DYNAMIC_CONFIGS, ...LISTENER_CONFIGS]);

/** Dynamic keys that only make sense for one broker, never as a cluster default. */
const PER_BROKER_CONFIGS: ReadonlySet<string> = new Set(
  [...SECURITY_CONFIGS, ...LISTENER_CONFIGS].filter((k) => !CLUSTER_LEVEL_LISTENER_CONFIGS.includes(k)),
);

/** Broker quota keys: dynamic-only (not in the static schema), validated like longs >= 0. */
const BROKER_QUOTA_CONFIGS: Readonly<Record<string, ValueRules>> = {
  'leader.replication.throttled.rate': { type: 'long', min: 0 },
  'follower.replication.throttled.rate': { type: 'long', min: 0 },
  'replica.alter.log.dirs.io.max.bytes.per.second': { type: 'long', min: 0 },
};

const LISTENER_PREFIXED = /^listener\.name\.[^.]*\.(.*)$/;

/** Kafka prints these key sets as a Scala Set: `Set(a, b)`. */
const scalaSet = (keys: readonly string[]) => `Set(${keys.join(', ')})`;

/**
 * Checks a complete new set of dynamic configs for this broker (`perBroker`) or the cluster
 * default; returns Kafka's message (answered as INVALID_REQUEST) or null when it may be stored.
 */
export function invalidBrokerConfigsReason(configs: Readonly<Record<string, string>>, perBroker: boolean): string | null {
  const keys = Object.keys(configs);
  const nonDynamic = keys.filter((k) => Object.hasOwn(BROKER_CONFIG_KEYS, k) && !DYNAMIC_BROKER_CONFIGS.has(k));
  if (nonDynamic.length > 0) return `Cannot update these configs dynamically: ${scalaSet(nonDynamic)}`;
  const unprefixedSecurity = SECURITY_CONFIGS.filter((k) => keys.includes(k));
  if (unprefixedSecurity.length > 0) {
    return `These security configs can be dynamically updated only per-listener using the listener prefix: ${scalaSet(unprefixedSecurity)}`;
  }
  for (const [key, value] of Object.entries(configs)) {
    const base = LISTENER_PREFIXED.exec(key)?.[1] ?? key;
    const rules = DYNAMIC_BROKER_CONFIGS.has(base) ? BROKER_CONFIG_KEYS[base] : Object.hasOwn(BROKER_QUOTA_CONFIGS, base) ? BROKER_QUOTA_CONFIGS[base] : undefined;
    const reason = rules ? invalidValueReason(base, value, rules) : null;
    if (reason) return reason;
  }
  if (!perBroker) {
    const perBrokerOnly = keys.filter((k) => {
      const listener = LISTENER_PREFIXED.exec(k);
      return PER_BROKER_CONFIGS.has(k) || (listener !== null && !CLUSTER_LEVEL_LISTENER_CONFIGS.includes(listener[1]!));
    });
    if (perBrokerOnly.length > 0) return `Cannot update these configs at default cluster level, broker id must be specified: ${scalaSet(perBrokerOnly)}`;
  }
  return null;
}
