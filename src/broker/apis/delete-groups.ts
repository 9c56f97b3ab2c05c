// DeleteGroups (42): deletes Empty groups and their committed offsets (kafka-consumer-groups
// --delete). Kafka answers each distinct group id once.
import { ApiKey } from '../../protocol/api.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.DeleteGroups,
  minVersion: 0,
  maxVersion: 2,
  async handle(ctx, req) {
    const results = await ctx.broker.groups.deleteGroups([...new Set(req.groupsNames)]);
    return { throttleTimeMs: 0, results };
  },
  errorResponse(req, error) {
    // Every name as sent, duplicates included (Kafka's error answer does not dedupe them).
    return { throttleTimeMs: 0, results: req.groupsNames.map((groupId) => ({ groupId, errorCode: error.code })) };
  },
});
