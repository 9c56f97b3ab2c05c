// LeaveGroup (13): removes members (v3+: a batch, by member id or group.instance.id).
import { ApiKey } from '../../protocol/api.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.LeaveGroup,
  minVersion: 0,
  maxVersion: 5,
  handle(ctx, req) {
    return ctx.broker.groups.leaveGroup(req, ctx);
  },
  errorResponse(_req, error) {
    return { throttleTimeMs: 0, errorCode: error.code, members: [] };
  },
});
