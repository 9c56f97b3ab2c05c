// The TransactionManager against a scripted coordinator: which answers it retries (after looking
// the coordinator up again or after a backoff), which end the transaction as abortable, and which
// are fatal, with Java's exception texts; the requests it sends, in order.
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/client/cluster.js';
import { TransactionManager } from '../../src/client/transaction-manager.js';
import { ApiKey } from '../../src/protocol/api.js';
import { ErrorCode } from '../../src/protocol/errors.js';

type Answer = (body: Record<string, unknown>) => unknown;

/** A cluster whose FindCoordinator and coordinator requests are answered from per-API scripts (then success). */
function scripted(scripts: Partial<Record<ApiKey, number[]>>) {
  const log: string[] = [];
  let epoch = 3;
  const next = (apiKey: ApiKey): number => scripts[apiKey]?.shift() ?? ErrorCode.NONE;
  const answers: Partial<Record<ApiKey, Answer>> = {
    // A bump (the current id and epoch sent) answers the next epoch.
    [ApiKey.InitProducerId]: (body) => ({ errorCode: next(ApiKey.InitProducerId), producerId: 7n, producerEpoch: body.producerId === -1n ? epoch : ++epoch }),
    [ApiKey.AddPartitionsToTxn]: (body) => ({
      resultsByTopicV3AndBelow: (body.v3AndBelowTopics as Array<{ name: string; partitions: number[] }>).map((t) => {
        const code = next(ApiKey.AddPartitionsToTxn);
        return { name: t.name, resultsByPartition: t.partitions.map((p) => ({ partitionIndex: p, partitionErrorCode: code })) };
      }),
    }),
    [ApiKey.AddOffsetsToTxn]: () => ({ errorCode: next(ApiKey.AddOffsetsToTxn) }),
    [ApiKey.TxnOffsetCommit]: (body) => ({
      topics: (body.topics as Array<{ name: string; partitions: Array<{ partitionIndex: number }> }>).map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: next(ApiKey.TxnOffsetCommit) })),
      })),
    }),
    [ApiKey.EndTxn]: () => ({ errorCode: next(ApiKey.EndTxn), producerId: 7n, producerEpoch: 3 }),
  };
  const connection = {
    send(apiKey: ApiKey, _version: number, body: Record<string, unknown>) {
      const detail = apiKey === ApiKey.EndTxn ? `(${String(body.committed)})` : apiKey === ApiKey.InitProducerId ? `(${String(body.producerId)}/${String(body.producerEpoch)})` : '';
      log.push(`${ApiKey[apiKey]}${detail}`);
      return Promise.resolve(answers[apiKey]!(body));
    },
  };
  const bootstrap = {
    send(apiKey: ApiKey, _version: number, body: { key: string; keyType: number }) {
      log.push(`FindCoordinator(${body.keyType})`);
      return Promise.resolve({ errorCode: next(ApiKey.FindCoordinator), errorMessage: null, nodeId: 1, host: 'h', port: 1 });
    },
  };
  const cluster = { bootstrap, addBroker() {}, connection: () => Promise.resolve(connection) } as unknown as Cluster;
  const manager = new TransactionManager(cluster, { transactionalId: 'tx', transactionTimeoutMs: 60_000, retryBackoffMs: 5, maxBlockMs: 2000 });
  return { manager, log };
}

const added = (manager: TransactionManager, topic: string, partition: number) => new Promise<void>((resolve) => manager.addPartition(topic, partition, resolve));

describe('TransactionManager', () => {
  it('initTransactions finds the coordinator again after NOT_COORDINATOR and retries CONCURRENT_TRANSACTIONS', async () => {
    const { manager, log } = scripted({
      [ApiKey.FindCoordinator]: [ErrorCode.COORDINATOR_NOT_AVAILABLE],
      [ApiKey.InitProducerId]: [ErrorCode.CONCURRENT_TRANSACTIONS, ErrorCode.NOT_COORDINATOR],
    });
    expect(await manager.initTransactions()).toEqual({ producerId: 7, epoch: 3 });
    expect(log).toEqual(['FindCoordinator(1)', 'FindCoordinator(1)', 'InitProducerId(-1/-1)', 'InitProducerId(-1/-1)', 'FindCoordinator(1)', 'InitProducerId(-1/-1)']);
    expect(manager.state).toBe('READY');
  });

  it('adds partitions once per transaction, commits with EndTxn, and skips EndTxn for an empty transaction', async () => {
    const { manager, log } = scripted({ [ApiKey.AddPartitionsToTxn]: [ErrorCode.CONCURRENT_TRANSACTIONS] });
    await manager.initTransactions();
    manager.beginTransaction();
    await Promise.all([added(manager, 't', 0), added(manager, 't', 1)]);
    expect(manager.isPartitionAdded('t', 0) && manager.isPartitionAdded('t', 1)).toBe(true);
    await manager.endTransaction(true);
    manager.beginTransaction();
    await manager.endTransaction(false);
    // Both partitions went in one request, retried once; the empty transaction sent nothing.
    expect(log.slice(2)).toEqual(['AddPartitionsToTxn', 'AddPartitionsToTxn', 'EndTxn(true)']);
  });

  it('sendOffsetsToTransaction: AddOffsetsToTxn, then TxnOffsetCommit at the group coordinator', async () => {
    const { manager, log } = scripted({ [ApiKey.TxnOffsetCommit]: [ErrorCode.COORDINATOR_LOAD_IN_PROGRESS] });
    await manager.initTransactions();
    manager.beginTransaction();
    await manager.sendOffsetsToTransaction([{ topic: 'in', partition: 0, offset: 5n }], { groupId: 'g' });
    await manager.endTransaction(true);
    expect(log.slice(2)).toEqual(['AddOffsetsToTxn', 'FindCoordinator(0)', 'TxnOffsetCommit', 'TxnOffsetCommit', 'EndTxn(true)']);
  });

  it('a failed add makes the transaction abortable: commit refuses, abort ends it, the next one works', async () => {
    const { manager } = scripted({ [ApiKey.AddPartitionsToTxn]: [ErrorCode.TOPIC_AUTHORIZATION_FAILED] });
    await manager.initTransactions();
    manager.beginTransaction();
    await added(manager, 'secret', 0);
    expect(manager.state).toBe('ABORTABLE_ERROR');
    expect(String(manager.failure)).toBe('org.apache.kafka.common.errors.TopicAuthorizationException: Not authorized to access topics: [secret]');
    await expect(manager.endTransaction(true)).rejects.toThrow('Cannot execute transactional method because we are in an error state: Not authorized to access topics: [secret]');
    await manager.endTransaction(false);
    expect(manager.state).toBe('READY');
    manager.beginTransaction();
    await added(manager, 'secret', 0);
    expect(manager.state).toBe('IN_TRANSACTION');
  });

  it('aborting after a failed send bumps the epoch (the same producer id, InitProducerId with the current epoch)', async () => {
    const { manager, log } = scripted({});
    await manager.initTransactions();
    manager.beginTransaction();
    await added(manager, 't', 0);
    manager.fail(new Error('NotEnoughReplicasException'), false, true);
    expect(manager.state).toBe('ABORTABLE_ERROR');
    await manager.endTransaction(false);
    expect(log.slice(2)).toEqual(['AddPartitionsToTxn', 'EndTxn(false)', 'InitProducerId(7/3)']);
    expect(manager.producerId).toEqual({ producerId: 7, epoch: 4 });
    expect(manager.state).toBe('READY');
  });

  it('an add that fails while commit waits for it turns the commit into an abortable error', async () => {
    const { manager } = scripted({ [ApiKey.AddPartitionsToTxn]: [ErrorCode.TOPIC_AUTHORIZATION_FAILED] });
    await manager.initTransactions();
    manager.beginTransaction();
    manager.addPartition('secret', 0, () => undefined);
    await expect(manager.endTransaction(true)).rejects.toThrow('Cannot execute transactional method because we are in an error state');
    expect(manager.state).toBe('ABORTABLE_ERROR');
  });

  it('a fenced epoch is fatal (ProducerFencedException) and every later call says so', async () => {
    const { manager } = scripted({ [ApiKey.EndTxn]: [ErrorCode.PRODUCER_FENCED] });
    await manager.initTransactions();
    manager.beginTransaction();
    await added(manager, 't', 0);
    const error = await manager.endTransaction(true).catch((e: unknown) => e);
    expect(String(error)).toBe('org.apache.kafka.common.errors.ProducerFencedException: There is a newer producer with the same transactionalId which fences the current one.');
    expect(manager.state).toBe('FATAL_ERROR');
    expect(() => manager.beginTransaction()).toThrow(
      'Cannot execute transactional method because we are in an error state: There is a newer producer with the same transactionalId which fences the current one.',
    );
  });

  it('gives up after max.block.ms of retriable answers', async () => {
    const { manager } = scripted({ [ApiKey.InitProducerId]: Array<number>(10_000).fill(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS) });
    const error = await manager.initTransactions().catch((e: unknown) => e);
    expect(String(error)).toBe('org.apache.kafka.common.errors.TimeoutException: Timeout expired after 2000ms while awaiting InitProducerId');
  });
});
