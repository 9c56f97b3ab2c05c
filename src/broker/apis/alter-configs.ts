// AlterConfigs (33, legacy): each resource's given configs replace all of its dynamic configs.
// Topics, brokers (this node or the cluster default "") and client-metrics subscriptions;
// validateOnly checks without storing.
import { ApiKey } from '../../protocol/api.js';
import { legacyAlterConfigs } from '../configs/alter.js';
import { DUPLICATE_RESOURCE, duplicateResourceIndexes } from '../configs/duplicates.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.AlterConfigs,
  minVersion: 0,
  maxVersion: 2,
  handle(ctx, req) {
    const duplicates = duplicateResourceIndexes(req.resources);
    const responses = req.resources.map((r, i) => {
      const result = duplicates.has(i) ? DUPLICATE_RESOURCE : legacyAlterConfigs(ctx.broker, r.resourceType, r.resourceName, r.configs, req.validateOnly);
      return { ...result, resourceType: r.resourceType, resourceName: r.resourceName };
    });
    return { throttleTimeMs: 0, responses };
  },
  errorResponse(req, error) {
    const responses = req.resources.map((r) => ({ resourceType: r.resourceType, resourceName: r.resourceName, errorCode: error.code, errorMessage: error.message }));
    return { throttleTimeMs: 0, responses };
  },
});
