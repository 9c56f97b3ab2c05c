// Config synonyms as DescribeConfigs reports them (Kafka's ConfigHelper.configSynonyms): every
// broker key that stands for the same setting, per source in precedence order.
import { BROKER_CONFIG_KEYS, type BrokerConfig, type BrokerConfigLayer } from '../config.js';
import { ConfigSource } from './config-source.js';

export interface ConfigSynonym {
  readonly name: string;
  /** null for sensitive configs. */
  readonly value: string | null;
  readonly source: ConfigSource;
}

const LAYERS: ReadonlyArray<[BrokerConfigLayer, ConfigSource]> = [
  ['dynamicBroker', ConfigSource.DynamicBrokerConfig],
  ['dynamicDefault', ConfigSource.DynamicDefaultBrokerConfig],
  ['static', ConfigSource.StaticBrokerConfig],
];

const LISTENER_PREFIXED = /^listener\.name\.[^.]*\.(.*)$/;

/** Listener configs that are set per SASL mechanism (`listener.name.<l>.<mechanism>.<config>`). */
const LISTENER_MECHANISM_CONFIGS = [
  'sasl.jaas.config',
  'sasl.login.callback.handler.class',
  'sasl.login.class',
  'sasl.server.callback.handler.class',
  'connections.max.reauth.ms',
];

/** Kafka's DynamicBrokerConfig.brokerConfigSynonyms: the keys that set the same thing as `name`, by priority. */
export function brokerConfigSynonyms(name: string): string[] {
  switch (name) {
    case 'log.roll.ms':
    case 'log.roll.hours':
      return ['log.roll.ms', 'log.roll.hours'];
    case 'log.roll.jitter.ms':
    case 'log.roll.jitter.hours':
      return ['log.roll.jitter.ms', 'log.roll.jitter.hours'];
    case 'log.flush.interval.ms':
      return ['log.flush.interval.ms', 'log.flush.scheduler.interval.ms'];
    case 'log.retention.ms':
    case 'log.retention.minutes':
    case 'log.retention.hours':
      return ['log.retention.ms', 'log.retention.minutes', 'log.retention.hours'];
  }
  const listener = LISTENER_PREFIXED.exec(name);
  if (listener) {
    const base = listener[1]!;
    return [name, LISTENER_MECHANISM_CONFIGS.find((c) => base.endsWith(c)) ?? base];
  }
  return [name];
}

/**
 * The synonyms of `name` among `names`: each name set dynamically for this broker, then as a
 * dynamic default, then statically, then each one with a schema default; entries before the
 * first one called `name` are dropped (so describing log.retention.hours hides log.retention.ms).
 */
export function configSynonyms(name: string, names: readonly string[], broker: BrokerConfig, sensitive: boolean): ConfigSynonym[] {
  const all: ConfigSynonym[] = [];
  for (const [layer, source] of LAYERS) {
    for (const n of names) {
      const value = broker.layerValue(n, layer);
      if (value !== undefined) all.push({ name: n, value: sensitive ? null : value, source });
    }
  }
  for (const n of names) {
    const value = BROKER_CONFIG_KEYS[n]?.default;
    if (value !== undefined && value !== null) all.push({ name: n, value: sensitive ? null : value, source: ConfigSource.DefaultConfig });
  }
  const first = all.findIndex((s) => s.name === name);
  return first < 0 ? [] : all.slice(first);
}
