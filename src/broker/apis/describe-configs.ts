// DescribeConfigs (32): the configs of topics, of this broker, of the cluster-wide dynamic
// broker defaults (resource name "") and of client-metrics subscriptions, with Kafka's sources,
// synonyms, types and documentation.
import { ApiKey, type DescribeConfigsRequestDescribeConfigsResource } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { Broker } from '../broker.js';
import { describeBrokerConfigs, describeClientMetricsConfigs, describeTopicConfigs, type DescribeOptions, type DescribedConfig } from '../configs/describe.js';
import { parseBrokerId, ResourceType } from '../configs/resources.js';
import { invalidTopicNameReason } from '../metadata/topic-registry.js';
import { defineHandler } from './handler.js';

const KNOWN_TYPES: ReadonlySet<number> = new Set([ResourceType.Topic, ResourceType.Broker, ResourceType.BrokerLogger, ResourceType.ClientMetrics, ResourceType.Group]);

/** Kafka's default text of INVALID_REQUEST (Errors.INVALID_REQUEST.message()). */
const INVALID_REQUEST_MESSAGE =
  'This most likely occurs because of a request being malformed by the client library or the message was sent to an incompatible broker. See the broker logs for more details.';

type Outcome = { configs: DescribedConfig[] } | { errorCode: number; errorMessage: string };

export default defineHandler({
  apiKey: ApiKey.DescribeConfigs,
  minVersion: 0,
  maxVersion: 4,
  handle(ctx, req) {
    // A resource type Kafka does not know fails the whole request (KafkaApis answers every
    // resource with the exception's error and its generic message).
    if (req.resources.some((r) => !KNOWN_TYPES.has(r.resourceType))) {
      const results = req.resources.map((r) => ({ resourceType: r.resourceType, resourceName: r.resourceName, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: INVALID_REQUEST_MESSAGE, configs: [] }));
      return { throttleTimeMs: 0, results };
    }
    const results = req.resources.map((r) => {
      const opts: DescribeOptions = { includeSynonyms: req.includeSynonyms, includeDocumentation: req.includeDocumentation, keys: r.configurationKeys };
      const outcome = describe(ctx.broker, r, opts);
      const base = { resourceType: r.resourceType, resourceName: r.resourceName };
      if ('errorCode' in outcome) return { ...base, ...outcome, configs: [] };
      const configs = outcome.configs.map((c) => ({ ...c, configSource: ctx.apiVersion === 0 ? -1 : c.configSource, synonyms: [...c.synonyms] }));
      return { ...base, errorCode: ErrorCode.NONE, errorMessage: null, configs };
    });
    return { throttleTimeMs: 0, results };
  },
  errorResponse(req, error) {
    // Kafka sends the code's default text here (Errors.message()), never the thrown one.
    const results = req.resources.map((r) => ({ errorCode: error.code, errorMessage: error.defaultMessage, resourceType: r.resourceType, resourceName: r.resourceName, configs: [] }));
    return { throttleTimeMs: 0, results };
  },
});

function describe(broker: Broker, r: DescribeConfigsRequestDescribeConfigsResource, opts: DescribeOptions): Outcome {
  const name = r.resourceName;
  switch (r.resourceType) {
    case ResourceType.Topic: {
      const badName = invalidTopicNameReason(name);
      if (badName) return { errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, errorMessage: `Topic name is invalid: ${badName}` };
      const topic = broker.topics.get(name);
      // Kafka sets no message here; the field's default is the empty string.
      if (!topic) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: '' };
      return { configs: describeTopicConfigs(topic.configs, broker.config, opts) };
    }
    case ResourceType.Broker: {
      if (name === '') return { configs: describeBrokerConfigs(broker.config, false, opts) };
      const id = parseBrokerId(name);
      if (id === null) return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Broker id must be an integer, but it is: ${name}` };
      if (id !== broker.nodeId) {
        return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unexpected broker id, expected ${broker.nodeId} or empty string, but received ${name}` };
      }
      return { configs: describeBrokerConfigs(broker.config, true, opts) };
    }
    case ResourceType.BrokerLogger: {
      if (name === '') return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Broker id must not be empty' };
      const id = parseBrokerId(name);
      if (id === null) return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Broker id must be an integer, but it is: ${name}` };
      if (id !== broker.nodeId) return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unexpected broker id, expected ${broker.nodeId} but received ${name}` };
      // kt's broker has no log4j loggers whose level could be listed or changed.
      return { configs: [] };
    }
    case ResourceType.ClientMetrics:
      if (name === '') return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Client metrics subscription name must not be empty' };
      return { configs: describeClientMetricsConfigs(broker.topics.clientMetrics(name)) };
    default:
      // GROUP: kt has no KIP-848 group configs.
      return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Unsupported resource type: GROUP' };
  }
}
