// kafka-server-start.sh semantics: `[server.properties] [--override k=v]*`, INFO logs on stdout,
// one "started" line carrying the bound address, clean shutdown on SIGINT/SIGTERM.
import { parseKeyValue } from '../common/properties.js';
import { loadPropertiesFile } from './client-config.js';

const USAGE = 'USAGE: kt server start [server.properties] [--override property=value]*';

export async function runServerStart(argv: string[]): Promise<number> {
  const values = new Map<string, string>();
  const args = [...argv];
  if (args.includes('--help') || args.includes('-h')) {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }
  if (args.includes('--version')) {
    process.stdout.write(`${await version()}\n`);
    return 0;
  }
  const nonOptions: string[] = [];
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--override' || a.startsWith('--override=')) {
      const v = a === '--override' ? args[++i] : a.slice('--override='.length);
      if (v === undefined) return usageError('Option override requires an argument');
      const [k, val] = parseKeyValue(v);
      values.set(k, val);
    } else if (a.startsWith('--')) {
      return usageError(`${a.slice(2)} is not a recognized option`);
    } else if (file === undefined && i === 0) {
      file = a;
    } else {
      nonOptions.push(a);
    }
  }
  if (nonOptions.length > 0) return usageError(`Found non argument parameters: ${nonOptions.join(',')}`);

  const { createLogger } = await import('../broker/logger.js');
  const log = createLogger('kafka.Kafka', 'INFO');
  let broker: import('../broker/broker.js').Broker;
  try {
    // Inside the try: with very few descriptors (ulimit -n below about 80) Node's module loader
    // itself fails with EMFILE, which must end in the one line below, not a stack trace.
    const { BrokerConfig } = await import('../broker/config.js');
    const { Broker } = await import('../broker/broker.js');
    // Read as ISO-8859-1, like Java's Properties.load, so a file means what it means to Kafka.
    const fromFile = file !== undefined ? loadPropertiesFile(file) : new Map<string, string>();
    // --override wins over the file, as in Kafka.
    for (const [k, v] of values) fromFile.set(k, v);
    const config = new BrokerConfig(fromFile);
    broker = await Broker.start({ config, logLevel: 'INFO' });
  } catch (e) {
    log.error(`Exiting Kafka due to fatal exception during startup. ${(e as Error).message}`);
    if (process.env.DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return 1;
  }
  const addr = `${broker.advertised.host}:${broker.boundPorts[0]}`;
  createLogger('kafka.server.KafkaRaftServer', 'INFO').info(
    `[KafkaRaftServer nodeId=${broker.nodeId}] Kafka Server started, listening on PLAINTEXT://${addr}`,
  );
  return await new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      log.info(`Received ${signal}, shutting down`);
      broker.close().then(
        () => {
          log.info('[KafkaRaftServer nodeId=' + broker.nodeId + '] Kafka Server shut down');
          // Kafka's JVM exits with the signal status (130 for INT, 143 for TERM).
          resolve(signal === 'SIGINT' ? 130 : 143);
        },
        (e: Error) => {
          log.error(`Error during shutdown: ${e.message}`);
          resolve(1);
        },
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

function usageError(msg: string): number {
  process.stderr.write(`${msg}\n${USAGE}\n`);
  return 1;
}

async function version(): Promise<string> {
  const { createRequire } = await import('node:module');
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}
