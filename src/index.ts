// Library API: run a kt broker inside a test suite.
//
//   const broker = await startBroker({ port: 0 });
//   const kafka = new Kafka({ brokers: [broker.bootstrap] });
//   ...
//   await broker.close();
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Broker } from './broker/broker.js';
import { BrokerConfig } from './broker/config.js';
import type { LogLevel } from './broker/logger.js';

export interface StartBrokerOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Where the logs live. Default: a fresh temporary directory, removed by close(). */
  dataDir?: string;
  /** Any Kafka broker config key, e.g. { 'num.partitions': '3' }. */
  config?: Record<string, string>;
  /** Broker log lines (Kafka's log4j layout) to stdout at this level; default WARN. */
  logLevel?: LogLevel;
}

export interface StartedBroker {
  /** `host:port`, ready for any client's bootstrap.servers. */
  readonly bootstrap: string;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly broker: Broker;
  close(): Promise<void>;
}

export async function startBroker(options: StartBrokerOptions = {}): Promise<StartedBroker> {
  const host = options.host ?? '127.0.0.1';
  const ownsDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kt-broker-'));
  const config = new BrokerConfig({
    // A test suite wants groups to form at once (Kafka's own test harnesses do the same).
    'group.initial.rebalance.delay.ms': '0',
    'offsets.topic.num.partitions': '50',
    ...options.config,
    listeners: `PLAINTEXT://${host.includes(':') ? `[${host}]` : host}:${options.port ?? 0}`,
    'log.dirs': dataDir,
  });
  const broker = await Broker.start({ config, logLevel: options.logLevel ?? 'WARN' });
  const port = broker.boundPorts[0]!;
  const advertisedHost = broker.advertised.host;
  return {
    bootstrap: `${advertisedHost.includes(':') ? `[${advertisedHost}]` : advertisedHost}:${port}`,
    host: advertisedHost,
    port,
    dataDir,
    broker,
    async close() {
      await broker.close();
      if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { Broker } from './broker/broker.js';
export { BrokerConfig } from './broker/config.js';
