// IncrementalAlterConfigs (44): SET / DELETE / APPEND / SUBTRACT on single keys of a topic, this
// broker, the cluster default broker resource (""), the broker loggers or a client-metrics
// subscription; validateOnly checks without storing. Topic changes reach the partition logs at once.
import { ApiKey } from '../../protocol/api.js';
import { incrementalAlterConfigs } from '../configs/alter.js';
import { DUPLICATE_RESOURCE, duplicateResourceIndexes } from '../configs/duplicates.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.IncrementalAlterConfigs,
  minVersion: 0,
  maxVersion: 1,
  handle(ctx, req) {
    const duplicates = duplicateResourceIndexes(req.resources);
    const responses = req.resources.map((r, i) => {
      const result = duplicates.has(i) ? DUPLICATE_RESOURCE : incrementalAlterConfigs(ctx.broker, r.resourceType, r.resourceName, r.configs, req.validateOnly);
      return { ...result, resourceType: r.resourceType, resourceName: r.resourceName };
    });
    return { throttleTimeMs: 0, responses };
  },
  errorResponse(req, error) {
    const responses = req.resources.map((r) => ({ resourceType: r.resourceType, resourceName: r.resourceName, errorCode: error.code, errorMessage: error.message }));
    return { throttleTimeMs: 0, responses };
  },
});
