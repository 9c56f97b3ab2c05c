// OffsetForLeaderEpoch (23): consumers validate their position after a leader change
// (KIP-320). A single node has only ever had epoch 0, which ends at the log end offset.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { defineHandler } from './handler.js';
import { LEADER_EPOCH } from './single-node.js';

export default defineHandler({
  apiKey: ApiKey.OffsetForLeaderEpoch,
  minVersion: 0,
  maxVersion: 4,
  handle(ctx, req) {
    const { broker } = ctx;
    const topics = req.topics.map((t) => ({
      topic: t.topic,
      partitions: t.partitions.map((p) => {
        const target = broker.lookupPartition(t.topic, p.partition);
        if (target.errorCode !== ErrorCode.NONE) return { errorCode: target.errorCode, partition: p.partition, leaderEpoch: -1, endOffset: -1n };
        const { log } = target;
        if (p.currentLeaderEpoch > LEADER_EPOCH) return { errorCode: ErrorCode.UNKNOWN_LEADER_EPOCH, partition: p.partition, leaderEpoch: -1, endOffset: -1n };
        // An epoch newer than ours is unknown here: Kafka answers UNDEFINED_EPOCH (-1) and -1.
        if (p.leaderEpoch > LEADER_EPOCH) return { errorCode: ErrorCode.NONE, partition: p.partition, leaderEpoch: -1, endOffset: -1n };
        return { errorCode: ErrorCode.NONE, partition: p.partition, leaderEpoch: LEADER_EPOCH, endOffset: BigInt(log.logEndOffset) };
      }),
    }));
    return { throttleTimeMs: 0, topics };
  },
  errorResponse(req, error) {
    const topics = req.topics.map((t) => ({
      topic: t.topic,
      partitions: t.partitions.map((p) => ({ errorCode: error.code, partition: p.partition, leaderEpoch: -1, endOffset: -1n })),
    }));
    return { throttleTimeMs: 0, topics };
  },
});
