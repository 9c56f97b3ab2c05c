// kt console-consumer = kafka-console-consumer.sh: records to stdout through the message
// formatter, `Processed a total of N messages` on stderr whenever consumption ends, exit 0 (also
// on --timeout-ms expiry and consumer errors, as in Kafka), 130/143 on SIGINT/SIGTERM. Reads with
// kt's consumer (src/client): assign mode for --partition, a consumer group otherwise.
import { ClientConfigError, connectionSettings, type ConnectionSettings } from '../../client/config.js';
import { consumerConfig } from '../../client/consumer-config.js';
import type { ConsumerConfig } from '../../client/kafka-consumer.js';
import { ConsumeSession, logError, type StopReason } from './consume-session.js';
import { CONSUMER_OPTIONS, consoleConsumerConfig, type ConsoleConsumerConfig } from './options.js';
import { OptionError, parseArgs, type ParsedOptions } from '../../java-compat/jopt.js';
import { RecordOutput } from './record-output.js';
import { ReportedFailure, UsageError, VersionRequested, describeError, isVerbose } from '../../cli/tool.js';
import { InvalidRegexError, compileJavaRegex } from '../../java-compat/java-regex.js';

/** How long kt waits for the consumer to leave its group at exit before giving up. */
const CLOSE_TIMEOUT_MS = 5_000;

export async function runConsoleConsumer(argv: readonly string[]): Promise<number> {
  const verbose = isVerbose(argv);
  let options: ParsedOptions;
  try {
    options = parseArgs(argv, CONSUMER_OPTIONS);
  } catch (e) {
    if (e instanceof OptionError) throw new UsageError(e.message);
    throw e;
  }
  let config: ConsoleConsumerConfig;
  let settings: ConnectionSettings;
  let consumer: ConsumerConfig;
  try {
    config = consoleConsumerConfig(options);
    settings = connectionSettings(config.consumerProps, { clientId: 'console-consumer', requestTimeoutMs: 30_000 });
    consumer = consumerConfig(config.consumerProps);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ReportedFailure || e instanceof VersionRequested) throw e;
    // Values read after parsing (a bad --partition number, consumer configs) fail like Kafka's main().
    logError('Unknown error when running consumer: ', e instanceof OptionError || e instanceof ClientConfigError ? errorLine(e, verbose) : e);
    return 1;
  }

  const output = new RecordOutput();
  const session = new ConsumeSession(config.formatter, output, config);
  const signals = onSignals((exitCode) => session.stop({ kind: 'signal', exitCode }));
  let cleanup: () => Promise<void> = async () => undefined;
  try {
    cleanup = await startReading(config, settings, consumer, session);
  } catch (e) {
    if (e instanceof ClientConfigError || e instanceof InvalidRegexError || (e instanceof Error && e.name === 'ClusterUnreachableError')) {
      // Kafka's consumer would wait forever for an unreachable cluster; kt says so and fails.
      process.stderr.write(`${describeError(e, verbose)}\nProcessed a total of 0 messages\n`);
      signals.dispose();
      return 1;
    }
    session.stop({ kind: 'consumer-error', error: e });
  }
  const reason = await session.stopped;
  await withTimeout(cleanup(), CLOSE_TIMEOUT_MS);
  await output.flush();
  signals.dispose();
  return report(reason, session.count, config.enableSystestEvents, verbose);
}

/** Connects, assigns or subscribes, and runs the session; returns how to close the consumer. */
async function startReading(config: ConsoleConsumerConfig, settings: ConnectionSettings, consumerConfig: ConsumerConfig, session: ConsumeSession): Promise<() => Promise<void>> {
  if (session.isStopped) return async () => undefined;
  const { KafkaConsumer } = await import('../../client/kafka-consumer.js');
  if (config.partition !== undefined) {
    // assign(): no group at all, as Java's consumer.assign().
    const consumer = await KafkaConsumer.connect(settings, { ...consumerConfig, group: undefined, enableAutoCommit: false });
    consumer.assign([{ topic: config.topic!, partition: config.partition, start: config.startOffset }]);
    const running = session.run(consumer);
    return async () => {
      consumer.wakeup();
      await running;
      await consumer.close().catch(() => undefined);
    };
  }
  const include = config.include === undefined ? undefined : compileJavaRegex(config.include, { wholeMatch: true });
  const consumer = await KafkaConsumer.connect(settings, consumerConfig);
  const groupId = consumerConfig.group!.groupId;
  const { startSpinner } = await import('../../cli/terminal.js');
  const spinner = startSpinner(`Joining group ${groupId}…`);
  const startedAt = Date.now();
  consumer.subscribe(include === undefined ? [config.topic!] : (topic) => include.test(topic), {
    // The first assignment ends the spinner (later ones are no-ops).
    onPartitionsAssigned: (partitions) => spinner.succeed(`Joined group ${groupId} in ${Date.now() - startedAt} ms: ${partitions.length} partition${partitions.length === 1 ? '' : 's'} assigned`),
  });
  const running = session.run(consumer);
  return async () => {
    spinner.stop();
    consumer.wakeup();
    await running;
    await consumer.close().catch(() => undefined);
  };
}

/** Prints how consumption ended, then the count (always); returns the exit code. */
function report(reason: StopReason, count: number, systestEvents: boolean, verbose: boolean): number {
  let exitCode = 0;
  switch (reason.kind) {
    case 'timeout':
      logError('Error processing message, terminating consumer process: ', 'org.apache.kafka.common.errors.TimeoutException');
      break;
    case 'stdout-closed':
      process.stderr.write('Unable to write to standard out, closing consumer.\n');
      break;
    case 'consumer-error':
      logError('Error processing message, terminating consumer process: ', errorLine(reason.error, verbose));
      break;
    case 'signal':
      exitCode = reason.exitCode;
      break;
    case 'formatter-error':
      exitCode = 1;
      break;
    case 'max-messages':
      break;
  }
  process.stderr.write(`Processed a total of ${count} messages\n`);
  if (reason.kind === 'formatter-error') logError('Unknown error when running consumer: ', reason.error);
  if (systestEvents) process.stdout.write('shutdown_complete\n');
  return exitCode;
}

function errorLine(error: unknown, verbose: boolean): string {
  if (error instanceof Error && !verbose) {
    const type = (error as { type?: string }).type;
    if (error instanceof OptionError || error instanceof ClientConfigError) return error.message;
    return `${type ?? error.name}: ${error.message}`;
  }
  return describeError(error, verbose);
}

function onSignals(onSignal: (exitCode: number) => void): { dispose(): void } {
  const int = () => onSignal(130);
  const term = () => onSignal(143);
  process.on('SIGINT', int);
  process.on('SIGTERM', term);
  return {
    dispose() {
      process.off('SIGINT', int);
      process.off('SIGTERM', term);
    },
  };
}

async function withTimeout(p: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}
