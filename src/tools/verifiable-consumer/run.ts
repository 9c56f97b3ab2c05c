// kt verifiable-consumer = kafka-verifiable-consumer.sh (VerifiableConsumer): subscribes one topic
// in a classic consumer group on kt's consumer (src/client) and prints Kafka's JSON event lines:
// startup_complete, partitions_revoked / partitions_assigned (the rebalance listener),
// record_data (--verbose), records_consumed per poll, offsets_committed after each poll's
// commitSync (without --enable-autocommit), shutdown_complete after close.
import { ApiKey } from '../../protocol/api.js';
import { ClientConfigError, connectionSettings } from '../../client/config.js';
import { consumerConfig } from '../../client/consumer-config.js';
import type { KafkaConsumer, TopicPartition } from '../../client/kafka-consumer.js';
import { formatHelp, parseArgparse } from '../../java-compat/argparse.js';
import { reportArgparseOutcome } from '../../java-compat/argparse-tool.js';
import { createLogger } from '../../broker/logger.js';
import {
  VERIFIABLE_CONSUMER_TOOL,
  verifiableConsumerConfig,
  type VerifiableConsumerConfig,
} from './options.js';

/** KafkaConsumer's max.poll.records default: the records one poll hands out. */
const MAX_POLL_RECORDS = 500;
const LOGGER = 'org.apache.kafka.tools.VerifiableConsumer';

export async function runVerifiableConsumer(argv: readonly string[]): Promise<number> {
  const tool = VERIFIABLE_CONSUMER_TOOL;
  if (argv.length === 0) {
    process.stdout.write(formatHelp(tool.prog, tool.description, tool.specs, tool.groups));
    return 0;
  }
  let config: VerifiableConsumerConfig;
  try {
    config = verifiableConsumerConfig(parseArgparse(argv, tool.specs, tool.groups));
  } catch (e) {
    const code = reportArgparseOutcome(tool, e);
    if (code !== undefined) return code;
    throw e;
  }
  const settings = connectionSettings(config.props, { clientId: 'consumer-1', requestTimeoutMs: 30_000 });
  const { KafkaConsumer } = await import('../../client/kafka-consumer.js');
  const consumer = await KafkaConsumer.connect(settings, consumerConfig(config.props));
  const events = new EventPrinter();
  let stopping = false;
  const onSignal = () => {
    stopping = true;
    consumer.wakeup();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    events.print({ name: 'startup_complete' });
    if (config.groupProtocol.toLowerCase() === 'consumer') await refuseConsumerProtocol(consumer);
    consumer.subscribe([config.topic], {
      onPartitionsRevoked: (partitions) => events.print({ name: 'partitions_revoked', partitions: sortedPartitions(partitions) }),
      onPartitionsAssigned: (partitions) => events.print({ name: 'partitions_assigned', partitions: sortedPartitions(partitions) }),
      onPartitionsLost: (partitions) => events.print({ name: 'partitions_revoked', partitions: sortedPartitions(partitions) }),
    });
    let consumed = 0;
    const finished = () => config.maxMessages >= 0 && consumed >= config.maxMessages;
    while (!finished() && !stopping) {
      if (!(await consumer.poll(1000))) continue;
      const polled = new Map<string, { topic: string; partition: number; offsets: number[]; records: Array<{ key: string | null; value: string | null; offset: number }> }>();
      let count = 0;
      consumer.drain(MAX_POLL_RECORDS, (r) => {
        count++;
        const id = `${r.topic}\0${r.partition}`;
        let entry = polled.get(id);
        if (entry === undefined) polled.set(id, (entry = { topic: r.topic, partition: r.partition, offsets: [], records: [] }));
        entry.offsets.push(r.offset);
        if (config.verbose) entry.records.push({ key: r.key()?.toString('utf8') ?? null, value: r.value()?.toString('utf8') ?? null, offset: r.offset });
      });
      if (count === 0) continue;
      // onRecordsReceived: per partition, up to --max-messages in all.
      const summaries: Array<{ topic: string; partition: number; count: number; minOffset: number; maxOffset: number }> = [];
      const offsets: Array<{ topic: string; partition: number; offset: number }> = [];
      for (const entry of polled.values()) {
        let taken = entry.offsets;
        if (config.maxMessages >= 0 && consumed + taken.length > config.maxMessages) taken = taken.slice(0, config.maxMessages - consumed);
        if (taken.length === 0) continue;
        const minOffset = taken[0]!;
        const maxOffset = taken[taken.length - 1]!;
        offsets.push({ topic: entry.topic, partition: entry.partition, offset: maxOffset + 1 });
        summaries.push({ topic: entry.topic, partition: entry.partition, count: taken.length, minOffset, maxOffset });
        if (config.verbose) {
          for (const r of entry.records.slice(0, taken.length)) events.print({ name: 'record_data', key: r.key, value: r.value, topic: entry.topic, partition: entry.partition, offset: r.offset });
        }
        consumed += taken.length;
        if (finished()) break;
      }
      events.print({ name: 'records_consumed', count, partitions: summaries });
      if (!config.useAutoCommit) {
        try {
          await consumer.commitSync(offsets);
          events.print({ name: 'offsets_committed', offsets, success: true });
        } catch (e) {
          events.print({ name: 'offsets_committed', offsets, error: (e as Error).message, success: false });
        }
      }
    }
  } catch (e) {
    // Errors go to the log (stderr), not to the event stream.
    createLogger(LOGGER, 'ERROR', (line) => process.stderr.write(line)).error('Error during processing, terminating consumer process: ');
    process.stderr.write(`${(e as Error).name}: ${(e as Error).message}\n`);
  } finally {
    await consumer.close().catch(() => undefined);
    events.print({ name: 'shutdown_complete' });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return 0;
}

/** One JSON event per line, timestamp first (Jackson's order in Kafka's tool). */
class EventPrinter {
  print(event: { name: string } & Record<string, unknown>): void {
    process.stdout.write(`${JSON.stringify({ timestamp: Date.now(), ...event })}\n`);
  }
}

/** Partitions as Kafka's listener sees them: by topic, then partition. */
function sortedPartitions(partitions: readonly TopicPartition[]): Array<{ topic: string; partition: number }> {
  return [...partitions].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition)).map((tp) => ({ topic: tp.topic, partition: tp.partition }));
}

/**
 * --group-protocol consumer (KIP-848): Kafka's client refuses when the broker lacks
 * ConsumerGroupHeartbeat; kt's client speaks only the classic protocol, so it refuses either way.
 */
async function refuseConsumerProtocol(consumer: KafkaConsumer): Promise<never> {
  const versions = await consumer.cluster.bootstrap.send(ApiKey.ApiVersions, 3, { clientSoftwareName: 'kt', clientSoftwareVersion: '0' });
  const supported = versions.apiKeys.some((k) => k.apiKey === ApiKey.ConsumerGroupHeartbeat);
  const error = supported
    ? new ClientConfigError('kt supports only group.protocol=classic; the CONSUMER group protocol (KIP-848) is not implemented by its client yet.')
    : new Error('The node does not support CONSUMER_GROUP_HEARTBEAT');
  error.name = supported ? 'ClientConfigError' : 'org.apache.kafka.common.errors.UnsupportedVersionException';
  throw error;
}
