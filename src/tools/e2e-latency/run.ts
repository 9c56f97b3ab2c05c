// kt e2e-latency — kafka-e2e-latency.sh (EndToEndLatency): sends one record at a time, waits
// for its acknowledgement, polls it back, and prints the round trip every 1000 records, then
// the average and percentiles, in Kafka's format.
import { AssignedConsumer } from '../../client/assigned-consumer.js';
import { Cluster } from '../../client/cluster.js';
import { createTopic } from '../../client/create-topic.js';
import { LeanProducer } from '../../client/producer.js';
import { connectionSettings, type ClientProperties } from '../../client/config.js';
import { loadPropertiesFile } from '../../cli/client-config.js';
import { formatJavaFixed, javaDoubleToString } from '../../java-compat/java-format.js';
import { producerSettings } from '../producer-perf-test/perf-producer-settings.js';
import { ReportedFailure } from '../../cli/tool.js';

const POLL_TIMEOUT_MS = 60_000;
const USAGE =
  'USAGE: java org.apache.kafka.tools.EndToEndLatency broker_list topic num_messages producer_acks message_size_bytes [optional] properties_file';

/** A failure Kafka reports with its message (plus a stack trace) on stderr, exit 1. */
class LatencyTestError extends Error {}

export async function runEndToEndLatency(argv: readonly string[]): Promise<number> {
  const args = argv.filter((a) => a !== '--verbose');
  if (args.length !== 5 && args.length !== 6) {
    process.stderr.write(`${USAGE}\n`);
    throw new ReportedFailure(1);
  }
  const [brokers, topic, numMessagesText, acks, sizeText] = args as [string, string, string, string, string];
  const numMessages = parseJavaInt(numMessagesText);
  const messageSize = parseJavaInt(sizeText);
  if (acks !== '1' && acks !== 'all') throw new LatencyTestError('Latency testing requires synchronous acknowledgement. Please use 1 or all');
  const propertiesFile = args.length > 5 && args[5]!.trim() !== '' ? args[5] : undefined;
  const props: ClientProperties = propertiesFile !== undefined ? loadPropertiesFile(propertiesFile) : new Map();
  props.set('bootstrap.servers', brokers);
  props.set('acks', acks);
  props.set('linger.ms', '0');

  const cluster = await Cluster.connect(connectionSettings(props, { clientId: 'e2e-latency', requestTimeoutMs: 30_000 }));
  try {
    if (!(await cluster.topicExists(topic))) {
      process.stdout.write(`Topic "${topic}" does not exist. Will create topic with 1 partition(s) and replication factor = 1\n`);
      try {
        await createTopic(cluster, topic, 1, 1);
      } catch (e) {
        process.stdout.write(`Creation of topic ${topic} failed\n`);
        throw e;
      }
    }
    const layout = await cluster.topic(topic, false);
    // fetch.max.wait.ms=0 in Kafka's tool: poll as soon as anything is there. kt's broker
    // answers a waiting Fetch as soon as data arrives, so a short wait avoids a busy loop.
    const consumer = await AssignedConsumer.atEnd(cluster, layout, 100);
    let acked: Error | undefined;
    const producer = await LeanProducer.create(cluster, topic, producerSettings(props), {
      onAcked() {},
      onFailed(_count, error) {
        acked = error;
      },
    });
    try {
      await measure(producer, consumer, numMessages, messageSize, () => acked);
    } finally {
      producer.close();
      consumer.close();
    }
  } finally {
    await cluster.close();
  }
  return 0;
}

async function measure(producer: LeanProducer, consumer: AssignedConsumer, numMessages: number, messageSize: number, sendError: () => Error | undefined): Promise<void> {
  let totalTime = 0;
  const latencies = new Float64Array(numMessages);
  for (let i = 0; i < numMessages; i++) {
    // Kafka fills the message with one random uppercase letter.
    const message = Buffer.alloc(messageSize, 65 + Math.floor(Math.random() * 26));
    const begin = process.hrtime.bigint();
    const now = Date.now();
    const full = producer.send(message, now, now);
    if (full !== undefined) await full;
    await producer.flush();
    const error = sendError();
    if (error !== undefined) throw error;
    const records = await consumer.poll(POLL_TIMEOUT_MS);
    const elapsed = Number(process.hrtime.bigint() - begin);
    validate(message, records.map((r) => r.value));
    if (i % 1000 === 0) process.stdout.write(`${i}\t${javaDoubleToString(elapsed / 1000.0 / 1000.0)}\n`);
    totalTime += elapsed;
    latencies[i] = Math.floor(elapsed / 1000 / 1000);
  }
  const avg = totalTime / numMessages / 1000.0 / 1000.0;
  process.stdout.write(`Avg latency: ${formatJavaFixed(avg, 4)} ms\n`);
  latencies.sort();
  const at = (q: number) => {
    const index = Math.floor(latencies.length * q);
    if (index >= latencies.length) throw new LatencyTestError(`Index ${index} out of bounds for length ${latencies.length}`);
    return latencies[index]!;
  };
  const [p50, p99, p999] = [at(0.5), at(0.99), at(0.999)];
  process.stdout.write(`Percentiles: 50th = ${p50}, 99th = ${p99}, 99.9th = ${p999}\n`);
}

function validate(sent: Buffer, read: Array<Buffer | null>): void {
  if (read.length === 0) throw new LatencyTestError(`poll() timed out before finding a result (timeout:[${POLL_TIMEOUT_MS}])`);
  const readString = (read[0] ?? Buffer.alloc(0)).toString('utf8');
  const sentString = sent.toString('utf8');
  if (readString !== sentString) throw new LatencyTestError(`The message read [${readString}] did not match the message sent [${sentString}]`);
  if (read.length > 1) throw new LatencyTestError(`Only one result was expected during this test. We found [${read.length}]`);
}

/** Integer.parseInt with Java's NumberFormatException message. */
function parseJavaInt(text: string): number {
  if (!/^[-+]?\d+$/.test(text) || Number(text) > 2147483647 || Number(text) < -2147483648) {
    throw new LatencyTestError(`For input string: "${text}"`);
  }
  return Number(text);
}
