// JoinGroup (11): parks until the group's join phase completes; the coordinator does the work.
import { ApiKey } from '../../protocol/api.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.JoinGroup,
  minVersion: 0,
  maxVersion: 9,
  handle(ctx, req) {
    return ctx.broker.groups.joinGroup(req, ctx);
  },
  errorResponse(_req, error, apiVersion) {
    return {
      throttleTimeMs: 0,
      errorCode: error.code,
      generationId: -1,
      // v7+ has a nullable protocol name, and Kafka leaves it null.
      protocolName: apiVersion >= 7 ? null : '',
      leader: '',
      memberId: '',
      members: [],
    };
  },
});
