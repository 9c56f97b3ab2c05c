// The entries DescribeConfigs answers for a topic or a broker, computed as Kafka's ConfigHelper
// does: effective value, source, synonyms, read-only and sensitivity, type and documentation.
import { BROKER_CONFIG_KEYS, type BrokerConfig, type ConfigType } from '../config.js';
import { resolveTopicConfig, TOPIC_CONFIGS } from '../topic-configs.js';
import { CONFIG_TYPE_ID, ConfigSource } from './config-source.js';
import { DYNAMIC_BROKER_CONFIGS } from './dynamic-broker-configs.js';
import { brokerConfigSynonyms, configSynonyms, type ConfigSynonym } from './synonyms.js';
import { normalizeConfigValue } from './values.js';

export interface DescribedConfig {
  readonly name: string;
  readonly value: string | null;
  readonly readOnly: boolean;
  /** v0's flag; later versions carry configSource instead. */
  readonly isDefault: boolean;
  readonly configSource: ConfigSource;
  readonly isSensitive: boolean;
  readonly synonyms: readonly ConfigSynonym[];
  /** DescribeConfigs v3+ type id; 0 (UNKNOWN) for keys outside Kafka's schema. */
  readonly configType: number;
  readonly documentation: string | null;
}

export interface DescribeOptions {
  readonly includeSynonyms: boolean;
  readonly includeDocumentation: boolean;
  /** Which keys to answer; null or empty means all. */
  readonly keys: readonly string[] | null;
}

/** Every topic config of a topic with its overrides. */
export function describeTopicConfigs(overrides: Readonly<Record<string, string>>, broker: BrokerConfig, opts: DescribeOptions): DescribedConfig[] {
  return selected(Object.keys(TOPIC_CONFIGS), opts).map((name) => {
    const def = TOPIC_CONFIGS[name]!;
    const v = resolveTopicConfig(name, overrides, broker);
    return entry(name, v.value, v.synonyms, { type: def.type, readOnly: false, doc: def.doc }, opts);
  });
}

/**
 * The configs of this broker (`perBroker`): every key of Kafka's schema plus any other key set
 * statically or dynamically. The cluster-default resource lists only the dynamic defaults, with
 * only dynamic-default synonyms.
 */
export function describeBrokerConfigs(broker: BrokerConfig, perBroker: boolean, opts: DescribeOptions): DescribedConfig[] {
  const names = perBroker
    ? [...new Set([...Object.keys(BROKER_CONFIG_KEYS), ...broker.layerKeys('static'), ...broker.layerKeys('dynamicDefault'), ...broker.layerKeys('dynamicBroker')])]
    : broker.layerKeys('dynamicDefault');
  return selected(names, opts).map((name) => {
    const type = brokerConfigType(name);
    const sensitive = isSensitive(type);
    const synonyms = configSynonyms(name, brokerConfigSynonyms(name), broker, sensitive).filter(
      (s) => perBroker || s.source === ConfigSource.DynamicDefaultBrokerConfig,
    );
    // Keys of the schema show their parsed value; other keys the text they were given.
    const raw = perBroker ? broker.raw(name) : (broker.layerValue(name, 'dynamicDefault') ?? null);
    const known = Object.hasOwn(BROKER_CONFIG_KEYS, name);
    const value = raw === null || sensitive ? null : known ? normalizeConfigValue(raw, type) : raw;
    const info = { type, readOnly: !DYNAMIC_BROKER_CONFIGS.has(name), doc: BROKER_CONFIG_KEYS[name]?.doc ?? null };
    return entry(name, value, synonyms, info, opts);
  });
}

/**
 * The keys set on a client-metrics subscription, and only those, as Kafka's ConfigHelper lists
 * them: source CLIENT_METRICS_CONFIG, no type, no documentation, no synonyms, and every key whatever
 * keys were asked for (Kafka ignores the filter for this resource type). Sorted by name, which for
 * Kafka's three keys is also the order Kafka's Properties iterates them in.
 */
export function describeClientMetricsConfigs(configs: Readonly<Record<string, string>>): DescribedConfig[] {
  return Object.keys(configs)
    .sort()
    .map((name) => ({
      name,
      value: configs[name]!,
      readOnly: false,
      isDefault: false,
      configSource: ConfigSource.ClientMetricsConfig,
      isSensitive: false,
      synonyms: [],
      configType: 0,
      documentation: null,
    }));
}

/** A key's type; listener-prefixed keys take their base key's type (KafkaConfig.configType). */
function brokerConfigType(name: string): ConfigType | undefined {
  for (const n of [name, ...brokerConfigSynonyms(name)]) {
    const type = BROKER_CONFIG_KEYS[n]?.type;
    if (type) return type;
  }
  return undefined;
}

/** Passwords are hidden, and so is anything whose type is unknown (it might be a secret). */
function isSensitive(type: ConfigType | undefined): boolean {
  return type === undefined || type === 'password';
}

function selected(names: string[], opts: DescribeOptions): string[] {
  const wanted = opts.keys && opts.keys.length > 0 ? new Set(opts.keys) : null;
  return names.filter((n) => wanted === null || wanted.has(n)).sort();
}

function entry(
  name: string,
  value: string | null,
  synonyms: readonly ConfigSynonym[],
  info: { type: ConfigType | undefined; readOnly: boolean; doc: string | null },
  opts: DescribeOptions,
): DescribedConfig {
  const source = synonyms[0]?.source ?? ConfigSource.DefaultConfig;
  return {
    name,
    value,
    readOnly: info.readOnly,
    isDefault: source === ConfigSource.DefaultConfig,
    configSource: source,
    isSensitive: isSensitive(info.type),
    synonyms: opts.includeSynonyms ? synonyms : [],
    configType: info.type ? CONFIG_TYPE_ID[info.type] : 0,
    documentation: opts.includeDocumentation ? info.doc : null,
  };
}
