// DeleteRecords (21): raises a partition's log start offset (kafka-delete-records). Offset -1 means
// the high watermark; beyond it is OFFSET_OUT_OF_RANGE. Internal topics and topics without the
// delete cleanup policy refuse, as in Kafka's ReplicaManager and Partition.deleteRecordsOnLeader.
// One node holds every replica, so the new low watermark is known at once (no purgatory wait).
import { ApiKey, type DeleteRecordsResponseDeleteRecordsTopicResult } from '../../protocol/api.js';
import { asKafkaError, ErrorCode } from '../../protocol/errors.js';
import type { Broker } from '../broker.js';
import { INTERNAL_TOPICS } from '../metadata/topic-registry.js';
import { defineHandler } from './handler.js';

/** DeleteRecordsRequest.HIGH_WATERMARK */
const HIGH_WATERMARK = -1n;
/** DeleteRecordsResponse.INVALID_LOW_WATERMARK, answered with every error. */
const INVALID_LOW_WATERMARK = -1n;

type TopicResult = DeleteRecordsResponseDeleteRecordsTopicResult;

export default defineHandler({
  apiKey: ApiKey.DeleteRecords,
  minVersion: 0,
  maxVersion: 2,
  handle(ctx, req) {
    const byTopic = new Map<string, TopicResult>();
    for (const t of req.topics) {
      const result = byTopic.get(t.name) ?? { name: t.name, partitions: [] };
      byTopic.set(t.name, result);
      for (const p of t.partitions) {
        result.partitions.push({ partitionIndex: p.partitionIndex, ...deleteRecords(ctx.broker, t.name, p.partitionIndex, p.offset) });
      }
    }
    return { throttleTimeMs: 0, topics: [...byTopic.values()] };
  },
  errorResponse(req, error) {
    const topics = req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: error.code, lowWatermark: INVALID_LOW_WATERMARK })),
    }));
    return { throttleTimeMs: 0, topics };
  },
});

function deleteRecords(broker: Broker, topicName: string, partition: number, offset: bigint): { lowWatermark: bigint; errorCode: number } {
  const fail = (errorCode: number) => ({ lowWatermark: INVALID_LOW_WATERMARK, errorCode });
  const target = broker.lookupPartition(topicName, partition);
  if (target.errorCode !== ErrorCode.NONE) return fail(target.errorCode);
  const { log, settings } = target;
  if (INTERNAL_TOPICS.has(topicName)) return fail(ErrorCode.INVALID_TOPIC_EXCEPTION);
  if (!settings.log.cleanupDelete) return fail(ErrorCode.POLICY_VIOLATION);
  const before = offset === HIGH_WATERMARK ? log.highWatermark : Number(offset);
  try {
    return { lowWatermark: BigInt(log.deleteRecordsBefore(before)), errorCode: ErrorCode.NONE };
  } catch (e) {
    // As Kafka's ReplicaManager.deleteRecordsOnLocalLog: every failure answers this partition
    // alone; an unexpected one is logged and answered UNKNOWN_SERVER_ERROR.
    const error = asKafkaError(e);
    if (error.code === ErrorCode.UNKNOWN_SERVER_ERROR) {
      broker.logger.error(`Error processing delete records operation on partition ${topicName}-${partition}: ${(e as Error).message}`);
    }
    return fail(error.code);
  }
}
