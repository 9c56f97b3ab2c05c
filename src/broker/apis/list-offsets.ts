// ListOffsets (2): earliest (-2), latest (-1), max timestamp (-3), earliest local (-4), or the
// first offset whose timestamp is at least the one given.
import { ApiKey, type ListOffsetsResponseListOffsetsPartitionResponse } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { defineHandler } from './handler.js';
import { LEADER_EPOCH } from './single-node.js';

const LATEST = -1n;
const EARLIEST = -2n;
const MAX_TIMESTAMP = -3n;
const EARLIEST_LOCAL = -4n;
const LATEST_TIERED = -5n;

export default defineHandler({
  apiKey: ApiKey.ListOffsets,
  minVersion: 0,
  maxVersion: 10,
  handle(ctx, req) {
    const { broker, apiVersion } = ctx;
    const topics = req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p): Partial<ListOffsetsResponseListOffsetsPartitionResponse> => {
        const fail = (errorCode: number) => ({ partitionIndex: p.partitionIndex, errorCode, oldStyleOffsets: [], timestamp: -1n, offset: -1n, leaderEpoch: -1 });
        const target = broker.lookupPartition(t.name, p.partitionIndex);
        if (target.errorCode !== ErrorCode.NONE) return fail(target.errorCode);
        const { log } = target;
        if (p.currentLeaderEpoch > LEADER_EPOCH) return fail(ErrorCode.UNKNOWN_LEADER_EPOCH);
        let found: { offset: number; timestamp: number } | null;
        switch (p.timestamp) {
          case LATEST:
            found = { offset: log.highWatermark, timestamp: -1 };
            break;
          case EARLIEST:
          case EARLIEST_LOCAL:
            found = { offset: log.logStartOffset, timestamp: -1 };
            break;
          case MAX_TIMESTAMP:
            found = log.offsetOfMaxTimestamp();
            break;
          case LATEST_TIERED:
            // No tiered storage: nothing has been uploaded.
            found = null;
            break;
          default:
            // Any other value, negative ones included (e.g. -6, which Kafka 4.0 does not know
            // either), is a timestamp to search for, as in UnifiedLog.fetchOffsetByTimestamp.
            found = log.offsetForTimestamp(Number(p.timestamp));
        }
        const offset = BigInt(found?.offset ?? -1);
        if (apiVersion === 0) {
          return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE, oldStyleOffsets: found && p.maxNumOffsets > 0 ? [offset] : [] };
        }
        return {
          partitionIndex: p.partitionIndex,
          errorCode: ErrorCode.NONE,
          timestamp: BigInt(found?.timestamp ?? -1),
          offset,
          leaderEpoch: found ? LEADER_EPOCH : -1,
        };
      }),
    }));
    return { throttleTimeMs: 0, topics };
  },
  errorResponse(req, error, apiVersion) {
    const topics = req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) =>
        apiVersion === 0
          ? { partitionIndex: p.partitionIndex, errorCode: error.code, oldStyleOffsets: [] }
          : { partitionIndex: p.partitionIndex, errorCode: error.code, offset: -1n, timestamp: -1n },
      ),
    }));
    return { throttleTimeMs: 0, topics };
  },
});
