// AddOffsetsToTxn (25): adds the group's __consumer_offsets partition to the transaction, so that
// the TxnOffsetCommit that follows is committed or aborted with it.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { CONSUMER_OFFSETS_TOPIC } from '../broker.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.AddOffsetsToTxn,
  minVersion: 0,
  maxVersion: 4,
  handle(ctx, req) {
    const { broker } = ctx;
    const partition = broker.groups.partitionFor(req.groupId);
    const error = broker.transactions.addPartitions(req.transactionalId, Number(req.producerId), req.producerEpoch, [{ topic: CONSUMER_OFFSETS_TOPIC, partition }]);
    // Clients before v2 do not know PRODUCER_FENCED (KIP-588).
    const errorCode = ctx.apiVersion < 2 && error === ErrorCode.PRODUCER_FENCED ? ErrorCode.INVALID_PRODUCER_EPOCH : error;
    return { throttleTimeMs: 0, errorCode };
  },
  errorResponse(_req, error) {
    return { throttleTimeMs: 0, errorCode: error.code };
  },
});
