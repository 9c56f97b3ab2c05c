// DescribeTransactions (65): the state, producer, timeout, start time and partitions of each
// transactional id asked for (kafka-transactions.sh describe).
import { ApiKey } from '../../protocol/api.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.DescribeTransactions,
  minVersion: 0,
  maxVersion: 0,
  handle(ctx, req) {
    const transactionStates = req.transactionalIds.map((id) => {
      const d = ctx.broker.transactions.describe(id);
      return {
        errorCode: d.errorCode,
        transactionalId: d.transactionalId,
        transactionState: d.transactionState,
        transactionTimeoutMs: d.transactionTimeoutMs,
        transactionStartTimeMs: BigInt(d.transactionStartTimeMs),
        producerId: BigInt(d.producerId),
        producerEpoch: d.producerEpoch,
        topics: d.topics,
      };
    });
    return { throttleTimeMs: 0, transactionStates };
  },
  errorResponse(req, error) {
    return {
      throttleTimeMs: 0,
      transactionStates: req.transactionalIds.map((transactionalId) => ({
        errorCode: error.code,
        transactionalId,
        transactionState: '',
        transactionTimeoutMs: 0,
        transactionStartTimeMs: 0n,
        producerId: 0n,
        producerEpoch: 0,
        topics: [],
      })),
    };
  },
});
