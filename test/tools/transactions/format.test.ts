// The tables kafka-transactions prints, from the typed results kt transactions computes.
import { describe, expect, it } from 'vitest';
import { describeTable, describedProducers, describedTransaction, hangingTable, listTable, listedTransactions, producersTable } from '../../../src/tools/transactions/format.js';

describe('kt transactions tables', () => {
  it('lists with every cell padded and followed by a TAB, the header even without rows', () => {
    expect(listTable([])).toBe('TransactionalId\tCoordinator\tProducerId\tTransactionState\t\n');
    const rows = listedTransactions(new Map([[1, [{ transactionalId: 'my-txn', producerId: 1000n, state: 'Ongoing' }]]]));
    expect(rows).toEqual([{ transactionalId: 'my-txn', coordinator: 1, producerId: 1000n, state: 'Ongoing' }]);
    expect(listTable(rows)).toBe('TransactionalId\tCoordinator\tProducerId\tTransactionState\t\nmy-txn         \t1          \t1000      \tOngoing         \t\n');
  });

  it('describes an open transaction with its duration and partitions, None without one', () => {
    const open = describedTransaction('t1', { coordinatorId: 1, state: 'Ongoing', producerId: 7n, producerEpoch: 2, transactionTimeoutMs: 60000, transactionStartTimeMs: 1000n, topicPartitions: [{ topic: 'a', partition: 1 }, { topic: 'a', partition: 0 }] }, 1500);
    expect(open.transactionDurationMs).toBe(500n);
    expect(describeTable(open).split('\n')[1]).toBe('1            \tt1             \t7         \t2            \tOngoing         \t60000               \t1000                         \t500                  \ta-1,a-0        \t');
    const idle = describedTransaction('t1', { coordinatorId: 1, state: 'Empty', producerId: 7n, producerEpoch: 2, transactionTimeoutMs: 60000, transactionStartTimeMs: null, topicPartitions: [] }, 1500);
    expect(describeTable(idle).split('\n')[1]).toBe('1            \tt1             \t7         \t2            \tEmpty           \t60000               \tNone                         \tNone                 \t               \t');
  });

  it('describes producers: -1 for an unknown coordinator epoch, None without an open transaction', () => {
    const rows = describedProducers([
      { producerId: 0n, producerEpoch: 0, lastSequence: 99, lastTimestamp: 1700000000000n, coordinatorEpoch: null, currentTransactionStartOffset: null },
      { producerId: 1n, producerEpoch: 3, lastSequence: 4, lastTimestamp: 1700000000001n, coordinatorEpoch: 0, currentTransactionStartOffset: 100n },
    ]);
    expect(producersTable(rows)).toBe(
      'ProducerId\tProducerEpoch\tLatestCoordinatorEpoch\tLastSequence\tLastTimestamp\tCurrentTransactionStartOffset\t\n' +
        '0         \t0            \t-1                    \t99          \t1700000000000\tNone                         \t\n' +
        '1         \t3            \t0                     \t4           \t1700000000001\t100                          \t\n',
    );
  });

  it('lists hanging transactions', () => {
    expect(hangingTable([{ topic: 'orders', partition: 0, producerId: 5n, producerEpoch: 1, coordinatorEpoch: null, startOffset: 42n, lastTimestamp: 1n, durationMinutes: 20 }])).toBe(
      'Topic \tPartition\tProducerId\tProducerEpoch\tCoordinatorEpoch\tStartOffset\tLastTimestamp\tDuration(min)\t\n' +
        'orders\t0        \t5         \t1            \t-1              \t42         \t1            \t20           \t\n',
    );
  });
});
