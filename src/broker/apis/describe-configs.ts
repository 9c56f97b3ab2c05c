// DescribeConfigs (32): topic configs with Kafka's sources and synonyms (kafka-topics --describe
// prints the non-default ones), and the broker's own configs.
import { ApiKey, type DescribeConfigsResponseDescribeConfigsResourceResult } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { BROKER_CONFIG_KEYS, type ConfigType } from '../config.js';
import { ConfigSource, resolveTopicConfig, TOPIC_CONFIGS } from '../topic-configs.js';
import { defineHandler } from './handler.js';

const TOPIC = 2;
const BROKER = 4;

/** DescribeConfigs v3+ ConfigType ids. */
const CONFIG_TYPE_ID: Record<ConfigType, number> = { boolean: 1, string: 2, int: 3, short: 4, long: 5, double: 6, list: 7, class: 8, password: 9 };

type Entry = Partial<DescribeConfigsResponseDescribeConfigsResourceResult>;

export default defineHandler({
  apiKey: ApiKey.DescribeConfigs,
  handle(ctx, req) {
    const { broker, apiVersion } = ctx;
    const results = req.resources.map((r) => {
      const base = { resourceType: r.resourceType, resourceName: r.resourceName };
      const wanted = (name: string) => r.configurationKeys === null || r.configurationKeys.includes(name);
      if (r.resourceType === TOPIC) {
        const topic = broker.topics.get(r.resourceName);
        if (!topic) return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `Topic ${r.resourceName} does not exist.`, configs: [] };
        const configs: Entry[] = Object.keys(TOPIC_CONFIGS)
          .filter(wanted)
          .map((name) => {
            const v = resolveTopicConfig(name, topic.configs, broker.config);
            return {
              name,
              value: v.value,
              readOnly: false,
              isDefault: v.source === ConfigSource.DefaultConfig,
              configSource: apiVersion === 0 ? -1 : v.source,
              isSensitive: false,
              synonyms: req.includeSynonyms ? v.synonyms.map((s) => ({ name: s.name, value: s.value, source: s.source })) : [],
              configType: CONFIG_TYPE_ID[TOPIC_CONFIGS[name]!.type],
              documentation: null,
            };
          });
        return { ...base, errorCode: ErrorCode.NONE, errorMessage: null, configs };
      }
      if (r.resourceType === BROKER) {
        if (r.resourceName !== '' && r.resourceName !== String(broker.nodeId)) {
          return {
            ...base,
            errorCode: ErrorCode.INVALID_REQUEST,
            errorMessage: `Unexpected broker id, expected ${broker.nodeId} or empty string, but received ${r.resourceName}`,
            configs: [],
          };
        }
        // The default resource ('') lists dynamic cluster defaults only; kt has none yet.
        const configs: Entry[] =
          r.resourceName === ''
            ? []
            : Object.keys(BROKER_CONFIG_KEYS)
                .filter(wanted)
                .map((name) => {
                  const set = broker.config.isSet(name);
                  const value = broker.config.raw(name);
                  const source = set ? ConfigSource.StaticBrokerConfig : ConfigSource.DefaultConfig;
                  return {
                    name,
                    value,
                    readOnly: true,
                    isDefault: !set,
                    configSource: apiVersion === 0 ? -1 : source,
                    isSensitive: false,
                    synonyms: req.includeSynonyms && value !== null ? [{ name, value, source }] : [],
                    configType: CONFIG_TYPE_ID[BROKER_CONFIG_KEYS[name]!.type],
                    documentation: null,
                  };
                });
        return { ...base, errorCode: ErrorCode.NONE, errorMessage: null, configs };
      }
      return { ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unsupported resource type ${r.resourceType}`, configs: [] };
    });
    return { throttleTimeMs: 0, results };
  },
});
