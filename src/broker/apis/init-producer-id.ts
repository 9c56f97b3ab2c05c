// InitProducerId (22): producer ids for idempotent producers (enable.idempotence, the Java
// default). Transactional ids need the transaction coordinator, which kt does not have yet.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.InitProducerId,
  minVersion: 0,
  maxVersion: 5,
  handle(ctx, req) {
    if (req.transactionalId !== null) {
      ctx.broker.logger.warn(`InitProducerId for transactional id ${req.transactionalId} refused: transactions are not supported yet`);
      return { throttleTimeMs: 0, errorCode: ErrorCode.UNSUPPORTED_VERSION, producerId: -1n, producerEpoch: -1 };
    }
    const producerId = BigInt(ctx.broker.topics.allocateProducerId());
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, producerId, producerEpoch: 0 };
  },
  errorResponse(_req, error) {
    return { throttleTimeMs: 0, errorCode: error.code, producerId: -1n, producerEpoch: -1 };
  },
});
