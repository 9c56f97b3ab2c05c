// DeleteTopics (20): by name (v0-5 `topicNames`) or by name or id (v6 `topics`).
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import { ZERO_UUID } from './single-node.js';
import { defineHandler } from './handler.js';


export default defineHandler({
  apiKey: ApiKey.DeleteTopics,
  minVersion: 0,
  maxVersion: 6,
  handle(ctx, req) {
    const { broker, apiVersion } = ctx;
    const wanted = apiVersion >= 6 ? req.topics : req.topicNames.map((name) => ({ name, topicId: ZERO_UUID }));
    const enabled = broker.config.bool('delete.topic.enable');
    const responses = wanted.map(({ name, topicId }) => {
      const topic = name !== null ? broker.topics.get(name) : broker.topics.getById(topicId);
      if (!topic) {
        return {
          name,
          topicId,
          errorCode: name !== null ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.UNKNOWN_TOPIC_ID,
          errorMessage: name !== null ? 'This server does not host this topic-partition.' : 'This server does not host this topic ID.',
        };
      }
      if (!enabled) return { name: topic.name, topicId: topic.topicId, errorCode: ErrorCode.TOPIC_DELETION_DISABLED, errorMessage: 'Topic deletion is disabled.' };
      try {
        broker.deleteTopic(topic.name);
      } catch (err) {
        // The cluster metadata could not be written (a full disk): this topic stays, whole.
        if (!(err instanceof KafkaError)) throw err;
        return { name: topic.name, topicId: topic.topicId, errorCode: err.code, errorMessage: err.message };
      }
      return { name: topic.name, topicId: topic.topicId, errorCode: ErrorCode.NONE, errorMessage: null };
    });
    return { throttleTimeMs: 0, responses };
  },
  errorResponse(req, error, apiVersion) {
    const named = apiVersion >= 6 ? req.topics : req.topicNames.map((name) => ({ name, topicId: ZERO_UUID }));
    return { throttleTimeMs: 0, responses: named.map(({ name, topicId }) => ({ name, topicId, errorCode: error.code })) };
  },
});
