// kt console-producer = kafka-console-producer.sh: stdin lines -> records (LineMessageReader),
// sent in batches through kafkajs with the Java client's partitioning. Exit 0 at EOF once every
// record is acknowledged (async send failures are logged and do not change it, as in Kafka);
// exit 1 on a line the reader rejects or, with --sync, on a failed send.
import type { ConnectionSettings } from '../../client/config.js';
import { ORDERED_HEADERS } from './kafkajs-shims.js';
import { LineReaderError, lineReaderConfig, parseLine, type LineReaderConfig } from './line-reader.js';
import { LineSplitter } from './line-splitter.js';
import { OptionError, parseArgs } from '../../java-compat/jopt.js';
import { LINE_MESSAGE_READER, PRODUCER_OPTIONS, consoleProducerConfig, producerSettings, type ConsoleProducerConfig, type ProducerSettings } from './options.js';
import { RecordSender, type OutgoingRecord } from './record-sender.js';
import { ReportedFailure, UsageError, describeError, isVerbose } from '../../cli/tool.js';
import { createLogger } from '../../broker/logger.js';

/** kafkajs sends one record batch per partition per send; stay well below 1 MiB batches. */
const FLUSH_BYTES = 512 * 1024;
const CALLBACK_LOGGER = 'org.apache.kafka.clients.producer.internals.ErrorLoggingCallback';

export async function runConsoleProducer(argv: readonly string[]): Promise<number> {
  const verbose = isVerbose(argv);
  let config: ConsoleProducerConfig;
  try {
    config = consoleProducerConfig(parseArgs(argv, PRODUCER_OPTIONS));
  } catch (e) {
    if (e instanceof OptionError) throw new UsageError(e.message);
    throw e;
  }

  // Reader and producer construction failures: Kafka prints the exception, exit 1.
  if (config.readerClass !== LINE_MESSAGE_READER) return fail(`java.lang.ClassNotFoundException: ${config.readerClass}`);
  let reader: LineReaderConfig;
  let settings: ProducerSettings;
  try {
    reader = lineReaderConfig(config.readerProps);
    settings = producerSettings(config.producerProps);
  } catch (e) {
    if (e instanceof LineReaderError) return fail(`org.apache.kafka.common.KafkaException: ${e.message}`);
    return fail(`org.apache.kafka.common.config.ConfigException: ${describeError(e, verbose)}`);
  }

  await ensureReachable(settings.connection, verbose);
  const { loadKafkajs, kafkajsConfig } = await import('./kafkajs-loader.js');
  const { javaCompatiblePartitioner } = await import('./partitioner.js');
  const kafkajs = await loadKafkajs();
  const kafka = new kafkajs.Kafka(kafkajsConfig(settings.connection, verbose));
  const producer = kafka.producer({
    createPartitioner: javaCompatiblePartitioner(settings.batchSize),
    allowAutoTopicCreation: true,
    idempotent: settings.idempotent,
    metadataMaxAge: settings.metadataMaxAgeMs,
    ...(settings.idempotent ? {} : { retry: kafkajsConfig(settings.connection, verbose).retry }),
  });
  await producer.connect();

  const compression = kafkajsCompression(kafkajs, settings.compression);
  const sendBatch = async (records: OutgoingRecord[]) => {
    await producer.send({ topic: config.topic, acks: settings.acks, timeout: settings.requestTimeoutMs, compression, messages: records.map(toMessage) });
  };
  const sender = new RecordSender(sendBatch, { lingerMs: settings.lingerMs, flushBytes: FLUSH_BYTES }, (records, error) =>
    logSendFailures(config.topic, records, error, verbose),
  );

  const stopSignal = onceSignal();
  let exitCode = 0;
  try {
    const outcome = await Promise.race([readStdin(reader, config.sync ? (r) => sendBatch([r]) : (r) => sender.add(r)), stopSignal.promise]);
    if (typeof outcome === 'number') exitCode = outcome;
  } catch (e) {
    // Records before the failing line are still sent, as in Kafka.
    await sender.close();
    await producer.disconnect().catch(() => undefined);
    if (e instanceof LineReaderError) return fail(`org.apache.kafka.common.KafkaException: ${e.message}`, verbose ? e : undefined);
    return fail(`java.util.concurrent.ExecutionException: ${kafkaErrorText(e)}`, verbose && e instanceof Error ? e : undefined);
  } finally {
    stopSignal.dispose();
  }
  await sender.close();
  await producer.disconnect().catch(() => undefined);
  return exitCode;
}

/** Reads stdin to EOF, handing each parsed line to `emit`; the prompt shows only on a terminal. */
async function readStdin(reader: LineReaderConfig, emit: (r: OutgoingRecord) => Promise<void>): Promise<void> {
  const prompt = process.stdin.isTTY === true && process.stdout.isTTY === true;
  if (prompt) process.stdout.write('>');
  const splitter = new LineSplitter();
  let lineNumber = 0;
  const lines: Buffer[] = [];
  const collect = (line: Buffer) => lines.push(line);
  const drain = async () => {
    const timestamp = String(Date.now());
    for (const line of lines) {
      const { key, value, headers } = parseLine(line, ++lineNumber, reader);
      await emit({ key, value, headers, timestamp });
      if (prompt) process.stdout.write('>');
    }
    lines.length = 0;
  };
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    splitter.push(chunk, collect);
    await drain();
  }
  splitter.end(collect);
  await drain();
}

/**
 * A kafkajs message; headers travel in order (with null values) through kt's record encoder
 * shim. kafkajs encodes each message as `{ ...message, offsetDelta, timestampDelta }`: V8 makes
 * that literal ~30x slower when those two properties are new, so they exist up front.
 */
function toMessage(r: OutgoingRecord) {
  return {
    key: r.key,
    value: r.value,
    timestamp: r.timestamp,
    headers: { [ORDERED_HEADERS]: r.headers } as Record<string, never>,
    offsetDelta: 0,
    timestampDelta: 0,
  };
}

function kafkajsCompression(kafkajs: typeof import('kafkajs'), name: ProducerSettings['compression']): number {
  const t = kafkajs.CompressionTypes;
  return { none: t.None, gzip: t.GZIP, snappy: t.Snappy, lz4: t.LZ4, zstd: t.ZSTD }[name];
}

/** Kafka's ErrorLoggingCallback: one ERROR line per record of a failed send. */
function logSendFailures(topic: string, records: OutgoingRecord[], error: unknown, verbose: boolean): void {
  const log = createLogger(CALLBACK_LOGGER, 'ERROR', (line) => process.stderr.write(line));
  const size = (b: Buffer | null) => (b === null ? 'null' : `${b.length} bytes`);
  const detail = verbose && error instanceof Error && error.stack !== undefined ? error.stack : kafkaErrorText(error);
  for (const r of records) {
    log.error(`Error when sending message to topic ${topic} with key: ${size(r.key)}, value: ${size(r.value)} with error:`);
    process.stderr.write(`${detail}\n`);
  }
}

/** `<ErrorName>: <message>` for a kafkajs error (its Kafka error name when it has one). */
export function kafkaErrorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const type = (error as { type?: string }).type;
  return `${type ?? error.name}: ${error.message}`;
}

/** Fails fast, with one line, when no bootstrap server answers (kafkajs would retry for long). */
async function ensureReachable(connection: ConnectionSettings, verbose: boolean): Promise<void> {
  const { AdminClient } = await import('../../client/admin-client.js');
  try {
    (await AdminClient.connect(connection)).close();
  } catch (e) {
    process.stderr.write(`${describeError(e, verbose)}\n`);
    throw new ReportedFailure(1);
  }
}

function fail(message: string, error?: Error): number {
  process.stderr.write(`${message}\n`);
  if (error?.stack !== undefined) process.stderr.write(`${error.stack}\n`);
  return 1;
}

/** SIGINT/SIGTERM end the read loop; the shutdown then flushes like Kafka's hook (exit 130/143). */
function onceSignal(): { promise: Promise<number>; dispose(): void } {
  let handler: ((s: NodeJS.Signals) => void) | undefined;
  const promise = new Promise<number>((resolve) => {
    handler = (signal) => resolve(signal === 'SIGINT' ? 130 : 143);
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
  });
  return {
    promise,
    dispose() {
      process.removeListener('SIGINT', handler!);
      process.removeListener('SIGTERM', handler!);
    },
  };
}
