// Heartbeat (12): keeps a member's session alive and tells it about rebalances.
import { ApiKey } from '../../protocol/api.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.Heartbeat,
  minVersion: 0,
  maxVersion: 4,
  handle(ctx, req) {
    return ctx.broker.groups.heartbeat(req, ctx);
  },
  errorResponse(_req, error) {
    return { throttleTimeMs: 0, errorCode: error.code };
  },
});
