// DescribeQuorum (55): the KRaft metadata quorum, as the raft leader of a single-node combined
// broker/controller reports it. This node is the only voter and the leader; there are no
// observers. kt has no raft log: the leader epoch and offsets are the ones its metadata snapshot
// counts (one epoch per start, one offset per change; src/broker/metadata/topic-registry.ts).
// The leader reports its own fetch and caught-up times as "now", as Kafka's leader does.
//
// Two honest differences from a Kafka node: the quorum is static (kraft.version 0), so the voter
// has no directory id (the zero UUID, which tools print as null), and kt has no controller
// listener, so the voter's node entry (v2) lists no endpoints rather than one no controller
// client could use.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { javaDefaultMessage } from '../../protocol/java-errors.js';
import { defineHandler } from './handler.js';
import { ZERO_UUID } from './single-node.js';

const METADATA_TOPIC = '__cluster_metadata';
const METADATA_PARTITION = 0;

export default defineHandler({
  apiKey: ApiKey.DescribeQuorum,
  minVersion: 0,
  maxVersion: 2,
  handle(ctx, req) {
    const { broker } = ctx;
    // Kafka's raft client answers only a request for exactly its own partition.
    const only = req.topics.length === 1 && req.topics[0]!.partitions.length === 1 ? req.topics[0]! : null;
    if (!only || only.topicName !== METADATA_TOPIC || only.partitions[0]!.partitionIndex !== METADATA_PARTITION) {
      const code = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
      const topics = req.topics.map((t) => ({
        topicName: t.topicName,
        partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: code, errorMessage: javaDefaultMessage(code) })),
      }));
      return { errorCode: ErrorCode.NONE, errorMessage: null, topics, nodes: [] };
    }
    const now = BigInt(Date.now());
    const endOffset = BigInt(broker.topics.metadataEndOffset);
    const voter = { replicaId: broker.nodeId, replicaDirectoryId: ZERO_UUID, logEndOffset: endOffset, lastFetchTimestamp: now, lastCaughtUpTimestamp: now };
    return {
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      topics: [
        {
          topicName: METADATA_TOPIC,
          partitions: [
            {
              partitionIndex: METADATA_PARTITION,
              errorCode: ErrorCode.NONE,
              errorMessage: null,
              leaderId: broker.nodeId,
              leaderEpoch: broker.topics.quorumLeaderEpoch,
              // One voter: everything it has written is committed.
              highWatermark: endOffset,
              currentVoters: [voter],
              observers: [],
            },
          ],
        },
      ],
      nodes: [{ nodeId: broker.nodeId, listeners: [] }],
    };
  },
  errorResponse(_req, error) {
    // Kafka sends the code's default text here (Errors.message()).
    return { errorCode: error.code, errorMessage: error.defaultMessage, topics: [], nodes: [] };
  },
});
