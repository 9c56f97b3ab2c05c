// CreatePartitions (37): only increases; one node, so any assignment must name this broker. A
// request adding more partitions than the controller's per-request bound adds none (request-limits.ts).
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import { MAX_RECORDS_PER_REQUEST, tooManyRecords } from '../metadata/request-limits.js';
import { defineHandler } from './handler.js';

interface Result {
  name: string;
  errorCode: number;
  errorMessage: string | null;
}

interface Plan {
  name: string;
  count: number;
  added: number;
}

export default defineHandler({
  apiKey: ApiKey.CreatePartitions,
  minVersion: 0,
  maxVersion: 3,
  handle(ctx, req) {
    const { broker } = ctx;
    // Validate every topic first: the partitions the request adds are bounded as a whole.
    const plans = req.topics.map((t): Result | Plan => {
      const fail = (errorCode: number, errorMessage: string): Result => ({ name: t.name, errorCode, errorMessage });
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
      return { name: t.name, count: t.count, added: t.count - topic.partitions };
    });
    // One PartitionRecord per new partition in Kafka's controller, bounded per request.
    let records = 0;
    for (const plan of plans) if ('added' in plan) records += plan.added;
    if (records > MAX_RECORDS_PER_REQUEST) {
      const err = tooManyRecords();
      return { throttleTimeMs: 0, results: req.topics.map((t) => ({ name: t.name, errorCode: err.code, errorMessage: err.detail })) };
    }
    // A topic whose new logs or metadata could not be written (out of space or descriptors) is
    // answered with KAFKA_STORAGE_ERROR and keeps its partition count.
    const grow = plans.filter((plan): plan is Plan => 'added' in plan);
    const grown = req.validateOnly ? new Map<string, KafkaError | null>() : broker.addPartitionsToTopics(grow.map((plan) => ({ name: plan.name, total: plan.count })));
    const results = plans.map((plan): Result => {
      if (!('added' in plan)) return plan;
      const error = grown.get(plan.name);
      if (error) return { name: plan.name, errorCode: error.code, errorMessage: error.message };
      return { name: plan.name, errorCode: ErrorCode.NONE, errorMessage: null };
    });
    return { throttleTimeMs: 0, results };
  },
  errorResponse(req, error) {
    return { throttleTimeMs: 0, results: req.topics.map((t) => ({ name: t.name, errorCode: error.code, errorMessage: error.message })) };
  },
});
