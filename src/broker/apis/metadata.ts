// Metadata (3): this broker, and the topics asked for (all when null), auto-creating unknown
// topics when the client allows it and auto.create.topics.enable is true.
import { ApiKey, type MetadataResponseTopic } from '../../protocol/api.js';
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import type { Broker } from '../broker.js';
import { INTERNAL_TOPICS, invalidTopicNameReason, type TopicMetadata } from '../metadata/topic-registry.js';
import { AUTHORIZED_OPERATIONS_OMITTED, ZERO_UUID } from './single-node.js';
import { defineHandler } from './handler.js';


export default defineHandler({
  apiKey: ApiKey.Metadata,
  minVersion: 0,
  maxVersion: 12,
  handle(ctx, req) {
    const { broker, apiVersion } = ctx;
    // v0: an empty list means all topics; v1+: null means all topics.
    const all = req.topics === null || (apiVersion === 0 && req.topics.length === 0);
    if (!all && apiVersion < 12) {
      // Topic ids in requests arrive with v12; before that a null name (v10-v11 allow one) or
      // an id fails the request, as in Kafka's handleTopicMetadataRequest.
      for (const t of req.topics!) {
        if (t.name === null) throw new KafkaError(ErrorCode.INVALID_REQUEST, `Topic name can not be null for version ${apiVersion}`);
        if (t.topicId !== ZERO_UUID) throw new KafkaError(ErrorCode.INVALID_REQUEST, `Topic IDs are not supported in requests for version ${apiVersion}`);
      }
    }
    const autoCreate = (apiVersion < 4 || req.allowAutoTopicCreation) && broker.config.bool('auto.create.topics.enable');
    let topics: MetadataResponseTopic[];
    if (all) {
      topics = broker.topics.all().map((t) => describeTopic(broker, t));
    } else {
      topics = req.topics!.map((requested) => {
        let topic = requested.name !== null ? broker.topics.get(requested.name) : broker.topics.getById(requested.topicId);
        if (!topic && requested.name !== null && autoCreate && invalidTopicNameReason(requested.name) === null && !broker.topics.collidingTopic(requested.name)) {
          try {
            topic = broker.createTopic(requested.name, broker.config.int('num.partitions'), {});
          } catch (err) {
            // Out of space or descriptors: this topic is answered with the error, the rest as usual.
            if (!(err instanceof KafkaError)) throw err;
            return { errorCode: err.code, name: requested.name, topicId: ZERO_UUID, isInternal: false, partitions: [], topicAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED };
          }
        }
        if (topic) return describeTopic(broker, topic);
        const invalid = requested.name !== null && invalidTopicNameReason(requested.name) !== null;
        return {
          errorCode: invalid ? ErrorCode.INVALID_TOPIC_EXCEPTION : requested.name === null ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
          name: requested.name,
          topicId: requested.topicId ?? ZERO_UUID,
          isInternal: false,
          partitions: [],
          topicAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
        };
      });
    }
    const { host, port } = broker.advertised;
    return {
      throttleTimeMs: 0,
      brokers: [{ nodeId: broker.nodeId, host, port, rack: null }],
      clusterId: broker.topics.clusterId,
      controllerId: broker.nodeId,
      topics,
      clusterAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
    };
  },
  errorResponse(req, error) {
    // No brokers, no cluster id: only the requested topics carry the error (a null name, by id,
    // becomes "" as in Kafka). Asking for all topics gets an empty answer.
    const topics = (req.topics ?? []).map((t) => ({ name: t.name ?? '', topicId: t.topicId, errorCode: error.code, isInternal: false, partitions: [] }));
    return { throttleTimeMs: 0, topics };
  },
});

function describeTopic(broker: Broker, t: TopicMetadata): MetadataResponseTopic {
  const node = broker.nodeId;
  const partitions = [];
  for (let p = 0; p < t.partitions; p++) {
    partitions.push({ errorCode: 0, partitionIndex: p, leaderId: node, leaderEpoch: 0, replicaNodes: [node], isrNodes: [node], offlineReplicas: [] });
  }
  return {
    errorCode: ErrorCode.NONE,
    name: t.name,
    topicId: t.topicId,
    isInternal: INTERNAL_TOPICS.has(t.name),
    partitions,
    topicAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
  };
}
