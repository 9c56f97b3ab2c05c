// The typed result of `kt configs --describe` for topics, brokers, broker-loggers,
// client-metrics and groups: what the text lists and `--json` prints (docs/json-output.md).
import type { ConfigEntry } from './admin.js';

export interface ConfigsDescribeResult {
  /** The --entity-type (plural, as given: `topics`, `brokers`, ...). */
  readonly entityType: string;
  /** In the text's order. */
  readonly entities: readonly DescribedEntity[];
}

export interface DescribedEntity {
  /** The entity's name; null for the cluster-wide default (`Default configs for brokers ...`). */
  readonly name: string | null;
  /** The entries the text lists: dynamic ones, or every one with --all; sorted by name. */
  readonly configs: readonly DescribedConfig[];
}

export interface DescribedConfig {
  readonly name: string;
  /** null for a sensitive value (the text prints `null`). */
  readonly value: string | null;
  /** Kafka's ConfigSource name, e.g. DYNAMIC_TOPIC_CONFIG, DEFAULT_CONFIG. */
  readonly source: string;
  readonly sensitive: boolean;
  readonly readOnly: boolean;
  readonly synonyms: readonly { readonly source: string; readonly name: string; readonly value: string | null }[];
}

export function describedConfig(e: ConfigEntry): DescribedConfig {
  return {
    name: e.name,
    value: e.value,
    source: e.source,
    sensitive: e.isSensitive,
    readOnly: e.readOnly,
    synonyms: e.synonyms.map((s) => ({ source: s.source, name: s.name, value: s.value })),
  };
}
