// SyncGroup (14): followers park until the leader's assignment is stored; the coordinator does the work.
import { ApiKey } from '../../protocol/api.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.SyncGroup,
  minVersion: 0,
  maxVersion: 5,
  handle(ctx, req) {
    return ctx.broker.groups.syncGroup(req, ctx);
  },
  errorResponse(_req, error) {
    return { throttleTimeMs: 0, errorCode: error.code, assignment: Buffer.alloc(0) };
  },
});
