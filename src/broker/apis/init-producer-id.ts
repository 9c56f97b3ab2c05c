// InitProducerId (22): producer ids for idempotent producers (null transactional id: a fresh id at
// epoch 0), and for transactional ones through the transaction coordinator (epoch bumps, fencing,
// KIP-360 recovery with the producer id and epoch of the request).
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.InitProducerId,
  minVersion: 0,
  maxVersion: 5,
  handle(ctx, req) {
    const producerId = Number(req.producerId);
    // Both -1 (a new producer) or both set (KIP-360: a producer recovering its epoch).
    if ((producerId === -1) !== (req.producerEpoch === -1)) throw new KafkaError(ErrorCode.INVALID_REQUEST);
    if (req.transactionalId === null) {
      // An idempotent producer always gets a fresh producer id, whatever it had.
      return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, producerId: BigInt(ctx.broker.topics.allocateProducerId()), producerEpoch: 0 };
    }
    const expected = producerId === -1 ? null : { producerId, producerEpoch: req.producerEpoch };
    const result = ctx.broker.transactions.initProducerId(req.transactionalId, req.transactionTimeoutMs, expected);
    // Clients before v4 do not know PRODUCER_FENCED (KIP-588) and handle INVALID_PRODUCER_EPOCH alike.
    const errorCode = ctx.apiVersion < 4 && result.errorCode === ErrorCode.PRODUCER_FENCED ? ErrorCode.INVALID_PRODUCER_EPOCH : result.errorCode;
    return { throttleTimeMs: 0, errorCode, producerId: BigInt(result.producerId), producerEpoch: result.producerEpoch };
  },
  errorResponse(_req, error) {
    return { throttleTimeMs: 0, errorCode: error.code, producerId: -1n, producerEpoch: -1 };
  },
});
