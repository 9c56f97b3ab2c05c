// OffsetDelete (47): removes a group's committed offsets for some partitions
// (kafka-consumer-groups --delete-offsets). As in Kafka's KafkaApis, partitions of unknown topics
// (or beyond a topic's partition count) answer UNKNOWN_TOPIC_OR_PARTITION without reaching the
// coordinator; a top-level error from the coordinator replaces every per-partition answer.
import { ApiKey, type OffsetDeleteResponseTopic } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { defineHandler } from './handler.js';

type ResponseTopic = OffsetDeleteResponseTopic;

export default defineHandler({
  apiKey: ApiKey.OffsetDelete,
  minVersion: 0,
  maxVersion: 0,
  async handle(ctx, req) {
    const { broker } = ctx;
    const unknown: ResponseTopic[] = [];
    const known: { name: string; partitions: number[] }[] = [];
    for (const t of req.topics) {
      const indexes = t.partitions.map((p) => p.partitionIndex);
      const exists = (p: number) => broker.lookupPartition(t.name, p).errorCode === ErrorCode.NONE;
      const missing = indexes.filter((p) => !exists(p));
      const present = indexes.filter(exists);
      if (missing.length > 0) unknown.push({ name: t.name, partitions: missing.map((partitionIndex) => ({ partitionIndex, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION })) });
      if (present.length > 0) known.push({ name: t.name, partitions: present });
    }
    const result = await broker.groups.deleteOffsets(req.groupId, known);
    if (result.errorCode !== ErrorCode.NONE) return { errorCode: result.errorCode, throttleTimeMs: 0, topics: [] };
    return { errorCode: ErrorCode.NONE, throttleTimeMs: 0, topics: mergeTopics(unknown, result.topics) };
  },
  errorResponse(_req, error) {
    return { errorCode: error.code, throttleTimeMs: 0, topics: [] };
  },
});

/** Kafka's OffsetDeleteResponse.Builder.merge: partitions of a topic already listed join it. */
function mergeTopics(first: ResponseTopic[], second: ResponseTopic[]): ResponseTopic[] {
  const merged = first.map((t) => ({ name: t.name, partitions: [...t.partitions] }));
  for (const t of second) {
    const existing = merged.find((m) => m.name === t.name);
    if (existing) existing.partitions.push(...t.partitions);
    else merged.push({ name: t.name, partitions: [...t.partitions] });
  }
  return merged;
}
