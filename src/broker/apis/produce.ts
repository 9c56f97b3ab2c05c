// Produce (0): the write hot path. Batches stay opaque bytes: the header and CRC are checked,
// the log assigns offsets by patching the header in place, and the bytes are appended as
// received. Records are decoded only when a topic config requires it (timestamp bounds, keys on
// compacted topics, compression.type other than producer: see topic-rules.ts).
import { ApiKey, type ProduceResponsePartitionProduceResponse } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { compressionLevelFor, targetCodec } from '../log-validator/recompress.js';
import { applyTopicRules, type TopicRecordRules } from '../log-validator/topic-rules.js';
import { setLogAppendTime, validateProducedRecords } from '../log-validator/validate.js';
import type { Broker } from '../broker.js';
import { INTERNAL_TOPICS, type TopicMetadata } from '../metadata/topic-registry.js';
import { NO_RESPONSE, defineHandler } from './handler.js';
import { LEADER_EPOCH } from './single-node.js';

type PartitionResponse = Partial<ProduceResponsePartitionProduceResponse>;

export default defineHandler({
  apiKey: ApiKey.Produce,
  // v0-2 carry magic 0/1 message sets, which kt (like Kafka 4.0) does not accept.
  minVersion: 3,
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
});

function appendPartition(broker: Broker, apiVersion: number, topicName: string, partition: number, records: Buffer | null, transactionalId: string | null): PartitionResponse {
  const topic = broker.topics.get(topicName);
  const log = topic && partition >= 0 && partition < topic.partitions ? broker.partitionLog(topicName, partition) : undefined;
  if (!topic || !log) return error(partition, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  if (INTERNAL_TOPICS.has(topicName)) return error(partition, ErrorCode.INVALID_TOPIC_EXCEPTION, `Cannot append to internal topic ${topicName}`);
  if (transactionalId !== null) return error(partition, ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, 'Transactions are not supported yet');
  if (records === null || records.length === 0) return error(partition, ErrorCode.INVALID_RECORD, 'Produce request has no record batch');
  const settings = produceSettings(broker, topic);
  const validated = validateProducedRecords(records, { maxMessageBytes: settings.maxMessageBytes, produceVersion: apiVersion });
  if (!validated.ok) {
    broker.logger.debug(`Rejected produce to ${topicName}-${partition}: ${validated.message}`);
    return error(partition, validated.errorCode, validated.message);
  }
  const now = Date.now();
  const ruled = applyTopicRules(records, validated.batches, settings.rules, now, topicName, partition);
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
  if (settings.logAppendTime) {
    logAppendTime = now;
    setLogAppendTime(ruled.records, ruled.batches, logAppendTime);
  }
  let appended;
  try {
    appended = log.append(ruled.records, ruled.batches, { leaderEpoch: LEADER_EPOCH });
  } catch (err) {
    // RecordListTooLargeError (larger than segment.bytes) and KafkaStorageError carry their code.
    const errorCode = (err as { errorCode?: unknown }).errorCode;
    if (typeof errorCode !== 'number') throw err;
    return error(partition, errorCode, (err as Error).message);
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

interface ProduceSettings {
  readonly maxMessageBytes: number;
  readonly logAppendTime: boolean;
  readonly rules: TopicRecordRules;
}

/**
 * Effective produce-time topic configs, cached per configs object (replaced on every topic config
 * change) and per broker config generation (dynamic broker defaults feed topics without overrides).
 */
const settingsCache = new WeakMap<object, { generation: number; settings: ProduceSettings }>();

function produceSettings(broker: Broker, topic: TopicMetadata): ProduceSettings {
  const cached = settingsCache.get(topic.configs);
  let s = cached !== undefined && cached.generation === broker.config.generation ? cached.settings : undefined;
  if (!s) {
    const config = (name: string) => broker.topicConfig(topic, name);
    const maxMessageBytes = Number(config('max.message.bytes'));
    const logAppendTime = config('message.timestamp.type') === 'LogAppendTime';
    const codec = targetCodec(config('compression.type'));
    s = {
      maxMessageBytes,
      logAppendTime,
      rules: {
        timestamps: { logAppendTime, beforeMaxMs: timestampBound(config, 'before'), afterMaxMs: timestampBound(config, 'after') },
        codec,
        compressionLevel: codec === null ? undefined : compressionLevelFor(codec, { gzip: Number(config('compression.gzip.level')), zstd: Number(config('compression.zstd.level')) }),
        maxMessageBytes,
        compacted: config('cleanup.policy').split(',').some((p) => p.trim() === 'compact'),
      },
    };
    settingsCache.set(topic.configs, { generation: broker.config.generation, settings: s });
  }
  return s;
}

/**
 * message.timestamp.before.max.ms / after.max.ms; left at Long.MAX_VALUE they fall back to the
 * deprecated message.timestamp.difference.max.ms, as Kafka 3.6+ does. Infinity = no bound.
 */
function timestampBound(config: (name: string) => string, which: 'before' | 'after'): number {
  const asBound = (v: string) => (Number(v) >= Number.MAX_SAFE_INTEGER ? Infinity : Number(v));
  const bound = asBound(config(`message.timestamp.${which}.max.ms`));
  return Number.isFinite(bound) ? bound : asBound(config('message.timestamp.difference.max.ms'));
}
