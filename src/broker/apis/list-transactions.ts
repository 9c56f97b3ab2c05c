// ListTransactions (66): the transactional ids this coordinator knows, filtered by state names
// (unknown names are echoed back), producer ids and, from v1, a minimum running time (KIP-994).
import { ApiKey } from '../../protocol/api.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.ListTransactions,
  minVersion: 0,
  maxVersion: 1,
  handle(ctx, req) {
    const durationFilter = ctx.apiVersion >= 1 ? Number(req.durationFilter) : -1;
    const listed = ctx.broker.transactions.list(req.stateFilters, req.producerIdFilters.map(Number), durationFilter);
    return {
      throttleTimeMs: 0,
      errorCode: listed.errorCode,
      unknownStateFilters: listed.unknownStateFilters,
      transactionStates: listed.transactionStates.map((t) => ({ transactionalId: t.transactionalId, producerId: BigInt(t.producerId), transactionState: t.transactionState })),
    };
  },
  errorResponse(_req, error) {
    return { throttleTimeMs: 0, errorCode: error.code, unknownStateFilters: [], transactionStates: [] };
  },
});
