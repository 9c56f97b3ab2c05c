// JoinGroup (11): parks until the group's join phase completes; the coordinator does the work.
import { ApiKey } from '../../protocol/api.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.JoinGroup,
  handle(ctx, req) {
    return ctx.broker.groups.joinGroup(req, ctx);
  },
});
