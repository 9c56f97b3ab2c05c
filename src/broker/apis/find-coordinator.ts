// FindCoordinator (10): on a single node every group and transactional id is coordinated here.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { defineHandler } from './handler.js';

const GROUP = 0;
const TRANSACTION = 1;

export default defineHandler({
  apiKey: ApiKey.FindCoordinator,
  minVersion: 0,
  maxVersion: 6,
  handle(ctx, req) {
    const { broker, apiVersion } = ctx;
    const { host, port } = broker.advertised;
    const nodeId = broker.nodeId;
    const keyTypeOk = req.keyType === GROUP || req.keyType === TRANSACTION;
    if (apiVersion >= 4) {
      return {
        throttleTimeMs: 0,
        coordinators: req.coordinatorKeys.map((key) =>
          keyTypeOk
            ? { key, nodeId, host, port, errorCode: ErrorCode.NONE, errorMessage: null }
            : { key, nodeId: -1, host: '', port: -1, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unknown coordinator type ${req.keyType}` },
        ),
      };
    }
    if (!keyTypeOk) return { throttleTimeMs: 0, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unknown coordinator type ${req.keyType}`, nodeId: -1, host: '', port: -1 };
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: 'NONE', nodeId, host, port };
  },
  errorResponse(req, error, apiVersion) {
    // No coordinator (Kafka's Node.noNode()), with the code's default text as the message.
    const noNode = { nodeId: -1, host: '', port: -1, errorCode: error.code, errorMessage: error.defaultMessage };
    if (apiVersion >= 4) return { throttleTimeMs: 0, coordinators: req.coordinatorKeys.map((key) => ({ key, ...noNode })) };
    return { throttleTimeMs: 0, ...noNode };
  },
});
