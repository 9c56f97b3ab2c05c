// Fetch (1): serves raw log bytes. Reads are file ranges of whole batches; a fetch that has
// less than min.bytes waits (up to max.wait.ms) for an append to one of its partitions to
// wake it, instead of polling. v0-v3 get the batches down-converted to the message format they
// can carry (fetch-down-convert.ts), after the wait, as Kafka converts when it sends; v4+ get
// the bytes as read. isolation_level=1 (read_committed, v4+) reads below the last stable offset
// and lists the aborted transactions overlapping what it returns (from the segments'
// `.txnindex`); a waiting read_committed fetch wakes on every append, markers included, so it
// sees the last stable offset move.
import { ApiKey, type FetchRequest, type FetchResponsePartitionData, type ResponseInput } from '../../protocol/api.js';
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import { BATCH_LENGTH, LOG_OVERHEAD, lastOffsetAt } from '../../storage/batch-header.js';
import { int64BigInt } from '../../protocol/records/int64.js';
import { CompressionType } from '../../protocol/records/compression/index.js';
import type { Broker } from '../broker.js';
import type { PartitionLog } from '../log/index.js';
import { releaseReadBuffer } from '../log/read-buffers.js';
import type { TopicSettings } from '../topic-settings.js';
import { downConvert } from './fetch-down-convert.js';
import { defineHandler } from './handler.js';
import { LEADER_EPOCH } from './single-node.js';

const EMPTY = Buffer.alloc(0);

interface PartitionFetch {
  readonly topicIndex: number;
  readonly partition: number;
  readonly log: PartitionLog | undefined;
  /** The topic's settings when the partition exists. */
  readonly settings: TopicSettings | undefined;
  readonly errorCode: number;
  readonly fetchOffset: number;
  readonly maxBytes: number;
}

interface TopicFetch {
  readonly topic: string;
  readonly topicId: string;
}

export default defineHandler({
  apiKey: ApiKey.Fetch,
  minVersion: 0,
  maxVersion: 17,
  async handle(ctx, req) {
    const { broker, apiVersion } = ctx;
    // kt never hands out incremental fetch sessions (it always answers sessionId 0), so a
    // request naming a session refers to one that does not exist.
    if (req.sessionId !== 0) {
      return { throttleTimeMs: 0, errorCode: ErrorCode.FETCH_SESSION_ID_NOT_FOUND, sessionId: 0, responses: [] };
    }
    const byId = apiVersion >= 13;
    const resolved = resolve(broker, req, byId);
    const topics = resolved.topics;
    let partitions = resolved.partitions;
    // v0-2 have no response limit; the broker's fetch.max.bytes caps everything else.
    const responseLimit = Math.min(apiVersion >= 3 ? req.maxBytes : Number.MAX_SAFE_INTEGER, broker.fetchMaxBytes);
    // v0-v2 treat the partition limit as a hard one (Kafka's hardMaxBytesLimit): no KIP-74 batch.
    const oversizeFirstBatch = apiVersion >= 3;
    const readCommitted = apiVersion >= 4 && req.isolationLevel === 1;
    let result = read(partitions, responseLimit, oversizeFirstBatch, readCommitted);
    const waitMs = Math.max(0, req.maxWaitMs);
    if (waitMs > 0 && result.bytes < req.minBytes && !result.anyError) {
      const deadline = Date.now() + waitMs;
      while (result.bytes < req.minBytes && !result.anyError) {
        const remaining = deadline - Date.now();
        const logs = partitions.flatMap((p) => (p.log ? [p.log] : []));
        if (remaining <= 0 || !(await appendOrTimeout(logs, remaining))) break;
        // Resolved again: a topic deleted (or re-created) while the fetch waited answers as Kafka's
        // completed delayed fetch does (UNKNOWN_TOPIC_OR_PARTITION), never from a closed log.
        partitions = resolve(broker, req, byId).partitions;
        result = read(partitions, responseLimit, oversizeFirstBatch, readCommitted);
      }
    }
    return buildResponse(topics, partitions, result.data, apiVersion, readCommitted);
  },
  errorResponse(req, error, apiVersion) {
    // v13+ clients read the top-level code alone; older ones get it on every partition too.
    const responses =
      apiVersion >= 13
        ? []
        : req.topics.map((t) => ({
            topic: t.topic,
            topicId: t.topicId,
            partitions: t.partitions.map((p) => ({ partitionIndex: p.partition, errorCode: error.code, highWatermark: -1n })),
          }));
    return { throttleTimeMs: 0, errorCode: error.code, sessionId: req.sessionId, responses };
  },
});

function resolve(broker: Broker, req: FetchRequest, byId: boolean): { topics: TopicFetch[]; partitions: PartitionFetch[] } {
  const topics: TopicFetch[] = [];
  const partitions: PartitionFetch[] = [];
  req.topics.forEach((t, topicIndex) => {
    const meta = byId ? broker.topics.getById(t.topicId) : broker.topics.get(t.topic);
    topics.push({ topic: meta?.name ?? t.topic, topicId: meta?.topicId ?? t.topicId });
    for (const p of t.partitions) {
      const target = byId ? broker.lookupPartitionById(t.topicId, p.partition) : broker.lookupPartition(t.topic, p.partition);
      // The partition must exist before its leader epoch means anything (Kafka checks in that order).
      let errorCode: number = target.errorCode;
      if (errorCode === ErrorCode.NONE && p.currentLeaderEpoch > LEADER_EPOCH) errorCode = ErrorCode.UNKNOWN_LEADER_EPOCH;
      const log = errorCode === ErrorCode.NONE ? target.log : undefined;
      partitions.push({ topicIndex, partition: p.partition, log, settings: target.settings, errorCode, fetchOffset: Number(p.fetchOffset), maxBytes: p.partitionMaxBytes });
    }
  });
  return { topics, partitions };
}

interface ReadResult {
  readonly data: Array<{ errorCode: number; records: Buffer }>;
  readonly bytes: number;
  readonly anyError: boolean;
}

function read(partitions: readonly PartitionFetch[], responseLimit: number, oversizeFirstBatch: boolean, readCommitted: boolean): ReadResult {
  let bytes = 0;
  let anyError = false;
  const data = partitions.map((p) => {
    if (p.errorCode !== ErrorCode.NONE || !p.log) {
      anyError = true;
      return { errorCode: p.errorCode, records: EMPTY };
    }
    const budget = Math.min(p.maxBytes, responseLimit - bytes);
    // KIP-74 (v3+): the first partition with data returns at least one whole batch, even one
    // larger than the limits, so a consumer can never get stuck behind a big batch.
    let r;
    try {
      const maxOffset = readCommitted ? p.log.lastStableOffset : Infinity;
      r = budget > 0 || bytes === 0 ? p.log.read(p.fetchOffset, Math.max(budget, 0), oversizeFirstBatch && bytes === 0, maxOffset) : { outOfRange: false as const, records: EMPTY };
    } catch (err) {
      // A read that failed on disk (KAFKA_STORAGE_ERROR, e.g. no descriptor) answers this partition alone.
      if (!(err instanceof KafkaError)) throw err;
      anyError = true;
      return { errorCode: err.code, records: EMPTY };
    }
    if (r.outOfRange) {
      anyError = true;
      return { errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, records: EMPTY };
    }
    bytes += r.records.length;
    return { errorCode: ErrorCode.NONE, records: r.records };
  });
  return { data, bytes, anyError };
}

/** Resolves true on the first append to any of the logs, false when the time is up. */
function appendOrTimeout(logs: readonly PartitionLog[], ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const unsubscribe: Array<() => void> = [];
    const done = (appended: boolean) => {
      clearTimeout(timer);
      for (const u of unsubscribe) u();
      resolve(appended);
    };
    const timer = setTimeout(() => done(false), ms);
    for (const log of logs) unsubscribe.push(log.onAppend(() => done(true)));
  });
}

function buildResponse(topics: readonly TopicFetch[], partitions: readonly PartitionFetch[], data: ReadResult['data'], apiVersion: number, readCommitted: boolean): ResponseInput<ApiKey.Fetch> {
  const responses = topics.map((t) => ({ topic: t.topic, topicId: t.topicId, partitions: [] as Array<Partial<FetchResponsePartitionData>> }));
  partitions.forEach((p, i) => {
    let { errorCode, records } = data[i]!;
    const abortedTransactions = readCommitted && p.log && errorCode === ErrorCode.NONE ? abortedIn(p.log, p.fetchOffset, records) : null;
    if (p.settings && apiVersion <= 9) {
      const converted = forOldVersion(p, p.settings, records, apiVersion);
      if (typeof converted === 'number') {
        responses[p.topicIndex]!.partitions.push(refused(p.partition, converted));
        return;
      }
      records = converted;
    }
    // Clients before Fetch v6 do not know KAFKA_STORAGE_ERROR (Kafka's maybeDownConvertStorageError).
    if (errorCode === ErrorCode.KAFKA_STORAGE_ERROR && apiVersion <= 5) errorCode = ErrorCode.NOT_LEADER_OR_FOLLOWER;
    const hw = p.log ? BigInt(p.log.highWatermark) : -1n;
    responses[p.topicIndex]!.partitions.push({
      partitionIndex: p.partition,
      errorCode,
      highWatermark: hw,
      // Kafka answers it whatever the isolation level.
      lastStableOffset: p.log ? BigInt(p.log.lastStableOffset) : -1n,
      logStartOffset: p.log ? BigInt(p.log.logStartOffset) : -1n,
      abortedTransactions,
      preferredReadReplica: -1,
      records,
    });
  });
  return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, sessionId: 0, responses };
}

/**
 * KafkaApis.maybeConvertFetchedData for a version before 10: a zstd topic (compression.type) is
 * refused (UNSUPPORTED_COMPRESSION_TYPE); v0-v3 get the records down-converted, or UNSUPPORTED_VERSION
 * when the topic's message.downconversion.enable is false. Returns the records to send or the
 * code refusing the partition (which replaces any error the read had, as in Kafka).
 */
function forOldVersion(p: PartitionFetch, settings: TopicSettings, records: Buffer, apiVersion: number): Buffer | number {
  if (settings.compression.codec === CompressionType.Zstd) return ErrorCode.UNSUPPORTED_COMPRESSION_TYPE;
  if (apiVersion > 3) return records;
  if (!settings.downConversionEnabled) return ErrorCode.UNSUPPORTED_VERSION;
  if (records.length === 0) return records;
  const converted = downConvert(records, apiVersion <= 1 ? 0 : 1, p.fetchOffset);
  // The converted bytes are copies: the read buffer can go back to the pool.
  releaseReadBuffer(records);
  return converted.ok ? converted.records : ErrorCode.UNSUPPORTED_COMPRESSION_TYPE;
}

/** Kafka's FetchResponse.partitionResponse(tp, error): no offsets, no records. */
function refused(partitionIndex: number, errorCode: number): Partial<FetchResponsePartitionData> {
  return { partitionIndex, errorCode, highWatermark: -1n, lastStableOffset: -1n, logStartOffset: -1n, abortedTransactions: null, preferredReadReplica: -1, records: EMPTY };
}

/**
 * The aborted transactions a read_committed consumer needs for `records` (read from fetchOffset):
 * those overlapping [fetchOffset, the offset after the last returned batch). Empty records list
 * none (Kafka sends an empty list, not null, to a read_committed fetch).
 */
function abortedIn(log: PartitionLog, fetchOffset: number, records: Buffer): Array<{ producerId: bigint; firstOffset: bigint }> {
  if (records.length === 0) return [];
  let at = 0;
  let last = at;
  while (at + LOG_OVERHEAD <= records.length) {
    last = at;
    at += records.readInt32BE(at + BATCH_LENGTH) + LOG_OVERHEAD;
  }
  const upperBound = lastOffsetAt(records, last) + 1;
  return log.collectAbortedTransactions(fetchOffset, upperBound).map((t) => ({ producerId: int64BigInt(t.producerId), firstOffset: BigInt(t.firstOffset) }));
}
