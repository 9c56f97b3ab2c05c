// kt consumer-perf-test — kafka-consumer-perf-test.sh (ConsumerPerformance): joins a consumer
// group, consumes N records with kt's lean fetcher (src/client/) counting key+value bytes, and
// prints Kafka's header and summary (or per-interval) lines.
import { jsonRequested, writeJson } from '../../cli/json.js';
import { metricEntry, type ConsumerPerfResult } from '../perf-common/result.js';
import { Cluster } from '../../client/cluster.js';
import { DEFAULT_FETCH_SETTINGS, Fetcher } from '../../client/fetcher.js';
import { isolationLevel } from '../../client/consumer-config.js';
import { GroupMember } from '../../client/group-member.js';
import { EARLIEST, LATEST, listOffsets } from '../../client/list-offsets.js';
import { PollBuffer } from '../../client/poll-buffer.js';
import { connectionSettings, intConfig } from '../../client/config.js';
import { consumerPerfConfig, type ConsumerPerfConfig } from './options.js';
import { formatJavaFixed } from '../../java-compat/java-format.js';
import { formatMetrics, type PerfMetric } from '../perf-common/metrics.js';
import { simpleDateFormat } from '../../java-compat/simple-date-format.js';

const MB = 1024 * 1024;
const POLL_TIMEOUT_MS = 100;

const HEADER = 'start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec';
const DETAILED_HEADER = 'time, threadId, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec';

interface ConsumeResult {
  messagesRead: number;
  bytesRead: number;
  joinTimeMs: number;
  fetchCount: number;
}

export async function runConsumerPerfTest(argv: readonly string[]): Promise<number> {
  const config = consumerPerfConfig(argv);
  const formatDate = simpleDateFormat(config.dateFormat);
  const settings = connectionSettings(config.props, { clientId: 'perf-consumer-client', requestTimeoutMs: 30_000 });
  // With --json, stdout carries only the JSON document: interval lines go to stderr, no header.
  const json = jsonRequested(argv);
  const out = (text: string) => (json ? process.stderr : process.stdout).write(text);
  if (!config.hideHeader && !json) out(`${config.showDetailedStats ? DETAILED_HEADER : HEADER}\n`);
  const startMs = Date.now();
  const cluster = await Cluster.connect(settings);
  let result: ConsumeResult;
  try {
    result = await consume(cluster, config, formatDate, out);
  } finally {
    await cluster.close();
  }
  const endMs = Date.now();
  if (json) {
    const elapsedSecs = (endMs - startMs) / 1000.0;
    const totalMbRead = result.bytesRead / MB;
    const fetchTimeMs = endMs - startMs - result.joinTimeMs;
    const summary: ConsumerPerfResult = {
      startTimeMs: startMs,
      endTimeMs: endMs,
      dataConsumedMb: totalMbRead,
      mbPerSec: totalMbRead / elapsedSecs,
      messagesConsumed: result.messagesRead,
      messagesPerSec: result.messagesRead / elapsedSecs,
      rebalanceTimeMs: result.joinTimeMs,
      fetchTimeMs,
      fetchMbPerSec: totalMbRead / (fetchTimeMs / 1000.0),
      fetchMessagesPerSec: result.messagesRead / (fetchTimeMs / 1000.0),
      metrics: config.printMetrics ? consumerMetrics(result, endMs - startMs, config.props.get('client.id')!).map(metricEntry) : null,
    };
    writeJson(summary);
    return 0;
  }
  if (!config.showDetailedStats) {
    const elapsedSecs = (endMs - startMs) / 1000.0;
    const totalMbRead = result.bytesRead / MB;
    const fetchTimeInMs = endMs - startMs - result.joinTimeMs;
    out(
      `${formatDate(startMs)}, ${formatDate(endMs)}, ${formatJavaFixed(totalMbRead, 4)}, ${formatJavaFixed(totalMbRead / elapsedSecs, 4)}, ` +
        `${result.messagesRead}, ${formatJavaFixed(result.messagesRead / elapsedSecs, 4)}, ${result.joinTimeMs}, ${fetchTimeInMs}, ` +
        `${formatJavaFixed(totalMbRead / (fetchTimeInMs / 1000.0), 4)}, ${formatJavaFixed(result.messagesRead / (fetchTimeInMs / 1000.0), 4)}\n`,
    );
  }
  if (config.printMetrics) out(formatMetrics(consumerMetrics(result, endMs - startMs, config.props.get('client.id')!)));
  return 0;
}

async function consume(cluster: Cluster, config: ConsumerPerfConfig, formatDate: (ms: number) => string, out: (text: string) => void): Promise<ConsumeResult> {
  const props = config.props;
  const joinStartMs = Date.now();
  const layout = await cluster.topic(config.topic);
  const member = await GroupMember.connect(cluster, {
    groupId: config.groupId,
    sessionTimeoutMs: intConfig(props, 'session.timeout.ms', 45_000, 0),
    rebalanceTimeoutMs: intConfig(props, 'max.poll.interval.ms', 300_000, 1),
    heartbeatIntervalMs: intConfig(props, 'heartbeat.interval.ms', 3_000, 1),
  });
  const result: ConsumeResult = { messagesRead: 0, bytesRead: 0, joinTimeMs: 0, fetchCount: 0 };
  let fetcher: Fetcher | undefined;
  try {
    const partitions = await member.join(config.topic, layout.leaders.length);
    result.joinTimeMs = Date.now() - joinStartMs;
    let joinTimeMsInSingleRound = result.joinTimeMs;
    // Committed offsets first; auto.offset.reset for partitions without one.
    const positions = partitions.length > 0 ? await member.committedOffsets(config.topic, partitions) : new Map<number, number>();
    const unpositioned = partitions.filter((p) => !positions.has(p));
    if (unpositioned.length > 0) {
      for (const [p, offset] of await listOffsets(cluster, layout, unpositioned, config.fromLatest ? LATEST : EARLIEST, isolationLevel(props))) positions.set(p, offset);
    }
    const startPositions = new Map(positions);
    fetcher = Fetcher.forTopic(cluster, layout, positions, {
      maxWaitMs: intConfig(props, 'fetch.max.wait.ms', DEFAULT_FETCH_SETTINGS.maxWaitMs, 0),
      minBytes: intConfig(props, 'fetch.min.bytes', DEFAULT_FETCH_SETTINGS.minBytes, 0),
      maxBytes: intConfig(props, 'fetch.max.bytes', DEFAULT_FETCH_SETTINGS.maxBytes, 0),
      partitionMaxBytes: config.fetchSize,
      // isolation.level from --consumer.config (Kafka's tool has no flag for it): read_committed
      // stops at the last stable offset and leaves aborted transactions out.
      isolationLevel: isolationLevel(props),
    });
    fetcher.start();
    const maxPollRecords = intConfig(props, 'max.poll.records', 500, 1);
    const buffer = new PollBuffer();

    let lastBytesRead = 0;
    let lastMessagesRead = 0;
    // Kafka joins inside the first poll, so the first interval starts before the join.
    let currentTimeMs = joinStartMs;
    let lastReportTimeMs = currentTimeMs;
    let lastConsumedTimeMs = currentTimeMs;
    const count = config.messages;
    while (result.messagesRead < count && currentTimeMs - lastConsumedTimeMs <= config.timeoutMs) {
      if (buffer.isEmpty) buffer.add(await fetcher.poll(POLL_TIMEOUT_MS));
      currentTimeMs = Date.now();
      let first = true;
      const taken = buffer.take(maxPollRecords, (records, bytes) => {
        result.messagesRead += records;
        result.bytesRead += bytes;
        // Kafka checks the interval on every record of a poll, with the poll's time: only the
        // first record can trigger a report.
        if (first && currentTimeMs - lastReportTimeMs >= config.reportingIntervalMs) {
          if (config.showDetailedStats) {
            out(progressLine(result.bytesRead, lastBytesRead, result.messagesRead, lastMessagesRead, lastReportTimeMs, currentTimeMs, formatDate, joinTimeMsInSingleRound));
          }
          joinTimeMsInSingleRound = 0;
          lastReportTimeMs = currentTimeMs;
          lastMessagesRead = result.messagesRead;
          lastBytesRead = result.bytesRead;
        }
        first = false;
      });
      if (taken > 0) lastConsumedTimeMs = currentTimeMs;
    }
    if (result.messagesRead < count) {
      out(
        `WARNING: Exiting before consuming the expected number of messages: timeout (${config.timeoutMs} ms) exceeded. ` +
          'You can use the --timeout option to increase the timeout.\n',
      );
    }
    result.fetchCount = fetcher.fetchCount;
    // enable.auto.commit (default true): the Java consumer commits its positions on close.
    if ((props.get('enable.auto.commit') ?? 'true').trim().toLowerCase() !== 'false') {
      await member.commit(config.topic, new Map([...startPositions, ...buffer.consumed]));
    }
    return result;
  } finally {
    fetcher?.close();
    await member.leave();
  }
}

/** ConsumerPerformance.printConsumerProgress: basic then extended progress. */
export function progressLine(
  bytesRead: number,
  lastBytesRead: number,
  messagesRead: number,
  lastMessagesRead: number,
  startMs: number,
  endMs: number,
  formatDate: (ms: number) => string,
  periodicJoinTimeInMs: number,
): string {
  const elapsedMs = endMs - startMs;
  const totalMbRead = bytesRead / MB;
  const intervalMbRead = (bytesRead - lastBytesRead) / MB;
  const intervalMbPerSec = (1000.0 * intervalMbRead) / elapsedMs;
  const intervalMessagesPerSec = ((messagesRead - lastMessagesRead) / elapsedMs) * 1000.0;
  const fetchTimeMs = elapsedMs - periodicJoinTimeInMs;
  const fetchMbPerSec = fetchTimeMs <= 0 ? 0.0 : (1000.0 * intervalMbRead) / fetchTimeMs;
  const fetchMessagesPerSec = fetchTimeMs <= 0 ? 0.0 : (1000.0 * (messagesRead - lastMessagesRead)) / fetchTimeMs;
  return (
    `${formatDate(endMs)}, 0, ${formatJavaFixed(totalMbRead, 4)}, ${formatJavaFixed(intervalMbPerSec, 4)}, ${messagesRead}, ${formatJavaFixed(intervalMessagesPerSec, 4)}` +
    `, ${periodicJoinTimeInMs}, ${fetchTimeMs}, ${formatJavaFixed(fetchMbPerSec, 4)}, ${formatJavaFixed(fetchMessagesPerSec, 4)}\n`
  );
}

function consumerMetrics(result: ConsumeResult, elapsedMs: number, clientId: string): PerfMetric[] {
  const secs = Math.max(elapsedMs, 1) / 1000;
  const tags = [['client-id', clientId]] as const;
  const fetchMetric = (name: string, value: number): PerfMetric => ({ group: 'consumer-fetch-manager-metrics', name, tags, value });
  return [
    fetchMetric('records-consumed-total', result.messagesRead),
    fetchMetric('records-consumed-rate', result.messagesRead / secs),
    fetchMetric('bytes-consumed-total', result.bytesRead),
    fetchMetric('bytes-consumed-rate', result.bytesRead / secs),
    fetchMetric('fetch-total', result.fetchCount),
    fetchMetric('fetch-rate', result.fetchCount / secs),
    { group: 'consumer-coordinator-metrics', name: 'join-time-max', tags, value: result.joinTimeMs },
  ];
}
