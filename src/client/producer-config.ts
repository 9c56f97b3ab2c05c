// The Java producer's configuration as kt's producer reads it (ProducerConfig): Kafka 4 defaults,
// ConfigException texts for values it rejects, and the idempotence rules: enable.idempotence
// defaults to true and is dropped quietly when acks, retries or max.in.flight conflict with it,
// unless it was set explicitly, which makes the conflict an error; a transactional.id needs it.
import { CompressionType } from '../protocol/records/compression/compression-type.js';
import { ClientConfigError, connectionSettings, intConfig, longConfig, type ConnectionSettings } from './config.js';
import type { ProducerSettings } from './producer.js';

/** compression.type's values, as the Java producer names them. */
export const COMPRESSION_TYPES: Readonly<Record<string, CompressionType>> = {
  none: CompressionType.None,
  gzip: CompressionType.Gzip,
  snappy: CompressionType.Snappy,
  lz4: CompressionType.Lz4,
  zstd: CompressionType.Zstd,
};

const JAVA_INT_MAX = 2_147_483_647;

export interface ProducerConfig {
  readonly connection: ConnectionSettings;
  readonly producer: Required<ProducerSettings>;
}

/** Validates producer properties; `defaults` are the tool's own (client.id, ...). */
export function producerConfig(props: ReadonlyMap<string, string>, defaults: { clientId: string }): ProducerConfig {
  const invalid = (key: string, reason: string) => new ClientConfigError(`Invalid value ${props.get(key)} for configuration ${key}: ${reason}`);
  const codec = (props.get('compression.type') ?? 'none').trim();
  const compression = COMPRESSION_TYPES[codec];
  if (compression === undefined) throw invalid('compression.type', `String must be one of: ${Object.keys(COMPRESSION_TYPES).join(', ')}`);
  const acksText = (props.get('acks') ?? 'all').trim();
  if (!['all', '-1', '0', '1'].includes(acksText)) throw invalid('acks', 'String must be one of: all, -1, 0, 1');
  const acks = acksText === 'all' ? -1 : Number(acksText);
  const idempotenceText = props.get('enable.idempotence')?.trim().toLowerCase();
  if (idempotenceText !== undefined && idempotenceText !== 'true' && idempotenceText !== 'false') {
    throw invalid('enable.idempotence', 'Expected value to be either true or false');
  }
  const retries = intConfig(props, 'retries', JAVA_INT_MAX, 0);
  const maxInFlight = intConfig(props, 'max.in.flight.requests.per.connection', 5, 1);
  let idempotent = idempotenceText !== 'false';
  if (idempotenceText === 'true') {
    if (retries === 0) throw new ClientConfigError('Must set retries to non-zero when using the idempotent producer.');
    if (maxInFlight > 5) throw new ClientConfigError('Must set max.in.flight.requests.per.connection to at most 5 when using the idempotent producer.');
    if (acks !== -1) throw new ClientConfigError('Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.');
  } else if (retries === 0 || maxInFlight > 5 || acks !== -1) {
    idempotent = false;
  }
  // Checked after idempotence was settled, as Java does: a conflicting acks/retries/in-flight
  // quietly turns idempotence off, and then a transactional.id is an error.
  const transactionalId = props.get('transactional.id') ?? null;
  if (transactionalId !== null && !idempotent) throw new ClientConfigError('Cannot set a transactional.id without also enabling idempotence.');
  const requestTimeoutMs = intConfig(props, 'request.timeout.ms', 30_000, 0);
  const lingerMs = longConfig(props, 'linger.ms', 5);
  let deliveryTimeoutMs = intConfig(props, 'delivery.timeout.ms', 120_000, 0);
  if (deliveryTimeoutMs < lingerMs + requestTimeoutMs) {
    if (props.has('delivery.timeout.ms')) throw new ClientConfigError('delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms');
    deliveryTimeoutMs = lingerMs + requestTimeoutMs;
  }
  return {
    connection: connectionSettings(props, { clientId: defaults.clientId, requestTimeoutMs, retries }),
    producer: {
      acks,
      compression,
      batchSize: intConfig(props, 'batch.size', 16_384, 0),
      lingerMs,
      maxInFlight,
      bufferMemory: longConfig(props, 'buffer.memory', 33_554_432),
      requestTimeoutMs,
      idempotent,
      retries,
      retryBackoffMs: longConfig(props, 'retry.backoff.ms', 100),
      deliveryTimeoutMs,
      maxRequestSize: intConfig(props, 'max.request.size', 1_048_576, 0),
      maxBlockMs: longConfig(props, 'max.block.ms', 60_000),
      transactionalId,
      transactionTimeoutMs: intConfig(props, 'transaction.timeout.ms', 60_000, 0),
    },
  };
}
