// Loads kafkajs on demand (it is heavy, and only the producer/consumer tools need it), after
// kt's shims, with the extra compression codecs, and builds its client config from Kafka-style
// connection settings: kafkajs's own logging goes to stderr in Kafka's log layout, and only
// when verbose; connection attempts are bounded.
import type { KafkaConfig, logCreator } from 'kafkajs';
import type { ConnectionSettings } from '../../client/config.js';
import { installKafkajsShims } from './kafkajs-shims.js';
import { createLogger } from '../../broker/logger.js';

export type Kafkajs = typeof import('kafkajs');

let loaded: Promise<Kafkajs> | undefined;

export function loadKafkajs(): Promise<Kafkajs> {
  loaded ??= (async () => {
    installKafkajsShims();
    const kafkajs = (await import('kafkajs')).default as unknown as Kafkajs;
    await registerCodecs();
    return kafkajs;
  })();
  return loaded;
}

/** snappy, lz4 and zstd for kafkajs come from kafkajs-codecs.ts, when it is present. */
async function registerCodecs(): Promise<void> {
  let mod: { registerKafkajsCodecs?: () => void };
  try {
    mod = (await import('./kafkajs-codecs.js')) as typeof mod;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return;
    throw e;
  }
  mod.registerKafkajsCodecs?.();
}

/** kafkajs log levels: NOTHING 0, ERROR 1, WARN 2, INFO 4, DEBUG 5. */
function logLevel(verbose: boolean): number {
  if ((process.env.DEBUG ?? '') !== '') return 5;
  return verbose ? 4 : 0;
}

const LEVEL_NAMES: Record<number, 'ERROR' | 'WARN' | 'INFO' | 'DEBUG'> = { 1: 'ERROR', 2: 'WARN', 4: 'INFO', 5: 'DEBUG' };

/** kafkajs log entries as Kafka log lines on stderr (stdout carries the tools' data). */
const stderrLogCreator: logCreator = () => {
  return ({ namespace, level, log }) => {
    const { message, ...extra } = log;
    delete (extra as Record<string, unknown>).timestamp;
    delete (extra as Record<string, unknown>).logger;
    const detail = Object.keys(extra).length > 0 ? ` ${JSON.stringify(extra)}` : '';
    const logger = createLogger(`kafkajs.${namespace}`, 'DEBUG', (line) => process.stderr.write(line));
    const name = LEVEL_NAMES[level] ?? 'INFO';
    logger[name.toLowerCase() as 'error' | 'warn' | 'info' | 'debug'](`${message}${detail}`);
  };
};

export function kafkajsConfig(settings: ConnectionSettings, verbose: boolean): KafkaConfig {
  return {
    brokers: settings.bootstrap.map((b) => (b.host.includes(':') ? `[${b.host}]:${b.port}` : `${b.host}:${b.port}`)),
    clientId: settings.clientId,
    connectionTimeout: settings.connectTimeoutMs,
    // kafkajs applies this to every request; a short Kafka request.timeout.ms (the console
    // producer's 1500 ms) stays the broker-side produce timeout instead.
    requestTimeout: Math.max(settings.requestTimeoutMs, 30_000),
    retry: {
      retries: settings.retries,
      initialRetryTime: Math.max(settings.retryBackoffMs, 1),
      maxRetryTime: Math.max(settings.retryBackoffMaxMs, settings.retryBackoffMs, 1),
    },
    logLevel: logLevel(verbose),
    logCreator: stderrLogCreator,
  };
}
