// DeleteGroups (42): deletes Empty groups and their committed offsets (kafka-consumer-groups
// --delete). Kafka answers each distinct group id once.
import { ApiKey } from '../../protocol/api.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.DeleteGroups,
  async handle(ctx, req) {
    const results = await ctx.broker.groups.deleteGroups([...new Set(req.groupsNames)]);
    return { throttleTimeMs: 0, results };
  },
});
