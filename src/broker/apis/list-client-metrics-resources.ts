// ListClientMetricsResources (74): the names of the client-metrics subscriptions (CLIENT_METRICS
// config resources with at least one config), kept in the cluster metadata. Sorted by name; Kafka
// sends its hash set's order.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.ListClientMetricsResources,
  minVersion: 0,
  maxVersion: 0,
  handle(ctx) {
    const clientMetricsResources = ctx.broker.topics.clientMetricsNames().map((name) => ({ name }));
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, clientMetricsResources };
  },
  errorResponse(_req, error) {
    return { throttleTimeMs: 0, errorCode: error.code, clientMetricsResources: [] };
  },
});
