// OffsetCommit (8): answered once the commit is appended to __consumer_offsets.
import { ApiKey } from '../../protocol/api.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.OffsetCommit,
  minVersion: 0,
  maxVersion: 9,
  handle(ctx, req) {
    return ctx.broker.groups.offsetCommit(req, ctx);
  },
  errorResponse(req, error) {
    const topics = req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: error.code })) }));
    return { throttleTimeMs: 0, topics };
  },
});
