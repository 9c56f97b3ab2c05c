// ListGroups (16): every live group with its protocol type; v4+ filters by state, v5+ by type.
// Both filters compare case-insensitively, as Kafka's GroupMetadataManager.listGroups does; an
// unknown state or type simply matches nothing.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.ListGroups,
  minVersion: 0,
  maxVersion: 5,
  handle(ctx, req) {
    const { groups } = ctx.broker;
    const statusError = groups.statusErrorCode;
    if (statusError !== ErrorCode.NONE) return { throttleTimeMs: 0, errorCode: statusError, groups: [] };
    const states = new Set(req.statesFilter.map((s) => s.trim().toLowerCase()));
    const types = new Set(req.typesFilter.map((t) => t.toLowerCase()));
    const listed = groups
      .listGroups()
      .filter((g) => states.size === 0 || states.has(g.state.toLowerCase()))
      .filter((g) => types.size === 0 || types.has(g.groupType))
      .map((g) => ({ groupId: g.groupId, protocolType: g.protocolType, groupState: g.state, groupType: g.groupType }));
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, groups: listed };
  },
  errorResponse(_req, error) {
    return { throttleTimeMs: 0, errorCode: error.code, groups: [] };
  },
});
