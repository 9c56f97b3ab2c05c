// OffsetCommit (8): answered once the commit is appended to __consumer_offsets.
// v0 is the ZooKeeper-era commit: Kafka 3.9 stores it in ZooKeeper only, so a KRaft broker (which
// still lists v0 in ApiVersions) refuses it: UNSUPPORTED_VERSION on every partition once any
// partition named exists (Kafka's requireZkOrThrow failing the request), UNKNOWN_TOPIC_OR_PARTITION
// on each when none does.
import { ApiKey, type OffsetCommitRequest } from '../../protocol/api.js';
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import type { Broker } from '../broker.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.OffsetCommit,
  minVersion: 0,
  maxVersion: 9,
  handle(ctx, req) {
    if (ctx.apiVersion === 0) return commitV0(ctx.broker, req);
    return ctx.broker.groups.offsetCommit(req, ctx);
  },
  errorResponse(req, error) {
    const topics = req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: error.code })) }));
    return { throttleTimeMs: 0, topics };
  },
});

function commitV0(broker: Broker, req: OffsetCommitRequest) {
  const exists = req.topics.some((t) => t.partitions.some((p) => broker.lookupPartition(t.name, p.partitionIndex).errorCode === ErrorCode.NONE));
  if (exists) throw new KafkaError(ErrorCode.UNSUPPORTED_VERSION, 'Unsupported when using a Raft-based metadata quorum: Version 0 offset commit requests');
  const topics = req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION })) }));
  return { throttleTimeMs: 0, topics };
}
