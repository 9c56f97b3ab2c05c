// FindCoordinator (10): on a single node every group and transactional id is coordinated here.
// As in Kafka 3.9's getCoordinator: share-group keys (type 2) need v6 and find no coordinator
// (COORDINATOR_NOT_AVAILABLE; INVALID_REQUEST before v6); an unknown key type fails the whole
// request with INVALID_REQUEST. v0-v3 name one key and carry Errors.message() ("NONE" on success).
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import { defineHandler } from './handler.js';

const GROUP = 0;
const TRANSACTION = 1;
const SHARE = 2;

export default defineHandler({
  apiKey: ApiKey.FindCoordinator,
  minVersion: 0,
  maxVersion: 6,
  handle(ctx, req) {
    const { broker, apiVersion } = ctx;
    const { host, port } = broker.advertised;
    const nodeId = broker.nodeId;
    if (req.keyType !== GROUP && req.keyType !== TRANSACTION && req.keyType !== SHARE) {
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `Unknown coordinator type received: ${req.keyType}`);
    }
    const errorCode = req.keyType !== SHARE ? ErrorCode.NONE : apiVersion < 6 ? ErrorCode.INVALID_REQUEST : ErrorCode.COORDINATOR_NOT_AVAILABLE;
    const found = errorCode === ErrorCode.NONE ? { nodeId, host, port } : { nodeId: -1, host: '', port: -1 };
    if (apiVersion >= 4) {
      // Kafka sets no message on these, success or not.
      return { throttleTimeMs: 0, coordinators: req.coordinatorKeys.map((key) => ({ key, ...found, errorCode, errorMessage: null })) };
    }
    if (errorCode !== ErrorCode.NONE) throw new KafkaError(errorCode);
    return { throttleTimeMs: 0, errorCode, errorMessage: 'NONE', ...found };
  },
  errorResponse(req, error, apiVersion) {
    // No coordinator (Kafka's Node.noNode()), with the code's default text as the message.
    const noNode = { nodeId: -1, host: '', port: -1, errorCode: error.code, errorMessage: error.defaultMessage };
    if (apiVersion >= 4) return { throttleTimeMs: 0, coordinators: req.coordinatorKeys.map((key) => ({ key, ...noNode })) };
    return { throttleTimeMs: 0, ...noNode };
  },
});
