// kafka-server-start.sh semantics: `[-daemon] [server.properties] [--override k=v]*`, INFO logs on
// stdout, one "started" line carrying the bound address, clean shutdown on SIGINT/SIGTERM.
import { SERVER_START_USAGE, parseServerArgs, serverProperties } from './args.js';

export async function runServerStart(argv: string[]): Promise<number> {
  const args = [...argv];
  if (args.includes('--help') || args.includes('-h')) {
    process.stderr.write(`${SERVER_START_USAGE}\n`);
    return 1;
  }
  if (args.includes('--version')) {
    process.stdout.write(`${await version()}\n`);
    return 0;
  }
  // As in kafka-server-start.sh, -daemon counts only as the first argument.
  const daemon = args[0] === '-daemon';
  const parsed = parseServerArgs(daemon ? args.slice(1) : args);
  if ('error' in parsed) return usageError(parsed.error);
  if (daemon) return (await import('./daemon.js')).startDaemon(args.slice(1), parsed);

  // The broker keeps serving when its console goes away (EPIPE, closed terminal).
  (await import('./console-guard.js')).surviveConsoleErrors();
  const { createLogger } = await import('../../broker/logger.js');
  const log = createLogger('kafka.Kafka', 'INFO');
  const signals = watchShutdownSignals();
  let broker: import('../../broker/broker.js').Broker;
  try {
    // Inside the try: with very few descriptors (ulimit -n below about 80) Node's module loader
    // itself fails with EMFILE, which must end in the one line below, not a stack trace.
    const { BrokerConfig } = await import('../../broker/config.js');
    const { Broker } = await import('../../broker/broker.js');
    const config = new BrokerConfig(serverProperties(parsed));
    broker = await Broker.start({ config, logLevel: 'INFO' });
  } catch (e) {
    log.error(`Exiting Kafka due to fatal exception during startup. ${(e as Error).message}`);
    if (process.env.DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return 1;
  }
  // The first client listener, by its own name (listeners are bound in order); clients are told
  // the advertised host, so that is the host shown, with the port actually bound.
  const listener = broker.config.listeners[0]!;
  const addr = `${broker.advertised.host}:${broker.boundPorts[0]}`;
  createLogger('kafka.server.KafkaRaftServer', 'INFO').info(
    `[KafkaRaftServer nodeId=${broker.nodeId}] Kafka Server started, listening on ${listener.name}://${addr}`,
  );
  const signal = await signals.first;
  log.info(`Received ${signal}, shutting down`);
  try {
    await broker.close();
  } catch (e) {
    log.error(`Error during shutdown: ${(e as Error).message}`);
    return 1;
  }
  log.info('[KafkaRaftServer nodeId=' + broker.nodeId + '] Kafka Server shut down');
  // Kafka's JVM exits with the signal status (130 for INT, 143 for TERM).
  return signal === 'SIGINT' ? 130 : 143;
}

/**
 * SIGINT/SIGTERM are handled from before start-up, as Kafka installs its shutdown hook first: a
 * signal that arrives while the broker starts (or right after its ready line) stops it cleanly
 * once it is up, instead of killing it without its clean-shutdown marker. Signals after the first
 * are ignored, so a second SIGTERM cannot cut a shutdown short (the JVM ignores them too while its
 * shutdown hooks run).
 */
function watchShutdownSignals(): { first: Promise<NodeJS.Signals> } {
  let resolveFirst!: (signal: NodeJS.Signals) => void;
  const first = new Promise<NodeJS.Signals>((resolve) => (resolveFirst = resolve));
  let received = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) return;
    received = true;
    resolveFirst(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { first };
}

function usageError(msg: string): number {
  process.stderr.write(`${msg}\n${SERVER_START_USAGE}\n`);
  return 1;
}

async function version(): Promise<string> {
  return (await import('../../common/version.js')).ktVersion();
}
