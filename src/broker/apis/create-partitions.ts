// CreatePartitions (37): only increases; one node, so any assignment must name this broker.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.CreatePartitions,
  minVersion: 0,
  maxVersion: 3,
  handle(ctx, req) {
    const { broker } = ctx;
    const results = req.topics.map((t) => {
      const fail = (errorCode: number, errorMessage: string) => ({ name: t.name, errorCode, errorMessage });
      const topic = broker.topics.get(t.name);
      if (!topic) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${t.name}' does not exist.`);
      if (t.count === topic.partitions) return fail(ErrorCode.INVALID_PARTITIONS, `Topic already has ${topic.partitions} partition(s).`);
      if (t.count < topic.partitions) {
        return fail(ErrorCode.INVALID_PARTITIONS, `The topic ${t.name} currently has ${topic.partitions} partition(s); ${t.count} would not be an increase.`);
      }
      if (t.assignments !== null) {
        if (t.assignments.length !== t.count - topic.partitions) {
          return fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `Attempted to add ${t.count - topic.partitions} additional partition(s), but only ${t.assignments.length} assignment(s) were specified.`);
        }
        const bad = t.assignments.flatMap((a) => a.brokerIds).find((b) => b !== broker.nodeId);
        if (bad !== undefined) return fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `The manual partition assignment includes broker ${bad}, but no broker with that ID is registered.`);
      }
      if (!req.validateOnly) broker.addPartitions(t.name, t.count);
      return { name: t.name, errorCode: ErrorCode.NONE, errorMessage: null };
    });
    return { throttleTimeMs: 0, results };
  },
  errorResponse(req, error) {
    return { throttleTimeMs: 0, results: req.topics.map((t) => ({ name: t.name, errorCode: error.code, errorMessage: error.message })) };
  },
});
