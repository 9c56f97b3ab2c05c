// ConfigResource type ids shared by DescribeConfigs, AlterConfigs and IncrementalAlterConfigs.
export const ResourceType = {
  Unknown: 0,
  Topic: 2,
  Broker: 4,
  BrokerLogger: 8,
  ClientMetrics: 16,
  Group: 32,
} as const;

/** A per-resource answer: error code and message (null message on success). */
export interface ResourceResult {
  readonly errorCode: number;
  readonly errorMessage: string | null;
}

/**
 * Kafka parses broker resource names with Integer.parseInt: an optional sign and digits within
 * int range. Returns null when the name is not such a number.
 */
export function parseBrokerId(name: string): number | null {
  if (!/^[-+]?\d+$/.test(name)) return null;
  const n = Number(name);
  return n >= -2147483648 && n <= 2147483647 ? n : null;
}
