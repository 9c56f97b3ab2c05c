// Producer properties the lean producer honours, with the Java producer's defaults and its
// ConfigException texts for values it would reject.
import type { ProducerSettings } from '../../client/producer.js';
import { ClientConfigError, intConfig, longConfig } from '../../client/config.js';
import { COMPRESSION_TYPES } from '../../client/producer-config.js';


export function producerSettings(props: ReadonlyMap<string, string>, overrides: Partial<ProducerSettings> = {}): ProducerSettings {
  const acksRaw = (props.get('acks') ?? 'all').trim();
  const acks = acksRaw === 'all' ? -1 : ['-1', '0', '1'].includes(acksRaw) ? Number(acksRaw) : undefined;
  if (acks === undefined) throw new ClientConfigError(`Invalid value ${acksRaw} for configuration acks: String must be one of: all, -1, 0, 1`);
  const codecRaw = (props.get('compression.type') ?? 'none').trim().toLowerCase();
  const compression = COMPRESSION_TYPES[codecRaw];
  if (compression === undefined) throw new ClientConfigError(`Invalid value ${codecRaw} for configuration compression.type: String must be one of: none, gzip, snappy, lz4, zstd`);
  return {
    acks,
    compression,
    batchSize: intConfig(props, 'batch.size', 16_384, 0),
    // Kafka 4.0's default (KIP-1030).
    lingerMs: intConfig(props, 'linger.ms', 5, 0),
    maxInFlight: intConfig(props, 'max.in.flight.requests.per.connection', 5, 1),
    bufferMemory: longConfig(props, 'buffer.memory', 33_554_432),
    requestTimeoutMs: intConfig(props, 'request.timeout.ms', 30_000, 0),
    ...overrides,
  };
}
