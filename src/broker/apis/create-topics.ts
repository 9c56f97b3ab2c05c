// CreateTopics (19): validate name, partitions, replication (one node: RF 1 or -1) and configs,
// then create (unless validateOnly). Per-topic errors carry Kafka's messages.
import { ApiKey, type CreateTopicsResponseCreatableTopicResult } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { resolveTopicConfig, TOPIC_CONFIGS } from '../topic-configs.js';
import { validatePartitionCount, validateReplication, validateTopicConfigs, validateTopicName } from '../metadata/topic-validation.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.CreateTopics,
  minVersion: 0,
  maxVersion: 7,
  handle(ctx, req) {
    const { broker } = ctx;
    const seen = new Map<string, number>();
    for (const t of req.topics) seen.set(t.name, (seen.get(t.name) ?? 0) + 1);
    const topics = broker.topics.batch(() => req.topics.map((t): Partial<CreateTopicsResponseCreatableTopicResult> => {
      const fail = (errorCode: number, errorMessage: string) => ({ name: t.name, errorCode, errorMessage, numPartitions: -1, replicationFactor: -1, configs: null });
      if (seen.get(t.name)! > 1) return fail(ErrorCode.INVALID_REQUEST, 'Duplicate topic name.');
      const err =
        validateTopicName(t.name, broker.topics) ??
        (t.assignments.length > 0 && (t.numPartitions !== -1 || t.replicationFactor !== -1)
          ? { errorCode: ErrorCode.INVALID_REQUEST, message: 'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.' }
          : null) ??
        validatePartitionCount(t.numPartitions) ??
        validateReplication(t.replicationFactor, broker.nodeId, t.assignments) ??
        validateTopicConfigs(t.configs);
      if (err) return fail(err.errorCode, err.message);
      const partitions = t.assignments.length > 0 ? t.assignments.length : t.numPartitions === -1 ? broker.config.int('num.partitions') : t.numPartitions;
      const overrides: Record<string, string> = {};
      for (const c of t.configs) overrides[c.name] = c.value!;
      const topicId = req.validateOnly ? undefined : broker.createTopic(t.name, partitions, overrides).topicId;
      return {
        name: t.name,
        topicId,
        errorCode: ErrorCode.NONE,
        errorMessage: null,
        numPartitions: partitions,
        replicationFactor: 1,
        configs: Object.keys(TOPIC_CONFIGS).map((name) => {
          const v = resolveTopicConfig(name, overrides, broker.config);
          return { name, value: v.value, readOnly: false, configSource: v.source, isSensitive: false };
        }),
      };
    }));
    return { throttleTimeMs: 0, topics };
  },
  errorResponse(req, error) {
    return { throttleTimeMs: 0, topics: req.topics.map((t) => ({ name: t.name, errorCode: error.code, errorMessage: error.message })) };
  },
});
