// Produce (0): the write hot path. Batches stay opaque bytes: the header and CRC are checked,
// the log assigns offsets by patching the header in place, and the bytes are appended as
// received. Records are decoded only when a topic config requires it (timestamp bounds, keys on
// compacted topics, compression.type other than producer: see topic-rules.ts).
import { ApiKey, type ProduceResponsePartitionProduceResponse } from '../../protocol/api.js';
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import { applyTopicRules } from '../log-validator/topic-rules.js';
import { setLogAppendTime, validateProducedRecords } from '../log-validator/validate.js';
import type { Broker } from '../broker.js';
import { INTERNAL_TOPICS } from '../metadata/topic-registry.js';
import { CLOSE_CONNECTION, NO_RESPONSE, defineHandler } from './handler.js';
import { LEADER_EPOCH } from './single-node.js';

type PartitionResponse = Partial<ProduceResponsePartitionProduceResponse>;

export default defineHandler({
  apiKey: ApiKey.Produce,
  // v0-2 carry magic 0/1 message sets, which kt (like Kafka 4.0) does not accept.
  minVersion: 3,
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
    if (req.acks === 0) return NO_RESPONSE;
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
  if (transactionalId !== null) return error(partition, ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, 'Transactions are not supported yet');
  if (records === null || records.length === 0) return error(partition, ErrorCode.INVALID_RECORD, 'Produce request has no record batch');
  const validated = validateProducedRecords(records, { maxMessageBytes: settings.maxMessageBytes, produceVersion: apiVersion });
  if (!validated.ok) {
    broker.logger.debug(`Rejected produce to ${topicName}-${partition}: ${validated.message}`);
    return error(partition, validated.errorCode, validated.message);
  }
  const now = Date.now();
  const ruled = applyTopicRules(records, validated.batches, settings.recordRules, now, topicName, partition);
  if (!ruled.ok) {
    broker.logger.debug(`Rejected produce to ${topicName}-${partition}: ${ruled.message}`);
    if (!('recordErrors' in ruled)) return error(partition, ruled.errorCode, ruled.message);
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

function error(index: number, errorCode: number, errorMessage: string | null = null): PartitionResponse {
  return { index, errorCode, baseOffset: -1n, logAppendTimeMs: -1n, logStartOffset: -1n, recordErrors: [], errorMessage };
}
