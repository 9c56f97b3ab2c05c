// ListOffsets (2): earliest (-2), latest (-1), max timestamp (-3), earliest local (-4), or the
// first offset whose timestamp is at least the one given. v0 answers Kafka's old style: a list
// of segment boundaries (list-offsets-v0.ts).
import { ApiKey, type ListOffsetsRequest, type ListOffsetsResponseListOffsetsPartitionResponse } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { int64BigInt } from '../../protocol/records/int64.js';
import type { Broker } from '../broker.js';
import { defineHandler } from './handler.js';
import { legacyOffsetsBefore } from './list-offsets-v0.js';
import { LEADER_EPOCH } from './single-node.js';

type PartitionResponse = Partial<ListOffsetsResponseListOffsetsPartitionResponse>;

const LATEST = -1n;
const EARLIEST = -2n;
const MAX_TIMESTAMP = -3n;
const EARLIEST_LOCAL = -4n;
const LATEST_TIERED = -5n;

/** The first version that knows each special (negative) timestamp; any other negative one is unsupported. */
const MIN_VERSION_OF_TIMESTAMP = new Map<bigint, number>([
  [LATEST, 1],
  [EARLIEST, 1],
  [MAX_TIMESTAMP, 7],
  [EARLIEST_LOCAL, 8],
  [LATEST_TIERED, 9],
]);

export default defineHandler({
  apiKey: ApiKey.ListOffsets,
  minVersion: 0,
  maxVersion: 10,
  handle(ctx, req) {
    const { broker, apiVersion } = ctx;
    if (apiVersion === 0) return { throttleTimeMs: 0, topics: req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => oldStyle(broker, t.name, p)) })) };
    const duplicates = duplicatePartitions(req);
    const topics = req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p): PartitionResponse => {
        const fail = (errorCode: number) => ({ partitionIndex: p.partitionIndex, errorCode, oldStyleOffsets: [], timestamp: -1n, offset: -1n, leaderEpoch: -1 });
        // Kafka's order: a partition named twice, then a timestamp the version does not know,
        // then the partition itself.
        if (duplicates.has(`${t.name}\u0000${p.partitionIndex}`)) return fail(ErrorCode.INVALID_REQUEST);
        if (p.timestamp < 0n && !(apiVersion >= (MIN_VERSION_OF_TIMESTAMP.get(p.timestamp) ?? Infinity))) return fail(ErrorCode.UNSUPPORTED_VERSION);
        const target = broker.lookupPartition(t.name, p.partitionIndex);
        if (target.errorCode !== ErrorCode.NONE) return fail(target.errorCode);
        const { log } = target;
        if (p.currentLeaderEpoch > LEADER_EPOCH) return fail(ErrorCode.UNKNOWN_LEADER_EPOCH);
        let found: { offset: number; timestamp: number } | null;
        // Partition.fetchOffsetForTimestamp: read_committed (isolation_level 1, v2+) ends at the last stable offset.
        const lastFetchable = apiVersion >= 2 && req.isolationLevel === 1 ? log.lastStableOffset : log.highWatermark;
        switch (p.timestamp) {
          case LATEST:
            found = { offset: lastFetchable, timestamp: -1 };
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
            // A timestamp to search for (unknown negative values were refused above).
            found = log.offsetForTimestamp(Number(p.timestamp));
        }
        // A record found by timestamp past what the isolation level may read is not reported.
        if (found !== null && p.timestamp !== LATEST && p.timestamp !== EARLIEST && p.timestamp !== EARLIEST_LOCAL && found.offset >= lastFetchable) found = null;
        const offset = BigInt(found?.offset ?? -1);
        return {
          partitionIndex: p.partitionIndex,
          errorCode: ErrorCode.NONE,
          timestamp: int64BigInt(found?.timestamp ?? -1),
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

/** v0: only latest and earliest among the negative timestamps; the offsets before the time. */
function oldStyle(broker: Broker, topic: string, p: ListOffsetsRequest['topics'][number]['partitions'][number]): PartitionResponse {
  const fail = (errorCode: number) => ({ partitionIndex: p.partitionIndex, errorCode, oldStyleOffsets: [] });
  if (p.timestamp < EARLIEST) return fail(ErrorCode.UNSUPPORTED_VERSION);
  const target = broker.lookupPartition(topic, p.partitionIndex);
  if (target.errorCode !== ErrorCode.NONE) return fail(target.errorCode);
  const { log } = target;
  const offsets = legacyOffsetsBefore(log.segmentTimes(), log.logStartOffset, log.logEndOffset, Number(p.timestamp), p.maxNumOffsets, Date.now());
  if (offsets === null) return fail(ErrorCode.UNKNOWN_SERVER_ERROR);
  return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE, oldStyleOffsets: offsets.map(BigInt) };
}

/** ListOffsetsRequest.duplicatePartitions: every topic-partition named more than once (v1+). */
function duplicatePartitions(req: ListOffsetsRequest): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const t of req.topics) {
    for (const p of t.partitions) {
      const key = `${t.name}\u0000${p.partitionIndex}`;
      if (seen.has(key)) duplicates.add(key);
      seen.add(key);
    }
  }
  return duplicates;
}
