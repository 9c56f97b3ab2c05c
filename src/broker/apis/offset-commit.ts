// OffsetCommit (8): answered once the commit is appended to __consumer_offsets.
import { ApiKey } from '../../protocol/api.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.OffsetCommit,
  handle(ctx, req) {
    return ctx.broker.groups.offsetCommit(req, ctx);
  },
});
