// DescribeTopicPartitions (75): kafka-topics --describe on Kafka 3.8+ clients. Topics come
// sorted by name, paginated by partitions (responsePartitionLimit, capped by the broker's
// max.request.partition.size.limit) with a cursor to continue from.
import { ApiKey, type DescribeTopicPartitionsResponseTopic } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { INTERNAL_TOPICS } from '../metadata/topic-registry.js';
import { defineHandler } from './handler.js';
import { AUTHORIZED_OPERATIONS_OMITTED, LEADER_EPOCH, ZERO_UUID } from './single-node.js';


export default defineHandler({
  apiKey: ApiKey.DescribeTopicPartitions,
  minVersion: 0,
  maxVersion: 0,
  handle(ctx, req) {
    const { broker } = ctx;
    const node = broker.nodeId;
    const names = (req.topics.length === 0 ? broker.topics.all().map((t) => t.name) : req.topics.map((t) => t.name)).sort();
    const cursor = req.cursor;
    let budget = Math.min(Math.max(req.responsePartitionLimit, 1), broker.config.int('max.request.partition.size.limit'));
    const topics: Array<Partial<DescribeTopicPartitionsResponseTopic>> = [];
    let nextCursor: { topicName: string; partitionIndex: number } | null = null;
    for (const name of names) {
      if (cursor && name < cursor.topicName) continue;
      const topic = broker.topics.get(name);
      if (!topic) {
        topics.push({ errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, name, topicId: ZERO_UUID, isInternal: false, partitions: [], topicAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED });
        continue;
      }
      if (budget === 0) {
        nextCursor = { topicName: name, partitionIndex: 0 };
        break;
      }
      const first = cursor && name === cursor.topicName ? cursor.partitionIndex : 0;
      const partitions = [];
      let p = first;
      for (; p < topic.partitions && budget > 0; p++, budget--) {
        partitions.push({
          errorCode: ErrorCode.NONE,
          partitionIndex: p,
          leaderId: node,
          leaderEpoch: LEADER_EPOCH,
          replicaNodes: [node],
          isrNodes: [node],
          eligibleLeaderReplicas: [],
          lastKnownElr: [],
          offlineReplicas: [],
        });
      }
      topics.push({ errorCode: ErrorCode.NONE, name, topicId: topic.topicId, isInternal: INTERNAL_TOPICS.has(name), partitions, topicAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED });
      if (p < topic.partitions) {
        nextCursor = { topicName: name, partitionIndex: p };
        break;
      }
    }
    return { throttleTimeMs: 0, topics, nextCursor };
  },
  errorResponse(req, error) {
    return { throttleTimeMs: 0, topics: req.topics.map((t) => ({ name: t.name, errorCode: error.code, isInternal: false, partitions: [] })) };
  },
});
