// ElectLeaders (43): on one node every partition is led by its preferred (and only) replica, so
// each named partition answers ELECTION_NOT_NEEDED, as Kafka's controller does. With no partitions
// named (null), every topic is listed and partitions needing no election are left out.
import { ApiKey, type ElectLeadersResponseReplicaElectionResult } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { defineHandler } from './handler.js';

const PREFERRED = 0;
const UNCLEAN = 1;
/** Errors.ELECTION_NOT_NEEDED's default message, which Kafka sends along. */
const ELECTION_NOT_NEEDED_MESSAGE = 'Leader election not needed for topic partition.';

export default defineHandler({
  apiKey: ApiKey.ElectLeaders,
  minVersion: 0,
  maxVersion: 2,
  handle(ctx, req) {
    const { broker } = ctx;
    // v0 has no election type: it is always a preferred election.
    const electionType = ctx.apiVersion === 0 ? PREFERRED : req.electionType;
    if (electionType !== PREFERRED && electionType !== UNCLEAN) {
      // The controller fails the whole request; every named partition carries the error.
      const errorMessage = `Unknown election type ${electionType}`;
      const replicaElectionResults = (req.topicPartitions ?? []).map((t) => ({
        topic: t.topic,
        partitionResult: t.partitions.map((partitionId) => ({ partitionId, errorCode: ErrorCode.INVALID_REQUEST, errorMessage })),
      }));
      return { throttleTimeMs: 0, errorCode: ErrorCode.INVALID_REQUEST, replicaElectionResults };
    }
    let replicaElectionResults: ElectLeadersResponseReplicaElectionResult[];
    if (req.topicPartitions === null) {
      replicaElectionResults = broker.topics.all().map((t) => ({ topic: t.name, partitionResult: [] }));
    } else {
      replicaElectionResults = req.topicPartitions.map((t) => ({
        topic: t.topic,
        partitionResult: t.partitions.map((partitionId) => {
          const target = broker.lookupPartition(t.topic, partitionId);
          if (target.errorCode === ErrorCode.NONE) return { partitionId, errorCode: ErrorCode.ELECTION_NOT_NEEDED, errorMessage: ELECTION_NOT_NEEDED_MESSAGE };
          // The controller words a missing topic and a missing partition differently.
          const errorMessage = target.topic === undefined ? `No such topic as ${t.topic}` : `No such partition as ${t.topic}-${partitionId}`;
          return { partitionId, errorCode: target.errorCode, errorMessage };
        }),
      }));
    }
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, replicaElectionResults };
  },
  errorResponse(req, error) {
    const replicaElectionResults = (req.topicPartitions ?? []).map((t) => ({
      topic: t.topic,
      partitionResult: t.partitions.map((partitionId) => ({ partitionId, errorCode: error.code, errorMessage: error.message })),
    }));
    return { throttleTimeMs: 0, errorCode: error.code, replicaElectionResults };
  },
});
