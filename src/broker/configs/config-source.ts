// DescribeConfigs' ConfigSource ids: where a config value comes from, highest precedence first.
export enum ConfigSource {
  Unknown = 0,
  TopicConfig = 1,
  DynamicBrokerConfig = 2,
  DynamicDefaultBrokerConfig = 3,
  StaticBrokerConfig = 4,
  DefaultConfig = 5,
  DynamicBrokerLoggerConfig = 6,
  ClientMetricsConfig = 7,
}

/** DescribeConfigs v3+ ConfigType ids (0 = UNKNOWN, for keys outside the schema). */
export const CONFIG_TYPE_ID = { boolean: 1, string: 2, int: 3, short: 4, long: 5, double: 6, list: 7, class: 8, password: 9 } as const;
