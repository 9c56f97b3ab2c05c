// kt console-producer = kafka-console-producer.sh: stdin lines -> records (LineMessageReader),
// sent through kt's producer (src/client) with the Java client's partitioning, batching and
// idempotence. Exit 0 at EOF once every record is acknowledged (async send failures are logged
// and do not change it, as in Kafka); exit 1 on a line the reader rejects or, with --sync, on a
// failed send.
import { fstatSync, read } from 'node:fs';
import { Cluster } from '../../client/cluster.js';
import { Producer } from '../../client/producer.js';
import { ProducerRecordError } from '../../client/producer-errors.js';
import type { ProducerConfig } from '../../client/producer-config.js';
import { LineReaderError, lineReaderConfig, parseLine, type LineReaderConfig } from './line-reader.js';
import { LineSplitter } from './line-splitter.js';
import { OptionError, parseArgs } from '../../java-compat/jopt.js';
import { LINE_MESSAGE_READER, PRODUCER_OPTIONS, consoleProducerConfig, producerSettings, type ConsoleProducerConfig } from './options.js';
import { ReportedFailure, UsageError, describeError, isVerbose } from '../../cli/tool.js';
import { createLogger } from '../../broker/logger.js';
import { ProgressLine } from './progress.js';

/** Read size for a redirected file. */
const FILE_CHUNK_BYTES = 256 * 1024;
const CALLBACK_LOGGER = 'org.apache.kafka.clients.producer.internals.ErrorLoggingCallback';

/** Where parsed records go: the producer, or (when the topic never showed up) straight to the error log. */
interface RecordSink {
  send(key: Buffer | null, value: Buffer | null, headers: Array<[string, Buffer | null]> | undefined): Promise<void> | undefined;
  /** A key-less, header-less record whose value is `source[start, end)`. */
  sendSlice(source: Buffer, start: number, end: number, timestamp: number): Promise<void> | undefined;
  /** --sync: resolves once the record is acknowledged, rejects with its error. */
  sendAndWait(key: Buffer | null, value: Buffer | null, headers: Array<[string, Buffer | null]> | undefined): Promise<void>;
  close(): Promise<void>;
}

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
  let settings: ProducerConfig;
  try {
    reader = lineReaderConfig(config.readerProps);
    settings = producerSettings(config.producerProps);
  } catch (e) {
    if (e instanceof LineReaderError) return fail(`org.apache.kafka.common.KafkaException: ${e.message}`);
    return fail(`org.apache.kafka.common.config.ConfigException: ${describeError(e, verbose)}`);
  }

  let cluster: Cluster;
  try {
    cluster = await Cluster.connect(settings.connection);
  } catch (e) {
    process.stderr.write(`${describeError(e, verbose)}\n`);
    throw new ReportedFailure(1);
  }
  const sink = await openSink(cluster, config.topic, settings, config.sync, verbose);

  const stopSignal = onceSignal();
  let exitCode = 0;
  try {
    const outcome = await Promise.race([readStdin(reader, sink, config.sync), stopSignal.promise]);
    if (typeof outcome === 'number') exitCode = outcome;
  } catch (e) {
    // Records before the failing line are still sent, as in Kafka.
    await sink.close();
    await cluster.close();
    if (e instanceof LineReaderError) return fail(`org.apache.kafka.common.KafkaException: ${e.message}`, verbose ? e : undefined);
    return fail(`java.util.concurrent.ExecutionException: ${errorText(e)}`, verbose && e instanceof Error ? e : undefined);
  } finally {
    stopSignal.dispose();
  }
  await sink.close();
  await cluster.close();
  return exitCode;
}

async function openSink(cluster: Cluster, topic: string, settings: ProducerConfig, sync: boolean, verbose: boolean): Promise<RecordSink> {
  const logFailure = failureLogger(topic, verbose);
  let producer: Producer;
  try {
    producer = await Producer.create(cluster, topic, settings.producer);
  } catch (e) {
    if (!(e instanceof ProducerRecordError)) throw e;
    // Java's send() fails each record with this error (after max.block.ms for metadata); kt
    // waited once and fails every record with it.
    const size = (b: Buffer | null) => (b === null ? -1 : b.length);
    return {
      send(key, value) {
        logFailure(size(key), size(value), e);
        return undefined;
      },
      sendSlice(_source, start, end) {
        logFailure(-1, end - start, e);
        return undefined;
      },
      sendAndWait: () => Promise.reject(e),
      close: () => Promise.resolve(),
    };
  }
  // Async sends log their failures (ErrorLoggingCallback); --sync sends throw them instead.
  if (!sync) {
    producer.onBatchFailed((keySizes, valueSizes, count, error) => {
      for (let i = 0; i < count; i++) logFailure(keySizes[i]!, valueSizes[i]!, error);
    });
  }
  return {
    send: (key, value, headers) => producer.sendRecord(key, value, headers, Date.now()),
    sendSlice: (source, start, end, timestamp) => producer.sendValueSlice(source, start, end, timestamp),
    sendAndWait: (key, value, headers) =>
      new Promise<void>((resolve, reject) => {
        void producer.sendRecord(key, value, headers, Date.now(), undefined, (error) => (error === undefined ? resolve() : reject(error)));
        void producer.flush();
      }),
    async close() {
      await producer.flush();
      producer.close();
    },
  };
}

/**
 * Reads stdin to EOF, handing each parsed line to the sink; the prompt shows only on a terminal.
 * Lines are sent as they are split out of a chunk (no array of lines); back-pressure from a full
 * buffer.memory is awaited once per chunk.
 */
async function readStdin(reader: LineReaderConfig, sink: RecordSink, sync: boolean): Promise<void> {
  const interactive = process.stdin.isTTY === true;
  const prompt = interactive && process.stdout.isTTY === true;
  const progress = interactive ? undefined : ProgressLine.start();
  if (prompt) process.stdout.write('>');
  const splitter = new LineSplitter();
  let lineNumber = 0;
  // The default reader settings make every line a key-less, header-less value: no parse step.
  const plain = !reader.parseKey && !reader.parseHeaders && reader.nullMarker === undefined;
  let blocked: Promise<void> | undefined;
  // The producer's timestamp, read once per chunk: a chunk's lines are split within a millisecond or so.
  let chunkTime = Date.now();
  const onLine = (source: Buffer, start: number, end: number) => {
    let wait: Promise<void> | undefined;
    if (plain) {
      lineNumber++;
      wait = sink.sendSlice(source, start, end, chunkTime);
    } else {
      const { key, value, headers } = parseLine(source.subarray(start, end), ++lineNumber, reader);
      wait = sink.send(key, value, headers.length === 0 ? undefined : headers);
    }
    if (wait !== undefined) blocked = wait;
  };
  const lines: Buffer[] = [];
  const collect = (line: Buffer) => lines.push(line);
  const sendWaiting = async () => {
    for (const line of lines) {
      const { key, value, headers } = parseLine(line, ++lineNumber, reader);
      await sink.sendAndWait(key, value, headers.length === 0 ? undefined : headers);
      if (prompt) process.stdout.write('>');
    }
    lines.length = 0;
  };
  try {
    for await (const chunk of stdinChunks()) {
      chunkTime = Date.now();
      if (sync || prompt) {
        splitter.push(chunk, collect);
        if (sync) await sendWaiting();
        else {
          for (const line of lines.splice(0)) {
            onLine(line, 0, line.length);
            process.stdout.write('>');
          }
        }
      } else {
        splitter.pushRanges(chunk, onLine);
      }
      progress?.update(lineNumber);
      if (blocked !== undefined) {
        const wait = blocked;
        blocked = undefined;
        await wait;
      }
    }
    if (sync) {
      splitter.end(collect);
      await sendWaiting();
    } else {
      splitter.endRanges(onLine);
    }
  } finally {
    progress?.stop();
  }
}

/**
 * stdin's chunks. A redirected file is read into one reused buffer (process.stdin allocates a
 * fresh 64 KiB buffer per read, which the garbage collector then pays for): safe because every
 * record's bytes are copied into its batch before the next read, and the line splitter copies a
 * line that spans reads. Pipes, sockets and terminals go through process.stdin.
 */
async function* stdinChunks(): AsyncGenerator<Buffer> {
  if (!fstatSync(0).isFile()) {
    yield* process.stdin as AsyncIterable<Buffer>;
    return;
  }
  const buf = Buffer.allocUnsafe(FILE_CHUNK_BYTES);
  for (;;) {
    const n = await new Promise<number>((resolve, reject) => read(0, buf, 0, buf.length, null, (e, bytes) => (e === null ? resolve(bytes) : reject(e))));
    if (n === 0) return;
    yield buf.subarray(0, n);
  }
}

/** Kafka's ErrorLoggingCallback: one ERROR line (and the exception) per record of a failed send. */
function failureLogger(topic: string, verbose: boolean): (keySize: number, valueSize: number, error: Error) => void {
  const log = createLogger(CALLBACK_LOGGER, 'ERROR', (line) => process.stderr.write(line));
  const size = (n: number) => (n < 0 ? 'null' : `${n} bytes`);
  return (keySize, valueSize, error) => {
    log.error(`Error when sending message to topic ${topic} with key: ${size(keySize)}, value: ${size(valueSize)} with error:`);
    process.stderr.write(`${verbose && error.stack !== undefined ? `${errorText(error)}\n${error.stack}` : errorText(error)}\n`);
  };
}

/** Java's Throwable.toString() of a send failure. */
export function errorText(error: unknown): string {
  if (error instanceof ProducerRecordError) return error.toString();
  if (!(error instanceof Error)) return String(error);
  return `${error.name}: ${error.message}`;
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
