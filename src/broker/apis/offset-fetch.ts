// OffsetFetch (9): committed offsets of one group (v0-7) or several (v8+).
import { ApiKey } from '../../protocol/api.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.OffsetFetch,
  handle(ctx, req) {
    return ctx.broker.groups.offsetFetch(req, ctx);
  },
});
