// OffsetFetch (9): committed offsets of one group (v0-7) or several (v8+).
// v0 reads ZooKeeper in Kafka 3.9, so a KRaft broker (which still lists v0 in ApiVersions)
// answers UNSUPPORTED_VERSION on every partition asked for.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.OffsetFetch,
  minVersion: 0,
  maxVersion: 9,
  handle(ctx, req) {
    if (ctx.apiVersion === 0) throw new KafkaError(ErrorCode.UNSUPPORTED_VERSION, 'Unsupported when using a Raft-based metadata quorum: Version 0 offset fetch requests');
    return ctx.broker.groups.offsetFetch(req, ctx);
  },
  errorResponse(req, error, apiVersion) {
    // v8+: every group carries the error. v2-7: the top-level code alone. v0-1 have no top-level
    // code, so every requested partition carries it (grouped by topic, as Kafka's map does).
    if (apiVersion >= 8) return { throttleTimeMs: 0, groups: req.groups.map((g) => ({ groupId: g.groupId, errorCode: error.code, topics: [] })) };
    if (apiVersion >= 2) return { throttleTimeMs: 0, errorCode: error.code, topics: [] };
    const byTopic = new Map<string, Set<number>>();
    for (const t of req.topics ?? []) {
      const partitions = byTopic.get(t.name) ?? new Set<number>();
      byTopic.set(t.name, partitions);
      for (const p of t.partitionIndexes) partitions.add(p);
    }
    const topics = [...byTopic].map(([name, partitions]) => ({
      name,
      partitions: [...partitions].map((partitionIndex) => ({ partitionIndex, committedOffset: -1n, metadata: '', errorCode: error.code })),
    }));
    return { errorCode: error.code, topics };
  },
});
