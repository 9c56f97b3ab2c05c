// DescribeCluster (60): the cluster id and its brokers (this one). A KRaft broker answers with a
// random live broker as the "controller" (clients cannot reach the real one), which on a single
// node is this broker. Only the broker endpoint type is served (KIP-919).
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { CLUSTER_AUTHORIZED_OPERATIONS } from './authorized-operations.js';
import { defineHandler } from './handler.js';
import { AUTHORIZED_OPERATIONS_OMITTED } from './single-node.js';

const ENDPOINT_TYPES: Record<number, string> = { 1: 'BROKER', 2: 'CONTROLLER' };
const BROKER_ENDPOINT = 1;

export default defineHandler({
  apiKey: ApiKey.DescribeCluster,
  minVersion: 0,
  maxVersion: 1,
  handle(ctx, req) {
    const { broker, apiVersion } = ctx;
    const requested = ENDPOINT_TYPES[req.endpointType];
    if (requested !== 'BROKER') {
      return {
        throttleTimeMs: 0,
        // v0 has no endpoint-type error codes.
        errorCode: apiVersion === 0 ? ErrorCode.INVALID_REQUEST : requested === undefined ? ErrorCode.UNSUPPORTED_ENDPOINT_TYPE : ErrorCode.MISMATCHED_ENDPOINT_TYPE,
        errorMessage:
          requested === undefined
            ? `Unsupported endpoint type ${req.endpointType}`
            : `The request was sent to an endpoint of type BROKER, but we wanted an endpoint of type ${requested}`,
        clusterId: '',
        brokers: [],
      };
    }
    const { host, port } = broker.advertised;
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      endpointType: BROKER_ENDPOINT,
      clusterId: broker.topics.clusterId,
      controllerId: broker.nodeId,
      brokers: [{ brokerId: broker.nodeId, host, port, rack: broker.config.string('broker.rack') }],
      // Without an authorizer every cluster operation is allowed.
      clusterAuthorizedOperations: req.includeClusterAuthorizedOperations ? CLUSTER_AUTHORIZED_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED,
    };
  },
  errorResponse(_req, error) {
    return { throttleTimeMs: 0, errorCode: error.code, errorMessage: error.message };
  },
});
