// kt verifiable-producer = kafka-verifiable-producer.sh (VerifiableProducer): sends the integers
// 0, 1, 2, ... (optionally `<prefix>.<n>`, keys cycling through 0..N-1) through kt's producer and
// prints one JSON event per acknowledgement or failure, so a system test knows exactly what the
// cluster acknowledged. At the end (or on SIGINT/SIGTERM) the producer is closed and
// shutdown_complete and tool_data are printed, as Kafka's shutdown hook does; exit 0.
import { Cluster } from '../../client/cluster.js';
import { Producer } from '../../client/producer.js';
import { ProducerRecordError } from '../../client/producer-errors.js';
import { producerConfig } from '../../client/producer-config.js';
import { formatHelp, parseArgparse } from '../../java-compat/argparse.js';
import { reportArgparseOutcome } from '../../java-compat/argparse-tool.js';
import { ThroughputThrottler } from '../producer-perf-test/throughput-throttler.js';
import { describeError, isVerbose } from '../../cli/tool.js';
import { sendError, sendSuccess, shutdownComplete, startupComplete, toolData } from './events.js';
import {
  VERIFIABLE_PRODUCER_TOOL,
  verifiableProducerConfig,
  type VerifiableProducerConfig,
} from './options.js';

/** Sends between yields of the send loop, so acknowledgements get printed as they come. */
const YIELD_EVERY = 256;
/** Event text is written in pieces of about this size (one write per line would dominate). */
const FLUSH_BYTES = 64 * 1024;

export async function runVerifiableProducer(argv: readonly string[]): Promise<number> {
  const tool = VERIFIABLE_PRODUCER_TOOL;
  if (argv.length === 0) {
    process.stdout.write(formatHelp(tool.prog, tool.description, tool.specs, tool.groups));
    return 0;
  }
  const verbose = isVerbose(argv);
  let config: VerifiableProducerConfig;
  try {
    config = verifiableProducerConfig(parseArgparse(argv.filter((a) => a !== '--verbose'), tool.specs, tool.groups));
  } catch (e) {
    const code = reportArgparseOutcome(tool, e);
    if (code !== undefined) return code;
    throw e;
  }
  let settings;
  try {
    settings = producerConfig(config.props, { clientId: 'producer-1' });
  } catch (e) {
    process.stderr.write(`org.apache.kafka.common.config.ConfigException: ${describeError(e, verbose)}\n`);
    return 1;
  }
  const cluster = await Cluster.connect(settings.connection);
  try {
    return await produce(cluster, config, settings.producer);
  } finally {
    await cluster.close();
  }
}

async function produce(cluster: Cluster, config: VerifiableProducerConfig, settings: Parameters<typeof Producer.create>[2]): Promise<number> {
  const out = new EventWriter();
  const startMs = Date.now();
  let sent = 0;
  let acked = 0;
  let stop = false;
  let wake: () => void = () => undefined;
  // A throttled loop (--throughput 0 never resumes) must still end on a signal.
  const stopped = new Promise<void>((resolve) => (wake = resolve));
  const onSignal = () => {
    stop = true;
    wake();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let producer: Producer | undefined;
  let setupError: ProducerRecordError | undefined;
  try {
    producer = await Producer.create(cluster, config.topic, settings);
  } catch (e) {
    // Java's send() fails every record with this (after max.block.ms for metadata).
    if (!(e instanceof ProducerRecordError)) throw e;
    setupError = e;
  }

  const topic = config.topic;
  const throttler = new ThroughputThrottler(config.throughput, startMs);
  let keyCounter = 0;
  let createTime = config.createTime >= 0 ? config.createTime : undefined;
  out.write(startupComplete());
  const infinite = config.maxMessages < 0;
  for (let i = 0; infinite || i < config.maxMessages; i++) {
    if (stop) break;
    const sendStartMs = Date.now();
    let key: string | null = null;
    if (config.repeatingKeys !== undefined) {
      key = String(keyCounter++);
      if (keyCounter === config.repeatingKeys) keyCounter = 0;
    }
    const value = config.valuePrefix !== undefined ? `${config.valuePrefix}.${i}` : String(i);
    let timestamp = sendStartMs;
    if (createTime !== undefined) {
      timestamp = createTime;
      createTime += Date.now() - startMs;
    }
    sent++;
    if (producer === undefined) {
      out.write(sendError(topic, key, value, setupError!.javaClass, setupError!.message));
    } else {
      const callback = (error: Error | undefined, partition: number, offset: number) => {
        if (error === undefined) {
          acked++;
          out.write(sendSuccess(key, value, offset, topic, partition));
        } else {
          const javaClass = error instanceof ProducerRecordError ? error.javaClass : 'org.apache.kafka.common.KafkaException';
          out.write(sendError(topic, key, value, javaClass, error.message));
        }
      };
      const blocked = producer.sendRecord(key === null ? null : Buffer.from(key), Buffer.from(value), undefined, timestamp, undefined, callback);
      if (blocked !== undefined) await blocked;
    }
    if (throttler.shouldThrottle(i, sendStartMs)) await Promise.race([throttler.throttle(), stopped]);
    else if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
  }

  // The shutdown hook: close (which sends and waits for everything), then the two last events.
  if (producer !== undefined) {
    await producer.flush();
    producer.close();
  }
  out.write(shutdownComplete());
  const stopMs = Date.now();
  out.write(toolData(sent, acked, config.throughput, (1000 * acked) / (stopMs - startMs)));
  await out.end();
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  return 0;
}

/** Buffers event lines and writes them in pieces: at FLUSH_BYTES or on the next turn of the event loop. */
class EventWriter {
  private parts: string[] = [];
  private bytes = 0;
  private scheduled = false;

  write(line: string): void {
    this.parts.push(line);
    this.bytes += line.length;
    if (this.bytes >= FLUSH_BYTES) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.parts.length === 0) return;
    process.stdout.write(this.parts.join(''));
    this.parts = [];
    this.bytes = 0;
  }

  async end(): Promise<void> {
    this.flush();
    await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  }
}
