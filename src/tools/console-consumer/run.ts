// kt console-consumer = kafka-console-consumer.sh: records to stdout through the message
// formatter, `Processed a total of N messages` on stderr whenever consumption ends, exit 0 (also
// on --timeout-ms expiry and consumer errors, as in Kafka), 130/143 on SIGINT/SIGTERM.
import { ClientConfigError, connectionSettings, intConfig, type ClientProperties, type ConnectionSettings } from '../../client/config.js';
import { ConsumeSession, logError, type StopReason } from './consume-session.js';
import { CONSUMER_OPTIONS, consoleConsumerConfig, type ConsoleConsumerConfig } from './options.js';
import { OptionError, parseArgs, type ParsedOptions } from '../../java-compat/jopt.js';
import { OutputWriter } from '../../cli/output-writer.js';
import { ReportedFailure, UsageError, VersionRequested, describeError, isVerbose } from '../../cli/tool.js';
import { InvalidRegexError, compileJavaRegex, isInternalTopic } from '../../java-compat/java-regex.js';
import type { FetchSettings } from './consumer-readers.js';

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
  let fetch: FetchSettings;
  try {
    config = consoleConsumerConfig(options);
    settings = connectionSettings(config.consumerProps, { clientId: 'console-consumer', requestTimeoutMs: 30_000 });
    fetch = fetchSettings(config.consumerProps);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ReportedFailure || e instanceof VersionRequested) throw e;
    // Values read after parsing (a bad --partition number, consumer configs) fail like Kafka's main().
    logError('Unknown error when running consumer: ', e instanceof OptionError || e instanceof ClientConfigError ? errorLine(e, verbose) : e);
    return 1;
  }

  const writer = new OutputWriter();
  const session = new ConsumeSession(config.formatter, writer, config);
  const signals = onSignals((exitCode) => session.stop({ kind: 'signal', exitCode }));
  let cleanup: () => Promise<void> = async () => undefined;
  try {
    cleanup = await startReading(config, settings, fetch, session, verbose);
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
  await writer.flush();
  signals.dispose();
  return report(reason, session.count, config.enableSystestEvents, verbose);
}

async function startReading(
  config: ConsoleConsumerConfig,
  settings: ConnectionSettings,
  fetch: FetchSettings,
  session: ConsumeSession,
  verbose: boolean,
): Promise<() => Promise<void>> {
  if (session.isStopped) return async () => undefined;
  const { AdminClient } = await import('../../client/admin-client.js');
  // Fail fast, with one line, when no bootstrap server answers.
  const admin = await AdminClient.connect(settings);
  const { loadKafkajs, kafkajsConfig } = await import('../console-producer/kafkajs-loader.js');
  const readers = await import('./consumer-readers.js');
  await loadKafkajs();
  const kafkaConfig = kafkajsConfig(settings, verbose);
  const props = config.consumerProps;
  const resetPolicy = autoOffsetReset(props);

  if (config.partition !== undefined) {
    admin.close();
    const cluster = readers.createCluster(kafkaConfig as unknown as Record<string, unknown>, fetch.readCommitted);
    session.start();
    readers
      .assignAndConsume(cluster, { topic: config.topic!, partition: config.partition, start: config.startOffset, resetPolicy, fetch }, session)
      .catch((e: unknown) => session.stop({ kind: 'consumer-error', error: e }));
    return async () => {
      await cluster.disconnect().catch(() => undefined);
    };
  }

  if (resetPolicy === 'none') {
    admin.close();
    throw new ClientConfigError('auto.offset.reset=none is not supported by kt; use earliest or latest.');
  }
  let topics: string[];
  try {
    topics = config.topic !== undefined ? [config.topic] : await topicsMatching(admin, config.include!, props, session);
  } finally {
    admin.close();
  }
  if (session.isStopped) return async () => undefined;
  const kafkajs = await loadKafkajs();
  const kafka = new kafkajs.Kafka(kafkaConfig);
  session.start();
  const consumer = await readers.subscribeAndConsume(
    kafka,
    {
      groupId: props.get('group.id')!,
      topics,
      fromBeginning: resetPolicy === 'earliest',
      autoCommit: (props.get('enable.auto.commit') ?? 'true').trim().toLowerCase() === 'true',
      autoCommitIntervalMs: intConfig(props, 'auto.commit.interval.ms', 5000, 0),
      sessionTimeoutMs: intConfig(props, 'session.timeout.ms', 45_000, 0),
      rebalanceTimeoutMs: intConfig(props, 'max.poll.interval.ms', 300_000, 1),
      heartbeatIntervalMs: intConfig(props, 'heartbeat.interval.ms', 3000, 0),
      fetch,
    },
    session,
  );
  return async () => {
    await consumer.disconnect().catch(() => undefined);
  };
}

/**
 * --include: the topics matching the Java regex (internal ones only with
 * exclude.internal.topics=false), re-listed every second until one exists.
 */
async function topicsMatching(
  admin: import('../../client/admin-client.js').AdminClient,
  include: string,
  props: ClientProperties,
  session: ConsumeSession,
): Promise<string[]> {
  const { TopicAdmin } = await import('../topics/admin.js');
  const regex = compileJavaRegex(include, { wholeMatch: true });
  const excludeInternal = (props.get('exclude.internal.topics') ?? 'true').trim().toLowerCase() === 'true';
  const topicAdmin = new TopicAdmin(admin);
  session.start();
  for (;;) {
    const { topics } = await topicAdmin.listTopics(true);
    const matching = topics.map((t) => t.name).filter((t) => regex.test(t) && !(excludeInternal && isInternalTopic(t)));
    if (matching.length > 0 || session.isStopped) return matching.sort();
    await Promise.race([new Promise((r) => setTimeout(r, 1000)), session.stopped]);
  }
}

function autoOffsetReset(props: ClientProperties): 'earliest' | 'latest' | 'none' {
  const value = (props.get('auto.offset.reset') ?? 'latest').trim().toLowerCase();
  if (value === 'earliest' || value === 'latest' || value === 'none') return value;
  throw new ClientConfigError(`Invalid value ${props.get('auto.offset.reset')} for configuration auto.offset.reset: Invalid value `);
}

function fetchSettings(props: ClientProperties): FetchSettings {
  const isolation = (props.get('isolation.level') ?? 'read_uncommitted').trim().toLowerCase();
  if (isolation !== 'read_committed' && isolation !== 'read_uncommitted') {
    throw new ClientConfigError(`Invalid value ${props.get('isolation.level')} for configuration isolation.level: String must be one of: read_committed, read_uncommitted`);
  }
  autoOffsetReset(props);
  return {
    minBytes: intConfig(props, 'fetch.min.bytes', 1, 0),
    maxBytes: intConfig(props, 'fetch.max.bytes', 52_428_800, 0),
    maxBytesPerPartition: intConfig(props, 'max.partition.fetch.bytes', 1_048_576, 0),
    maxWaitTimeMs: intConfig(props, 'fetch.max.wait.ms', 500, 0),
    readCommitted: isolation === 'read_committed',
    retryBackoffMs: intConfig(props, 'retry.backoff.ms', 100, 0),
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
