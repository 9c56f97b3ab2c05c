// EndTxn (26): commit or abort the transaction. The coordinator writes PrepareCommit/PrepareAbort,
// the markers to every partition of the transaction and CompleteCommit/CompleteAbort before this
// answers. v5 (transactions v2, KIP-890 part 2) is not served: transaction.version stays 0.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.EndTxn,
  minVersion: 0,
  maxVersion: 4,
  handle(ctx, req) {
    const result = ctx.broker.transactions.endTxn(req.transactionalId, Number(req.producerId), req.producerEpoch, req.committed);
    // Clients before v2 do not know PRODUCER_FENCED (KIP-588).
    const errorCode = ctx.apiVersion < 2 && result.errorCode === ErrorCode.PRODUCER_FENCED ? ErrorCode.INVALID_PRODUCER_EPOCH : result.errorCode;
    return { throttleTimeMs: 0, errorCode, producerId: BigInt(result.producerId), producerEpoch: result.producerEpoch };
  },
  errorResponse(_req, error) {
    return { throttleTimeMs: 0, errorCode: error.code, producerId: -1n, producerEpoch: -1 };
  },
});
