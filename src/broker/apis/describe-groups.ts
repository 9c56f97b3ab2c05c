// DescribeGroups (15): state, protocol and members of each group. A group that does not exist is
// described as Dead with no error, as Kafka does. Without an authorizer every operation Kafka
// supports on a group is authorized, so that is what v3+ reports when asked.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { defineHandler } from './handler.js';
import { GROUP_AUTHORIZED_OPERATIONS } from './authorized-operations.js';
import { AUTHORIZED_OPERATIONS_OMITTED } from './single-node.js';

export default defineHandler({
  apiKey: ApiKey.DescribeGroups,
  minVersion: 0,
  maxVersion: 5,
  handle(ctx, req) {
    const { groups } = ctx.broker;
    const statusError = groups.statusErrorCode;
    const withOperations = ctx.apiVersion >= 3 && req.includeAuthorizedOperations;
    const described = req.groups.map((groupId) => {
      if (statusError !== ErrorCode.NONE) {
        return { errorCode: statusError, groupId, groupState: '', protocolType: '', protocolData: '', members: [], authorizedOperations: AUTHORIZED_OPERATIONS_OMITTED };
      }
      const d = groups.describeGroup(groupId);
      return {
        errorCode: ErrorCode.NONE,
        groupId,
        groupState: d.state,
        protocolType: d.protocolType,
        protocolData: d.protocol,
        members: d.members.map((m) => ({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          memberMetadata: m.metadata,
          memberAssignment: m.assignment,
        })),
        authorizedOperations: withOperations ? GROUP_AUTHORIZED_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED,
      };
    });
    return { throttleTimeMs: 0, groups: described };
  },
  errorResponse(req, error) {
    const groups = req.groups.map((groupId) => ({
      groupId,
      errorCode: error.code,
      groupState: '',
      protocolType: '',
      protocolData: '',
      members: [],
      authorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
    }));
    return { throttleTimeMs: 0, groups };
  },
});
