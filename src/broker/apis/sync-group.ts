// SyncGroup (14): followers park until the leader's assignment is stored; the coordinator does the work.
import { ApiKey } from '../../protocol/api.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.SyncGroup,
  handle(ctx, req) {
    return ctx.broker.groups.syncGroup(req, ctx);
  },
});
