// CreateTopics (19): validate name, partitions, replication (one node: RF 1 or -1) and configs,
// then create (unless validateOnly). Per-topic errors carry Kafka's messages; a request over the
// controller's per-request bounds (request-limits.ts) creates nothing.
import { ApiKey, type CreateTopicsResponseCreatableTopicResult } from '../../protocol/api.js';
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import { MAX_PARTITIONS_PER_REQUEST, MAX_RECORDS_PER_REQUEST, requestedPartitions, tooManyPartitions, tooManyRecords } from '../metadata/request-limits.js';
import { resolveTopicConfig, TOPIC_CONFIGS } from '../topic-configs.js';
import { validatePartitionCount, validateReplication, validateTopicConfigs, validateTopicName } from '../metadata/topic-validation.js';
import type { TopicMetadata } from '../metadata/topic-registry.js';
import { defineHandler } from './handler.js';

type TopicResult = Partial<CreateTopicsResponseCreatableTopicResult> & { name: string; errorCode: number };
type TopicPlan = { name: string; partitions: number; overrides: Record<string, string> };

export default defineHandler({
  apiKey: ApiKey.CreateTopics,
  minVersion: 0,
  maxVersion: 7,
  handle(ctx, req) {
    const { broker } = ctx;
    const seen = new Map<string, number>();
    for (const t of req.topics) seen.set(t.name, (seen.get(t.name) ?? 0) + 1);
    const fail = (name: string, errorCode: number, errorMessage: string | null): TopicResult => ({ name, errorCode, errorMessage, numPartitions: -1, replicationFactor: -1, configs: null });
    // Duplicates are answered before the rest is considered (Kafka's ControllerApis), so a
    // policy violation of the request never hides them.
    const unique = req.topics.filter((t) => seen.get(t.name) === 1);
    const refuse = (err: KafkaError) => req.topics.map((t) => (seen.get(t.name)! > 1 ? fail(t.name, ErrorCode.INVALID_REQUEST, 'Duplicate topic name.') : fail(t.name, err.code, err.detail)));
    const defaultPartitions = broker.config.int('num.partitions');
    if (requestedPartitions(unique, defaultPartitions) > MAX_PARTITIONS_PER_REQUEST) return { throttleTimeMs: 0, topics: refuse(tooManyPartitions()) };

    // Validate everything first: the records the creations would write are bounded as a whole.
    const plans = req.topics.map((t): TopicResult | TopicPlan => {
      if (seen.get(t.name)! > 1) return fail(t.name, ErrorCode.INVALID_REQUEST, 'Duplicate topic name.');
      const err =
        validateTopicName(t.name, broker.topics) ??
        (t.assignments.length > 0 && (t.numPartitions !== -1 || t.replicationFactor !== -1)
          ? { errorCode: ErrorCode.INVALID_REQUEST, message: 'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.' }
          : null) ??
        validatePartitionCount(t.numPartitions) ??
        validateReplication(t.replicationFactor, broker.nodeId, t.assignments) ??
        validateTopicConfigs(t.configs);
      if (err) return fail(t.name, err.errorCode, err.message);
      const partitions = t.assignments.length > 0 ? t.assignments.length : t.numPartitions === -1 ? defaultPartitions : t.numPartitions;
      const overrides: Record<string, string> = {};
      for (const c of t.configs) overrides[c.name] = c.value!;
      return { name: t.name, partitions, overrides };
    });
    let records = 0;
    for (const plan of plans) if (!('errorCode' in plan)) records += 1 + plan.partitions + Object.keys(plan.overrides).length;
    if (records > MAX_RECORDS_PER_REQUEST) return { throttleTimeMs: 0, topics: refuse(tooManyRecords()) };

    // One cluster-metadata write for the request. A topic whose logs or metadata could not be
    // written (out of space or descriptors) is answered with KAFKA_STORAGE_ERROR and leaves
    // nothing behind, as ApiError.fromThrowable answers Kafka's KafkaStorageException.
    const valid = plans.filter((plan): plan is TopicPlan => !('errorCode' in plan));
    const created = req.validateOnly ? new Map<string, TopicMetadata | KafkaError>() : broker.createTopics(valid.map(({ name, partitions, overrides }) => ({ name, partitions, configs: overrides })));
    const topics = plans.map((plan): TopicResult => {
      if ('errorCode' in plan) return plan;
      const { name, partitions, overrides } = plan;
      const result = created.get(name);
      if (result instanceof KafkaError) return fail(name, result.code, result.message);
      const topicId = result?.topicId;
      return {
        name,
        topicId,
        errorCode: ErrorCode.NONE,
        errorMessage: null,
        numPartitions: partitions,
        replicationFactor: 1,
        configs: Object.keys(TOPIC_CONFIGS).map((configName) => {
          const v = resolveTopicConfig(configName, overrides, broker.config);
          return { name: configName, value: v.value, readOnly: false, configSource: v.source, isSensitive: false };
        }),
      };
    });
    return { throttleTimeMs: 0, topics };
  },
  errorResponse(req, error) {
    return { throttleTimeMs: 0, topics: req.topics.map((t) => ({ name: t.name, errorCode: error.code, errorMessage: error.message })) };
  },
});
