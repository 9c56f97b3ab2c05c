// Produce (0): the write hot path. The header and CRC are checked (validate.ts), then the records
// are read once, in place over the request bytes or decompressed within a bound, as Kafka's
// LogValidator reads them (topic-rules.ts): no objects per record. The log assigns offsets by
// patching the header in place, and the bytes are appended as received, unless the records made
// Kafka change the batch (maxTimestamp from the records, compression.type recompression).
// v0-v2 (Kafka 3.9 serves them; 4.0 dropped them) usually carry message format v0/v1 (magic 0
// and 1), which is checked and converted to one v2 batch (log-validator/legacy-records.ts); as in
// Kafka, these versions may also carry v2 batches, and nothing ties the magic to the version.
import { ApiKey, type ProduceResponsePartitionProduceResponse } from '../../protocol/api.js';
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import { javaExceptionClass } from '../../protocol/java-errors.js';
import { startsWithLegacyMessage, upConvertLegacyRecords } from '../log-validator/legacy-records.js';
import { applyTopicRules, type TopicRulesResult } from '../log-validator/topic-rules.js';
import { setLogAppendTime, validateProducedRecords } from '../log-validator/validate.js';
import type { Broker } from '../broker.js';
import { INTERNAL_TOPICS } from '../metadata/topic-registry.js';
import type { TopicSettings } from '../topic-settings.js';
import { CLOSE_CONNECTION, NO_RESPONSE, defineHandler } from './handler.js';
import { LEADER_EPOCH } from './single-node.js';

type PartitionResponse = Partial<ProduceResponsePartitionProduceResponse>;

export default defineHandler({
  apiKey: ApiKey.Produce,
  minVersion: 0,
  maxVersion: 11,
  handle(ctx, req) {
    const { broker, apiVersion } = ctx;
    const acksValid = req.acks === -1 || req.acks === 0 || req.acks === 1;
    const responses = req.topicData.map((t) => ({
      name: t.name,
      partitionResponses: t.partitionData.map((p): PartitionResponse => {
        if (!acksValid) return error(p.index, ErrorCode.INVALID_REQUIRED_ACKS);
        return appendPartition(broker, apiVersion, t.name, p.index, p.records, req.transactionalId);
      }),
    }));
    if (req.acks === 0) {
      // Kafka sends no response to acks=0; when a partition failed it closes the connection
      // instead, which is how such a producer notices (and refreshes its metadata).
      const failed = responses.flatMap((t) => t.partitionResponses.filter((p) => p.errorCode !== ErrorCode.NONE).map((p) => `${t.name}-${p.index} -> ${javaExceptionClass(p.errorCode!)}`));
      if (failed.length === 0) return NO_RESPONSE;
      broker.logger.info(
        `Closing connection due to error during produce request with correlation id ${ctx.header.correlationId} from client id ${ctx.clientId} with ack=0\n` +
          `Topic and partition to exceptions: ${failed.join(', ')}`,
      );
      return CLOSE_CONNECTION;
    }
    return { responses, throttleTimeMs: 0 };
  },
  errorResponse(req, apiError) {
    // acks=0: Kafka has no error response and closes the connection, which is how such a
    // producer learns that something failed.
    if (req.acks === 0) return CLOSE_CONNECTION;
    // Kafka groups the partitions by topic name, so a topic named twice is answered once.
    const byTopic = new Map<string, PartitionResponse[]>();
    for (const t of req.topicData) {
      const partitions = byTopic.get(t.name) ?? [];
      byTopic.set(t.name, partitions);
      for (const p of t.partitionData) partitions.push(error(p.index, apiError.code, apiError.message));
    }
    return { responses: [...byTopic].map(([name, partitionResponses]) => ({ name, partitionResponses })), throttleTimeMs: 0 };
  },
});

function appendPartition(broker: Broker, apiVersion: number, topicName: string, partition: number, records: Buffer | null, transactionalId: string | null): PartitionResponse {
  const target = broker.lookupPartition(topicName, partition);
  if (target.errorCode !== ErrorCode.NONE) return error(partition, target.errorCode);
  const { log, settings } = target;
  if (INTERNAL_TOPICS.has(topicName)) return error(partition, ErrorCode.INVALID_TOPIC_EXCEPTION, `Cannot append to internal topic ${topicName}`);
  // Kafka checks nothing before appending for v0-v2: an empty message set appends nothing.
  if (records !== null && records.length === 0 && apiVersion <= 2) return nothingAppended(partition, log.logStartOffset);
  if (records === null || records.length === 0) return error(partition, ErrorCode.INVALID_RECORD, 'Produce request has no record batch');
  const now = Date.now();
  const ruled = validate(records, apiVersion, settings, now, topicName, partition);
  if (ruled.ok && ruled.records === null) return nothingAppended(partition, log.logStartOffset);
  if (!ruled.ok) {
    broker.logger.debug(`Rejected produce to ${topicName}-${partition}: ${ruled.message}`);
    if (!('recordErrors' in ruled)) {
      // Kafka logs the exception behind an UNKNOWN_SERVER_ERROR and never sends its message.
      const unknown = ruled.errorCode === ErrorCode.UNKNOWN_SERVER_ERROR;
      if (unknown) broker.logger.error(`Error processing append operation on partition ${topicName}-${partition}: ${ruled.message}`);
      const answer = error(partition, ruled.errorCode, unknown ? null : ruled.message);
      return ruled.withLogStartOffset ? { ...answer, logStartOffset: BigInt(log.logStartOffset) } : answer;
    }
    // Kafka's RecordValidationException: per-record errors, and the log start offset is reported.
    return {
      ...error(partition, ruled.errorCode, ruled.message),
      logStartOffset: BigInt(log.logStartOffset),
      recordErrors: ruled.recordErrors.map((e) => ({ batchIndex: e.batchIndex, batchIndexErrorMessage: e.message })),
    };
  }
  let logAppendTime = -1;
  if (settings.timestampType === 'LogAppendTime') {
    logAppendTime = now;
    setLogAppendTime(ruled.records, ruled.batches, logAppendTime);
  }
  let appended;
  try {
    appended = log.append(ruled.records, ruled.batches, { leaderEpoch: LEADER_EPOCH });
  } catch (err) {
    // RecordListTooLargeError (larger than segment.bytes) and KafkaStorageError answer this
    // partition alone; anything else fails the request (UNKNOWN_SERVER_ERROR).
    if (!(err instanceof KafkaError)) throw err;
    return error(partition, err.code, err.message);
  }
  return {
    index: partition,
    errorCode: ErrorCode.NONE,
    baseOffset: BigInt(appended.firstOffset),
    logAppendTimeMs: BigInt(logAppendTime),
    logStartOffset: BigInt(log.logStartOffset),
    recordErrors: [],
    errorMessage: null,
  };
}

/**
 * Kafka's checks for one partition's records, the batches to append (a legacy message set
 * converted to v2), or null records when nothing is to be appended.
 */
function validate(records: Buffer, apiVersion: number, settings: TopicSettings, now: number, topic: string, partition: number): TopicRulesResult | { ok: true; records: null } {
  if (apiVersion <= 2 && startsWithLegacyMessage(records)) {
    return upConvertLegacyRecords(records, { rules: settings.recordRules, now, topic, partition });
  }
  // ProduceRequest.validateRecords applies to v3+ only (one magic 2 batch; zstd from v7).
  const validated = validateProducedRecords(records, { maxMessageBytes: settings.maxMessageBytes, produceVersion: apiVersion >= 3 ? apiVersion : undefined });
  if (!validated.ok) return validated;
  return applyTopicRules(records, validated.batches, settings.recordRules, now, topic, partition);
}

/** No complete message in the request: Kafka appends nothing and reports no offset. */
function nothingAppended(index: number, logStartOffset: number): PartitionResponse {
  return { index, errorCode: ErrorCode.NONE, baseOffset: -1n, logAppendTimeMs: -1n, logStartOffset: BigInt(logStartOffset), recordErrors: [], errorMessage: null };
}

function error(index: number, errorCode: number, errorMessage: string | null = null): PartitionResponse {
  return { index, errorCode, baseOffset: -1n, logAppendTimeMs: -1n, logStartOffset: -1n, recordErrors: [], errorMessage };
}
